"""Read a plain table: one header row, then data — one column per group or one column per year.

Typical of a city's open data or a spreadsheet of the office::

    Jahr;unter 3 Jahre;3 bis unter 6 Jahre          Gemeinde;2022;2023;2024
    2023;1.204;2.310                                Musterstadt;12,5;13,1;x

A column named like a year holds that year's values; a column „Jahr“ (year,
Stichtag, Schuljahr) holds the year of its row; a column „Gemeinde“ (Region,
Ort, Kreis, AGS) names the row's municipality or region; other text columns are
row labels (groups); every other column holds values. The description file
(:mod:`import_spec`) names the columns where their headers do not say it, and
says title, source and units. A table already in the package's own format
(year, municipality, value, status) is read the same way.
"""

from __future__ import annotations


from wegweiser.indicators.cells import looks_like_value
from wegweiser.indicators.import_spec import ImportSpec
from wegweiser.indicators.stat_table import Column, DataRow, ImportFailed, StatTable, csv_records, time_of

YEAR_HEADERS = {"jahr", "year", "stichtag", "schuljahr", "berichtsjahr", "datum", "zeit"}
NAME_HEADERS = {"gemeinde", "municipality", "region", "ort", "kreis", "gebiet", "stadt", "stadtteil", "name",
                "regionalname", "gemeindename"}
CODE_HEADERS = {"ags", "gemeindeschlüssel", "regionalschlüssel", "schlüssel", "code", "ars", "kennziffer"}
STATUS_HEADERS = {"status"}
NOTE_HEADERS = {"note", "hinweis", "anmerkung", "bemerkung"}


def read_wide(text: str, name: str, encoding: str, spec: ImportSpec) -> StatTable:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ImportFailed(f"{name}: Die Datei ist leer.")
    delimiter = {"tab": "\t", "tabulator": "\t"}.get(spec.delimiter.casefold(), spec.delimiter) or \
        max((";", ",", "\t"), key=lines[0].count)
    decimal = spec.decimal or ("," if delimiter == ";" else ".")
    records = csv_records(text, delimiter)
    (header_line, header), data = records[0], records[1:]
    if not data:
        raise ImportFailed(f"{name}: Unter der Kopfzeile stehen keine Daten.")
    folded = [h.casefold() for h in header]
    roles = _roles(folded, header, data, decimal, spec, name)
    columns = []
    for index, title in enumerate(header):
        if roles.get(index) == "value":
            time = time_of(title)
            parts = () if time else (title,)
            columns.append(Column(index, parts, "", time))
    if not columns:
        raise ImportFailed(f"{name}, Zeile {header_line}: Keine Spalte enthält Zahlen. Kopfzeile: "
                           f"{delimiter.join(header)}")
    rows = []
    for number, cells in data:
        cells = cells + [""] * (len(header) - len(cells))
        year_cell = next((cells[i] for i, r in roles.items() if r == "year"), "")
        time = time_of(year_cell) if year_cell else None
        if year_cell and time is None:
            raise ImportFailed(f"{name}, Zeile {number}: „{year_cell}“ ist kein Jahr (z. B. 2024 oder 01.03.2024).")
        rows.append(DataRow(
            number, cells,
            code=next((cells[i] for i, r in roles.items() if r == "code"), ""),
            name=next((cells[i] for i, r in roles.items() if r == "name"), ""),
            time=time,
            dims=tuple(cells[i] for i, r in sorted(roles.items()) if r == "label"),
            status=next((cells[i] for i, r in roles.items() if r == "status"), ""),
            note=next((cells[i] for i, r in roles.items() if r == "note"), ""),
        ))
    labels = [header[i] for i, r in sorted(roles.items()) if r == "label"]
    return StatTable(name=name, encoding=encoding, columns=columns, rows=rows, kind="wide", decimal=decimal,
                     dim_titles=tuple(labels))


def _roles(folded: list[str], header: list[str], data, decimal: str, spec: ImportSpec, name: str) -> dict[int, str]:
    """Column index -> year, name, code, status, note, label (a row label) or value."""
    roles: dict[int, str] = {}
    for wanted, role in ((spec.year_column, "year"), (spec.region_column, "name")):
        if wanted:
            if wanted.casefold() not in folded:
                raise ImportFailed(f"{name}: Eine Spalte „{wanted}“ gibt es nicht; die Kopfzeile hat: "
                                   f"{', '.join(header)}.")
            roles[folded.index(wanted.casefold())] = role
    for index, title in enumerate(folded):
        if index in roles:
            continue
        values = [cells[index] for _, cells in data if index < len(cells)]
        if title in YEAR_HEADERS and "year" not in roles.values():
            roles[index] = "year"
        elif title in CODE_HEADERS and "code" not in roles.values():
            roles[index] = "code"
        elif title in NAME_HEADERS and "name" not in roles.values():
            roles[index] = "name"
        elif title in STATUS_HEADERS:
            roles[index] = "status"
        elif title in NOTE_HEADERS:
            roles[index] = "note"
        elif time_of(header[index]) or (title in ("value", "wert") or all(looks_like_value(v, decimal)
                                                                          for v in values)):
            roles[index] = "value"
        else:
            roles[index] = "label"
    if "year" in roles.values() and any(r == "value" and time_of(header[i]) for i, r in roles.items()):
        raise ImportFailed(f"{name}: Die Tabelle hat eine Spalte mit dem Jahr und Spalten, die Jahre sind; "
                           "nennen Sie die Jahresspalte mit „year_column“.")
    return roles
