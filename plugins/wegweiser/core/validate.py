"""Validate a project: all files as one frictionless Package, plus the rules.

Every problem of every file is reported in one run. Frictionless error types
are mapped to the German texts of :mod:`messages`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from frictionless import Package, Resource, Schema

from .findings import Finding, sort_findings
from .frontmatter import SourceFile
from .indicators_check import validate_indicators
from .loading import load_sources, relative_path
from .messages import TYPE_NAMES, finding
from .rules import RULES, RuleContext
from .schema import KIND_RESOURCES, KINDS, Schemas, TableSchema

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


@dataclass
class Validation:
    """Result of validating a project."""

    sources: dict[str, list[SourceFile]]
    findings: list[Finding] = field(default_factory=list)
    schemas: Schemas | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def validate_project(root: Path, content_dir: Path, schemas: Schemas, today: dt.date,
                     stale_months: int = 12) -> Validation:
    root = Path(root)
    sources = load_sources(content_dir, schemas, root)
    findings: list[Finding] = []
    for kind in KINDS:
        for src in sources[kind]:
            findings.extend(src.findings)
    findings.extend(_validate_package(root, schemas, sources))
    findings.extend(_validate_list_references(schemas, sources, root))
    findings.extend(validate_indicators(root, schemas))
    ctx = RuleContext(schemas=schemas, content_dir=Path(content_dir), today=today, stale_months=stale_months)
    for kind in KINDS:
        for src in sources[kind]:
            if not src.values:
                continue
            for rule in RULES:
                try:
                    findings.extend(rule(kind, src, ctx))
                except Exception as exc:  # a rule must never turn a bad file into a traceback
                    findings.append(finding("unexpected", src.rel, value=f"{rule.__name__}: {exc!r}"))
    return Validation(sources=sources, findings=sort_findings(findings), schemas=schemas)


def frictionless_schema(schema: TableSchema) -> Schema:
    """The Table Schema as frictionless validates it: list foreign keys are checked by us."""
    descriptor = dict(schema.descriptor)
    list_fields = {f.name for f in schema.fields if f.is_list}
    descriptor["foreignKeys"] = [
        fk for fk in schema.foreign_keys if not set(_fk_fields(fk)) & list_fields
    ]
    return Schema.from_descriptor(descriptor)


def _fk_fields(fk: dict) -> list[str]:
    fields = fk["fields"]
    return [fields] if isinstance(fields, str) else list(fields)


def _rows(schema: TableSchema, sources: list[SourceFile]) -> tuple[list[list], list[SourceFile]]:
    names = schema.field_names
    rows, used = [names], []
    for src in sources:
        if not src.values and not src.ok:
            continue  # unreadable files already have their finding
        rows.append([src.values.get(name) for name in names])
        used.append(src)
    return rows, used


def _validate_package(root: Path, schemas: Schemas, sources: dict) -> list[Finding]:
    resources, row_sources, table_schemas = [], {}, {}
    for kind in KINDS:
        schema = schemas.for_kind(kind)
        name = KIND_RESOURCES[kind]
        rows, used = _rows(schema, sources[kind])
        resources.append(Resource(name=name, data=rows, schema=frictionless_schema(schema)))
        row_sources[name] = used
        table_schemas[name] = schema
    for vocab in schemas.vocabularies.values():
        resources.append(Resource(name=vocab.name, path=vocab.path.name, basepath=str(vocab.path.parent),
                                  schema=frictionless_schema(vocab.schema)))
        table_schemas[vocab.name] = vocab.schema
    package = Package(resources=resources)
    report = package.validate()
    provider_ids = _provider_ids(sources)
    findings = []
    for task in report.tasks:
        schema = table_schemas.get(task.name)
        for error in task.errors:
            if task.name in row_sources:
                findings.extend(_content_finding(error, schema, row_sources[task.name], schemas, provider_ids))
            else:
                findings.append(_vocabulary_finding(error, schema, schemas.vocabularies[task.name], root))
    return findings


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
        return _foreign_key_findings(error, src, schema, schemas, provider_ids)
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
    return finding(code, src.rel, limit=limit, unit=unit, actual=actual, allowed=limit, **kw)


def _foreign_key_findings(error, src: SourceFile, schema: TableSchema, schemas: Schemas, provider_ids):
    findings = []
    for field_name in getattr(error, "field_names", None) or []:
        value = src.values.get(field_name)
        findings.append(_reference_finding(src, schema, schemas, field_name, value, provider_ids))
    return findings


def _provider_ids(sources: dict) -> list[str]:
    return [s.values.get("id") or s.path.stem for s in sources["provider"]]


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
        elif len(ids) <= 25:
            allowed = ": " + ", ".join(ids) + "."
    return finding("unknown-reference", src.rel, field=field_name, value=value, line=line,
                   source=source, allowed=allowed, **params)


def _validate_list_references(schemas: Schemas, sources: dict, root: Path) -> list[Finding]:
    """Foreign keys on list fields, which frictionless cannot check."""
    findings = []
    provider_ids = _provider_ids(sources)
    for kind in KINDS:
        schema = schemas.for_kind(kind)
        for name, known in _list_references(schema, schemas):
            for src in sources[kind]:
                values = src.values.get(name)
                for value in values if isinstance(values, list) else []:
                    if value not in known:
                        findings.append(_reference_finding(src, schema, schemas, name, value, provider_ids))
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
        (name,) = _fk_fields(fk)
        if name in schema.by_name and schema.by_name[name].is_list:
            vocab = schemas.vocabularies.get(fk["reference"]["resource"])
            yield name, set(vocab.by_id) if vocab else set()


def _vocabulary_finding(error, schema: TableSchema, vocab, root: Path) -> Finding:
    rel = relative_path(vocab.path, root)
    field_name = getattr(error, "field_name", None)
    line = getattr(error, "row_number", None)
    return finding("table-error", rel, field=field_name, value=error.message, line=line)
