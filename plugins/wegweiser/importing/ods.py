"""The rows of a LibreOffice/OpenOffice spreadsheet (.ods), read with the standard library.

An .ods file is a ZIP archive whose ``content.xml`` holds the sheets (OpenDocument 1.2+, part 3):
``table:table`` > ``table:table-row`` > ``table:table-cell``, with repeat counts for equal rows and
cells (an empty sheet ends in a row repeated a million times, so empty repeats are counted, not
built). A cell's value is typed by ``office:value-type``: numbers and dates from their attributes,
text from its paragraphs (``text:s`` spaces, tabs and line breaks kept; comments left out).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from wegweiser.importing.mapping import ImportFailed

_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
_TABLE, _ROW = f"{{{_NS['table']}}}table", f"{{{_NS['table']}}}table-row"
_CELLS = {f"{{{_NS['table']}}}table-cell", f"{{{_NS['table']}}}covered-table-cell"}
_P, _S = f"{{{_NS['text']}}}p", f"{{{_NS['text']}}}s"
_TAB, _BREAK = f"{{{_NS['text']}}}tab", f"{{{_NS['text']}}}line-break"
_ANNOTATION = f"{{{_NS['office']}}}annotation"


def _attr(element, prefix: str, name: str, default=None):
    return element.get(f"{{{_NS[prefix]}}}{name}", default)


def _text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == _S:
            parts.append(" " * int(_attr(child, "text", "c", "1")))
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _BREAK:
            parts.append("\n")
        elif child.tag != _ANNOTATION:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _value(cell):
    kind = _attr(cell, "office", "value-type")
    if kind in ("float", "percentage", "currency"):
        number = float(_attr(cell, "office", "value", "nan"))
        return int(number) if number.is_integer() else number
    if kind == "date":
        text = _attr(cell, "office", "date-value", "")
        value = dt.datetime.fromisoformat(text)
        return value.date() if "T" not in text else value
    if kind == "boolean":
        return _attr(cell, "office", "boolean-value") == "true"
    text = "\n".join(_text(p) for p in cell if p.tag == _P)
    return text if text else None


def ods_rows(path: Path, sheet: str | None):
    """(row number, cells) of the sheet (the first, or ``sheet``), and the cells whose formula has no
    stored result as (row number, column index, formula)."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            return _read(content, sheet, path.name)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError) as exc:
        raise ImportFailed(f"Die LibreOffice-Tabelle {path.name} kann nicht gelesen werden ({exc}). Öffnen Sie "
                           "sie in LibreOffice Calc und speichern Sie sie noch einmal oder als .xlsx.") from None


def _read(content, sheet: str | None, name: str):
    rows, formulas, names, number, current = [], [], [], 0, None
    for event, element in ElementTree.iterparse(content, events=("start", "end")):
        if element.tag == _TABLE and event == "start":
            names.append(_attr(element, "table", "name", ""))
            if current is None and (sheet is None or names[-1] == sheet):
                current = element
        elif element.tag == _TABLE and element is current:
            return rows, formulas
        elif element.tag == _ROW and event == "end" and current is not None:
            cells, pending = [], 0
            for cell in (c for c in element if c.tag in _CELLS):
                repeat = int(_attr(cell, "table", "number-columns-repeated", "1"))
                value = _value(cell)
                if value is None:
                    formula = _attr(cell, "table", "formula")
                    if formula:
                        formulas.append((number + 1, len(cells) + pending, formula))
                    pending += repeat
                    continue
                cells += [None] * pending + [value] * repeat
                pending = 0
            for times in range(int(_attr(element, "table", "number-rows-repeated", "1")) if cells else 0):
                rows.append((number + 1 + times, cells))
            number += int(_attr(element, "table", "number-rows-repeated", "1"))
            element.clear()
    if sheet:
        raise ImportFailed(f"Das Tabellenblatt „{sheet}“ gibt es nicht; vorhanden: {', '.join(names)}.")
    return rows, formulas
