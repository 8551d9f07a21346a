"""The result card of an offer: what a list page and a search result show, formatted once.

``theme/templates/components/offer_card.html`` renders a card from these texts on list pages;
the search page holds the same macro as a ``<template>`` which ``theme/static/js/search.js``
fills from the search store, whose rows are these texts in :data:`CARD_FIELDS` order (the search
manifest names them). Prices, dates and the like are thus formatted here only, in the language of
the page (``code``): dates, weekdays, numbers and lists after the CLDR (Babel), the words through the
interface's gettext catalogs.

A card answers the first questions: what (title, one line of summary), who offers it, where
(place; the search adds the distance), when (the next date with its weekday, the days and time of
day), what it costs and for whom.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from babel.dates import get_day_names
from babel.lists import format_list

from wegweiser.catalog.display import age_range, euro, local_date, locale, weekday
from wegweiser.i18n.catalogs import translations
from wegweiser.i18n.content import label, translated
from wegweiser.i18n.languages import SOURCE

if TYPE_CHECKING:
    from wegweiser.catalog.catalog import Catalog, Entry

#: the texts of a card, in the order of a search store row (the search manifest's ``card``):
#: url (the offer page, below the site's root), title, lang (of the title, if not the page's),
#: summary, summary_lang (of the summary, if not the page's), provider, place (municipality, else the format: „Online“), when (next date), days
#: (weekdays and time of day), cost, audience (target groups and ages), soon, address (printed only)
CARD_FIELDS = ("url", "title", "lang", "summary", "summary_lang", "provider", "place", "when", "days", "cost",
               "audience", "soon", "address")


def card_texts(catalog: Catalog, offer: Entry, code: str = SOURCE) -> dict[str, str]:
    """The card of a published offer as ``{field: text}`` (an empty text: not shown), in the language
    of ``code``."""
    title, summary = translated(offer, "title", code), translated(offer, "summary", code)
    return {
        "url": offer.page_url,
        "title": title.text,
        # the title's language where it is not the page's: a German title in another language (title_lang), or
        # the German title on another language's page
        "lang": (offer.title_lang or ("de" if title.fallback else "")) if (title.fallback or code == SOURCE) else "",
        "summary": summary.text,
        "summary_lang": "de" if summary.fallback else "",
        "provider": offer.provider_entry.name,
        "place": (catalog.label("municipalities", offer.municipality, code) if offer.municipality
                  else catalog.label("formats", offer.format, code)),
        "when": next_date(offer, catalog.today, code),
        "days": days_text(catalog, offer, code),
        "cost": euro(offer.cost_eur, code),
        "audience": audience_text(catalog, offer, code),
        "soon": translations(code).gettext("beginnt bald") if offer.soon else "",
        "address": address_text(catalog, offer),
    }


def next_date(offer: Entry, today, code: str = SOURCE) -> str:
    """„ab Mo, 01.02.2027“ for an offer still to begin; „läuft bis …“ / „läuft seit …“ for one under way."""
    start, end = offer.start_date, offer.end_date
    if not start:
        return ""
    t = translations(code)
    if start >= today:
        return t.gettext("ab %(weekday)s, %(date)s") % {"weekday": weekday(start, code),
                                                         "date": local_date(start, "short", code)}
    if end:
        return t.gettext("läuft bis %(date)s") % {"date": local_date(end, "short", code)}
    return t.gettext("läuft seit %(date)s") % {"date": local_date(start, "short", code)}


def days_text(catalog: Catalog, offer: Entry, code: str = SOURCE) -> str:
    """„Mo und Mi, abends“, „Mo–Fr, vormittags und nachmittags“, „am Wochenende“ from the offer's
    weekdays and times of day, in the vocabularies' order (the weekend is not said twice)."""
    days = _in_order(catalog, "weekdays", offer.values.get("weekdays"))
    times = _in_order(catalog, "times_of_day", offer.values.get("time_of_day"))
    weekend = {"sa", "so"} & {key for key, _ in days}
    positions = {key: i for i, key in enumerate(catalog.vocabularies["weekdays"].by_id)} if days else {}
    shorts = _ranges([_short_day(row, key, positions[key], code) for key, row in days],
                     [positions[key] for key, _ in days], code)
    said = _joined([label(row, code) or key for key, row in times if not (key == "wochenende" and weekend)], code)
    if shorts and said:
        return translations(code).gettext("%(days)s, %(times)s") % {"days": shorts, "times": said}
    return shorts or said


def _short_day(row: dict, key: str, position: int, code: str) -> str:
    """A weekday's short name: the vocabulary's in German, the CLDR's in other languages (the
    vocabulary lists the days from Monday)."""
    if code == SOURCE or position > 6:
        return row.get("short") or row.get("label") or key
    return get_day_names("abbreviated", locale=locale(code))[position]


def _in_order(catalog: Catalog, vocabulary: str, keys) -> list[tuple[str, dict]]:
    """(key, vocabulary row) of the keys, in the vocabulary's order."""
    found = catalog.vocabularies.get(vocabulary)
    wanted = set(keys or [])
    return [(key, row) for key, row in found.by_id.items() if key in wanted] if found and wanted else []


def _ranges(shorts: list[str], positions: list[int], code: str) -> str:
    """Days in week order, three or more consecutive ones as a range: „Mo–Fr“, „Mo, Mi und Fr“."""
    parts, i = [], 0
    while i < len(shorts):
        j = i
        while j + 1 < len(shorts) and positions[j + 1] == positions[j] + 1:
            j += 1
        parts.extend([f"{shorts[i]}–{shorts[j]}"] if j - i >= 2 else shorts[i:j + 1])
        i = j + 1
    return _joined(parts, code)


def _joined(parts: list[str], code: str) -> str:
    """„Mo, Mi und Fr“: the language's way of listing (CLDR)."""
    return _listed(tuple(parts), code) if parts else ""


@functools.lru_cache(maxsize=1024)
def _listed(parts: tuple[str, ...], code: str) -> str:
    return format_list(list(parts), locale=locale(code))


def audience_text(catalog: Catalog, offer: Entry, code: str = SOURCE) -> str:
    """„Für Kinder unter 3 Jahren, Eltern und Familien (0 bis 1 Jahre)“."""
    groups = ", ".join(catalog.labels("target_groups", offer.target_groups or [], code))
    ages = age_range(offer.age_min, offer.age_max, code)
    t = translations(code)
    if not groups:
        return t.gettext("Alter: %(ages)s") % {"ages": ages} if ages else ""
    if not ages:
        return t.gettext("Für %(groups)s") % {"groups": groups}
    return t.gettext("Für %(groups)s (%(ages)s)") % {"groups": groups, "ages": ages}


def address_text(catalog: Catalog, offer: Entry) -> str:
    """Venue, street, postcode and place on one line (printed result lists); empty for online offers."""
    if not offer.municipality:
        return ""
    town = " ".join(filter(None, [offer.postcode, catalog.label("municipalities", offer.municipality)]))
    return ", ".join(filter(None, [offer.venue, offer.street, town]))
