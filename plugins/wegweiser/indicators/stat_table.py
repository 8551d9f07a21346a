"""A statistics table as read from a file, before it becomes an indicator.

Both readers — GENESIS tables of the statistical offices (:mod:`genesis`) and
plain wide tables with a description file (:mod:`wide`) — give the same shape:
value columns (each with its header texts, unit and perhaps a year) and data
rows (each with its line in the file, region key and name, year and the labels
of its other row dimensions, such as Schulart or Altersgruppe).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from wegweiser.content.text_encoding import marked_unicode

_TIME = re.compile(r"(?:(?:Schuljahr|Jahr|Stichtag|Berichtsjahr|WS|SS|Wintersemester|Sommersemester)\s+)?"
                   r"(?:(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.)?(?P<year>1[89]\d\d|20\d\d)(?P<span>/\d{2,4})?")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")


class ImportFailed(Exception):
    """The table cannot be imported at all (German message naming the file)."""


@dataclass(frozen=True)
class Time:
    year: int
    day_month: tuple[int, int] | None = None  # (day, month) of a reference date, e.g. (1, 3)
    spans: bool = False  # a school year or semester („2023/24“) named by the year it begins


def time_of(text: str) -> Time | None:
    """``2015``, ``31.12.2002``, ``2015/16``, ``Schuljahr 2015/16`` -> the (first) year and the day."""
    match = _TIME.fullmatch(text.strip())
    if not match:
        return None
    day_month = (int(match["day"]), int(match["month"])) if match["day"] else None
    if day_month and not (1 <= day_month[0] <= 31 and 1 <= day_month[1] <= 12):
        return None
    return Time(int(match["year"]), day_month, bool(match["span"]))


def date_text(day_month: tuple[int, int]) -> str:
    return f"{day_month[0]}. {MONTHS[day_month[1] - 1]}"


@dataclass
class Column:
    index: int  # position in the file's row
    parts: tuple[str, ...]  # header texts from top to bottom, without unit and year
    unit: str = ""
    time: Time | None = None

    @property
    def label(self) -> str:
        return " / ".join(self.parts) or f"Spalte {self.index + 1}"


@dataclass
class Measure:
    """What one or more columns count (several columns when the table has one column per year)."""

    number: int  # from 1, as listed to the office
    parts: tuple[str, ...]
    unit: str
    columns: list[Column]

    @property
    def label(self) -> str:
        years = sorted({c.time.year for c in self.columns if c.time})
        if not self.parts and years:
            return f"Werte der Jahre {years[0]}–{years[-1]}" if len(years) > 1 else f"Werte des Jahres {years[0]}"
        return " / ".join(self.parts) or f"Spalte {self.columns[0].index + 1}"


@dataclass
class DataRow:
    line: int
    cells: list[str]
    code: str = ""  # official key (AGS) or another region key
    name: str = ""
    time: Time | None = None
    dims: tuple[str, ...] = ()
    status: str = ""  # tables in the package's own format: their status column
    note: str = ""


@dataclass
class Footnote:
    topic: str  # what it is about: „gesamte Tabelle“, a column
    who: str  # the Länder it concerns („Berlin, Brandenburg“); empty: all
    text: str


@dataclass
class StatTable:
    name: str
    encoding: str
    columns: list[Column]
    rows: list[DataRow]
    kind: str = "genesis"  # or "wide"
    layout: str = ""  # "flat": a GENESIS flat file (one value per row)
    decimal: str = ","
    code: str = ""  # GENESIS table code, e.g. 21111-01-03-4
    title: str = ""
    statistic: str = ""
    measure: str = ""  # what the table counts, from a line like „Absolventen/Abgänger (Anzahl)“
    measure_unit: str = ""
    reference: str = ""  # the reference date as the title block says it („Schuljahresbeginn“)
    depth: str = ""  # „Kreise und krfr. Städte“
    copyright: str = ""
    stand: str = ""
    dim_titles: tuple[str, ...] = ()
    footnotes: list[Footnote] = field(default_factory=list)

    def measures(self) -> list[Measure]:
        found: dict[tuple, Measure] = {}
        for column in self.columns:
            key = (column.parts, column.unit)
            if key not in found:
                found[key] = Measure(len(found) + 1, column.parts, column.unit, [])
            found[key].columns.append(column)
        return list(found.values())

    @property
    def years(self) -> list[int]:
        times = [r.time for r in self.rows if r.time] + [c.time for c in self.columns if c.time]
        return sorted({t.year for t in times})


def decode(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Text and the name of its encoding: UTF-8 with BOM or UTF-16 (:mod:`content.text_encoding`), UTF-8,
    else Latin-1 (Windows-1252)."""
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as exc:
            raise ImportFailed(f"{name}: Die Datei lässt sich nicht als {encoding} lesen ({exc}).") from None
    found = marked_unicode(raw)  # UTF-8 with BOM; „Unicode-Text“ (UTF-16) of a spreadsheet program
    if found:
        return found
    for codec in ("utf-8", "cp1252"):
        try:
            return raw.decode(codec), "UTF-8" if codec == "utf-8" else "Latin-1"
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "Latin-1"  # cp1252 leaves five bytes undefined; Latin-1 has them all


def csv_records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """The non-empty rows of a CSV text as (line where the row starts, stripped cells)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, line = [], 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if any(c.strip() for c in cells):
            records.append((start, [c.strip() for c in cells]))
    return records
