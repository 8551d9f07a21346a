"""Read a GENESIS table as the statistical offices' databases export it in CSV.

Regionaldatenbank (regionalstatistik.de), Kommunale Bildungsdatenbank and
GENESIS-Online write the same layout, separated by semicolons, in Latin-1 or
UTF-8::

    GENESIS-Tabelle: 21111-01-03-4                         title block: code, title,
    Allgemeinbildende Schulen: Schulen, Schüler nach …     reference date, regional
    - Stichtag: Schuljahresbeginn -                        depth, statistic, perhaps
    regionale Tiefe: Kreise und krfr. Städte               what is counted and a year
    Statistik der allgemein bildenden Schulen
    2015                                                   a block's year (optional)
    ;;;Allgemein bildende Schulen;Schüler(innen) …         header rows: first cells
    ;;;;Geschlecht;Geschlecht                              empty, one text per column
    ;;;;Insgesamt;weiblich                                 and level, the unit last
    ;;;Anzahl;Anzahl;Anzahl
    DG;Deutschland;Grundschulen;15421;2715127;1332689      data: [date;] key; name;
    03151;      Gifhorn, Landkreis;Grundschulen;…           [row labels;] values
    __________                                             footer: footnotes,
    "zu ""gesamte Tabelle"": …"                            copyright, „Stand:“

Some tables repeat the year line and the header rows once per year. Nothing
here knows one table's columns: which column is the date, the key, the name and
the row labels is read from where the header rows start and what the cells hold.
"""

from __future__ import annotations

import csv
import io
import re

from wegweiser.indicators.cells import looks_like_value
from wegweiser.indicators.stat_table import Column, DataRow, Footnote, ImportFailed, StatTable, Time, time_of

_CODE = re.compile(r"(?:GENESIS-)?Tabelle:\s*(\d{5}-[\w-]+)")
_KEY = re.compile(r"DG|\d{2}|\d{3}|\d{5}|\d{8,12}")
_DEPTH = re.compile(r"region(?:ale?)?\s+Tiefe:\s*(?P<depth>[^;]+)", re.I)
_REFERENCE = re.compile(r"-\s*(?P<ref>(?:Stichtag[e]?|Schuljahr|Jahr|Jahresdurchschnitt|Kalenderjahr|"
                        r"Wintersemester|Sommersemester|Semester|Zeitraum)[^-]*?)\s*-")
_MEASURE = re.compile(r"^(?P<what>.+?)\s*\((?P<unit>[^()]+)\)$")
_UNITS = re.compile(r"Anzahl|Prozent|%|‰|Promille|EUR|Euro|Tsd\.?\s*EUR|Mill\.?\s*EUR|1\s?000(\s\w+)?|Tsd\.?|"
                    r"Jahre|Stunden|Std\.|ha|qkm|km²|m²|Personen|je\s.+|Anteil.*", re.I)
_RULE = re.compile(r"_{3,}")
_WRAPPED_DEPTH = re.compile(r"\bregional(e)?$", re.I)
_STAND = re.compile(r"Stand:\s*(?P<date>\d{1,2}\.\d{1,2}\.\d{4})")
LANDS = ("Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
         "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Saarland",
         "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen")
_FOOTNOTE_TOPIC = re.compile(r'^zu "(?P<topic>.+)":?$')
_FOOTNOTE_WHO = re.compile(r"^(?P<who>[^:]{2,120}?)(?:\s*\([^)]*\))?:\s+(?P<text>.*)$")


def is_genesis(text: str) -> bool:
    """Whether one of the first lines names a GENESIS table („GENESIS-Tabelle: 21111-01-03-4“)."""
    first = [line.lstrip("\ufeff") for line in text.splitlines()[:8] if line.strip()][:5]
    return any(_CODE.match(line) for line in first)


def read_genesis(text: str, name: str, encoding: str) -> StatTable:
    table = StatTable(name=name, encoding=encoding, columns=[], rows=[])
    titles: list[str] = []
    headers: list[list[str]] = []  # the first block's header rows
    repeated: list[list[str]] = []  # a later block's header rows, compared with the first
    key_count = None
    block_time: Time | None = None
    unkeyed: list[str] = []
    footer: list[str] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    line = 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        cells = [c.rstrip() for c in cells]
        filled = [c.strip() for c in cells if c.strip()]
        if footer or not filled:
            footer.extend(filled)
            continue
        first = cells[0].strip()
        if _RULE.fullmatch(first):
            footer.append("")
            continue
        alone = len(filled) == 1 and bool(first)  # only the first cell: a title line or a block's year
        if alone and time_of(first) and (headers or titles):
            block_time = time_of(first)
        elif alone and not headers:
            titles.append(first)
        elif headers and _is_data(cells):
            if key_count is None:
                key_count = _key_count(headers, cells)
                table.columns = _columns(headers, key_count)
            if repeated and _texts(repeated) != _texts(headers):
                raise ImportFailed(f"{name}, Zeile {start}: Die Kopfzeilen dieses Blocks unterscheiden sich von "
                                   "denen am Anfang der Tabelle. Laden Sie die Tabelle so herunter, dass alle Jahre "
                                   "dieselben Spalten haben.")
            repeated = []
            table.rows.append(_data_row(cells, start, key_count, block_time))
        elif not table.rows:
            headers.append(cells)
        elif not first or _texts([cells]) == _texts(headers[:1]) or repeated:
            repeated.append(cells)
        elif _numbers_without_key(cells):
            unkeyed.append(_unkeyed(name, start, cells))
        else:
            footer.append(" ".join(filled))
    if unkeyed:  # a row of numbers that is no data row is never taken for a footnote
        raise ImportFailed("\n".join(unkeyed[:10]) + (f"\n… und {len(unkeyed) - 10} weitere Zeilen" if len(unkeyed) > 10
                                                     else ""))
    if not headers or not table.rows:
        first = next(((n, c) for n, c in _rows_of(text) if _numbers_without_key(c)), None)
        raise ImportFailed(_unkeyed(name, *first) if first else f"{name}: Die Tabelle hat keine Kopfzeilen oder keine "
                           "Datenzeilen. Ist es eine GENESIS-Tabelle im CSV-Format, wie sie die Statistikdatenbanken "
                           "herunterladen lassen?")
    _title_block(table, titles)
    _footer(table, footer)
    if not any(c.unit for c in table.columns) and table.measure_unit:
        for column in table.columns:
            column.unit = table.measure_unit
    return table


def _rows_of(text: str):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    line = 1
    for cells in reader:
        yield line, cells
        line = reader.line_num + 1


def _numbers_without_key(cells: list[str]) -> bool:
    """A row with a label first and numbers after it, but no region key: not data, and no footnote either."""
    first = cells[0].strip() if cells else ""
    return bool(first) and _key_position(cells) is None and not first.startswith(("©", "Stand", "zu ")) and \
        any(c.strip()[:1].isdigit() and looks_like_value(c) for c in cells[1:])


def _unkeyed(name: str, line: int, cells: list[str]) -> str:
    first, shown = cells[0].strip(), ";".join(c.strip() for c in cells)[:60]
    if first.isdigit() and len(first) in (1, 4, 7):
        return (f"{name}, Zeile {line}: Der Schlüssel „{first}“ hat seine führende Null verloren (wie nach dem "
                "Öffnen und Speichern in einem Tabellenprogramm). Laden Sie die Tabelle neu herunter und "
                "importieren Sie die Datei, ohne sie vorher zu öffnen.")
    return (f"{name}, Zeile {line}: Die Zeile „{shown}“ hat Zahlen, beginnt aber nicht mit einem Regionalschlüssel "
            "(DG, 03, 03151 …). Erwartet wird „Schlüssel;Name;Werte“ (oder „Datum;Schlüssel;Name;Werte“), wie die "
            "Regionaldatenbank (www.regionalstatistik.de) ihre Tabellen mit Kreisen und Gemeinden herausgibt; "
            "Tabellen mit Ländern ohne Schlüssel (etwa aus GENESIS-Online) nennen Ihren Kreis nicht.")


def _key_position(cells: list[str]) -> int | None:
    """Where the region key stands: first, or after a date."""
    keys = [c.strip() for c in cells[:3]]
    at = 1 if keys and time_of(keys[0]) and not _KEY.fullmatch(keys[0]) else 0
    return at if at < len(keys) and _KEY.fullmatch(keys[at]) else None


def _is_data(cells: list[str]) -> bool:
    at = _key_position(cells)
    return at is not None and any(c.strip() and looks_like_value(c) for c in cells[at + 2:])


def _texts(rows: list[list[str]]) -> list[list[str]]:
    return [[c.strip() for c in row if c.strip()] for row in rows]


def _key_count(headers: list[list[str]], data: list[str]) -> int:
    """The number of leading columns that are keys (date, region, name, row labels): where the header
    rows start, or — when the header names the key columns too — where the first data row's values start."""
    start = min(next(i for i, c in enumerate(row) if c.strip()) for row in headers if any(c.strip() for c in row))
    if start:
        return start
    at = _key_position(data) + 2
    while at < len(data) and data[at].strip() and not looks_like_value(data[at]):
        at += 1
    return at


def _columns(headers: list[list[str]], key_count: int) -> list[Column]:
    width = max(len(row) for row in headers)
    last = [c.strip() for c in headers[-1][key_count:] if c.strip()]
    unit_row = bool(last) and all(_UNITS.fullmatch(c) for c in last)
    columns = []
    for index in range(key_count, width):
        texts = [row[index].strip() if index < len(row) else "" for row in headers]
        unit = texts[-1] if unit_row else ""
        texts = texts[:-1] if unit_row else texts
        parts, time = [], None
        for text in texts:
            if text and time_of(text) and time is None:
                time = time_of(text)
            elif text and (not parts or parts[-1] != text):
                parts.append(text)
        if parts or unit or time:
            columns.append(Column(index, tuple(parts), unit, time))
    return columns


def _data_row(cells: list[str], line: int, key_count: int, block_time: Time | None) -> DataRow:
    keys = [c.strip() for c in cells[:key_count]]
    key_at = _key_position(cells)
    time = time_of(keys[0]) if key_at == 1 else None
    name = cells[key_at + 1].strip() if key_at + 1 < key_count else ""
    dims = tuple(cells[i].strip() for i in range(key_at + 2, key_count))
    return DataRow(line, cells, code=keys[key_at], name=name, time=time or block_time, dims=dims)


def _title_block(table: StatTable, titles: list[str]) -> None:
    title_lines, after_depth = [], []
    for text in _unwrapped(titles):
        text = text.strip()
        code = _CODE.match(text)
        if code:
            table.code = code.group(1)
            continue
        reference = _REFERENCE.search(text)
        if reference and not table.reference:
            table.reference = " ".join(reference["ref"].split()).rstrip(":")
            text = (text[:reference.start()] + " " + text[reference.end():]).strip()
        depth = _DEPTH.search(text)
        if depth:
            table.depth = depth["depth"].strip()
            text = text[:depth.start()].strip()
            if text:
                title_lines.append(text)
            after_depth.append("")
            continue
        (after_depth if after_depth else title_lines).append(text)
    statistic_seen = False
    for text in (t for t in after_depth if t):
        measure = _MEASURE.match(text)
        if text.startswith("(") and text.endswith(")"):
            title_lines.append(text)
        elif not statistic_seen:
            table.statistic, statistic_seen = text, True
        elif measure:
            table.measure, table.measure_unit = measure["what"], measure["unit"]
    table.title = re.sub(r"\s*-\s*$", "", " ".join(t.strip().rstrip(",;") for t in title_lines if t.strip()))
    nach = re.search(r"\bnach\s+(?:de[mnr]\s+)?(?P<what>[^,;]+)$", table.title)
    if nach:
        what = re.sub(r"\s*\([^)]*\)", "", nach["what"]).strip()
        table.dim_titles = tuple(part.strip() for part in what.split(" und ") if part.strip())


def _unwrapped(titles: list[str]) -> list[str]:
    """Title lines with „… regionale“ / „Tiefe: Kreise …“ joined: the export wraps long lines there."""
    lines: list[str] = []
    for text in titles:
        if lines and _WRAPPED_DEPTH.search(lines[-1]) and text.strip().casefold().startswith("tiefe"):
            lines[-1] = f"{lines[-1].rstrip()} {text.strip()}"
        else:
            lines.append(text)
    return lines


def _footer(table: StatTable, texts: list[str]) -> None:
    for text in texts:
        stand = _STAND.search(text)
        if text.startswith("©"):  # GENESIS-Online: „© Statistisches Bundesamt (Destatis), 2024 | Stand: …“
            table.copyright = " ".join(text.split("|")[0].split())
        if stand and (text.startswith("©") or text.startswith("Stand:")):
            table.stand = stand["date"]
        elif text.startswith("zu "):
            table.footnotes.extend(footnotes(text))


def footnotes(text: str) -> list[Footnote]:
    """The footnotes of a footer cell: „zu "X":“ topics, each with entries per Land (wrapped lines joined)."""
    found: list[Footnote] = []
    topic = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        head = _FOOTNOTE_TOPIC.match(line)
        if head:
            topic = head["topic"].strip('"')
            continue
        who = _FOOTNOTE_WHO.match(line)
        if who and (any(land in who["who"] for land in LANDS) or "Länder" in who["who"] or not found
                    or found[-1].topic != topic):
            concerns = "" if "alle Länder" in who["who"] else who["who"]
            found.append(Footnote(topic, concerns, line))
        elif found and found[-1].topic == topic:
            previous = found[-1]
            joined = previous.text[:-1] + line if previous.text.endswith("-") and line[:1].islower() \
                else f"{previous.text} {line}"
            found[-1] = Footnote(previous.topic, previous.who, joined)
        else:
            found.append(Footnote(topic, "", line))
    return found
