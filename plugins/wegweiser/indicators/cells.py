"""Cells of official statistics: German numbers and the quality marks printed instead of them.

The statistical offices write ``1234`` or ``12,5`` (decimal comma, sometimes a
thousands point: ``1.234,5``) and, where there is no number, one of the signs of
their „Zeichenerklärung“. A sign becomes the row's ``status`` — never a 0 — and
is kept in the row's ``note``. A number may carry a sign as well: ``1.234p``
(vorläufig), ``r`` (berichtigt), ``s``/``e`` (geschätzt) after it, or brackets
``(12,5)`` (Aussagewert eingeschränkt): the number stays, the sign is its note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wegweiser.indicators.package import STATUS_MISSING, STATUS_PRESENT, STATUS_SECRET

#: sign -> (status, meaning as the statistical offices explain it)
MARKS = {
    "-": (STATUS_MISSING, "nichts vorhanden"),
    "–": (STATUS_MISSING, "nichts vorhanden"),
    ".": (STATUS_SECRET, "Zahlenwert unbekannt oder geheim zu halten"),
    "x": (STATUS_MISSING, "Tabellenfach gesperrt, weil Aussage nicht sinnvoll"),
    "/": (STATUS_MISSING, "keine Angabe, da Zahlenwert nicht sicher genug"),
    "...": (STATUS_MISSING, "Angabe fällt später an"),
    "…": (STATUS_MISSING, "Angabe fällt später an"),
    "·": (STATUS_SECRET, "Zahlenwert unbekannt oder geheim zu halten"),
}
#: signs beside a number: the number is kept, the sign is its note
FLAGS = {
    "p": "vorläufige Zahl",
    "r": "berichtigte Zahl",
    "s": "geschätzte Zahl",
    "e": "geschätzte Zahl",
    "()": "Aussagewert eingeschränkt, da der Zahlenwert statistisch relativ unsicher ist",
}
MARK_LIST = "„-“, „.“, „x“, „/“, „...“; an einer Zahl „p“, „r“, „s“, „e“ oder Klammern"
_FLAGGED = re.compile(r"(?P<number>.*\d)\s*(?P<flag>[prse])")
_BRACKETED = re.compile(r"\((?P<number>[^()]*\d[^()]*)\)(?:\s*(?P<flag>[prse]))?")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


class CellError(ValueError):
    """A cell that is neither a number nor a known sign (German message)."""


@dataclass(frozen=True)
class Cell:
    raw: str  # the number as the package writes it (point, no grouping), empty without a number
    status: str
    note: str = ""
    mark: str = ""  # the sign as printed („x“, „p“, „()“), empty for a plain number


def flag_note(flags: list[str]) -> str:
    """The note kept for the signs beside a number: „Zeichen „p“ in der Quelle: vorläufige Zahl“."""
    return "; ".join(f"Zeichen „{'( )' if f == '()' else f}“ in der Quelle: {FLAGS[f]}" for f in flags)


def mark_note(mark: str) -> str:
    """The note kept for a sign: „Zeichen „x“ in der Quelle: Tabellenfach gesperrt, …“."""
    return f"Zeichen „{mark}“ in der Quelle: {MARKS[mark][1]}"


def parse_cell(text: str, decimal: str = ",") -> Cell:
    """A cell as (number text, status, note); an empty cell is a value that is missing."""
    cell = text.strip()
    if not cell:
        return Cell("", STATUS_MISSING)
    if cell.casefold() in MARKS:
        mark = cell.casefold()
        return Cell("", MARKS[mark][0], mark_note(mark), mark)
    number = parse_number(cell, decimal)
    if number is not None:
        return Cell(number, STATUS_PRESENT)
    flags, bare = _flags(cell)
    number = parse_number(bare, decimal) if flags else None
    if number is None:
        raise CellError(f"„{cell}“ ist weder eine Zahl noch ein Zeichen der amtlichen Statistik ({MARK_LIST})")
    return Cell(number, STATUS_PRESENT, flag_note(flags), " ".join(flags))


def _flags(cell: str) -> tuple[list[str], str]:
    """The signs beside a number (``(12,5) p`` -> ["()", "p"]) and the number without them."""
    bracketed = _BRACKETED.fullmatch(cell)
    if bracketed:
        return ["()"] + ([bracketed["flag"]] if bracketed["flag"] else []), bracketed["number"].strip()
    flagged = _FLAGGED.fullmatch(cell)
    if flagged:
        return [flagged["flag"]], flagged["number"].strip()
    return [], cell


def parse_number(text: str, decimal: str = ",") -> str | None:
    """``1.234,5`` (decimal ",") or ``1,234.5`` (decimal ".") -> ``1234.5``; None if not a number."""
    cell = _SPACES.sub("", text).replace("−", "-")
    grouping = "." if decimal == "," else ","
    if decimal in cell and grouping in cell and cell.rindex(grouping) > cell.rindex(decimal):
        return None
    whole, _, fraction = cell.partition(decimal)
    if grouping in whole:
        if not re.fullmatch(r"[+-]?\d{1,3}(\%s\d{3})+" % grouping, whole):
            return None
        whole = whole.replace(grouping, "")
    if not re.fullmatch(r"[+-]?\d+", whole) or (fraction and not fraction.isdigit()) or (decimal in cell and not fraction):
        return None
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("+-").lstrip("0") or "0"
    return sign + digits + (f".{fraction}" if fraction else "")


def looks_like_value(text: str, decimal: str = ",") -> bool:
    """Whether a cell holds a number or a sign (a value column), not a label."""
    cell = text.strip()
    if not cell or cell.casefold() in MARKS or parse_number(cell, decimal) is not None:
        return True
    flags, bare = _flags(cell)
    return bool(flags) and parse_number(bare, decimal) is not None
