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
