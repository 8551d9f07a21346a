"""Results first: the search page's layout in real Chromium, on a phone (390×844) and a wide screen (1280×800).

Search box, count, sort and the chosen filters as removable tags come before the results; the filters are
a panel that „Filter (N)“ opens over the page on a phone (Escape closes it, the focus returns) and a
sidebar beside the results on a wide screen. Without JavaScript only what works is shown.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from browser import PHONE, describe, phone_page, run_axe
from conftest import TODAY

WIDE = {"width": 1280, "height": 800}
#: three filters of different kinds, each leaving results
THREE_FILTERS = "nahe=eichenau&kostenlos=1&alter=8"


@pytest.fixture(params=["phone", "wide"])
def page(request, checked_page):
    if request.param == "wide":
        checked_page.set_viewport_size(WIDE)
    checked_page.size = request.param
    return checked_page


@pytest.fixture
def phone(checked_page):
    return checked_page


def _wait(page):
    page.wait_for_function(
        r"() => { const m = document.querySelector('[data-status]').textContent.match(/^(\d+)/);"
        r" return m && document.querySelectorAll('[data-results] > li').length === Math.min(+m[1], 20); }")


def _after(page, action) -> None:
    """Do ``action`` and wait until the search has shown its results."""
    page.evaluate("() => { window.wwDone = false; document.getElementById('suche').addEventListener("
                  "'ww:results', () => { window.wwDone = true; }, {once: true}); }")
    action()
    page.wait_for_function("window.wwDone")


def _ids(page) -> list[str]:
    return [h.rstrip("/").split("/")[-1] for h in page.locator("[data-results] a.ww-card__link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")]


def _first_result_top(page) -> float:
    return page.evaluate("document.querySelector('[data-results] > li').getBoundingClientRect().top + scrollY")


def test_with_three_filters_the_first_result_is_within_one_and_a_half_screens_on_a_phone(phone, example_server):
    phone.goto(f"{example_server}/suche/?{THREE_FILTERS}")
    _wait(phone)
    assert _first_result_top(phone) <= 1.5 * PHONE["height"]
    assert not phone.locator("[data-filter-panel]").is_visible()  # a shared link opens on the results
    assert phone.text_content("[data-filter-open]").split() == ["Filter", "(3)"]


def test_on_a_wide_screen_the_filters_are_a_sidebar_beside_the_results(chromium, example_server):
    with phone_page(chromium) as p:
        p.set_viewport_size(WIDE)
        p.goto(f"{example_server}/suche/?{THREE_FILTERS}")
        _wait(p)
        panel = p.locator("[data-filter-panel]").bounding_box()
        results = p.locator("[data-results-section]").bounding_box()
        assert panel["x"] + panel["width"] <= results["x"]  # beside, not above
        assert abs(panel["y"] - results["y"]) < 50
        assert _first_result_top(p) < WIDE["height"]
        violations = run_axe(p)
        assert violations == [], describe(violations)
        assert p.locator(".ww-finder__open").bounding_box()["width"] <= 1  # only for the keyboard, see below
        p.focus("#suche-q")
        p.keyboard.press("Tab")
        p.keyboard.press("Tab")
        assert p.evaluate("document.activeElement.hasAttribute('data-filter-open')")
        assert p.locator(".ww-finder__open").bounding_box()["width"] > 40
        p.keyboard.press("Enter")  # leads into the sidebar
        assert p.evaluate("document.activeElement.hasAttribute('data-filter-panel')")
        p.keyboard.press("Tab")
        assert p.evaluate("document.activeElement.id") == "f-nahe"


def test_at_most_ten_tab_presses_from_the_search_box_to_the_first_result(page, example_server):
    page.goto(f"{example_server}/suche/?q=Kita&{THREE_FILTERS}")
    _wait(page)
    page.focus("#suche-q")
    first = page.locator("[data-results] a.ww-card__link").first
    presses = 0
    while not first.evaluate("el => el === document.activeElement"):
        page.keyboard.press("Tab")
        presses += 1
        assert presses <= 10, page.evaluate("document.activeElement.outerHTML")
    print(f"{page.size}: {presses} Tab presses from the search box to the first result")


def test_the_filter_panel_opens_over_the_page_and_escape_closes_it(phone, example_server):
    phone.goto(f"{example_server}/suche/?{THREE_FILTERS}")
    _wait(phone)
    opener = phone.locator("[data-filter-open]")
    assert opener.get_attribute("aria-expanded") == "false"
    opener.click()
    panel = phone.locator("[data-filter-panel]")
    assert panel.is_visible()
    assert panel.get_attribute("role") == "dialog" and panel.get_attribute("aria-modal") == "true"
    assert opener.get_attribute("aria-expanded") == "true"
    box = panel.bounding_box()
    assert box["y"] <= 0 and box["height"] >= PHONE["height"] - 1  # the whole screen
    assert phone.evaluate("document.querySelector('[data-filter-panel]').contains(document.activeElement)")
    assert phone.evaluate("document.querySelector('.ww-search').closest('[inert]') !== null")  # the rest is inert
    # ticking a box changes the count on the button that returns to the results
    count = phone.text_content("[data-status]").split()[0]
    assert phone.text_content("[data-filter-done]") == f"{count} Angebote anzeigen"
    phone.uncheck("#f-kostenlos")
    phone.wait_for_function("text => document.querySelector('[data-filter-done]').textContent !== text",
                            arg=f"{count} Angebote anzeigen")
    _wait(phone)
    assert phone.text_content("[data-filter-done]").split()[0] == phone.text_content("[data-status]").split()[0]
    phone.keyboard.press("Escape")
    assert not panel.is_visible()
    assert phone.evaluate("document.activeElement.hasAttribute('data-filter-open')")
    assert phone.evaluate("document.querySelector('[inert]') === null")
    assert opener.get_attribute("aria-expanded") == "false"
    opener.click()
    phone.click("[data-filter-done]")
    assert not panel.is_visible() and phone.evaluate("document.activeElement.hasAttribute('data-filter-open')")
    opener.click()
    phone.click("[data-filter-close]")
    assert not panel.is_visible()


def test_the_open_panel_has_no_axe_violations(phone, example_server):
    phone.goto(f"{example_server}/suche/?{THREE_FILTERS}")
    _wait(phone)
    phone.click("[data-filter-open]")
    violations = run_axe(phone)
    assert violations == [], describe(violations)


def test_chosen_filters_are_tags_that_remove_them(page, example_server):
    page.goto(f"{example_server}/suche/?q=Kita&ort=musterstadt&kostenlos=1")
    _wait(page)
    tags = page.locator("[data-tags] button")
    assert tags.all_text_contents() == ["Filter entfernen: Ort: Musterstadt×", "Filter entfernen: Nur kostenlose Angebote×"]
    _after(page, tags.first.click)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["Kita"], "kostenlos": ["1"]}
    assert not page.is_checked("#f-ort-musterstadt")
    assert page.evaluate("document.activeElement.textContent").endswith("Nur kostenlose Angebote×")  # the next tag
    page.goto(f"{example_server}/suche/?q=Kita&ort=musterstadt&kostenlos=1&nahe=birkenfeld")
    _wait(page)
    assert page.locator("[data-tags] button").count() == 3
    page.click("[data-tags-area] [data-reset]")  # „Alle Filter entfernen“ keeps the word
    page.wait_for_function("!location.search.includes('ort=')")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["Kita"]}
    assert page.locator("[data-tags-area]").is_hidden()


def test_sort_by_next_start_and_a_to_z_and_by_distance_only_with_a_place(page, example_server, catalog):
    page.goto(f"{example_server}/suche/?bereich=weiterbildung")
    _wait(page)
    sort = page.locator("#f-sortierung")
    assert sort.input_value() == "a-z"
    assert page.locator("#f-sortierung option[value=entfernung]").is_disabled()
    assert page.locator("#f-sortierung option[value=relevanz]").is_disabled()  # no words to weigh
    offers = catalog.offers_by("area", "weiterbildung")
    assert _ids(page) == [o.id for o in offers][:20]
    _after(page, lambda: sort.select_option("beginn"))
    assert "sortierung=beginn" in page.url
    upcoming = sorted((o for o in offers if o.start_date and o.start_date >= TODAY), key=lambda o: o.start_date)
    starts = [next(o for o in offers if o.id == i).start_date for i in _ids(page)]
    assert starts[:len(upcoming)] == [o.start_date for o in upcoming][:20]
    page.goto(f"{example_server}/suche/?bereich=weiterbildung&nahe=birkenfeld")
    _wait(page)
    assert sort.input_value() == "entfernung" and not page.locator("#f-sortierung option[value=entfernung]").is_disabled()
    _after(page, lambda: sort.select_option("a-z"))
    assert "sortierung=a-z" in page.url
    on_site = [o.id for o in offers if o.municipality]
    assert _ids(page) == on_site[:20]
    page.goto(f"{example_server}/suche/?q=Deutsch")
    _wait(page)
    assert sort.input_value() == "relevanz"
    assert "sortierung" not in page.url


def test_without_javascript_only_what_works_is_shown(chromium, example_server, catalog):
    with phone_page(chromium, java_script=False) as p:
        p.goto(example_server + "/suche/?q=Yoga")
        intro = p.locator("[data-nojs-intro]")
        assert intro.is_visible() and intro.text_content().startswith("Ohne JavaScript kann diese Seite nicht")
        for control in ("#suche-q", "[data-filter-panel]", "[data-filter-open]", "[data-results-section]"):
            assert not p.locator(control).is_visible(), control
        links = p.locator("[data-nojs] a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        for facet in catalog.facets:
            if facet.pages:
                for key in catalog.vocabularies[facet.vocabulary].by_id:
                    assert f"/{facet.pages.folder}/{key}/" in links


def test_where_the_search_cannot_run_the_word_stays_and_matching_pages_come_first(chromium, example_server, catalog):
    with phone_page(chromium) as p:
        p.add_init_script("delete window.fetch;")
        p.goto(example_server + "/suche/?q=Deutsch+lernen")
        assert p.input_value("#suche-q") == "Deutsch lernen" and p.locator("#suche-q").is_visible()
        first = p.locator("[data-nojs] ul").first.locator("a").all_text_contents()
        labels = [row["label"] for facet in catalog.facets if facet.pages
                  for row in catalog.vocabularies[facet.vocabulary].rows
                  if "deutsch" in row["label"].lower() or "lernen" in row["label"].lower()]
        assert first and first == labels
        assert not p.locator("[data-filter-panel]").is_visible()
