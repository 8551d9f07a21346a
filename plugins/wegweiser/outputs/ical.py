"""iCalendar (RFC 5545) files: one per dated offer, one feed per Bildungsbereich.

Offers have dates but no reliable times (the schedule is free text), so events
are all-day: a one-day offer on its day, a short one (up to
:data:`SPAN_DAYS` days) over its whole period, and a longer course on its
first day with the end date in the description. Lines end in CRLF, are folded
at 75 octets and text is escaped as the RFC requires.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from wegweiser.catalog import display
from wegweiser.catalog.catalog import Catalog, Entry

PRODID = "-//Bildungswegweiser//Bildungsangebote//DE"
SPAN_DAYS = 14
FILE_NAME = "kalender.ics"


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75  # continuation lines start with a space: 74 octets after it
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the character starts earlier
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def _date(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def is_dated(offer: Entry) -> bool:
    return isinstance(offer.start_date, dt.date)


def _host(site_url: str) -> str:
    return urlsplit(site_url).hostname or "bildungswegweiser.invalid"


def event_lines(catalog: Catalog, offer: Entry, site_url: str) -> list[str]:
    start, end = offer.start_date, offer.end_date or offer.start_date
    span = (end - start).days + 1
    dtend = end + dt.timedelta(days=1) if span <= SPAN_DAYS else start + dt.timedelta(days=1)
    description = [offer.summary]
    if span > SPAN_DAYS:
        description.append(f"Erster Termin; läuft bis {display.de_date(end)}.")
    if offer.schedule:
        description.append(f"Zeiten: {offer.schedule}")
    if offer.cost_eur is not None:
        description.append(f"Kosten: {display.euro(offer.cost_eur)}")
    description.append(f"Anbieter: {offer.provider_entry.name}")
    page = f"{site_url}/{offer.page_url}" if site_url.startswith(("http://", "https://")) else ""
    if page:
        description.append(f"Mehr: {page}")
    location = ", ".join(p for p in (
        offer.venue, offer.street,
        " ".join(p for p in (offer.postcode, catalog.label("municipalities", offer.municipality)) if p),
    ) if p) or catalog.label("formats", offer.format)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{offer.id}@{_host(site_url)}",
        f"DTSTAMP:{_date(catalog.today)}T000000Z",
        f"LAST-MODIFIED:{_date(offer.reviewed)}T000000Z" if isinstance(offer.reviewed, dt.date) else "",
        f"DTSTART;VALUE=DATE:{_date(start)}",
        f"DTEND;VALUE=DATE:{_date(dtend)}",
        f"SUMMARY:{escape(offer.title)}",
        f"DESCRIPTION:{escape(chr(10).join(description))}",
        f"LOCATION:{escape(location)}",
        f"GEO:{offer.lat};{offer.lon}" if offer.lat is not None and offer.lon is not None else "",
        f"CATEGORIES:{escape(catalog.label('areas', offer.area))}",
        f"URL:{page}" if page else "",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
    return [line for line in lines if line]


def _event(catalog: Catalog, offer: Entry, site_url: str, events: dict | None) -> str:
    """The folded VEVENT of an offer; kept in ``events`` if given (an area's calendar and those of
    its offers share them)."""
    event = events.get(offer.page_url) if events is not None else None
    if event is None:
        event = "".join(fold(line) + "\r\n" for line in event_lines(catalog, offer, site_url))
        if events is not None:
            events[offer.page_url] = event
    return event


def calendar(catalog: Catalog, offers, name: str, site_url: str = "", events: dict | None = None) -> bytes:
    """A VCALENDAR with one all-day VEVENT per dated offer (``events``: see :func:`_event`)."""
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            f"X-WR-CALNAME:{escape(name)}"]
    text = "".join(fold(line) + "\r\n" for line in head)
    text += "".join(_event(catalog, offer, site_url, events) for offer in offers if is_dated(offer))
    return (text + "END:VCALENDAR\r\n").encode("utf-8")


def area_calendars(catalog: Catalog):
    """``(path, dated offers, calendar name)``: one feed per area that has dated offers."""
    for row in catalog.vocabularies["areas"].rows:
        dated = sorted((o for o in catalog.offers_by("area", row["id"]) if is_dated(o)),
                       key=lambda o: (o.start_date, o.id))
        if dated:
            yield f"bereiche/{row['id']}/{FILE_NAME}", dated, f"Bildungsangebote: {row['label']}"


def area_has_calendar(catalog: Catalog, area: str) -> bool:
    return any(is_dated(o) for o in catalog.offers_by("area", area))
