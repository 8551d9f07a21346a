"""Freshness rules: when an entry is expired, stale or starting soon.

All functions take ``today`` explicitly so that tests never depend on the clock.
"""

from __future__ import annotations

import datetime as dt

DEFAULT_STALE_MONTHS = 12
DEFAULT_SOON_DAYS = 28


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def months_before(today: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (clamped to the month's end)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(today.day, day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def expiry(values: dict, today: dt.date) -> tuple[str, dt.date] | None:
    """Why and since when an offer is expired, or None while it is current."""
    valid_until = _as_date(values.get("valid_until"))
    if valid_until and valid_until < today:
        return ("angezeigt bis", valid_until)
    end = _as_date(values.get("end_date"))
    if end and end < today:
        return ("Ende am", end)
    return None


def is_stale(values: dict, today: dt.date, months: int = DEFAULT_STALE_MONTHS) -> bool:
    reviewed = _as_date(values.get("reviewed"))
    return bool(reviewed and reviewed < months_before(today, months))


def is_soon(values: dict, today: dt.date, days: int = DEFAULT_SOON_DAYS) -> bool:
    start = _as_date(values.get("start_date"))
    return bool(start and today <= start <= today + dt.timedelta(days=days))
