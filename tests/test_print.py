"""Print: a results list prints the query, the filters and each offer's address and link; an offer prints its
registration link written out; no page ends in a blank sheet. Printed by Chromium to PDF, read with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

import pytest
from browser import phone_page
from conftest import TODAY
from pypdf import PdfReader


@pytest.fixture
def page(chromium, example_server):
    with phone_page(chromium) as p:
        p.clock.set_fixed_time(dt.datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0))
        yield p


def _printed(page, paper: str = "A4") -> list[str]:
    """The text of each printed page, white space made single spaces (and ligatures letters: „ﬃ“ is „ffi“)."""
    reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
    return [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", p.extract_text() or "")).strip() for p in reader.pages]


def _joined(pages: list[str]) -> str:
    """All printed text without spaces (pypdf breaks long addresses where the line broke)."""
    return re.sub(r"\s+", "", " ".join(pages))


def test_an_offer_prints_its_registration_link_written_out(page, example_server, catalog):
    offer = next(o for o in catalog.offers if o.registration_url and o.registration_url.startswith("https://"))
    page.goto(f"{example_server}/{offer.page_url}")
    pages = _printed(page)
    assert offer.registration_url in _joined(pages)
    assert "Wie melde ich mich an?" in " ".join(pages)
    assert "Teilen" not in " ".join(pages) and "In den Kalender" not in " ".join(pages)


def test_an_e_mail_registration_prints_the_address_alone(page, example_server, catalog):
    offer = next(o for o in catalog.offers if (o.registration_url or "").startswith("mailto:"))
    page.goto(f"{example_server}/{offer.page_url}")
    joined = _joined(_printed(page, "A5"))
    assert f"ZurAnmeldung({offer.registration_url.removeprefix('mailto:')})" in joined
    assert "mailto:" not in joined


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_offers_print_their_registration_and_no_blank_page(page, example_server, catalog, paper):
    """The offers with the longest pages, by e-mail and online, and one without a registration link."""
    longest = sorted(catalog.offers, key=lambda o: -len(o.body or ""))[:2]
    by_mail = next(o for o in catalog.offers if (o.registration_url or "").startswith("mailto:"))
    online = next(o for o in catalog.offers if (o.registration_url or "").startswith("https://"))
    without = next(o for o in catalog.offers if not o.registration_url)
    for offer in dict.fromkeys([*longest, by_mail, online, without]):
        page.goto(f"{example_server}/{offer.page_url}")
        pages = _printed(page, paper)
        assert all(pages), (offer.id, [len(p) for p in pages])
        link = (offer.registration_url or "").removeprefix("mailto:")
        assert link in _joined(pages), offer.id


def test_a_results_list_prints_query_filters_and_each_offer_s_address_and_link(page, example_server, catalog):
    page.goto(f"{example_server}/suche/?q=Deutsch&kostenlos=1&ort=musterstadt")
    page.wait_for_function("document.querySelectorAll('[data-results] > li').length > 0")
    shown = page.locator("[data-results] a.ww-card__link").evaluate_all("els => els.map(e => e.href)")
    pages = _printed(page)
    text = " ".join(pages)
    assert "Suche nach „Deutsch“; Filter: Ort: Musterstadt, Nur kostenlose Angebote." in text
    joined = _joined(pages)
    by_url = {f"{example_server}/{o.page_url}": o for o in catalog.offers}
    for url in shown:
        offer = by_url[url]
        assert url in joined
        assert re.sub(r"\s+", "", f"{offer.street}, {offer.postcode} Musterstadt") in joined, offer.id


@pytest.mark.parametrize("path", ["angebote/babymassage-fbs/", "suche/?q=Yoga", "", "bildungsmonitoring/"])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_no_printed_page_is_blank(page, example_server, path, paper):
    page.goto(f"{example_server}/{path}")
    if "suche" in path:
        page.wait_for_function("document.querySelectorAll('[data-results] > li').length > 0")
    pages = _printed(page, paper)
    assert all(pages), [len(p) for p in pages]
