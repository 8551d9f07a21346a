"""Reading a list as offices have it: CSV (any of the usual encodings and delimiters) or XLSX.

The file's content decides, not its name: XLSX and ODS (LibreOffice) are read whatever their name;
a PDF, an old ``.xls``, a web page or a ZIP archive is named in a German message with the fix.
Title rows above the header are skipped (the header is the row that names the most of the
columns the import needs), column names are matched regardless of case, spaces, line breaks and
umlauts spelt ``ae``/``oe``/``ue``, and cells that would be lost (beyond the header, under no
heading, formulas without a stored result) are reported per row.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from wegweiser.checks.findings import WARNING
from wegweiser.checks.messages import finding
from wegweiser.content.text_encoding import marked_unicode
from wegweiser.importing.mapping import ImportFailed
from wegweiser.importing.ods import ods_rows
from wegweiser.importing.result import Problem
from wegweiser.outputs.exports import from_spreadsheet

_DELIMITERS = ",;\t|"
_SCAN = 30  # rows searched for the header
_CELL_LIMIT = 10_000_000  # characters of one CSV cell
_SAVE_AS = ("Öffnen Sie sie in Excel oder LibreOffice Calc und speichern Sie sie über „Speichern unter“ als "
            "„Excel-Arbeitsmappe (.xlsx)“ oder „CSV (Trennzeichen-getrennt)“; dann importieren Sie diese Datei.")
#: error values of formulas (Excel, German Excel, LibreOffice); #N/A and #NV count as empty
_CELL_ERRORS = frozenset({"#DIV/0!", "#NAME?", "#NAME", "#REF!", "#BEZUG!", "#VALUE!", "#WERT!", "#NUM!", "#ZAHL!",
                          "#NULL!", "#SPILL!", "#ÜBERLAUF!", "#CALC!", "#BERECHNEN!", "ERR:502", "ERR:504", "ERR:522"})
#: ="00042": how exports keep Excel from dropping leading zeros
_EXCEL_TEXT = re.compile(r'^="((?:[^"]|"")*)"$', re.S)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[tuple[int, dict]]  # (row number as a spreadsheet shows it, column -> cell)
    encoding: str = ""
    delimiter: str = ""
    header_row: int = 1
    notes: list[str] = field(default_factory=list)  # German lines shown after reading
    problems: list[Problem] = field(default_factory=list)  # cells that cannot be taken over


def column_key(name: str) -> str:
    """A column name as compared: lower case, umlauts spelt out, letters and digits only."""
    return re.sub(r"[\W_]+", "", name.casefold().translate(_UMLAUTS))


def column_letter(index: int) -> str:
    """The spreadsheet's letter of a column (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_table(path: Path, mapping=None, expected: set[str] | frozenset = frozenset()) -> Table:
    """The table in ``path``; ``expected``: the column names the import needs (to find the header)."""
    path = Path(path)
    if not path.is_file():
        raise ImportFailed(f"Die Datei {path} gibt es nicht.")
    raw = path.read_bytes()
    kind = _file_kind(raw, path.name)
    sheet = mapping.sheet if mapping else None
    if kind == "xlsx":
        name, rows, encoding, delimiter, problems = path.name, *_xlsx_rows(path, sheet)
    elif kind == "ods":
        rows, formulas = ods_rows(path, sheet)
        name, encoding, delimiter = path.name, "LibreOffice", ""
        problems = [_formula_problem(number, index, formula) for number, index, formula in formulas]
    else:
        name, rows, encoding, delimiter, problems = path.name, *_csv_rows(raw, path.name, mapping)
    zeros = mapping.leading_zeros if mapping else {}
    table = _table(name, rows, expected | set(zeros), encoding, delimiter)
    _restore_zeros(table, zeros)
    if kind == "xlsx" and path.suffix.lower() not in (".xlsx", ".xlsm"):
        table.notes.insert(0, f"{path.name} ist eine Excel-Arbeitsmappe (XLSX) und wird als solche gelesen.")
    if kind == "ods" and path.suffix.lower() != ".ods":
        table.notes.insert(0, f"{path.name} ist eine LibreOffice-Tabelle (ODS) und wird als solche gelesen.")
    for problem in problems:  # formulas without a result: only in columns the import reads
        index = int(problem.column)
        problem.column = table.header[index] if index < len(table.header) else ""
        if problem.column in expected and problem.row > table.header_row:
            table.problems.append(problem)
    used = [(i, h) for i, h in enumerate(table.header) if h in expected]
    for number, row in table.rows:  # a formula's error value in Excel or German Excel/LibreOffice
        for index, column in used:
            value = row.get(column)
            if isinstance(value, str) and value.strip().upper() in _CELL_ERRORS:
                table.problems.append(Problem(number, column, finding(
                    "import-cell-error", f"Zeile {number}", line=number, value=value.strip(),
                    cell=f"{column_letter(index)}{number}")))
    table.problems.sort(key=lambda p: p.row or 0)
    return table


def _file_kind(raw: bytes, name: str) -> str:
    """"xlsx", "ods" or "text"; any other kind of file is an ImportFailed with the fix."""
    if not raw.strip():
        raise ImportFailed(f"Die Datei {name} ist leer.")
    if raw.startswith(b"%PDF"):
        raise ImportFailed(f"{name} ist ein PDF-Dokument, keine Tabelle; aus einem PDF lassen sich die Spalten nicht "
                           "verlässlich lesen. Fragen Sie nach der ursprünglichen Tabelle (Excel, LibreOffice oder "
                           "CSV) und importieren Sie diese.")
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFailed(f"{name} ist im alten Excel-Format (.xls, Excel 97–2003), das der Import nicht liest. "
                           + _SAVE_AS)
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
        except (zipfile.BadZipFile, OSError):
            raise ImportFailed(f"{name} ist ein beschädigtes ZIP- oder Excel-Archiv. " + _SAVE_AS) from None
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "opendocument.spreadsheet" in mimetype:
            return "ods"
        raise ImportFailed(f"{name} ist ein ZIP-Archiv, keine Tabelle. Entpacken Sie es und importieren Sie die "
                           "Tabelle darin (.xlsx oder .csv).")
    start = raw.lstrip()[:200].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        raise ImportFailed(f"{name} ist eine Webseite oder XML-Datei, keine CSV- oder Excel-Tabelle (manche "
                           "Programme speichern so ihren „Excel-Export“). " + _SAVE_AS)
    return "text"


def _decode(raw: bytes, name: str, encoding: str | None) -> tuple[str, str]:
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as exc:
            raise ImportFailed(f"Die Datei lässt sich nicht als {encoding} lesen ({exc}).") from None
    found = marked_unicode(raw)  # UTF-8 with BOM; Excel's „Unicode-Text“ (UTF-16, usually with tabs)
    if found:
        return found
    if b"\0" in raw:
        raise ImportFailed(f"{name} ist keine Textdatei (CSV) und keine Excel-Arbeitsmappe. " + _SAVE_AS)
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "Windows-1252"


def _delimiter(text: str) -> str:
    """The delimiter that splits most of the first lines into the same number of parts (a title line
    above the header does not count for more than any other line)."""
    lines = [line for line in text.splitlines()[:_SCAN] if line.strip()]

    def score(char: str) -> int:
        counts = Counter(line.count(char) for line in lines if char in line)
        if not counts:
            return 0
        count, times = counts.most_common(1)[0]
        return count * times

    return max(_DELIMITERS, key=score)


def _csv_rows(raw: bytes, name: str, mapping):
    text, encoding = _decode(raw, name, mapping.encoding if mapping else None)
    hint = re.match(r"sep=(.)\r?\n", text)  # Excel's delimiter line; Excel does not show it as a row
    text = text[hint.end():] if hint else text
    delimiter = (mapping.delimiter if mapping else None) or (hint.group(1) if hint else _delimiter(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, last_line, offset = [], 0, 1 if hint else 0
    previous = csv.field_size_limit(_CELL_LIMIT)
    try:
        for number, cells in enumerate(reader, start=1):
            if reader.line_num - last_line > 1 and _swallowed_rows(cells, delimiter):
                raise ImportFailed(
                    f"{name}, Zeile {number}: Ein Anführungszeichen (\") wird nicht geschlossen; dadurch sind die "
                    f"Zeilen {last_line + 1 + offset} bis {reader.line_num + offset} der Datei in eine Zelle "
                    "geraten. Schließen Sie "
                    "das Anführungszeichen oder entfernen Sie es; Text mit Anführungszeichen in einer Zelle "
                    "schreiben Sie als „“ oder verdoppelt (\"\").")
            last_line = reader.line_num
            rows.append((number, [from_spreadsheet(_EXCEL_TEXT.sub(_unquote, c)) for c in cells]))
    except csv.Error as exc:
        raise ImportFailed(f"{name}, Zeile {reader.line_num}: Die CSV-Datei ist fehlerhaft ({exc}). "
                           + _SAVE_AS) from None
    finally:
        csv.field_size_limit(previous)
    return rows, encoding, delimiter, []


def _unquote(match: re.Match) -> str:
    return match.group(1).replace('""', '"')


def _swallowed_rows(cells: list[str], delimiter: str) -> bool:
    """Whether a cell that spans lines holds a line that looks like a whole row of its own: the
    sign of a quote that was opened and never closed (text with line breaks has no such lines)."""
    least = max(2, len(cells) - 1)
    return any(line.count(delimiter) >= least for cell in cells if "\n" in cell for line in cell.splitlines()[1:])


def _xlsx_rows(path: Path, sheet: str | None):
    import openpyxl

    def load(data_only: bool):
        try:
            # a file object: an XLSX saved under another name (.csv) is read as well
            return openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=data_only)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one German message
            raise ImportFailed(f"Die Excel-Datei {path.name} kann nicht gelesen werden ({exc}). " + _SAVE_AS) from None

    book = load(True)
    try:
        if sheet and sheet not in book.sheetnames:
            raise ImportFailed(f"Das Tabellenblatt „{sheet}“ gibt es nicht; vorhanden: {', '.join(book.sheetnames)}.")
        title = sheet or book.sheetnames[0]
        rows = [(number, [from_spreadsheet(c) if isinstance(c, str) else c for c in cells])
                for number, cells in enumerate(book[title].iter_rows(values_only=True), start=1)]
    finally:
        book.close()
    return rows, "XLSX", "", _formulas_without_result(path, load, title, rows)


def _formulas_without_result(path: Path, load, title: str, rows: list) -> list[Problem]:
    """Cells whose formula has no stored result (a file written by a program, never opened in Excel):
    their value would be lost. ``Problem.column`` holds the column's index until the header is known."""
    with zipfile.ZipFile(path) as archive:
        if not any(b"<f" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")):
            return []
    book = load(False)
    try:
        values = dict(rows)
        out = []
        for number, cells in enumerate(book[title].iter_rows(values_only=True), start=1):
            for index, cell in enumerate(cells):
                cached = values.get(number, [])
                if isinstance(cell, str) and cell.startswith("=") and (index >= len(cached) or cached[index] is None):
                    out.append(_formula_problem(number, index, cell))
        return out
    finally:
        book.close()


def _formula_problem(number: int, index: int, formula: str) -> Problem:
    return Problem(number, str(index), finding("import-formula", f"Zeile {number}", line=number, value=formula,
                                               cell=f"{column_letter(index)}{number}"))


def _header_index(rows: list, expected: set[str]) -> int:
    """The index of the header row among the first rows: the one naming most expected columns;
    without any, the first row with two or more filled cells."""
    wanted = {column_key(c) for c in expected}
    best, best_score = None, 0
    for index, (_, cells) in enumerate(rows[:_SCAN]):
        score = len({column_key(str(c)) for c in cells if c not in (None, "")} & wanted)
        if score > best_score:
            best, best_score = index, score
    if best is not None:
        return best
    filled = [sum(1 for c in cells if c not in (None, "") and str(c).strip()) for _, cells in rows[:_SCAN]]
    return next((i for i, n in enumerate(filled) if n >= 2), next((i for i, n in enumerate(filled) if n), -1))


def _table(name: str, rows: list, expected: set[str], encoding: str, delimiter: str) -> Table:
    index = _header_index(rows, expected)
    if index < 0:
        raise ImportFailed(f"Die Datei {name} ist leer.")
    header_row, cells = rows[index]
    header = ["" if c is None else re.sub(r"\s+", " ", str(c)).strip() for c in cells]
    table = Table(name, header, [], encoding, delimiter, header_row)
    skipped = [str(c).strip() for _, row in rows[:index] for c in row if c not in (None, "") and str(c).strip()]
    if skipped:
        table.notes.append(f"Kopfzeile ist Zeile {header_row}; darüber übersprungen: „{skipped[0][:80]}“"
                           + (f" und {len(skipped) - 1} weitere Zellen." if len(skipped) > 1 else "."))
    _resolve_columns(table, expected)
    named = [(i, h) for i, h in enumerate(table.header) if h]
    for number, cells in rows[index + 1:]:
        row = {h: cells[i] for i, h in named if i < len(cells)}
        for i, cell in enumerate(cells):
            if (i >= len(table.header) or not table.header[i]) and cell not in (None, "") and str(cell).strip():
                table.problems.append(Problem(number, None, finding(
                    "import-no-heading", f"Zeile {number}", line=number, value=str(cell).strip()[:80],
                    column=column_letter(i), severity=WARNING)))
        if any(v not in (None, "") and str(v).strip() for v in row.values()):
            table.rows.append((number, row))
    if not table.rows:
        raise ImportFailed(f"{name} enthält nur die Kopfzeile (Zeile {header_row}) und keine Daten darunter. "
                           "Ist es die richtige Datei oder das richtige Tabellenblatt („sheet:“ in der Zuordnung)?")
    return table


def _resolve_columns(table: Table, expected: set[str]) -> None:
    """Header names written differently from the mapping (case, spaces, line breaks, ae/ä) take the
    mapping's spelling, with a note; a name that occurs twice is an error when the import needs it."""
    by_key: dict[str, list[int]] = {}
    for i, name in enumerate(table.header):
        if name:
            by_key.setdefault(column_key(name), []).append(i)
    for wanted in sorted(expected):
        places = by_key.get(column_key(wanted), [])
        if len(places) > 1:
            letters = " und ".join(column_letter(i) for i in places)
            raise ImportFailed(f"{table.name}: Die Spalte „{wanted}“ gibt es mehrmals (Spalten {letters} in Zeile "
                               f"{table.header_row}). Benennen Sie die Spalten eindeutig und passen Sie die "
                               "Zuordnung an.")
        if places and table.header[places[0]] != wanted:
            if table.header[places[0]] != re.sub(r"\s+", " ", wanted).strip():
                table.notes.append(f"Spalte „{table.header[places[0]]}“ wird als „{wanted}“ gelesen.")
            table.header[places[0]] = wanted


def _restore_zeros(table: Table, zeros: dict) -> None:
    """``leading_zeros: {Spalte: 8}``: a number of that column gets back the zeros a spreadsheet dropped
    (``1010010`` -> ``01010010``), in every use of the column (ids, templates, ``map``)."""
    for column, digits in zeros.items():
        if column not in table.header:
            raise ImportFailed(f"{table.name}: Die Spalte „{column}“ unter „leading_zeros“ gibt es nicht. "
                               f"Vorhanden sind: {', '.join(h for h in table.header if h)}.")
        for _, row in table.rows:
            value = row.get(column)
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            text = str(value).strip() if value is not None else ""
            if text.isdigit() and len(text) < digits:
                row[column] = text.zfill(digits)
