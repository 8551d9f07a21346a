"""Read a GENESIS „flat file“ (ffcsv): one value per row, every dimension in columns of its own.

Regionaldatenbank and GENESIS-Online offer it beside the table layout::

    Statistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit;1_Merkmal_Code;1_Merkmal_Label;
        1_Auspraegung_Code;1_Auspraegung_Label;2_Merkmal_Code;…;BEVSTD__Bevoelkerungsstand__Anzahl
    12411;Fortschreibung des Bevölkerungsstandes;STAG;Stichtag;31.12.2022;KREISE;Kreise;03151;
        Gifhorn, Landkreis;GES;Geschlecht;GESM;männlich;85770

(GENESIS-Online's newer files name the same columns in English: ``statistics_code``, ``time``,
``1_variable_attribute_code``, ``value``, ``value_unit``, ``value_variable_label``.) The
characteristic whose codes are region keys (DG, 03, 03151, …) gives the region; every other
characteristic is a row label (a group, „Insgesamt“ where its code is empty); each value column
(``CODE__Label__Unit``, or each ``value_variable`` of the newer files) is a value column. The rows are
gathered into one row per year, region and labels, the shape :mod:`genesis` reads from the table
layout, so the conversion is the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wegweiser.indicators.cells import CellError, parse_cell
from wegweiser.indicators.stat_table import Column, DataRow, ImportFailed, StatTable, csv_records, time_of

_KEY = re.compile(r"DG|\d{2}|\d{3}|\d{5}|\d{8,12}")
_MERKMAL = re.compile(r"(?P<n>\d+)_(?:merkmal|variable)_(?P<what>code|label)")
_AUSPRAEGUNG = re.compile(r"(?P<n>\d+)_(?:auspraegung|variable_attribute)_(?P<what>code|label)")
_VALUE = re.compile(r"(?P<code>[A-Z0-9]+)__(?P<label>.+?)__(?P<unit>[^_].*?)")
_QUALITY = ("__q", "_q")
_TABLE_CODE = re.compile(r"\d{5}-\d{2}-\d{2}-\w|\d{5}-\d{4}")
#: signs of a quality column; „e“ (endgültig) says nothing to note
QUALITY_FLAGS = {"": "", "e": "", "p": "p", "r": "r", "s": "s"}


def is_flat(text: str) -> bool:
    first = next((line for line in text.splitlines() if line.strip()), "").lstrip("\ufeff").casefold()
    return first.startswith(("statistik_code;", "statistics_code;"))


@dataclass
class _Layout:
    time: int
    time_label: int | None
    region: int  # the position of the characteristic whose attribute codes are region keys
    code_of: dict  # n -> column of the attribute code
    label_of: dict  # n -> column of the attribute label
    title_of: dict  # n -> column of the characteristic's label
    values: list  # (column, label, unit, quality column or None)
    newer: dict  # the newer files: {"value", "unit", "variable", "quality"} -> column


def read_flat(text: str, name: str, encoding: str) -> StatTable:
    records = csv_records(text.lstrip("\ufeff"), ";")
    (_, header), data = records[0], records[1:]
    if not data:
        raise ImportFailed(f"{name}: Unter der Kopfzeile stehen keine Werte.")
    layout = _layout([h.casefold() for h in header], header, data, name)
    first = data[0][1]
    statistic = _cell(first, header, ("statistik_label", "statistics_label"))
    table = StatTable(name=name, encoding=encoding, columns=[], rows=[], statistic=statistic, title=statistic,
                      layout="flat")
    code = _TABLE_CODE.search(name)
    table.code = code.group(0) if code else _cell(first, header, ("statistik_code", "statistics_code"))
    table.reference = first[layout.time_label] if layout.time_label is not None else ""
    others = [n for n in sorted(layout.code_of) if n != layout.region]
    table.dim_titles = tuple(first[layout.title_of[n]] for n in others if n in layout.title_of)
    spelled = " ".join(" ".join(cells) for _, cells in data[:50])
    layout.values = [(column, umlauts(label, spelled), unit, quality) for column, label, unit, quality in layout.values]
    measures: dict[tuple, int] = {}
    for column, label, unit, _ in layout.values:
        measures.setdefault((label, unit), len(measures))
    rows: dict[tuple, DataRow] = {}
    seen: dict[tuple, int] = {}
    bad: list[str] = []
    for number, cells in data:
        cells = cells + [""] * (len(header) - len(cells))
        time = time_of(cells[layout.time])
        if time is None:
            raise ImportFailed(f"{name}, Zeile {number}, Spalte „{header[layout.time]}“: „{cells[layout.time]}“ ist "
                               "kein Jahr und kein Stichtag (z. B. 2024 oder 31.12.2024).")
        region = cells[layout.code_of[layout.region]]
        dims = tuple(cells[layout.label_of[n]] if cells[layout.code_of[n]] else "Insgesamt" for n in others)
        key = (cells[layout.time], region, dims)
        row = rows.get(key)
        if row is None:
            row = rows[key] = DataRow(number, [], code=region, name=cells[layout.label_of[layout.region]], time=time,
                                      dims=dims)
        for column, label, unit, quality in _values(layout, cells, header):
            index = measures.setdefault((label, unit), len(measures))
            if (key, index) in seen:
                raise ImportFailed(f"{name}, Zeile {number}: Der Wert für {row.name or region}, {cells[layout.time]}"
                                   f"{', ' + ', '.join(dims) if dims else ''} steht schon in Zeile "
                                   f"{seen[(key, index)]}. Laden Sie die Tabelle bitte neu herunter.")
            seen[(key, index)] = number
            row.cells.extend([""] * (index + 1 - len(row.cells)))
            row.cells[index] = _flagged(cells[column], cells[quality] if quality is not None else "", name, number,
                                        header[quality] if quality is not None else "")
            try:
                parse_cell(row.cells[index])
            except CellError as exc:
                bad.append(f"{name}, Zeile {number}, Spalte „{header[column]}“: {exc}.")
    if bad:
        raise ImportFailed("\n".join(bad[:20]) + ("\n…" if len(bad) > 20 else "") + "\nKorrigieren Sie die Zellen "
                           "oder laden Sie die Tabelle neu herunter; nichts geschrieben.")
    for row in rows.values():
        row.cells.extend([""] * (len(measures) - len(row.cells)))
    table.columns = [Column(index, (label,), unit) for (label, unit), index in measures.items()]
    table.rows = list(rows.values())
    return table


def _layout(folded: list[str], header: list[str], data, name: str) -> _Layout:
    def find(*names):
        return next((folded.index(n) for n in names if n in folded), None)

    time = find("zeit", "time")
    code_of, label_of, title_of = {}, {}, {}
    for index, title in enumerate(folded):
        merkmal, attribute = _MERKMAL.fullmatch(title), _AUSPRAEGUNG.fullmatch(title)
        if attribute:
            (code_of if attribute["what"] == "code" else label_of)[int(attribute["n"])] = index
        elif merkmal and merkmal["what"] == "label":
            title_of[int(merkmal["n"])] = index
    regions = [n for n in sorted(code_of) if all(_KEY.fullmatch(cells[code_of[n]]) for _, cells in data
                                                 if code_of[n] < len(cells))]
    newer = {key: find(*names) for key, names in (("value", ("value", "wert")), ("unit", ("value_unit",)),
                                                   ("variable", ("value_variable_label",)),
                                                   ("quality", ("value_q", "wert_q")))}
    values = []
    for index, title in enumerate(header):
        match = _VALUE.fullmatch(title)
        if match and not title.endswith(_QUALITY):
            quality = next((header.index(title + q) for q in _QUALITY if title + q in header), None)
            values.append((index, match["label"].replace("_", " "), match["unit"].replace("_", " "), quality))
    missing = [what for what, there in (("Zeit", time is not None), ("ein Merkmal mit Regionalschlüsseln (DG, 03, "
               "03151 …)", bool(regions)), ("Wertspalten", bool(values) or newer["value"] is not None)) if not there]
    if missing:
        raise ImportFailed(f"{name}: Diese GENESIS-Datei im Format „flat“ ist unvollständig: Es fehlen "
                           f"{', '.join(missing)}. Erwartet wird die Kopfzeile „Statistik_Code;Statistik_Label;"
                           "Zeit_Code;Zeit_Label;Zeit;1_Merkmal_Code;…;1_Auspraegung_Code;1_Auspraegung_Label;…“ mit "
                           "dem Merkmal der Regionen. Laden Sie die Tabelle sonst im Tabellenformat „CSV“ herunter.")
    return _Layout(time, find("zeit_label", "time_label"), regions[0], code_of, label_of, title_of, values, newer)


def _values(layout: _Layout, cells: list[str], header: list[str]):
    """(column, label, unit, quality column) of each value in this row."""
    if layout.values:
        return layout.values
    newer = layout.newer
    label = cells[newer["variable"]] if newer["variable"] is not None else header[newer["value"]]
    unit = cells[newer["unit"]] if newer["unit"] is not None else ""
    return [(newer["value"], label, unit, newer["quality"])]


def _flagged(value: str, quality: str, name: str, line: int, column: str) -> str:
    """The value with its quality sign as the table layout prints it („1234p“), read by :mod:`cells`."""
    flag = quality.strip().casefold()
    if flag not in QUALITY_FLAGS:
        raise ImportFailed(f"{name}, Zeile {line}, Spalte „{column}“: Das Qualitätskennzeichen „{quality}“ ist "
                           f"unbekannt (bekannt: {', '.join(f for f in QUALITY_FLAGS if f)}).")
    sign = QUALITY_FLAGS[flag]
    return f"{value}{sign}" if sign and value and value[-1:].isdigit() else value


def umlauts(label: str, text: str) -> str:
    """A column name written without umlauts („Bevoelkerungsstand“) as the file's labels spell it
    („Fortschreibung des Bevölkerungsstandes“ -> „Bevölkerungsstand“); else unchanged."""
    pattern = re.escape(label)
    for plain, umlaut in (("ae", "ä"), ("oe", "ö"), ("ue", "ü"), ("ss", "ß")):
        pattern = pattern.replace(plain, f"(?:{plain}|{umlaut})")
    match = re.search(pattern, text, re.I)
    return label[:1] + match.group(0)[1:] if match else label


def _cell(cells: list[str], header: list[str], names: tuple[str, ...]) -> str:
    folded = [h.casefold() for h in header]
    index = next((folded.index(n) for n in names if n in folded), None)
    return cells[index] if index is not None and index < len(cells) else ""
