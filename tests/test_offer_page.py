"""The offer page: GOV.UK's order (the key facts, about, where and accessibility, contact, how to apply), a
„Wie melde ich mich an?“ block, „Zurück zu den Ergebnissen“ with the same search, and a share button."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h2, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = self._in or tag == "h2"
        if tag == "h2":
            self.h2.append("")

    def handle_endtag(self, tag):
        self._in = self._in and tag != "h2"

    def handle_data(self, data):
        if self._in:
            self.h2[-1] += data


def _headings(example_site, offer) -> list[str]:
    parser = _Headings()
    parser.feed((example_site / offer.save_as).read_text(encoding="utf-8"))
    return [h.strip() for h in parser.h2]


def test_sections_follow_the_gov_uk_order(example_site, catalog):
    order = ["Das Wichtigste", "Beschreibung", "Wo", "Barrierefreiheit", "Kontakt", "Wie melde ich mich an?", "Anbieter"]
    full = [o for o in catalog.offers if o.content and o.municipality and o.accessibility and o.contact_email]
    assert full
    for offer in full:
        headings = [h for h in _headings(example_site, offer) if h in order]
        assert headings == order, offer.id
    for offer in catalog.offers:  # every offer says how to sign up
        assert "Wie melde ich mich an?" in _headings(example_site, offer), offer.id


def test_how_to_sign_up_gives_link_deadline_and_contact(example_site, catalog):
    offer = next(o for o in catalog.offers if o.registration_deadline and o.registration_url)
    html = (example_site / offer.save_as).read_text(encoding="utf-8")
    block = html[html.index('<section class="ww-register"'):]
    block = block[:block.index("</section>")]
    day = offer.registration_deadline
    assert f"Anmeldeschluss: <strong>{day.day}. " in block and str(day.year) in block
    assert f'href="{offer.registration_url}"' in block and "Zur Anmeldung" in block
    without = next(o for o in catalog.offers if not o.registration_url and o.contact_phone)
    html = (example_site / without.save_as).read_text(encoding="utf-8")
    assert "Melden Sie sich über den Kontakt oben an, zum Beispiel telefonisch" in html


@pytest.fixture
def page(checked_page):
    return checked_page


def test_back_to_the_results_keeps_query_and_filters(page, example_server):
    search = f"{example_server}/suche/?q=Deutsch&kostenlos=1"
    page.goto(search)
    page.wait_for_function("document.querySelectorAll('[data-results] > li').length > 0")
    page.click("[data-results] a.ww-card__link >> nth=1")
    page.wait_for_url(re.compile(r".*/angebote/.*"))
    back = page.locator("[data-back] a")
    assert back.is_visible() and back.text_content() == "Zurück zu den Ergebnissen"
    assert back.get_attribute("href") == search
    back.click()
    page.wait_for_url(re.compile(r".*/suche/.*"))
    assert parse_qs(urlsplit(page.url).query) == {"q": ["Deutsch"], "kostenlos": ["1"]}
    page.wait_for_function("document.querySelectorAll('[data-results] > li').length > 0")
    assert page.input_value("#suche-q") == "Deutsch" and page.is_checked("#f-kostenlos")


def test_no_back_link_when_not_coming_from_the_search(page, example_server, catalog):
    page.goto(f"{example_server}/{catalog.offers[0].page_url}")
    assert page.locator("[data-back]").is_hidden()


def test_share_copies_the_link_where_the_browser_cannot_share(chromium, example_server, catalog):
    offer = catalog.offers[0]
    context = chromium.new_context(locale="de-DE", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{example_server}/{offer.page_url}")
    if page.evaluate("!!navigator.share"):
        pytest.fail("this Chromium has the Web Share API: test the fallback elsewhere")
    page.click("[data-share] button")
    page.wait_for_function("document.querySelector('[data-share-message]').textContent.length > 0")
    assert page.text_content("[data-share-message]") == "Link kopiert."
    assert page.evaluate("navigator.clipboard.readText()") == f"{example_server}/{offer.page_url}"
    context.close()


def test_share_uses_the_web_share_api_where_there_is_one(page, example_server, catalog):
    offer = catalog.offers[0]
    page.add_init_script("navigator.share = (data) => { window.shared = data; return Promise.resolve(); };")
    page.goto(f"{example_server}/{offer.page_url}")
    page.click("[data-share] button")
    assert page.evaluate("window.shared") == {"title": offer.title, "url": f"{example_server}/{offer.page_url}"}
