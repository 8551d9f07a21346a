"""German display helpers used by templates (dates, money, ages, links)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from wegweiser.catalog.geo import route_url

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember")
WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")


def weekday(value) -> str:
    """The short German weekday of a date: ``2027-02-01`` → „Mo“."""
    return WEEKDAYS[value.weekday()] if isinstance(value, dt.date) else ""


def de_date(value, style: str = "long") -> str:
    """``2027-02-01`` → „1. Februar 2027“ (long) or „01.02.2027“ (short)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        return "" if value is None else str(value)
    if style == "short":
        return value.strftime("%d.%m.%Y")
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def euro(value) -> str:
    """Cost in euro as German text; 0 is „kostenlos“."""
    if value is None or value == "":
        return ""
    amount = float(value)
    if amount == 0:
        return "kostenlos"
    if amount.is_integer():
        return f"{int(amount):,} €".replace(",", ".")
    text = f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text} €"


def age_range(age_min, age_max) -> str:
    if age_min is not None and age_max is not None:
        return f"{age_min} bis {age_max} Jahre"
    if age_min is not None:
        return f"ab {age_min} Jahren"
    if age_max is not None:
        return f"bis {age_max} Jahre"
    return ""


def date_range(start, end) -> str:
    if start and end and start != end:
        return f"{de_date(start)} bis {de_date(end)}"
    if start:
        return de_date(start)
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


FILTERS = {
    "route_url": route_url,
    "de_date": de_date,
    "euro": euro,
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


GLOBALS = {"age_range": age_range, "date_range": date_range, "mailto": mailto, "in_county": in_county}
