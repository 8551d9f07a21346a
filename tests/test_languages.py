"""The guide in several languages: pages per language, interface texts through gettext, formats per locale."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from conftest import core_settings
from jinja2 import Environment

from wegweiser.build.run import build
from wegweiser.catalog import display
from wegweiser.catalog.card import card_texts
from wegweiser.catalog.project import Project
from wegweiser.i18n import catalogs
from wegweiser.i18n.languages import language


# --- Cards, dates, weekdays, prices and ages in the page's language (catalog/card.py, catalog/display.py) ---

def _text(path) -> str:
    """Visible-ish text of a page: tags removed, entities decoded, whitespace folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


def _card_of(page_text: str, title: str) -> str:
    """The text from an offer's card title to the end of the list it is in."""
    return page_text[page_text.index(title):]


@pytest.fixture(scope="module")
def minimal_site(tmp_path_factory):
    from conftest import FIXTURES, make_project

    project = make_project(tmp_path_factory.mktemp("languages") / "p", FIXTURES / "minimal" / "content")
    out = project / "out"
    assert build(project / "pelicanconf.py", out).ok
    return out


def test_a_card_on_an_english_page_shows_the_date_weekday_and_price_in_english(minimal_site):
    """The course starts on Monday, 1 February 2027 and costs 120 euros: the provider page's card says so
    in each page's way of writing dates and prices (CLDR), the German page as before."""
    german = _card_of(_text(minimal_site / "anbieter" / "vhs-test" / "index.html"), "Deutschkurs A1 am Abend")
    english = _card_of(_text(minimal_site / "en" / "anbieter" / "vhs-test" / "index.html"), "Deutschkurs A1 am Abend")
    assert "Mo, 01.02.2027" in german and "120 €" in german
    assert "Mon, Feb 1, 2027" in english and "€120" in english
    assert "01.02.2027" not in english and "120 €" not in english


def test_the_english_offer_page_writes_its_dates_in_english(minimal_site):
    german = _text(minimal_site / "angebote" / "deutschkurs-a1" / "index.html")
    english = _text(minimal_site / "en" / "angebote" / "deutschkurs-a1" / "index.html")
    assert "1. Februar 2027 bis 30. Juni 2027" in german and "1. November 2026." in german
    assert "February 1, 2027" in english and "June 30, 2027" in english and "November 1, 2026." in english
    assert not re.search(r"\b(Februar|Juni)\b", english)


def test_prices_follow_each_language(tmp_path):
    assert display.euro(1200) == "1.200 €"
    assert display.euro(12.5) == "12,50 €"
    assert display.euro(1200, "en") == "€1,200"
    assert display.euro(12.5, "en") == "€12.50"
    assert display.euro(1200, "ru").startswith("1\xa0200")  # CLDR's grouping (a no-break space)
    assert display.euro(None, "en") == ""


def test_template_filters_format_in_the_language_of_the_page():
    env = Environment(autoescape=True)
    env.filters.update(display.FILTERS)
    env.globals.update(display.GLOBALS)
    template = env.from_string("{{ day | local_date }} / {{ day | local_date('short') }} / {{ 25 | euro }} / "
                               "{{ date_range(day, end) }}")
    day, end = dt.date(2027, 2, 1), dt.date(2027, 6, 30)
    assert template.render(day=day, end=end) == "1. Februar 2027 / 01.02.2027 / 25 € / 1. Februar 2027 bis 30. Juni 2027"
    assert template.render(day=day, end=end, lang=language("en")) == (
        "February 1, 2027 / Feb 1, 2027 / €25 / February 1, 2027 to June 30, 2027")  # the English catalog's "to"
    assert template.render(day=day, end=end, lang=language("tr")).startswith("1 Şubat 2027 / ")


def _catalog(folder, code: str, messages: dict) -> None:
    """A gettext catalog of ``code`` in the guide's layout; a tuple key is a message with plural forms."""
    catalog = Catalog(locale=code)
    for msgid, msgstr in messages.items():
        catalog.add(msgid, msgstr)
    target = folder / code / "LC_MESSAGES" / f"{catalogs.DOMAIN}.po"
    target.parent.mkdir(parents=True)
    with target.open("wb") as fh:
        write_po(fh, catalog)


@pytest.fixture
def fixture_catalogs(tmp_path, monkeypatch):
    """Tiny English and Arabic catalogs in place of the guide's."""
    _catalog(tmp_path, "en", {
        "ab %(weekday)s, %(date)s": "from %(weekday)s, %(date)s",
        "läuft bis %(date)s": "until %(date)s",
        "kostenlos": "free",
        "beginnt bald": "starts soon",
        "Für %(groups)s (%(ages)s)": "For %(groups)s (%(ages)s)",
        ("ab %(num)s Jahren", "ab %(num)s Jahren"): ("from %(num)s year", "from %(num)s years"),
    })
    _catalog(tmp_path, "ar", {
        ("ab %(num)s Jahren", "ab %(num)s Jahren"): tuple(f"form{i} %(num)s" for i in range(6)),
    })
    monkeypatch.setattr(catalogs, "LOCALES", tmp_path)
    catalogs.translations.cache_clear()
    yield
    catalogs.translations.cache_clear()


@pytest.fixture(scope="module")
def minimal_catalog(tmp_path_factory):
    from conftest import FIXTURES, make_project

    project = make_project(tmp_path_factory.mktemp("catalog") / "p", FIXTURES / "minimal" / "content")
    validation, catalog = Project.from_settings(core_settings(project)).load()
    assert catalog is not None, [f.as_text() for f in validation.errors]
    return catalog


def test_the_words_of_a_card_come_from_the_catalog_of_its_language(fixture_catalogs, minimal_catalog):
    course = next(o for o in minimal_catalog.offers if o.id == "deutschkurs-a1")
    english = card_texts(minimal_catalog, course, "en")
    assert english["when"] == "from Mon, Feb 1, 2027"
    assert english["cost"] == "€120"
    assert english["audience"].startswith("For ") and english["audience"].endswith("(from 16 years)")
    assert card_texts(minimal_catalog, course)["when"] == "ab Mo, 01.02.2027"
    free = next(o for o in minimal_catalog.offers if o.cost_eur == 0)
    assert card_texts(minimal_catalog, free, "en")["cost"] == "free"
    assert card_texts(minimal_catalog, free)["cost"] == "kostenlos"


def test_ages_take_the_plural_form_of_the_language(fixture_catalogs):
    assert display.age_range(1, None, "en") == "from 1 year"
    assert display.age_range(16, None, "en") == "from 16 years"
    assert display.age_range(16, None) == "ab 16 Jahren"
    # Arabic has six plural forms; its catalog's Plural-Forms (Babel) number them 0, 1, 2, 3–10, 100–102
    # (n % 100 in 0..2) and the rest
    assert [display.age_range(n, None, "ar") for n in (0, 1, 2, 3, 11, 100)] == [
        "form0 0", "form1 1", "form2 2", "form3 3", "form5 11", "form4 100"]
