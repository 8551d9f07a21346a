"""Import existing lists (CSV or XLSX) as offer or provider files.

A mapping (YAML, see docs/import/README.md) says which column or fixed value
feeds which schema field. Every row is converted by the field's schema type,
then checked with the same validation as content files (frictionless package
and rules), so a bad row is reported with row number, column and the German
message, and the other rows are still imported. Nothing is overwritten unless
asked.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import math
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wegweiser.checks import validate as _validate
from wegweiser.content.entry_file import render_entry, slugify
from wegweiser.outputs.exports import BODY_COLUMN, LIST_DELIMITER, from_spreadsheet
from wegweiser.checks.findings import WARNING, Finding
from wegweiser.content.characters import visible
from wegweiser.content.frontmatter import SourceFile
from wegweiser.content.loading import load_sources, relative_path
from wegweiser.checks.messages import finding
from wegweiser.checks.rules import RULES, RuleContext
from wegweiser.content.schema import KIND_FOLDERS, Schemas, TableSchema

#: Cell texts that count as empty (compared case-insensitively), besides the empty cell.
EMPTY_VALUES = frozenset({"n/a", "na", "n.a.", "k.a.", "k. a.", "-", "–", "—", "null", "none", "#n/a", "nan"})
KIND_NAMES = {"offers": "offer", "providers": "provider", "offer": "offer", "provider": "provider"}
_TRUE = {"ja", "j", "yes", "y", "true", "wahr", "1", "x"}
_FALSE = {"nein", "n", "no", "false", "falsch", "0"}
_DIGITS = re.compile(r"\[0-9\]\{(\d+)\}")
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_OPTIONS = {"column", "value", "template", "map", "slug", "default"}

Progress = Callable[[int, int], None]


class ImportFailed(Exception):
    """The input or the mapping cannot be used at all (German message)."""


# --- the mapping -----------------------------------------------------------------


@dataclass
class Rule:
    """How one target field gets its value from a row."""

    target: str
    column: str | None = None
    value: object = None
    template: str | None = None
    map: dict | None = None
    slug: bool = False
    default: object = None

    @property
    def columns(self) -> list[str]:
        if self.column is not None:
            return [self.column]
        if self.template is not None:
            return [name for _, name, _, _ in string.Formatter().parse(self.template) if name]
        return []


@dataclass
class Mapping:
    rules: dict[str, Rule]
    delimiter: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    list_delimiter: str = LIST_DELIMITER
    empty: frozenset = EMPTY_VALUES
    duplicates: str = "error"
    kind: str | None = None
    optional_errors: str = "row"  # row: the row is not imported; drop: the value is left out


def identity_mapping(schema: TableSchema, header: list[str]) -> Mapping:
    """Columns named like schema fields (and ``body``) feed those fields: the export format."""
    targets = set(schema.field_names) | {BODY_COLUMN}
    return Mapping(rules={c: Rule(c, column=c) for c in header if c in targets})


def load_mapping(path: Path, schema: TableSchema) -> Mapping:
    """Read a mapping file; unknown fields or options are reported in German."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8-sig")) or {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"Die Zuordnungsdatei {path} kann nicht gelesen werden ({exc}).") from None
    except yaml.YAMLError as exc:
        raise ImportFailed(f"Die Zuordnungsdatei {path} ist kein gültiges YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        raise ImportFailed(f"{path}: Die Zuordnungsdatei braucht einen Abschnitt „fields:“, "
                           "der jedem Feld eine Spalte oder einen Wert zuordnet.")
    targets = set(schema.field_names) | {BODY_COLUMN}
    rules = {}
    for target, spec in data["fields"].items():
        if target not in targets:
            raise ImportFailed(f"{path}: Das Feld „{target}“ gibt es nicht. Erlaubt sind: "
                               f"{', '.join(schema.field_names)}, {BODY_COLUMN}.")
        if isinstance(spec, str):
            spec = {"column": spec}
        if not isinstance(spec, dict) or not spec.keys() & {"column", "value", "template"} \
                or spec.keys() - _OPTIONS:
            raise ImportFailed(f"{path}: Für „{target}“ braucht es genau eine Angabe „column“, "
                               "„value“ oder „template“ (dazu optional „map“, „slug“, „default“).")
        translate = spec.get("map")
        if translate is not None and not isinstance(translate, dict):
            raise ImportFailed(f"{path}: „map“ bei „{target}“ ordnet Werte zu, "
                               "z. B. „map: {Krippe: kita}“.")
        rules[target] = Rule(target, column=spec.get("column"), value=spec.get("value"),
                             template=spec.get("template"),
                             map={str(k): v for k, v in translate.items()} if translate else None,
                             slug=bool(spec.get("slug")), default=spec.get("default"))
    csv_options = data.get("csv") or {}
    empty = EMPTY_VALUES | {str(v).strip().casefold() for v in data.get("empty") or []}
    duplicates = data.get("duplicates", "error")
    if duplicates not in ("error", "first"):
        raise ImportFailed(f"{path}: „duplicates“ ist „error“ (Standard) oder „first“.")
    optional_errors = data.get("optional_errors", "row")
    if optional_errors not in ("row", "drop"):
        raise ImportFailed(f"{path}: „optional_errors“ ist „row“ (Standard) oder „drop“.")
    return Mapping(rules=rules, delimiter=csv_options.get("delimiter"), encoding=csv_options.get("encoding"),
                   sheet=data.get("sheet"), list_delimiter=str(data.get("list_delimiter", LIST_DELIMITER)),
                   empty=frozenset(empty), duplicates=duplicates, kind=data.get("kind"),
                   optional_errors=optional_errors)


# --- reading the table -------------------------------------------------------------


@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[tuple[int, dict]]  # (row number as a spreadsheet shows it, column -> cell)
    encoding: str = ""
    delimiter: str = ""


def read_table(path: Path, mapping: Mapping | None = None) -> Table:
    path = Path(path)
    if not path.is_file():
        raise ImportFailed(f"Die Datei {path} gibt es nicht.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, mapping.sheet if mapping else None)
    return _read_csv(path, mapping)


def _decode(raw: bytes, encoding: str | None) -> tuple[str, str]:
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as exc:
            raise ImportFailed(f"Die Datei lässt sich nicht als {encoding} lesen ({exc}).") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw.decode("utf-8-sig"), "UTF-8 mit BOM"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "Windows-1252"


def _read_csv(path: Path, mapping: Mapping | None) -> Table:
    text, encoding = _decode(path.read_bytes(), mapping.encoding if mapping else None)
    first = text.split("\n", 1)[0]
    delimiter = (mapping.delimiter if mapping else None) or max(",;\t|", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ImportFailed(f"Die Datei {path.name} ist leer.") from None
    rows = []
    try:
        for number, cells in enumerate(reader, start=2):
            rows.append((number, dict(zip(header, map(from_spreadsheet, cells)))))
    except csv.Error as exc:
        raise ImportFailed(f"{path.name}, Zeile {reader.line_num}: Die CSV-Datei ist fehlerhaft ({exc}).") from None
    return Table(path.name, header, rows, encoding, delimiter)


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one German message
        raise ImportFailed(f"Die Excel-Datei {path.name} kann nicht gelesen werden ({exc}).") from None
    try:
        if sheet and sheet not in book.sheetnames:
            raise ImportFailed(f"Das Tabellenblatt „{sheet}“ gibt es nicht; "
                               f"vorhanden: {', '.join(book.sheetnames)}.")
        ws = book[sheet] if sheet else book.worksheets[0]
        header, rows = None, []
        for number, cells in enumerate(ws.iter_rows(values_only=True), start=1):
            if header is None:
                if any(c not in (None, "") for c in cells):
                    header = ["" if c is None else str(c).strip() for c in cells]
                continue
            rows.append((number, dict(zip(header, (from_spreadsheet(c) if isinstance(c, str) else c for c in cells)))))
    finally:
        book.close()
    if header is None:
        raise ImportFailed(f"Die Excel-Datei {path.name} enthält keine Kopfzeile.")
    return Table(path.name, header, rows, "XLSX", "")


# --- converting cells ------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, code: str, value):
        self.code, self.value = code, value


def _is_empty(value, mapping: Mapping) -> bool:
    return value is None or (isinstance(value, str) and value.strip().casefold() in mapping.empty | {""})


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def convert(fld, value, mapping: Mapping):
    """The typed value of a cell for a schema field; raises _Bad with a finding code."""
    if fld.is_list:
        items = value if isinstance(value, list) else _text(value).split(mapping.list_delimiter)
        return [_text(i) for i in items if not _is_empty(i, mapping) and _text(i)] or None
    if fld.type == "integer":
        if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
            return int(value)
        text = _text(value)
        if re.fullmatch(r"[+-]?\d+([.,]0+)?", text):
            return int(re.split(r"[.,]", text)[0])
        raise _Bad("import-integer", text)
    if fld.type == "number":
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            return value
        text = _text(value).replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):  # also "inf", "NaN": no limit can judge them
            raise _Bad("import-number", _text(value))
        return number
    if fld.type == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = _text(value)
        match = _GERMAN_DATE.fullmatch(text)
        try:
            if match:
                return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            return dt.date.fromisoformat(text)
        except ValueError:
            raise _Bad("import-date", text) from None
    if fld.type == "boolean":
        text = _text(value).casefold()
        if text in _TRUE or value is True:
            return True
        if text in _FALSE or value is False:
            return False
        raise _Bad("import-boolean", _text(value))
    text = _text(value)
    digits = _DIGITS.fullmatch(fld.constraints.get("pattern", ""))
    if digits and text.isdigit() and len(text) < int(digits.group(1)):
        text = text.zfill(int(digits.group(1)))  # a spreadsheet dropped the leading zeros
    return text


class _Cells(dict):
    """Row cells for templates: missing and empty cells are empty text."""

    def __init__(self, cells: dict, mapping: Mapping):
        super().__init__({k: "" if _is_empty(v, mapping) else _text(v) for k, v in cells.items()})

    def __missing__(self, key):
        return ""


def _raw(rule: Rule, cells: _Cells, row: dict):
    if rule.template is not None:
        try:
            value = rule.template.format_map(cells)
        except (ValueError, IndexError, AttributeError) as exc:
            raise ImportFailed(f"Die Vorlage „{rule.template}“ für das Feld „{rule.target}“ lässt sich "
                               f"nicht anwenden ({exc}). Schreiben Sie Spaltennamen in geschweiften "
                               "Klammern, z. B. „kita-{Nummer}“.") from None
    elif rule.column is not None:
        value = row.get(rule.column)
    else:
        value = rule.value
    if rule.map is not None and not isinstance(value, list):
        key = _text(value) if value is not None else ""
        value = rule.map.get(key, value)
    if rule.slug and value is not None and not isinstance(value, list):
        value = slugify(_text(value))
    return value


# --- planning and writing ------------------------------------------------------------------


@dataclass
class Problem:
    """A finding about one row of the input, with the source column."""

    row: int | None
    column: str | None
    finding: Finding

    @property
    def is_error(self) -> bool:
        return self.finding.is_error

    def as_text(self, table: str) -> str:
        where = table + (f", Zeile {self.row}" if self.row else "")
        if self.column:
            where += f", Spalte „{self.column}“"
        if self.finding.field and self.finding.field != self.column:
            where += f" (Feld „{self.finding.field}“)"
        label = "Fehler" if self.is_error else "Warnung"
        text = f"{visible(where)}: {label}: {visible(self.finding.message)}"
        return text + (f"\n    → {visible(self.finding.hint)}" if self.finding.hint else "")


@dataclass
class Planned:
    row: int
    path: Path
    values: dict
    body: str
    action: str = "neu"  # neu | ersetzen | vorhanden | fehler
    text: str = ""


@dataclass
class ImportResult:
    kind: str
    table: Table
    planned: list[Planned] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    merged: int = 0

    def count(self, action: str) -> int:
        return sum(1 for p in self.planned if p.action == action)

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems if p.is_error})


def plan_import(table: Table, mapping: Mapping, kind: str, schemas: Schemas, root: Path,
                content_dir: Path, today: dt.date, overwrite: bool = False,
                stale_months: int = 12, progress: Progress | None = None) -> ImportResult:
    """Convert and check every row; nothing is written yet."""
    schema = schemas.for_kind(kind)
    missing = sorted({c for r in mapping.rules.values() for c in r.columns} - set(table.header))
    if missing:
        raise ImportFailed(f"{table.name}: Die Spalte(n) {', '.join(f'„{c}“' for c in missing)} gibt es nicht. "
                           f"Vorhanden sind: {', '.join(table.header)}.")
    if "id" not in mapping.rules:
        raise ImportFailed(f"{table.name}: Es ist nicht angegeben, woraus die Kennung (id) entsteht. "
                           "Ordnen Sie „id“ in der Zuordnungsdatei eine Spalte oder Vorlage zu.")
    result = ImportResult(kind=kind, table=table)
    folder = Path(content_dir) / KIND_FOLDERS[kind]
    sources, by_id = [], {}
    total = len(table.rows)
    for done, (number, row) in enumerate(table.rows, start=1):
        if progress and (done % 100 == 0 or done == total):
            progress(done, total)
        if all(_is_empty(v, mapping) for v in row.values()):
            continue
        src, body = _convert_row(number, row, mapping, schema, folder, result)
        key = src.values.get("id")
        if key and key in by_id:
            first = by_id[key]
            if mapping.duplicates == "first" or (first.values, first.body) == (src.values, body):
                result.merged += 1
                continue
        planned = Planned(number, src.path, src.values, body)
        if key:
            by_id.setdefault(key, planned)
        sources.append(src)
        result.planned.append(planned)
    _check(result, sources, kind, schemas, root, content_dir, today, stale_months, mapping)
    if mapping.optional_errors == "drop":
        _drop_optional(result, schema)
    error_rows = {p.row for p in result.problems if p.is_error}
    for planned in result.planned:
        if planned.row in error_rows:
            planned.action = "fehler"
        elif planned.path.exists():
            planned.action = "ersetzen" if overwrite else "vorhanden"
        if planned.action != "fehler":
            planned.text = render_entry(schema, planned.values, planned.body)
    return result


def _convert_row(number: int, row: dict, mapping: Mapping, schema: TableSchema, folder: Path,
                 result: ImportResult):
    cells = _Cells(row, mapping)
    values, body, dropped = {}, "", set()
    rel = f"Zeile {number}"
    for target, rule in mapping.rules.items():
        raw = _raw(rule, cells, row)
        if _is_empty(raw, mapping) or raw == []:
            raw = rule.default
        if _is_empty(raw, mapping) or raw == []:
            continue
        if target == BODY_COLUMN:
            body = _text(raw).replace("\r\n", "\n").strip("\n")
            continue
        fld = schema.by_name[target]
        try:
            value = convert(fld, raw, mapping)
        except _Bad as bad:
            dropped.add(target)
            column = ", ".join(rule.columns) or None
            result.problems.append(Problem(number, column, finding(
                bad.code, rel, field=target, value=bad.value, line=number, label=fld.title,
                column=column or target)))
            continue
        if value is not None and value != "":
            values[target] = value
    key = values.get("id")
    if not isinstance(key, str) or not key:
        column = ", ".join(mapping.rules["id"].columns) or "id"
        result.problems.append(Problem(number, column, finding("import-no-id", rel, field="id", line=number,
                                                                column=column)))
    name = f"{key}.md" if isinstance(key, str) and key and "/" not in key else f".zeile-{number}.md"
    src = SourceFile(path=folder / name, rel=rel, values=values, body=body, dropped=dropped)
    src.lines = {name: number for name in schema.field_names}
    return src, body


def _check(result: ImportResult, sources: list[SourceFile], kind: str, schemas: Schemas, root: Path,
           content_dir: Path, today: dt.date, stale_months: int, mapping: Mapping) -> None:
    """Validate the converted rows like content files; findings become row problems."""
    existing = load_sources(content_dir, schemas, root)
    new_ids = {s.values.get("id") for s in sources} if kind == "provider" else set()
    others = [s for s in existing["provider"] if s.values.get("id") not in new_ids]
    package = {"offer": sources, "provider": others} if kind == "offer" else {"offer": [], "provider": sources + others}
    rows = {s.rel: s for s in sources}
    findings: list[Finding] = _validate.check_tables(schemas, package)
    ctx = RuleContext(schemas=schemas, content_dir=Path(content_dir), today=today, stale_months=stale_months)
    for src in sources:
        for rule in RULES:
            findings.extend(rule(kind, src, ctx))
    for f in findings:
        if f.file not in rows:
            continue
        src_rule = mapping.rules.get(f.field or "")
        column = ", ".join(src_rule.columns) if src_rule and src_rule.columns else None
        result.problems.append(Problem(f.line, column, f))
    result.problems.sort(key=lambda p: (p.row or 0, p.finding.field or ""))


#: Fields that only make sense together: dropping one drops the others.
_TOGETHER = ({"lat", "lon"}, {"image", "image_alt"}, {"logo", "logo_alt"})
_DROPPED_HINT = "Der Wert wurde weggelassen; die übrigen Angaben der Zeile wurden übernommen."


def _drop_optional(result: ImportResult, schema: TableSchema) -> None:
    """Leave out invalid optional values instead of rejecting the row (mapping ``optional_errors: drop``)."""
    planned = {p.row: p for p in result.planned}
    for index, problem in enumerate(result.problems):
        fld = schema.by_name.get(problem.finding.field or "")
        if not problem.is_error or fld is None or fld.required or problem.row not in planned:
            continue
        names = next((group for group in _TOGETHER if fld.name in group), {fld.name})
        for name in names:
            planned[problem.row].values.pop(name, None)
        hint = f"{problem.finding.hint} {_DROPPED_HINT}".strip()
        result.problems[index] = Problem(problem.row, problem.column,
                                         dataclasses.replace(problem.finding, severity=WARNING, hint=hint))


def write_import(result: ImportResult, progress: Progress | None = None) -> int:
    """Write the planned files that have no error; returns the number written."""
    todo = [p for p in result.planned if p.action in ("neu", "ersetzen")]
    for done, planned in enumerate(todo, start=1):
        planned.path.parent.mkdir(parents=True, exist_ok=True)
        planned.path.write_text(planned.text, encoding="utf-8")
        if progress and (done % 100 == 0 or done == len(todo)):
            progress(done, len(todo))
    return len(todo)


def exists_problems(result: ImportResult, root: Path) -> list[Problem]:
    """One warning per file that exists and is kept."""
    out = []
    for p in result.planned:
        if p.action == "vorhanden":
            rel = relative_path(p.path, root)
            out.append(Problem(p.row, None, finding("import-exists", f"Zeile {p.row}", value=rel,
                                                    line=p.row, severity="warning")))
    return out


__all__ = ["ImportFailed", "ImportResult", "KIND_NAMES", "Mapping", "Problem", "Table",
           "convert", "exists_problems", "identity_mapping", "load_mapping", "plan_import", "read_table",
           "write_import"]
