"""A cell's value for a schema field: typed by the field, with the forms lists really use.

Dates as ``01.09.2026``, ``1.9.26``, ``1. September 2026``, ISO with a time, or Excel's day
numbers; prices as ``5,- €``, ``12,50 EUR`` or ``kostenlos`` (fields whose name ends in ``_eur``);
web addresses without ``https://`` (fields of format ``uri``); e-mail addresses with ``mailto:``,
angle brackets or ``(at)`` (format ``email``); phone numbers with ``Tel.:``, ``(0)`` or the area
code in brackets (a pattern for phone numbers, ``\\+?[0-9]…``); line breaks from a spreadsheet
cell in one-line fields. What cannot be read raises :class:`Bad` with a finding code.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from wegweiser.importing.transforms import repair_url

_TRUE = {"ja", "j", "yes", "y", "true", "wahr", "1", "x"}
_FALSE = {"nein", "n", "no", "false", "falsch", "0"}
_DIGITS = re.compile(r"\[0-9\]\{(\d+)\}")
_GERMAN_DATE = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4}|\d{2})")
_MONTHS = {"jan": 1, "feb": 2, "mär": 3, "mar": 3, "maer": 3, "apr": 4, "mai": 5, "may": 5, "jun": 6, "jul": 7,
           "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11, "dez": 12, "dec": 12}
_NAMED_DATE = re.compile(r"(?i)(\d{1,2})\.?\s*([a-zä]{3,})\.?\s*(\d{4})")
_MONTH_ONLY = re.compile(r"(?i)((anfang|mitte|ende)\s+)?([a-zä]{3,}\.?|\d{1,2}[./])\s*(\d{4})")
_ISO_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?")
_NO_DATE = {"ab sofort", "sofort", "laufend", "fortlaufend", "jederzeit", "nach vereinbarung", "auf anfrage",
            "ganzjährig", "ganzjaehrig", "offen", "tba", "wird noch bekannt gegeben"}
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FREE = {"kostenlos", "kostenfrei", "gebührenfrei", "gebuehrenfrei", "entgeltfrei", "gratis", "frei", "umsonst",
         "ohne kosten", "keine kosten", "keine gebühr", "keine gebühren", "0,-", "0,- €"}
_CURRENCY = re.compile(r"(?i)(€|\beuro?\b|,-+|,–|\.-+)")
_PHONE_PATTERN = r"\+?[0-9]"
_SCIENTIFIC = re.compile(r"\d+([.,]\d+)?[eE]\+?\d+")
_PHONE_LABEL = re.compile(r"(?i)^(tel(efon)?|fon|phone|mobil|handy|festnetz)\.?\s*:?\s*")


class Bad(Exception):
    """A cell that cannot be read for its field: ``code`` names the finding."""

    def __init__(self, code: str, value):
        super().__init__(code)
        self.code, self.value = code, value


class Empty(Bad):
    """A cell whose text means "no value" for its field (left out, with a warning)."""


def is_empty(value, empty: frozenset) -> bool:
    return value is None or (isinstance(value, str) and value.strip().casefold() in empty | {""})


def text_of(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def convert(fld, value, mapping):
    """The typed value of a cell for a schema field; raises Bad with a finding code."""
    if fld.is_list:
        items = value if isinstance(value, list) else text_of(value).split(mapping.list_delimiter)
        return [text_of(i) for i in items if not is_empty(i, mapping.empty) and text_of(i)] or None
    if fld.type == "integer":
        if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
            return int(value)
        text = text_of(value)
        if re.fullmatch(r"[+-]?\d+([.,]0+)?", text):
            return int(re.split(r"[.,]", text)[0])
        raise Bad("import-integer", text)
    if fld.type == "number":
        return _number(fld, value)
    if fld.type == "date":
        return _date(value)
    if fld.type == "boolean":
        text = text_of(value).casefold()
        if text in _TRUE or value is True:
            return True
        if text in _FALSE or value is False:
            return False
        raise Bad("import-boolean", text_of(value))
    if fld.constraints.get("pattern", "").startswith(_PHONE_PATTERN) and (
            isinstance(value, (int, float)) and not isinstance(value, bool) or _SCIENTIFIC.fullmatch(text_of(value))):
        raise Bad("import-phone-number", text_of(value))  # a spreadsheet took the number for a number
    return _string(fld, text_of(value))


def _number(fld, value):
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return value
    price = fld.name.endswith("_eur")
    text = text_of(value)
    if price and text.casefold() in _FREE:
        return 0
    plain = (_CURRENCY.sub("", text) if price else text).replace(" ", "").replace("\u00a0", "")
    if "," in plain:
        plain = plain.replace(".", "").replace(",", ".")
    if re.fullmatch(r"[+-]?\d+", plain):
        return int(plain)
    try:
        number = float(plain) if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", plain) else math.nan
    except ValueError:
        number = math.nan
    if not math.isfinite(number):  # also "inf", "NaN": no limit can judge them
        raise Bad("import-price" if price else "import-number", text)
    return number


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))  # a date cell stored as Excel's day number
    text = text_of(value)
    if text.casefold() in _NO_DATE:
        raise Empty("import-date-text", text)
    if re.fullmatch(r"[2-7]\d{4}", text):  # Excel's day number in a CSV: 20000 (1954) … 79999 (2119)
        return _EXCEL_EPOCH + dt.timedelta(days=int(text))
    text = _ISO_TIME.sub(r"\1", text)
    try:
        if match := _GERMAN_DATE.fullmatch(text.rstrip(".")):
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year + 2000 if year < 100 else year, month, day)
        if (match := _NAMED_DATE.fullmatch(text)) and (month := _month(match.group(2))):
            return dt.date(int(match.group(3)), month, int(match.group(1)))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        raise Bad("import-date", text) from None
    if (match := _MONTH_ONLY.fullmatch(text)) and (match.group(3)[0].isdigit() or _month(match.group(3))):
        raise Bad("import-month", text)
    raise Bad("import-date", text)


def _month(name: str) -> int | None:
    return _MONTHS.get(name.casefold().rstrip(".")[:3]) or _MONTHS.get(name.casefold()[:4])


def _string(fld, text: str) -> str:
    if not fld.multiline:  # line breaks typed into a spreadsheet cell (Alt+Enter)
        text = re.sub(r"\s*[\r\n\t]+\s*", " ", text)
    pattern = fld.constraints.get("pattern", "")
    if fld.format == "uri":
        if "@" in text and "/" not in text and ":" not in text:
            return "mailto:" + _email(text)
        return repair_url(text)
    if fld.format == "email":
        return _email(text)
    if pattern.startswith(_PHONE_PATTERN):
        return _phone(text)
    digits = _DIGITS.fullmatch(pattern)
    if digits and text.isdigit() and len(text) < int(digits.group(1)):
        text = text.zfill(int(digits.group(1)))  # a spreadsheet dropped the leading zeros
    return text


def _email(text: str) -> str:
    text = re.sub(r"(?i)^mailto:\s*", "", text.strip()).strip("<>").strip(" .,;")
    text = re.sub(r"(?i)\s*(\(at\)|\[at\]|\{at\}|\s+at\s+)\s*", "@", text)
    return re.sub(r"\s*@\s*", "@", text)


def _phone(text: str) -> str:
    text = _PHONE_LABEL.sub("", text.strip())
    text = re.sub(r"^(\+\d{1,3})\s*\(0\)\s*", r"\1 ", text)  # +49 (0) 5371 -> +49 5371
    return re.sub(r"^\((0\d+)\)\s*", r"\1 ", text)  # (05371) 123 -> 05371 123
