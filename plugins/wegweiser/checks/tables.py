"""Rows against their Table Schemas (frictionless), and unique keys and references across files.

frictionless checks each row alone (types, required fields, patterns, lengths) and the
vocabulary tables; unique ids and references across the content files are checked here in
Python, so that a file's row check can be kept with the file in the parse cache. Frictionless
error types are mapped to the German texts of :mod:`wegweiser.checks.messages`.
"""

from __future__ import annotations

import copy
import difflib
import re
from pathlib import Path

from wegweiser.checks.findings import Finding
from wegweiser.checks.messages import TYPE_NAMES, finding
from wegweiser.checks.rules import character_findings
from wegweiser.content.frontmatter import SourceFile
from wegweiser.content.loading import relative_path
from wegweiser.content.sanitize import markup_in_text
from wegweiser.content.schema import EVERY_ERROR, Schemas, TableSchema
from wegweiser.i18n.provenance import LANGUAGE_MARKS

_CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"', re.S)
_POSITION = re.compile(r"position (\d+)")
_CONSTRAINT_CODES = {
    "pattern": "pattern",
    "minLength": "min-length",
    "maxLength": "max-length",
    "minimum": "minimum",
    "maximum": "maximum",
    "enum": "enum",
    "required": "required",
}


def check_rows(schema: TableSchema, schemas: Schemas, files: list[SourceFile]) -> tuple[list, list[list]]:
    """frictionless's findings on the rows of ``files``: those for no row in particular, and those
    of each file."""
    from frictionless import Resource  # imported only when a file needs checking (0.2 s)

    names = schema.field_names
    rows = [names] + [[src.values.get(name) for name in names] for src in files]
    orphans: list[Finding] = []
    per_row: list[list] = [[] for _ in files]
    # rows handed over as a function: a list would be deep-copied into the report (a fifth of the time)
    report = Resource(data=lambda: iter(rows), schema=_row_schema(schema)).validate(limit_errors=EVERY_ERROR)
    for error in report.tasks[0].errors:
        row_number = getattr(error, "row_number", None)
        position = row_number - 2 if row_number and 0 <= row_number - 2 < len(files) else None
        (per_row[position] if position is not None else orphans).extend(
            _content_finding(error, schema, files, schemas, []))
    return orphans, per_row


def _row_schema(schema: TableSchema):
    """The Table Schema without the keys that compare rows: those are checked in Python."""
    from frictionless import Schema

    descriptor = copy.deepcopy(schema.descriptor)
    descriptor.pop("primaryKey", None)
    descriptor.pop("foreignKeys", None)
    for fld in descriptor.get("fields", []):
        fld.get("constraints", {}).pop("unique", None)
    return Schema.from_descriptor(descriptor)


def check_vocabularies(root: Path, schemas: Schemas) -> list[Finding]:
    """The vocabulary CSVs against their schemas, and their list columns' references."""
    from frictionless import Package, Resource

    resources = [Resource(name=vocab.name, path=vocab.path.name, basepath=str(vocab.path.parent),
                          schema=frictionless_schema(vocab.schema))
                 for vocab in schemas.vocabularies.values()]
    findings = []
    if resources:
        report = Package(resources=resources).validate(limit_errors=EVERY_ERROR)
        for task in report.tasks:
            vocab = schemas.vocabularies[task.name]
            rel = relative_path(vocab.path, root)
            findings += [finding("table-error", rel, field=getattr(error, "field_name", None), value=error.message,
                                 line=getattr(error, "row_number", None)) for error in task.errors]
    return findings + vocabulary_list_references(root, schemas) + vocabulary_texts(root, schemas)


def vocabulary_texts(root: Path, schemas: Schemas) -> list[Finding]:
    """The texts of the vocabularies are plain text (labels appear on every page) without control or
    direction characters (but the marks right-to-left labels need), and no formula (/daten/ publishes
    the files as they are, for spreadsheet programs too)."""
    from wegweiser.outputs.exports import looks_like_formula  # exports reads the catalog, which reads this

    findings = []
    for vocab in schemas.vocabularies.values():
        rel = relative_path(vocab.path, root)
        for number, row in enumerate(vocab.rows, start=2):
            for name, value in row.items():
                if not isinstance(value, str) or name not in vocab.schema.by_name:
                    continue
                label = vocab.schema.by_name[name].title
                findings += character_findings(rel, value, False, field=name, label=label, line=number,
                                               allowed=LANGUAGE_MARKS)
                if looks_like_formula(value):
                    findings.append(finding("spreadsheet-formula", rel, field=name, value=value.strip()[:1],
                                            line=number, label=label))
                elif markup_in_text(value):
                    findings.append(finding("html-in-text", rel, field=name, value=markup_in_text(value),
                                            line=number, label=label))
    return findings


def frictionless_schema(schema: TableSchema):
    """The Table Schema as frictionless validates it: list foreign keys are checked by us."""
    from frictionless import Schema

    descriptor = dict(schema.descriptor)
    list_fields = {f.name for f in schema.fields if f.is_list}
    descriptor["foreignKeys"] = [
        fk for fk in schema.foreign_keys if not set(_fk_fields(fk)) & list_fields
    ]
    return Schema.from_descriptor(descriptor)


def vocabulary_list_references(root: Path, schemas: Schemas) -> list[Finding]:
    """Foreign keys on list columns of the vocabularies (e.g. the topics of a life situation)."""
    findings = []
    for vocab in schemas.vocabularies.values():
        rel = relative_path(vocab.path, root)
        for name, known in _list_references(vocab.schema, schemas):
            for number, row in enumerate(vocab.rows, start=2):
                values = row.get(name)
                for value in values if isinstance(values, list) else []:
                    if value not in known:
                        resource = vocab.schema.reference_of(name)
                        findings.append(finding(
                            "unknown-reference", rel, field=name, value=value, line=number,
                            label=vocab.schema.by_name[name].title, source=f"data/vocabularies/{resource}.csv",
                            allowed=".",
                        ))
    return findings


def _list_references(schema: TableSchema, schemas: Schemas):
    """(field name, known ids) for every foreign key on a list field."""
    for fk in schema.foreign_keys:
        fields = _fk_fields(fk)
        name = fields[0]
        if len(fields) == 1 and name in schema.by_name and schema.by_name[name].is_list:
            vocab = schemas.vocabularies.get(fk["reference"]["resource"])
            yield name, set(vocab.by_id) if vocab else set()


def unique_findings(schema: TableSchema, used: list[SourceFile]) -> list[Finding]:
    """A finding for each file repeating another's primary key or ``unique`` field."""
    findings = []
    for group in _key_groups(schema):
        seen: dict = {}
        for src in used:
            key = tuple(src.values.get(name) for name in group)
            if any(v is None or v == "" for v in key):
                continue  # missing values are reported as required
            try:
                first = seen.setdefault(key, src)
            except TypeError:
                continue  # a list where a single value belongs: a type error already
            if first is not src:
                name = group[0]
                findings.append(finding("duplicate-id", src.rel, other=first.rel, field=name,
                                        value=src.values.get(name), line=src.line_of(name),
                                        **_params(schema, name)))
    return findings


def _key_groups(schema: TableSchema) -> list[tuple[str, ...]]:
    """Field groups whose values must be unique: the primary key and every ``unique`` field."""
    primary = schema.descriptor.get("primaryKey") or []
    groups = [tuple([primary] if isinstance(primary, str) else primary)] if primary else []
    groups += [(f.name,) for f in schema.fields if f.constraints.get("unique")]
    return list(dict.fromkeys(groups))


def reference_findings(schema: TableSchema, schemas: Schemas, used: list[SourceFile],
                       sources: dict) -> list[Finding]:
    """Foreign keys of single fields: the value, or each value of a list field, must exist."""
    provider_ids = [s.values.get("id") or s.path.stem for s in sources["provider"]]
    findings = []
    for fk in schema.foreign_keys:
        fields = _fk_fields(fk)
        fld = schema.by_name.get(fields[0])
        if len(fields) != 1 or fld is None:
            continue  # keys over several fields: not used by content schemas
        known = _known_ids(fk["reference"]["resource"], schemas, sources)
        if known is None and not fld.is_list:
            continue  # no such table: nothing to compare a single value with
        name, is_list, known = fld.name, fld.is_list, known or ()
        for src in used:
            value = src.values.get(name)
            if is_list:
                values = value if isinstance(value, list) else []
            else:
                values = [] if value is None or value == "" or isinstance(value, (list, dict)) else [value]
            for item in values:
                if item not in known:
                    findings.append(_reference_finding(src, schema, schemas, name, item, provider_ids))
    return findings


def _known_ids(resource: str, schemas: Schemas, sources: dict) -> set | None:
    if resource == "providers":  # the ids of readable provider files (an unreadable one provides nothing)
        return {s.values.get("id") for s in sources["provider"] if s.values.get("id")}
    vocab = schemas.vocabularies.get(resource)
    return set(vocab.by_id) if vocab else None


def _fk_fields(fk: dict) -> list[str]:
    fields = fk["fields"]
    return [fields] if isinstance(fields, str) else list(fields)


def _params(schema: TableSchema, field_name: str | None) -> dict:
    fld = schema.by_name.get(field_name) if field_name else None
    if not fld:
        return {"label": field_name or ""}
    return {"label": fld.title, "description": fld.description}


def _content_finding(error, schema: TableSchema, used: list[SourceFile], schemas: Schemas,
                     provider_ids: list[str]):
    row_number = getattr(error, "row_number", None)
    src = used[row_number - 2] if row_number and 0 <= row_number - 2 < len(used) else None
    if src is None:
        return [finding("table-error", schema.name, value=error.message)]
    field_name = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    params = _params(schema, field_name)
    line = src.line_of(field_name) if field_name else None
    kw = dict(field=field_name, value=cell, line=line, **params)
    if error.type == "type-error":
        fld = schema.by_name[field_name]
        kind = f"{fld.type}/{fld.format}" if fld.format in ("email", "uri") else fld.type
        return [finding("type-error", src.rel, expected=TYPE_NAMES.get(kind, fld.type), **kw)]
    if error.type == "constraint-error":
        if field_name in src.dropped:
            return []  # the value was unusable and already has its own finding
        return [_constraint_finding(error, src, schema, kw)]
    if error.type == "unique-error":
        match = _POSITION.search(error.note)
        other = used[int(match.group(1)) - 2].rel if match and int(match.group(1)) - 2 < len(used) else "einer anderen Datei"
        return [finding("duplicate-id", src.rel, other=other, **kw)]
    if error.type == "primary-key":
        return []  # reported as unique-error on the id field
    if error.type == "foreign-key":
        return [_reference_finding(src, schema, schemas, name, src.values.get(name), provider_ids)
                for name in getattr(error, "field_names", None) or []]
    return [finding("table-error", src.rel, field=field_name, value=error.message, line=line)]


def _constraint_finding(error, src: SourceFile, schema: TableSchema, kw: dict) -> Finding:
    match = _CONSTRAINT.search(error.note)
    name, limit = (match.group(1), match.group(2)) if match else ("", "")
    code = _CONSTRAINT_CODES.get(name)
    if code is None:
        return finding("table-error", src.rel, **{**kw, "value": error.message})
    if code == "required":
        kw = {**kw, "value": None}
    cell = kw.get("value")
    fld = schema.by_name.get(kw.get("field") or "")
    if fld is not None and fld.is_list:
        unit = "Eintrag" if limit == "1" else "Einträge"
    else:
        unit = "Zeichen"
    actual = len(cell) if isinstance(cell, (str, list)) else ""
    date = fld is not None and fld.type == "date"
    too = {"minimum": "zu früh" if date else "zu klein", "maximum": "zu spät" if date else "zu groß"}.get(code, "")
    return finding(code, src.rel, limit=limit, unit=unit, actual=actual, allowed=limit, too=too, **kw)


def _reference_finding(src, schema: TableSchema, schemas: Schemas, field_name: str, value,
                       provider_ids: list[str]) -> Finding:
    resource = schema.reference_of(field_name)
    params = _params(schema, field_name)
    line = src.line_of(field_name)
    if resource == "providers":
        close = difflib.get_close_matches(str(value), provider_ids, n=1, cutoff=0.6)
        suggestion = f" (meinten Sie „{close[0]}“?)" if close else ""
        return finding("unknown-provider", src.rel, field=field_name, value=value, line=line,
                       suggestion=suggestion, **params)
    vocab = schemas.vocabularies.get(resource)
    allowed = "."
    source = f"data/vocabularies/{resource}.csv"
    if vocab:
        ids = list(vocab.by_id)
        close = difflib.get_close_matches(str(value), ids, n=1, cutoff=0.6)
        if close:
            allowed = f" – meinten Sie „{close[0]}“?"
        elif not ids:
            allowed = " – die Liste ist noch leer."
        elif len(ids) <= 25:
            allowed = ": " + ", ".join(ids) + "."
    return finding("unknown-reference", src.rel, field=field_name, value=value, line=line,
                   source=source, allowed=allowed, **params)
