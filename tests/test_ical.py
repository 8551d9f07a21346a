"""iCalendar files: one per dated offer, one per Bildungsbereich; valid per RFC 5545 (icalendar)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wegweiser.outputs import ical

icalendar = pytest.importorskip("icalendar")



def _parse(path):
    raw = path.read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return calendar


def test_one_calendar_per_dated_offer(example_site, catalog):
    dated = [o for o in catalog.offers if o.start_date]
    assert dated
    for offer in catalog.offers:
        path = example_site / offer.page_url / "kalender.ics"
        page = (example_site / offer.save_as).read_text(encoding="utf-8")
        if not offer.start_date:
            assert not path.exists() and "In den Kalender" not in page
            continue
        assert f'href="/{offer.page_url}kalender.ics"' in page and "In den Kalender" in page
        (event,) = _parse(path).walk("VEVENT")
        assert str(event["SUMMARY"]) == offer.title
        assert event["DTSTART"].dt == offer.start_date
        assert event["UID"] and event["DTSTAMP"].dt == dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc)
        assert event["DTEND"].dt > event["DTSTART"].dt
        if offer.end_date and (offer.end_date - offer.start_date).days < ical.SPAN_DAYS:
            assert event["DTEND"].dt == offer.end_date + dt.timedelta(days=1)
        assert offer.summary in str(event["DESCRIPTION"])


def test_one_feed_per_area(example_site, catalog):
    for row in catalog.vocabularies["areas"].rows:
        dated = {o.id for o in catalog.offers_by("area", row["id"]) if o.start_date}
        path = example_site / "bereiche" / row["id"] / "kalender.ics"
        if not dated:
            assert not path.exists()
            continue
        uids = [str(e["UID"]) for e in _parse(path).walk("VEVENT")]
        assert {u.split("@")[0] for u in uids} == dated and len(uids) == len(set(uids))
        assert 'kalender.ics" type="text/calendar">Alle Termine' in \
            (example_site / "bereiche" / row["id"] / "index.html").read_text(encoding="utf-8")


def test_text_is_escaped_and_folded():
    text = "Zeile eins, mit Komma; Semikolon \\ Backslash\nZeile zwei: " + "Bärenstärke " * 20
    line = "DESCRIPTION:" + ical.escape(text)
    folded = ical.fold(line)
    for part in folded.encode("utf-8").split(b"\r\n"):
        assert len(part) <= 75
        part.decode("utf-8")  # never cut inside a character
    raw = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t", "BEGIN:VEVENT", "UID:x",
                       "DTSTAMP:20261123T000000Z", "DTSTART;VALUE=DATE:20270101", folded,
                       "END:VEVENT", "END:VCALENDAR"]) + "\r\n"
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["DESCRIPTION"]) == text


def test_absolute_site_url_adds_url_and_host_uid(catalog):
    offer = next(o for o in catalog.offers if o.start_date)
    raw = ical.calendar(catalog, [offer], offer.title, "https://example.org/bildung")
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["URL"]) == f"https://example.org/bildung/{offer.page_url}"
    assert str(event["UID"]) == f"{offer.id}@example.org"


@given(st.text(alphabet=st.sampled_from("aZ ;,äöüßé€😀\u0301"), max_size=400))
def test_fold_splits_at_75_octets_between_characters(line):
    folded = ical.fold(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line  # unfolding gives the line back
    for index, part in enumerate(parts):
        size = len(part.encode("utf-8")) + (1 if index else 0)  # continuation lines start with a space
        assert size <= 75
        if index + 1 < len(parts):  # greedy: the next character would not have fitted
            assert size + len(parts[index + 1][0].encode("utf-8")) > 75


def test_calendars_are_made_area_by_area_sharing_only_that_areas_events(catalog):
    """An area's calendar reuses its offers' events, and no area keeps another's (the events of a
    large guide are made and freed area by area)."""
    from wegweiser.pelican_plugin.open_data import calendars

    files = list(calendars(catalog, {}))
    dated = {o.page_url for o in catalog.offers if ical.is_dated(o)}
    assert {path for path, _ in files if path.startswith("angebote/")} == {f"{u}{ical.FILE_NAME}" for u in dated}
    areas = [(position, item) for position, (path, item) in enumerate(files) if path.startswith("bereiche/")]
    assert len(areas) > 1
    start = 0
    for position, area in areas:
        events = area.make.args[-1]
        offers = [item for _, item in files[start:position]]
        assert all(item.make.args[-1] is events for item in offers)  # made just before, sharing them
        for item in offers:
            item.make()
        assert set(events) == {o.page_url for o in area.entry} == {item.entry.page_url for item in offers}
        assert area.make() == ical.calendar(catalog, area.entry, area.make.args[2], "")
        start = position + 1
