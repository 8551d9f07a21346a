"""What citizens find: the relevance set (tests/search/relevance.yaml) against the example guide, run by
the search page's query code in Node and by the page itself in Chromium.

success@10: share of queries with an expected offer among the first ten results; zero-result rate:
share of queries that show no offer at all. The floors are what the search reached when the set was
written (1.00 and 0.00) less a margin for changes of content or ranking."""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml
from browser import phone_page
from conftest import ROOT

RELEVANCE = ROOT / "tests" / "search" / "relevance.yaml"
RUNNER = ROOT / "tests" / "search" / "run_queries.js"
SUCCESS_FLOOR = 0.95
ZERO_CEILING = 0.02


def relevance_set() -> list[dict]:
    return yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))


def scores(cases: list[dict], ranked: list[list[str]]) -> tuple[float, float, list[str]]:
    """(success@10, zero-result rate, queries without success) of ranked result ids."""
    misses = [c["q"] for c, ids in zip(cases, ranked) if not set(c["expect"]) & set(ids[:10])]
    zero = sum(1 for ids in ranked if not ids)
    return 1 - len(misses) / len(cases), zero / len(cases), misses


def run_in_node(site, queries: list[str]) -> list[dict]:
    proc = subprocess.run(["node", str(RUNNER)], input=json.dumps({"site": str(site), "queries": queries}),
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(proc.stdout)


def typed(page, query: str) -> list[str]:
    """The ids of the first ten results the search page shows for a query typed into its box."""
    return page.evaluate("""q => new Promise(done => {
        const form = document.getElementById('suche');
        form.addEventListener('ww:results', () => done(Array.from(
            document.querySelectorAll('[data-results] a.ww-card__link'), a => a.getAttribute('href')
                .replace(/\\/$/, '').split('/').pop()).slice(0, 10)), {once: true});
        const input = document.getElementById('suche-q');
        input.value = q;
        input.dispatchEvent(new Event('input'));
    })""", query)


def test_the_set_is_large_and_varied_and_names_published_offers(catalog):
    cases = relevance_set()
    published = {o.id for o in catalog.offers}
    assert len(cases) >= 80
    assert {c["kind"] for c in cases} >= {"phrase", "compound", "synonym", "typo", "umlaut", "filter", "english",
                                          "description", "fallback"}
    assert [(c["q"], e) for c in cases for e in c["expect"] if e not in published] == []


def test_success_and_zero_results_in_node(example_site):
    cases = relevance_set()
    found = run_in_node(example_site, [c["q"] for c in cases])
    success, zero, misses = scores(cases, [r["ids"] for r in found])
    assert success >= SUCCESS_FLOOR, misses
    assert zero <= ZERO_CEILING


def test_the_search_page_shows_what_node_ranks(chromium, example_server, example_site):
    """Every query typed into the page: its first ten results are the ones the Node run ranks first."""
    cases = relevance_set()
    expected = run_in_node(example_site, [c["q"] for c in cases])
    with phone_page(chromium) as page:
        page.goto(example_server + "/suche/")
        shown = [typed(page, case["q"]) for case in cases]
    assert [s for s in shown] == [r["ids"][:10] for r in expected]
    success, zero, misses = scores(cases, shown)
    assert success >= SUCCESS_FLOOR, misses
    assert zero <= ZERO_CEILING


@pytest.mark.parametrize("query,tag", [("Kita Eichenau", "Ort: Eichenau"), ("umsonst Deutsch lernen", "kostenlos"),
                                       ("Rollstuhl", "Rollstuhlgerecht")])
def test_a_word_naming_a_filter_applies_it_as_a_removable_tag(chromium, example_server, query, tag):
    with phone_page(chromium) as page:
        page.goto(example_server + "/suche/?q=" + query)
        button = page.get_by_role("button", name=f"Filter „{tag}“ (aus Ihrer Suche) entfernen")
        button.wait_for()
        narrowed = int(page.text_content("[data-status]").split()[0])
        button.click()
        page.wait_for_function("!document.querySelector('[data-implied]').children.length")
        assert page.input_value("#suche-q").split() == [w for w in query.split() if w not in
                                                        ("Eichenau", "umsonst", "Rollstuhl")]
        status = page.text_content("[data-status]")
        assert not status[0].isdigit() or int(status.split()[0]) >= narrowed


def test_no_dead_ends(chromium, example_server):
    with phone_page(chromium) as page:
        page.goto(example_server + "/suche/?q=Musikinstrument Xylophon")
        page.wait_for_function("document.querySelector('[data-status]').textContent.includes('zu einem Teil')")
        assert "„Xylophon“ kommt in keinem Angebot vor." in page.text_content("[data-partial]")
        page.wait_for_function("document.querySelectorAll('[data-results] li').length > 0")  # the music offers
        page.goto(example_server + "/suche/?q=Xylophon")
        page.wait_for_function("!document.querySelector('[data-help]').hidden")
        help_links = page.locator("[data-help-links] li:not([hidden]) a").all_text_contents()
        assert "Weiterbildung" in help_links
        assert page.locator("[data-help] a[href^='tel:']").count() == 1
        page.goto(example_server + "/suche/?q=Mitbestimmungsrechtlerei")  # found nowhere, begins like a topic's word
        page.wait_for_function("!document.querySelector('[data-help]').hidden")
        assert page.locator("[data-help-links] li:not([hidden]) a").all_text_contents() == ["Politische Bildung"]


def test_an_offer_is_found_by_its_street_as_people_write_it(minimal_project):
    """A list writes „Kollwitzstr. 16“; a parent types „Kollwitzstraße“, „kollwitzstrasse“ or the list's
    „Kollwitzstr“ (with a need beside it): the offer at that street is found, by the street's name and
    not by its house number."""
    from conftest import edit

    from wegweiser.build.run import build

    edit(minimal_project / "content" / "offers" / "deutschkurs-a1.md", "street: Marktplatz 1", "street: Kollwitzstr. 16")
    assert build(minimal_project / "pelicanconf.py", minimal_project / "output").ok
    queries = ["Kollwitzstraße", "kollwitzstrasse", "Kollwitzstr", "Deutschkurs Kollwitzstraße", "Marktplatz", "16"]
    found = {result["q"]: result["ids"] for result in run_in_node(minimal_project / "output", queries)}
    for query in queries[:4]:
        assert found[query][:1] == ["deutschkurs-a1"], query
    assert "deutschkurs-a1" not in found["Marktplatz"] + found["16"]


def test_a_place_s_name_before_a_street_word_is_a_street_not_a_place_filter(example_site):
    """„Birkenfelder Straße“ may lie anywhere (streets are named after the next town): it does not narrow
    the results to Birkenfeld, while „Kita Birkenfeld“, „Kurse in Birkenfeld“ and „Birkenfelder Kurse“ do."""
    queries = ["Kita Birkenfelder Straße", "Birkenfelder Str.", "Kurs Birkenfelder Allee", "Kita Birkenfeld",
               "Kurse in Birkenfeld", "Birkenfelder Kurse"]
    filters = {result["q"]: result["filters"] for result in run_in_node(example_site, queries)}
    assert [filters[q] for q in queries] == [[], [], [], ["Ort: Birkenfeld"], ["Ort: Birkenfeld"], ["Ort: Birkenfeld"]]
