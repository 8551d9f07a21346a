"""One result card: a search result shows the same card as the list pages, in real Chromium."""

from __future__ import annotations


import pytest
from conftest import TODAY

#: what a reader gets from a card: its link, title, language, summary and the parts below
CARD = """li => ({
  href: li.querySelector('a.ww-card__link').href,
  title: li.querySelector('a.ww-card__link').textContent,
  lang: li.querySelector('a.ww-card__link').getAttribute('lang'),
  summary: (li.querySelector('.ww-card__summary') || {}).textContent,
  meta: Array.from(li.querySelectorAll('.ww-card__meta > *')).map(e => [e.className, e.textContent]),
  text: li.innerText.replace(/\\s+/g, ' ').trim(),
})"""


@pytest.fixture
def page(checked_page):
    return checked_page


def _search_cards(page, server: str, query: str, count: int) -> list[dict]:
    page.goto(f"{server}/suche/?{query}")
    page.wait_for_function(f"document.querySelectorAll('[data-results] > li').length === {count}")
    return page.locator("[data-results] > li").evaluate_all(f"els => els.map({CARD})")


def _list_cards(page, server: str, path: str) -> list[dict]:
    page.goto(f"{server}/{path}")
    return page.locator("ul.ww-cards > li").evaluate_all(f"els => els.map({CARD})")


@pytest.mark.parametrize("area", ["fruehkindliche-bildung", "allgemeinbildende-schulen", "berufliche-bildung",
                                  "hochschulen", "weiterbildung", "non-formale-bildung"])
def test_a_search_result_card_has_the_text_of_the_list_card(page, example_server, catalog, area):
    """Filtered by area alone, the search lists the area page's offers in the same order."""
    offers = catalog.offers_by("area", area)
    shown = min(len(offers), 20)
    assert shown
    found = _search_cards(page, example_server, f"bereich={area}", shown)
    listed = _list_cards(page, example_server, f"bereiche/{area}/")[:shown]
    assert [c["href"] for c in found] == [f"{example_server}/{o.page_url}" for o in offers[:shown]]
    assert found == listed


def test_cards_show_language_cost_date_and_soon_as_on_list_pages(page, example_server, catalog):
    """The parts that depend on the offer appear in the search exactly where the list shows them."""
    samples = {
        "title in another language": next(o for o in catalog.offers if o.title_lang),
        "online, no place": next(o for o in catalog.offers if not o.municipality),
        "free": next(o for o in catalog.offers if o.cost_eur == 0),
        "with a price in cents": next((o for o in catalog.offers if o.cost_eur and o.cost_eur % 1), None)
        or next(o for o in catalog.offers if o.cost_eur),
        "starting soon": next(o for o in catalog.offers if o.soon),
        "without a date": next(o for o in catalog.offers if not o.start_date),
    }
    for what, offer in samples.items():
        listed = next(c for c in _list_cards(page, example_server, offer.provider_entry.page_url)
                      if c["href"] == f"{example_server}/{offer.page_url}")
        place = f"&ort={offer.municipality}" if offer.municipality else "&form=online"
        page.goto(f"{example_server}/suche/?bereich={offer.area}{place}")
        found = _find_in_results(page, f"{example_server}/{offer.page_url}")
        assert found == listed, what


def _find_in_results(page, href: str) -> dict:
    """The card of ``href`` among all results of the search on screen (showing more until it appears)."""
    page.wait_for_function("document.querySelector('[data-status]').textContent.length > 0")
    while True:
        page.wait_for_function("() => { const m = document.querySelector('[data-status]').textContent.match(/^(\\d+)/);"
                               " const n = document.querySelectorAll('[data-results] > li').length;"
                               " return m && (n === +m[1] || n % 20 === 0 && n > 0); }")
        cards = page.locator("[data-results] > li").evaluate_all(f"els => els.map({CARD})")
        match = [c for c in cards if c["href"] == href]
        if match:
            return match[0]
        more = page.locator("[data-more]")
        assert more.is_visible(), href
        more.click()


def test_the_distance_is_the_only_part_a_search_card_adds(page, example_server, catalog):
    offer = next(o for o in catalog.offers if o.municipality and o.lat is not None)
    page.goto(f"{example_server}/suche/?nahe={offer.municipality}&bereich={offer.area}")
    found = _find_in_results(page, f"{example_server}/{offer.page_url}")
    listed = next(c for c in _list_cards(page, example_server, offer.provider_entry.page_url)
                  if c["href"] == f"{example_server}/{offer.page_url}")
    assert found["meta"][0][0] == "ww-card__distance" and found["meta"][0][1].endswith("km")
    assert found["meta"][1:] == listed["meta"]
    assert {k: v for k, v in found.items() if k not in ("meta", "text")} == \
        {k: v for k, v in listed.items() if k not in ("meta", "text")}


WEEKDAYS = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]


def test_a_card_answers_the_first_questions(page, example_server, catalog):
    """What, who, where, when (the next date with its weekday, the days and time of day), cost, for whom."""
    offer = next(o for o in catalog.offers if o.start_date and o.start_date >= TODAY and o.weekdays and o.time_of_day
                 and o.cost_eur and o.age_min is not None and o.municipality and len(o.weekdays) < 3)
    card = next(c for c in _list_cards(page, example_server, offer.provider_entry.page_url)
                if c["href"] == f"{example_server}/{offer.page_url}")
    text = card["text"]
    day = offer.start_date
    shorts = catalog.vocabularies["weekdays"].by_id
    expected = [
        offer.title, offer.provider_entry.name, catalog.label("municipalities", offer.municipality),
        f"ab {WEEKDAYS[day.weekday()]}, {day:%d.%m.%Y}",
        " und ".join(shorts[d]["short"] for d in shorts if d in offer.weekdays),
        catalog.label("times_of_day", offer.time_of_day[0]),
        f"{offer.cost_eur:,.0f} €".replace(",", "."),
        "Für " + catalog.label("target_groups", offer.target_groups[0]),
        f"ab {offer.age_min} Jahren" if offer.age_max is None else f"{offer.age_min} bis {offer.age_max} Jahre",
    ]
    for part in expected:
        assert part in text, (part, text)
    assert offer.summary.startswith(card["summary"][:40])
