"""The municipalities of a Kreis from the official list: ``data/vocabularies/municipalities.csv``.

Reads the Destatis Gemeindeverzeichnis (GV-ISys, "Alle politisch selbständigen Gemeinden mit
ausgewählten Merkmalen", ``AuszugGV…Aktuell.xlsx``): a data sheet ``Onlineprodukt_Gemeinden…``
with title and header rows above the data, one row per region; rows of Satzart 60 are the
municipalities. Its columns, by position: A Satzart, B Textkennzeichen, C–G the Regionalschlüssel
(Land, RB, Kreis, VB, Gem), H Gemeindename ("Gifhorn, Stadt"), I Fläche, J Bevölkerung, N
Postleitzahl (of the seat), O Längengrad, P Breitengrad (decimal commas, as text). A plain CSV
with the columns ags, name, population, postcode, lat, lon (German names too) is read as well.
Further postcodes come from an optional CSV with the columns ``plz,ags``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from wegweiser.content.entry_file import slugify
from wegweiser.importing.mapping import ImportFailed

COLUMNS = ["id", "label", "ags", "postcodes", "lat", "lon", "population", "population_date"]
MUNICIPALITY = "60"  # Satzart of a municipality (10 Land, 20 Regierungsbezirk, 40 Kreis, 50 Gemeindeverband)
UNINHABITED = "66"  # Textkennzeichen of an uninhabited area outside any municipality ("gemeindefreies Gebiet")
SHEET_PREFIX = "Onlineprodukt_Gemeinden"
#: column positions in the data sheet (0-based)
SATZART, TEXTKENNZEICHEN, LAND, RB, KREIS, VB, GEM, NAME, AREA, POPULATION = range(10)
POSTCODE, LONGITUDE, LATITUDE = 13, 14, 15
_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")
#: header names a plain CSV may use, by the column they mean
CSV_NAMES = {
    "ags": ("ags", "gemeindeschlüssel", "amtlicher gemeindeschlüssel", "gemeindeschluessel"),
    "name": ("name", "label", "gemeinde", "gemeindename"),
    "population": ("population", "einwohner", "bevölkerung", "bevoelkerung", "einwohnerzahl"),
    "postcode": ("postcode", "postcodes", "plz", "postleitzahl", "postleitzahlen"),
    "lat": ("lat", "breitengrad", "breite", "latitude"),
    "lon": ("lon", "längengrad", "laengengrad", "länge", "longitude"),
    "population_date": ("population_date", "stichtag"),
}


@dataclass
class Municipality:
    ags: str
    label: str
    postcodes: list[str]
    lat: float | None
    lon: float | None
    population: int
    population_date: dt.date | None = None
    id: str = ""


@dataclass
class Selection:
    """The municipalities of one Kreis, and the rows left out with their reason."""

    kreis: str
    kreis_name: str = ""
    municipalities: list[Municipality] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read_municipalities(path: Path, kreis: str) -> Selection:
    """The municipalities of Kreis ``kreis`` (5 digits) in a Gemeindeverzeichnis XLSX or a CSV."""
    path = Path(path)
    if not re.fullmatch(r"[0-9]{5}", kreis or ""):
        raise ImportFailed(f"„{kreis}“ ist kein Kreisschlüssel: Geben Sie mit --kreis die fünf ersten Stellen des "
                           "Gemeindeschlüssels an, z. B. 03151 für den Landkreis Gifhorn.")
    if not path.is_file():
        raise ImportFailed(f"Die Datei {path} gibt es nicht.")
    rows = _xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else None
    selection = _from_gv(rows, kreis, path.name) if rows is not None else _from_csv(path, kreis)
    if not selection.municipalities:
        raise ImportFailed(f"{path.name}: Zum Kreis {kreis} gibt es keine Gemeinde. Prüfen Sie den Kreisschlüssel "
                           "(die ersten fünf Stellen des Gemeindeschlüssels, z. B. 03151).")
    _assign_ids(selection.municipalities)
    return selection


def add_postcodes(selection: Selection, path: Path) -> int:
    """Add the postcodes of a CSV with the columns ``plz,ags``; returns how many were new."""
    by_ags = {m.ags: m for m in selection.municipalities}
    header, rows = _csv_rows(Path(path))
    try:
        plz, ags = header.index("plz"), header.index("ags")
    except ValueError:
        raise ImportFailed(f"{Path(path).name}: Die Datei braucht die Spalten „plz“ und „ags“.") from None
    added = 0
    for number, cells in rows:
        code, key = _cell(cells, plz).zfill(5), _cell(cells, ags).zfill(8)
        if not re.fullmatch(r"[0-9]{5}", code):
            raise ImportFailed(f"{Path(path).name}, Zeile {number}: „{_cell(cells, plz)}“ ist keine Postleitzahl.")
        if key in by_ags and code not in by_ags[key].postcodes:
            by_ags[key].postcodes.append(code)
            added += 1
    return added


def municipalities_csv(selection: Selection) -> str:
    """The text of ``data/vocabularies/municipalities.csv``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for m in sorted(selection.municipalities, key=lambda m: m.ags):
        writer.writerow([m.id, m.label, m.ags, " ".join(sorted(m.postcodes)), _number(m.lat), _number(m.lon),
                         m.population, m.population_date.isoformat() if m.population_date else ""])
    return out.getvalue()


def plain_name(official: str) -> str:
    """The name as people say it: "Gifhorn, Stadt" → "Gifhorn", "Brome, Flecken" → "Brome"."""
    return official.split(",", 1)[0].strip()


# --- the Gemeindeverzeichnis ------------------------------------------------------------------


def _xlsx_rows(path: Path) -> list[tuple] | None:
    """The rows of the Gemeindeverzeichnis's data sheet; None for a workbook of another layout
    (read as a table then is no help: it is reported)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one German message
        raise ImportFailed(f"Die Excel-Datei {path.name} kann nicht gelesen werden ({exc}).") from None
    try:
        names = [n for n in book.sheetnames if n.startswith(SHEET_PREFIX)] or book.sheetnames
        for name in names:
            rows = [tuple(r) for r in book[name].iter_rows(values_only=True)]
            if any(_text(r[NAME]) == "Gemeindename" for r in rows[:10] if len(r) > NAME):
                return rows
    finally:
        book.close()
    raise ImportFailed(f"{path.name} hat nicht den Aufbau des Gemeindeverzeichnisses: Es fehlt das Blatt "
                       f"„{SHEET_PREFIX}…“ mit der Spalte „Gemeindename“ in Spalte H. Laden Sie die Datei "
                       "„Alle politisch selbständigen Gemeinden mit ausgewählten Merkmalen“ (XLSX) von destatis.de.")


def _from_gv(rows: list[tuple], kreis: str, name: str) -> Selection:
    header_end = next(i for i, r in enumerate(rows) if len(r) > NAME and _text(r[NAME]) == "Gemeindename") + 1
    header = rows[:header_end + 4]
    stand = _first_date(" ".join(_text(c) for r in header for c in r[:1]))
    population_date = _first_date(" ".join(_text(r[POPULATION]) for r in header if len(r) > POPULATION)) or stand
    selection = Selection(kreis=kreis)
    for number, row in enumerate(rows[header_end:], start=header_end + 1):
        row = tuple(row) + (None,) * (LATITUDE + 1 - len(row))
        key = _digits(row[LAND], 2) + _digits(row[RB], 1) + _digits(row[KREIS], 2)
        if key != kreis:
            continue
        satzart = _digits(row[SATZART], 2)
        if satzart == "40":
            selection.kreis_name = _text(row[NAME])
        if satzart != MUNICIPALITY:
            continue
        label = plain_name(_text(row[NAME]))
        lat, lon = _float(row[LATITUDE]), _float(row[LONGITUDE])
        postcode = _digits(row[POSTCODE], 5)
        if _digits(row[TEXTKENNZEICHEN], 2) == UNINHABITED or lat is None or lon is None or not postcode.strip("0"):
            selection.skipped.append(f"{label} (Zeile {number}): gemeindefreies Gebiet oder ohne Postleitzahl "
                                     "und Mittelpunkt")
            continue
        selection.municipalities.append(Municipality(
            ags=key + _digits(row[GEM], 3), label=label, postcodes=[postcode], lat=lat, lon=lon,
            population=_int(row[POPULATION]), population_date=population_date))
    return selection


# --- a plain CSV ------------------------------------------------------------------------------


def _from_csv(path: Path, kreis: str) -> Selection:
    header, rows = _csv_rows(path)
    where = {key: next((header.index(n) for n in names if n in header), None) for key, names in CSV_NAMES.items()}
    missing = [names[0] for key, names in CSV_NAMES.items() if where[key] is None and key != "population_date"]
    if missing:
        raise ImportFailed(f"{path.name}: Es fehlen die Spalten {', '.join(missing)} (oder gleichbedeutende wie "
                           "Gemeindeschlüssel, Gemeinde, Einwohner, PLZ, Breitengrad, Längengrad).")
    selection = Selection(kreis=kreis)
    for number, cells in rows:
        ags = _cell(cells, where["ags"]).zfill(8)
        if not ags.startswith(kreis):
            continue
        postcodes = [p.zfill(5) for p in re.split(r"[\s,;]+", _cell(cells, where["postcode"])) if p]
        municipality = Municipality(
            ags=ags, label=plain_name(_cell(cells, where["name"])), postcodes=postcodes,
            lat=_float(_cell(cells, where["lat"])), lon=_float(_cell(cells, where["lon"])),
            population=_int(_cell(cells, where["population"])),
            population_date=_date(_cell(cells, where["population_date"])))
        if not municipality.label or municipality.lat is None or municipality.lon is None or not postcodes:
            selection.skipped.append(f"Zeile {number}: Name, Postleitzahl oder Mittelpunkt fehlt")
            continue
        selection.municipalities.append(municipality)
    return selection


def _csv_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    if not path.is_file():
        raise ImportFailed(f"Die Datei {path} gibt es nicht.")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=max(",;\t", key=first.count))
    try:
        header = [h.strip().casefold() for h in next(reader)]
        return header, [(n, cells) for n, cells in enumerate(reader, start=2) if any(c.strip() for c in cells)]
    except StopIteration:
        raise ImportFailed(f"Die Datei {path.name} ist leer.") from None
    except csv.Error as exc:
        raise ImportFailed(f"{path.name}: Die CSV-Datei ist fehlerhaft ({exc}).") from None


# --- cells ------------------------------------------------------------------------------------


def _assign_ids(municipalities: list[Municipality]) -> None:
    """Ids from the names; names that occur twice in the Kreis get the municipality's number."""
    slugs = [slugify(m.label) for m in municipalities]
    for m, slug in zip(municipalities, slugs):
        m.id = slug if slugs.count(slug) == 1 else f"{slug}-{m.ags[-3:]}"


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _digits(value, width: int) -> str:
    text = _text(value)
    return text.zfill(width) if text.isdigit() else text


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _float(value) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = _text(value).replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def _int(value) -> int:
    number = _float(value) if not isinstance(value, str) else _float(value.replace(".", "").replace(" ", ""))
    return int(number) if number is not None else 0


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}".rstrip("0").rstrip(".")


def _first_date(text: str) -> dt.date | None:
    found = _DATE.search(text)
    return _date(found.group(0)) if found else None


def _date(text: str) -> dt.date | None:
    found = _DATE.fullmatch(text.strip())
    try:
        if found:
            return dt.date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
        return dt.date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None
