"""Import existing lists (CSV or XLSX) as offer or provider files.

A mapping (YAML, see docs/import/README.md) says which column or fixed value
feeds which schema field. Every row is converted by the field's schema type,
then checked with the same validation as content files (frictionless package
and rules), so a bad row is reported with row number, column and the German
message, and the other rows are still imported. Nothing is overwritten unless
asked.
"""

from __future__ import annotations

import dataclasses
import difflib
import datetime as dt
import re
from pathlib import Path

from wegweiser.checks import validate as _validate
from wegweiser.checks.findings import WARNING, Finding
from wegweiser.checks.messages import finding
from wegweiser.checks.rules import RULES, RuleContext
from wegweiser.content.entry_file import render_entry
from wegweiser.i18n.translation_writer import keep_translations
from wegweiser.content.frontmatter import SourceFile
from wegweiser.content.loading import load_sources
from wegweiser.content.schema import KIND_FOLDERS, Schemas, TableSchema
from wegweiser.importing import transforms
from wegweiser.importing.cells import Bad, Empty, convert, is_empty, text_of
from wegweiser.importing.ids import number_id, slug_id
from wegweiser.importing.mapping import KIND_NAMES, ImportFailed, Mapping, Rule, identity_mapping, load_mapping
from wegweiser.importing.result import ImportResult, Planned, Problem, Progress, exists_problems, write_import
from wegweiser.importing.reading import Table, read_table
from wegweiser.outputs.exports import BODY_COLUMN

#: the first cell of a totals row
_TOTALS = re.compile(r"(?i)^(summe|gesamt|insgesamt|total|anzahl|zwischensumme)\b")


def _is_empty(value, mapping: Mapping) -> bool:
    return is_empty(value, mapping.empty)


# --- converting cells ------------------------------------------------------------------


class _Cells(dict):
    """Row cells for templates: missing and empty cells are empty text."""

    def __init__(self, cells: dict, mapping: Mapping):
        super().__init__({k: "" if _is_empty(v, mapping) else text_of(v) for k, v in cells.items()})

    def __missing__(self, key):
        return ""


def _raw(rule: Rule, cells: _Cells, row: dict):
    """The rule's value for a row: its source, then the transforms and ``map`` (``slug`` comes later)."""
    if rule.template is not None:
        try:
            value = rule.template.format_map(cells)
        except (ValueError, IndexError, AttributeError) as exc:
            raise ImportFailed(f"Die Vorlage „{rule.template}“ für das Feld „{rule.target}“ lässt sich "
                               f"nicht anwenden ({exc}). Schreiben Sie Spaltennamen in geschweiften "
                               "Klammern, z. B. „kita-{Nummer}“.") from None
    elif rule.join is not None:
        value = rule.separator.join(cells[column] for column in rule.join if cells[column])
    elif rule.column is not None:
        value = cells[rule.column] if rule.steps else row.get(rule.column)
    else:
        value = rule.value
    if rule.steps and value is not None and not isinstance(value, list):
        value = transforms.apply(text_of(value), rule.steps)
    if rule.map is not None and not isinstance(value, list):
        key = text_of(value) if value is not None else ""
        value = rule.map.get(key, value)
    return value


# --- planning -----------------------------------------------------------------------------


def plan_import(table: Table, mapping: Mapping, kind: str, schemas: Schemas, root: Path,
                content_dir: Path, today: dt.date, overwrite: bool = False,
                stale_months: int = 12, progress: Progress | None = None, nested: bool = False) -> ImportResult:
    """Convert and check every row; nothing is written yet. With ``mapping.provider`` (rows that are
    each a provider and its offer) the providers are planned first, into ``result.provider``."""
    schema = schemas.for_kind(kind)
    rules = [*mapping.rules.values(), *(mapping.provider.rules.values() if mapping.provider else [])]
    missing = sorted({c for r in rules for c in r.columns} - set(table.header))
    if missing:
        close = {c: difflib.get_close_matches(c, table.header, n=1, cutoff=0.7) for c in missing}
        named = ", ".join(f"„{c}“" + (f" (meinten Sie „{close[c][0]}“?)" if close[c] else "") for c in missing)
        raise ImportFailed(f"{table.name}: Die Spalte(n) {named} gibt es nicht. "
                           f"Vorhanden sind: {', '.join(table.header)}.")
    if "id" not in mapping.rules:
        raise ImportFailed(f"{table.name}: Es ist nicht angegeben, woraus die Kennung (id) entsteht. "
                           "Ordnen Sie „id“ in der Zuordnungsdatei eine Spalte oder Vorlage zu.")
    result = ImportResult(kind=kind, table=table)
    extra_providers = []
    if mapping.provider is not None and kind == "offer":
        result.provider = plan_import(table, mapping.provider, "provider", schemas, root, content_dir, today,
                                      overwrite, stale_months, nested=True)
        extra_providers = [s for s in result.provider.sources if s.values.get("id") in result.provider.kept_ids]
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
            if mapping.on_duplicate == "first" or (first.values, first.body) == (src.values, body):
                result.merged += 1
                result.ids_by_row[number] = key
                continue
            if mapping.on_duplicate == "suffix":
                key = number_id(src, key, by_id, schema, folder, result, first.row)
        planned = Planned(number, src.path, src.values, body)
        if key:
            by_id.setdefault(key, planned)
            result.ids_by_row[number] = key
        sources.append(src)
        result.planned.append(planned)
    result.sources = sources
    _check(result, sources, kind, schemas, root, content_dir, today, stale_months, mapping, extra_providers)
    if not nested:
        result.problems = sorted([*table.problems, *result.problems], key=lambda p: p.row or 0)
    _skip_note_rows(result, table, mapping)
    if mapping.optional_errors == "drop" and (changed := _drop_optional(result, schema)):
        # what is left must still pass (e.g. an offer „Vor Ort“ without its dropped municipality)
        again, rechecked = ImportResult(kind=kind, table=table), [s for s in sources if s.rel in changed]
        for src in rechecked:
            src.derived.clear()  # the row checks cached for the values before
        _check(again, rechecked, kind, schemas, root, content_dir, today,
               stale_months, mapping, extra_providers)
        result.problems = sorted([*result.problems, *(p for p in again.problems if p.is_error)],
                                 key=lambda p: (p.row or 0, p.finding.field or ""))
    error_rows = {p.row for p in result.problems if p.is_error}
    for planned in result.planned:
        if planned.row in error_rows:
            planned.action = "fehler"
        elif planned.path.exists():
            planned.action = "ersetzen" if overwrite else "vorhanden"
        if planned.action != "fehler":
            planned.text = render_entry(schema, planned.values, planned.body)
            if planned.action == "ersetzen":  # the entry's translations are not in the list: they stay
                planned.text = keep_translations(planned.path, planned.text)
    return result


def _convert_row(number: int, row: dict, mapping: Mapping, schema: TableSchema, folder: Path,
                 result: ImportResult):
    cells = _Cells(row, mapping)
    values, body, dropped = {}, "", set()
    rel = f"Zeile {number}"
    for target, rule in mapping.rules.items():
        raw = _raw(rule, cells, row)
        if rule.slug and not _is_empty(raw, mapping) and not isinstance(raw, list):
            raw = slug_id(rule, text_of(raw), number, result)
        if _is_empty(raw, mapping) or raw == []:
            raw = rule.default
        if _is_empty(raw, mapping) or raw == []:
            continue
        if target == BODY_COLUMN:
            body = text_of(raw).replace("\r\n", "\n").strip("\n")
            continue
        fld = schema.by_name[target]
        try:
            value = convert(fld, raw, mapping)
        except Bad as bad:
            column = ", ".join(rule.columns) or None
            warn = isinstance(bad, Empty)
            if not warn:
                dropped.add(target)
            result.problems.append(Problem(number, column, finding(
                bad.code, rel, field=target, value=bad.value, line=number, label=fld.title,
                column=column or target, severity=WARNING if warn else "error")))
            continue
        if value is not None and value != "":
            values[target] = value
    if result.provider is not None and "provider" not in mapping.rules and number in result.provider.ids_by_row:
        values["provider"] = result.provider.ids_by_row[number]  # the provider this row also is
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
           content_dir: Path, today: dt.date, stale_months: int, mapping: Mapping,
           extra_providers: list[SourceFile] = ()) -> None:
    """Validate the converted rows like content files; findings become row problems.
    ``extra_providers``: providers of the same import, not written yet."""
    existing = load_sources(content_dir, schemas, root)
    new_ids = {s.values.get("id") for s in (sources if kind == "provider" else extra_providers)}
    others = [s for s in existing["provider"] if s.values.get("id") not in new_ids] + list(extra_providers)
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


def _skip_note_rows(result: ImportResult, table: Table, mapping: Mapping) -> None:
    """A row that lacks a required value or its id and holds a single cell (a note below the list, a
    heading between its parts) or starts with „Summe“ is no entry: it is skipped with one warning
    instead of its errors. A row with other errors keeps them."""
    cells = dict(table.rows)
    lacking = {p.row for p in result.problems if p.finding.code in ("required", "import-no-id")}
    for row in sorted(lacking & {p.row for p in result.problems if p.is_error and p.row in cells}):
        filled = [text_of(v) for v in cells[row].values() if not _is_empty(v, mapping)]
        if not filled or (len(filled) > 1 and not _TOTALS.match(filled[0])):
            continue
        result.problems = [p for p in result.problems if p.row != row]
        result.problems.append(Problem(row, None, finding("import-note-row", f"Zeile {row}", line=row,
                                                          value=" | ".join(filled)[:100], severity=WARNING)))
        result.planned = [p for p in result.planned if p.row != row]
        result.sources = [s for s in result.sources if s.rel != f"Zeile {row}"]
        result.ids_by_row.pop(row, None)
    result.problems.sort(key=lambda p: (p.row or 0, p.finding.field or ""))


#: Fields that only make sense together: dropping one drops the others.
_TOGETHER = ({"lat", "lon"}, {"image", "image_alt"}, {"logo", "logo_alt"})
_DROPPED_HINT = "Der Wert wurde weggelassen; die übrigen Angaben der Zeile wurden übernommen."


def _drop_optional(result: ImportResult, schema: TableSchema) -> set[str]:
    """Leave out invalid optional values instead of rejecting the row (mapping ``optional_errors: drop``);
    returns the rows (``Zeile N``) that lost a value."""
    planned = {p.row: p for p in result.planned}
    changed = set()
    for index, problem in enumerate(result.problems):
        fld = schema.by_name.get(problem.finding.field or "")
        if not problem.is_error or fld is None or fld.required or problem.row not in planned:
            continue
        names = next((group for group in _TOGETHER if fld.name in group), {fld.name})
        for name in names:
            planned[problem.row].values.pop(name, None)
        changed.add(f"Zeile {problem.row}")
        hint = f"{problem.finding.hint} {_DROPPED_HINT}".strip()
        result.problems[index] = Problem(problem.row, problem.column,
                                         dataclasses.replace(problem.finding, severity=WARNING, hint=hint))
    return changed


__all__ = ["ImportFailed", "ImportResult", "KIND_NAMES", "Mapping", "Problem", "Table",
           "convert", "exists_problems", "identity_mapping", "load_mapping", "plan_import", "read_table",
           "write_import"]
