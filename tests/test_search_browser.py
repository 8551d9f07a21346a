"""The search page in real Chromium: queries, German variants, facets with counts, URL state."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import describe, phone_page, run_axe
from conftest import ROOT, TODAY

from wegweiser.content.schema import load_schemas

#: the search filters by URL parameter
FACETS = {facet.parameter: facet for facet in load_schemas(ROOT / "data").facets}



@pytest.fixture
def page(chromium, example_server):
    with phone_page(chromium) as p:
        p.clock.set_fixed_time(dt.datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0))
        p.requested = []
        p.on("request", lambda r: p.requested.append(r.url))
        p.errors = []
        p.on("pageerror", lambda e: p.errors.append(str(e)))
        yield p
        assert p.foreign_requests == []
        assert p.errors == []


def _results(page) -> list[str]:
    page.wait_for_function("document.querySelector('[data-status]').textContent.length > 0")
    page.wait_for_function(
        r"() => { const m = document.querySelector('[data-status]').textContent.match(/^(\d+)/);"
        r" const n = m ? Math.min(+m[1], 20) : 0; return document.querySelectorAll('[data-results] li').length === n; }")
    return [href.rstrip("/").split("/")[-1] for href in
            page.locator("[data-results] a.ww-card__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")]


def _count(page) -> int:
    text = page.text_content("[data-status]")
    match = re.match(r"(\d+) Angebot", text)
    return int(match.group(1)) if match else 0


def _search(page, server, query: str) -> list[str]:
    page.goto(f"{server}/suche/?{query}")
    return _results(page)


def test_typing_a_query_shows_matching_offers(page, example_server, catalog):
    page.goto(example_server + "/suche/")
    page.fill("#suche-q", "Yoga")
    ids = _results(page)
    yoga = {o.id for o in catalog.offers if "yoga" in o.title.lower()}
    assert yoga and yoga <= set(ids)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["Yoga"]}


@pytest.mark.parametrize("queries", [
    ("Kurse", "Kurs"), ("Kindern", "Kinder"), ("Führung", "Fuehrung", "fuhrung"), ("Straße", "Strasse"),
])
def test_german_variants_find_the_same_offers(page, example_server, queries):
    found = [_search(page, example_server, f"q={q}") for q in queries]
    assert found[0], queries
    assert all(f == found[0] for f in found)


def test_stop_words_of_the_search_data_are_left_out_of_a_query(page, example_server):
    """„für“ is in no index (a stop word): a query with it finds what the query without it finds."""
    without = _search(page, example_server, "q=Kinder+Eltern")
    assert without
    assert _search(page, example_server, "q=f%C3%BCr+Kinder+und+Eltern") == without


def test_strasse_finds_strasse(page, example_server):
    assert "kroetenzaun-mitmachaktion-buchholz" in _search(page, example_server, "q=Strasse")


def test_prefix_while_typing(page, example_server, catalog):
    full = _search(page, example_server, "q=Deutschkurs")
    page.goto(example_server + "/suche/")
    page.type("#suche-q", "Deutsc", delay=30)
    partial = _results(page)
    assert full and set(full[:10]) <= set(partial)  # the first page of results holds the best matches
    assert any("Deutsch" in t for t in page.locator("[data-results] a").all_text_contents())


def test_typo_tolerance_for_longer_words(page, example_server):
    assert set(_search(page, example_server, "q=Musikschule")) & set(_search(page, example_server, "q=Musikschuhle"))


def test_several_words_must_all_match(page, example_server, catalog):
    ids = _search(page, example_server, "q=Kita+Eichenau")
    assert ids
    for offer_id in ids:
        offer = next(o for o in catalog.offers if o.id == offer_id)
        text = f"{offer.title} {offer.summary} {offer.venue or ''} {offer.municipality}".lower()
        assert "eichenau" in text or "eichenau" in (offer.provider_entry.name.lower())


def _python_matches(catalog, name: str, value: str):
    field = FACETS[name].field
    result = []
    for o in catalog.offers:
        v = o.values.get(field)
        if v == value or (isinstance(v, list) and value in v):
            result.append(o)
    return result


@pytest.mark.parametrize("name", list(FACETS))
def test_each_facet_filters_and_counts_like_python(page, example_server, catalog, name):
    vocab = FACETS[name].vocabulary
    value = max(catalog.vocabularies[vocab].by_id, key=lambda k: len(_python_matches(catalog, name, k)))
    expected = _python_matches(catalog, name, value)
    page.goto(example_server + "/suche/")
    page.click("[data-filter-open]")
    page.check(f"#f-{name}-{value}")
    _results(page)
    assert _count(page) == len(expected)
    assert parse_qs(urlsplit(page.url).query) == {name: [value]}
    # counts shown for free offers and for another group are computed on the filtered set
    free = sum(1 for o in expected if o.cost_eur == 0)
    assert page.text_content("label[for=f-kostenlos] [data-count]") == f"({free})"
    other = "bereich" if name != "bereich" else "ort"
    for row in catalog.vocabularies[FACETS[other].vocabulary].rows[:4]:
        n = sum(1 for o in expected if o in _python_matches(catalog, other, row["id"]))
        assert page.text_content(f"label[for=f-{other}-{row['id']}] [data-count]") == f"({n})"


def test_free_age_and_start_filters(page, example_server, catalog):
    _search(page, example_server, "kostenlos=1&alter=10&beginn=90")
    groups = catalog.vocabularies["target_groups"].by_id

    def fits(low, high):
        return (low is None or low <= 10) and (high is None or high >= 10)

    def ok(o):  # an offer without an age range fits through its target groups (tests/test_filter_rules.py)
        own = o.age_min is not None or o.age_max is not None
        return (o.cost_eur == 0
                and (fits(o.age_min, o.age_max) if own else any(
                    fits(groups[g]["age_min"], groups[g]["age_max"]) for g in o.target_groups
                    if groups[g]["age_min"] is not None or groups[g]["age_max"] is not None))
                and o.start_date is not None and TODAY <= o.start_date <= TODAY + dt.timedelta(days=90))
    assert _count(page) == sum(1 for o in catalog.offers if ok(o))


def test_url_state_round_trips_with_back_and_forward(page, example_server):
    page.goto(example_server + "/suche/?q=deutsch&ort=musterstadt&kostenlos=1")
    first = _results(page)
    assert page.input_value("#suche-q") == "deutsch"
    assert page.is_checked("#f-ort-musterstadt") and page.is_checked("#f-kostenlos")
    page.click("[data-filter-open]")
    page.uncheck("#f-kostenlos")
    second = _results(page)
    assert "kostenlos" not in page.url and len(second) >= len(first)
    page.go_back()
    page.wait_for_function("document.querySelector('#f-kostenlos').checked")
    assert _results(page) == first
    page.go_forward()
    page.wait_for_function("!document.querySelector('#f-kostenlos').checked")
    assert _results(page) == second
    page.reload()
    assert _results(page) == second and page.is_checked("#f-ort-musterstadt")


def test_no_results_suggests_removing_a_filter(page, example_server):
    _search(page, example_server, "q=Yoga&ort=kastanienhof")
    assert _count(page) == 0
    assert "Entfernen Sie einen Filter" in page.text_content("[data-status]")
    page.click("text=Filter „Kastanienhof“ entfernen")
    assert _results(page)
    assert "ort=" not in page.url


def test_index_loads_only_when_searching(page, example_server):
    page.goto(example_server + "/suche/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in page.requested if "/suche/daten/" in u or "lunr" in u]
    page.fill("#suche-q", "Kita")
    _results(page)
    loaded = [u for u in page.requested if "/suche/daten/" in u]
    assert any("manifest-" in u for u in loaded) and any("/s-" in u for u in loaded)


def test_keyboard_only(page, example_server):
    page.goto(example_server + "/suche/")
    page.focus("#suche-q")
    page.keyboard.type("Kita")
    page.keyboard.press("Enter")
    assert _results(page)
    page.focus("[data-filter-open]")
    page.keyboard.press("Enter")
    for _ in range(10):  # through „In der Nähe“ to the first filter
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-bereich-fruehkindliche-bildung":
            break
    page.keyboard.press("Space")
    page.wait_for_function("location.search.includes('bereich=')")
    assert page.is_checked("#f-bereich-fruehkindliche-bildung")
    _results(page)


def test_search_page_has_no_axe_violations_with_results_and_filters(page, example_server):
    _search(page, example_server, "q=deutsch&ort=xyz")
    page.goto(example_server + "/suche/?q=deutsch")
    _results(page)
    page.click("[data-filter-open]")
    violations = run_axe(page)
    assert violations == [], describe(violations)
    _search(page, example_server, "q=Yoga&ort=kastanienhof")
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_without_javascript_the_form_leads_to_browse_pages(chromium, example_server):
    with phone_page(chromium, java_script=False) as p:
        p.goto(example_server + "/")
        p.fill("#suche-q", "Yoga")
        p.click("button[type=submit]")
        assert "/suche/?q=Yoga" in p.url
        assert p.locator("[data-nojs]").is_visible()
        p.click("[data-nojs-intro] >> text=von A bis Z")
        assert p.url.endswith("/a-z/")
