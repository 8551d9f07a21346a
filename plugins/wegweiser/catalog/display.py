"""Display helpers for templates and result cards: dates, money, ages, links — in a page's language.

Dates, weekdays and numbers follow the Unicode CLDR through Babel; the words around them are texts
of the interface, translated through the gettext catalogs (``wegweiser.i18n.catalogs``). Each
helper takes the language's ``code`` (German, the source language, by default); the template
filters and functions (:data:`FILTERS`, :data:`GLOBALS`) take it from the page's ``lang``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from urllib.parse import quote

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from jinja2 import pass_context

from wegweiser.catalog.geo import route_url
from wegweiser.i18n.catalogs import translations
from wegweiser.i18n.languages import SOURCE

#: the date styles: long „1. Februar 2027“ (CLDR's long), short „01.02.2027“ (CLDR's medium: „Feb 1, 2027“)
DATE_STYLES = {"long": "long", "short": "medium"}
#: how many formatted dates, numbers and prices are kept: the pages of a language format the same ones many times
_FORMATTED = 4096


@functools.lru_cache(maxsize=None)
def locale(code: str) -> Locale:
    """The CLDR data of a language, read once (Babel's functions parse a code on every call)."""
    return Locale.parse(code)


def weekday(value, code: str = SOURCE) -> str:
    """The short weekday of a date (CLDR's stand-alone abbreviation): ``2027-02-01`` → „Mo“, „Mon“."""
    return _formatted(value, "ccc", code) if isinstance(value, dt.date) else ""


def local_date(value, style: str = "long", code: str = SOURCE) -> str:
    """``2027-02-01`` → „1. Februar 2027“ (long) or „01.02.2027“ (short), in the language of ``code``."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        return "" if value is None else str(value)
    return _formatted(value, DATE_STYLES[style], code)


@functools.lru_cache(maxsize=_FORMATTED)
def _formatted(value: dt.date, pattern: str, code: str) -> str:
    return format_date(value, pattern, locale=locale(code))


def de_date(value, style: str = "long") -> str:
    """A date in German: the texts for the office (reports, calendars, indicator notes)."""
    return local_date(value, style)


@functools.lru_cache(maxsize=_FORMATTED)
def number(value, code: str = SOURCE) -> str:
    """A number in the digits and separators of the language: 1200 → „1.200“."""
    return format_decimal(value, locale=locale(code))


def euro(value, code: str = SOURCE) -> str:
    """Cost in euro: „120 €“, „12,50 €“, „€120“; 0 is „kostenlos“."""
    if value is None or value == "":
        return ""
    amount = float(value)
    return translations(code).gettext("kostenlos") if amount == 0 else _money(amount, code)


@functools.lru_cache(maxsize=_FORMATTED)
def _money(amount: float, code: str) -> str:
    return format_currency(amount, "EUR", format=_money_pattern(code, amount.is_integer()), locale=locale(code),
                           currency_digits=False)


@functools.lru_cache(maxsize=None)
def _money_pattern(code: str, whole: bool) -> str:
    """The language's CLDR pattern for amounts of money, whole euros without cents („120 €“), and an
    ordinary space where CLDR has a no-break one (as the guide has always written prices)."""
    pattern = locale(code).currency_formats["standard"].pattern.replace("\xa0", " ")
    return re.sub(r"\.[0#]+", "", pattern) if whole else pattern


def age_range(age_min, age_max, code: str = SOURCE) -> str:
    """„3 bis 6 Jahre“, „ab 18 Jahren“, „bis 10 Jahre“ (the plural form of the language's CLDR rules)."""
    t = translations(code)
    if age_min is not None and age_max is not None:
        # German says „0 bis 1 Jahre“, „ab 1 Jahren“: the same text for one and many
        return t.ngettext("%(min)s bis %(num)s Jahre", "%(min)s bis %(num)s Jahre", age_max) % {
            "min": number(age_min, code), "num": number(age_max, code)}
    if age_min is not None:
        return t.ngettext("ab %(num)s Jahren", "ab %(num)s Jahren", age_min) % {"num": number(age_min, code)}
    if age_max is not None:
        return t.ngettext("bis %(num)s Jahre", "bis %(num)s Jahre", age_max) % {"num": number(age_max, code)}
    return ""


def date_range(start, end, code: str = SOURCE) -> str:
    """„1. Februar 2027 bis 30. Juni 2027“; one date if start and end are the same."""
    if start and end and start != end:
        return translations(code).gettext("%(start)s bis %(end)s") % {
            "start": local_date(start, code=code), "end": local_date(end, code=code)}
    if start:
        return local_date(start, code=code)
    return ""


def osm_url(lat, lon) -> str:
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


def tel_href(phone: str) -> str:
    digits = "".join(ch for ch in (phone or "") if ch.isdigit() or ch == "+")
    return f"tel:{digits}"


def mailto(address: str, subject: str = "") -> str:
    href = f"mailto:{address}"
    return href + (f"?subject={quote(subject)}" if subject else "")


def safe_url(value) -> str:
    """A link target from content: http(s) and mailto only, anything else becomes "#".

    Validation already refuses other schemes (rules.check_link_schemes); this keeps a
    ``javascript:`` address harmless even if a page is built without validation.
    """
    from wegweiser.content.sanitize import unsafe_url

    text = str(value or "").strip()
    return "#" if not text or unsafe_url(text) else text


def page_language(context) -> str:
    """The code of the language a template renders in (its ``lang``; the source language without one)."""
    language = context.get("lang")
    return language.code if language is not None else SOURCE


def _in_page_language(helper):
    """``helper`` as a template filter or function that formats in the page's language."""
    @pass_context
    def in_language(context, *args, **kwargs):
        return helper(*args, code=page_language(context), **kwargs)
    return in_language


FILTERS = {
    "route_url": route_url,
    "local_date": _in_page_language(local_date),
    "euro": _in_page_language(euro),
    "osm_url": osm_url,
    "tel_href": tel_href,
    "safe_url": safe_url,
}

#: how a county's name begins -> the preposition and article it takes („im Landkreis …“, „in der Stadt …“)
_IN_COUNTY = (("Landkreis ", "im"), ("Kreis ", "im"), ("Regionalverband ", "im"), ("Stadtkreis ", "im"),
              ("Städteregion ", "in der"), ("Region ", "in der"), ("Stadt ", "in der"), ("Hansestadt ", "in der"),
              ("Freie Hansestadt ", "in der"), ("Wissenschaftsstadt ", "in der"))


def in_county(name: str | None, setting: str | None = None) -> str:
    """„im Landkreis Musterland“: the county's name after „in“ in its grammatical form, as
    ``WEGWEISER_COUNTY_IN`` gives it, else guessed from how the name begins („in Musterstadt“ for a town)."""
    if setting:
        return setting
    if not name:
        return ""
    for start, preposition in _IN_COUNTY:
        if name.startswith(start):
            return f"{preposition} {name}"
    return f"in {name}"


GLOBALS = {"age_range": _in_page_language(age_range), "date_range": _in_page_language(date_range), "mailto": mailto,
           "in_county": in_county}
