"""Validate a project: rows against their Table Schemas, keys across files, then the rules.

Every problem of every file is reported in one run. frictionless checks each row (types,
required fields, patterns, lengths) and the vocabularies; unique ids and references across
files are checked here in Python, so that the row checks can be cached per file
(:mod:`source_cache`). Frictionless error types are mapped to the German texts of
:mod:`messages`.
"""

from __future__ import annotations

import copy
import functools
import datetime as dt
import difflib
import hashlib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from wegweiser.content.digests import hash_folder
from wegweiser.checks.findings import WARNING, Finding, sort_findings
from wegweiser.content.frontmatter import SourceFile
from wegweiser.build.gc_pause import cycle_collection_paused
from wegweiser.indicators.check import validate_indicators
from wegweiser.content.loading import load_sources, open_cache, relative_path
from wegweiser.checks.messages import TYPE_NAMES, finding
from wegweiser.build.workers import Standby, run, worker_count
from wegweiser.checks.rules import CONTEXT_RULES, FILE_RULES, RuleContext
from wegweiser.content.sanitize import render_markdown
from wegweiser.content.schema import EVERY_ERROR, KINDS, Schemas, TableSchema

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
                     stale_months: int = 12, parallel: dict | None = None,
                     checker: Standby | None = None) -> Validation:
    """``parallel``: WEGWEISER_WORKERS / WEGWEISER_PARALLEL_MIN for reading the files (core/parallel.py);
    ``checker``: a :func:`row_checker` started earlier by the caller (else one is started here);
    it is closed here."""
    with cycle_collection_paused():  # the parsed files all live on (core/gc_pause.py)
        return _validate_project(Path(root), content_dir, schemas, today, stale_months, parallel, checker)


def _validate_project(root: Path, content_dir: Path, schemas: Schemas, today: dt.date, stale_months: int,
                      parallel: dict | None, checker: Standby | None) -> Validation:
    if checker is not None and _one_process(parallel):
        checker.close()  # one process wanted after all (WEGWEISER_WORKERS = 1)
        checker = None
    elif checker is None:
        checker = row_checker(parallel)
    try:
        cache = open_cache(schemas, root)
        ctx = RuleContext(schemas=schemas, content_dir=Path(content_dir), today=today, stale_months=stale_months)
        sources = load_sources(content_dir, schemas, root, cache,
                               prepare=lambda kind, src: _check_file(kind, src, ctx), parallel=parallel)
        findings: list[Finding] = []
        for kind in KINDS:
            for src in sources[kind]:
                findings.extend(src.findings)
        # frictionless's checks run in the checker meanwhile (many rows also in processes it forks;
        # without a checker in processes forked from here): this process never imports frictionless,
        # and every process forked later (rendering, the search data) is spared its memory (26 MB+)
        tables = start_table_checks(schemas, sources, parallel, checker)
        vocabularies = _vocabulary_findings(root, schemas, cache, checker)
        indicators = _indicator_findings(root, schemas, cache, checker)
        findings.extend(_file_rule_findings(sources, ctx))
        findings.extend(_page_findings(root, Path(content_dir)))
        for kind in KINDS:
            for src in sources[kind]:
                if src.values:
                    findings.extend(_run_rules(CONTEXT_RULES, kind, src, ctx))
        findings.extend(tables() + vocabularies() + indicators())
    finally:
        if checker is not None:
            checker.close()
    cache.save()
    return Validation(sources=sources, findings=sort_findings(findings), schemas=schemas)


def _frictionless_loaded() -> bool:
    return "frictionless" in sys.modules


def row_checker(parallel: dict | None = None) -> Standby | None:
    """A process importing and warming up frictionless while this one goes on (imports Pelican, reads
    the caches), for the few rows a rebuild usually has to check (0.25 s of set-up for a 0.03 s
    check) — unless this process has frictionless already or there is only one core to use."""
    if _frictionless_loaded() or _one_process(parallel):
        return None
    return Standby(_warm_up_frictionless, _check_request)


def _one_process(parallel: dict | None) -> bool:
    """Whether the settings (WEGWEISER_WORKERS) or the machine allow one process only."""
    return worker_count({**(parallel or {}), "WEGWEISER_PARALLEL_MIN": 2}, 2) <= 1


def _warm_up_frictionless() -> None:
    """Import frictionless and check a row with the kinds of fields content schemas use (much of
    what a first check needs is imported on the way)."""
    from frictionless import Resource, Schema

    schema = Schema.from_descriptor({"fields": [
        {"name": "id", "type": "string", "constraints": {"required": True, "pattern": "[a-z0-9-]+", "maxLength": 80}},
        {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"]}},
        {"name": "url", "type": "string", "format": "uri"},
        {"name": "email", "type": "string", "format": "email"},
        {"name": "n", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "x", "type": "number"},
        {"name": "day", "type": "date"},
        {"name": "flag", "type": "boolean"},
        {"name": "tags", "type": "array"},
    ]})
    row = ["a-1", "a", "https://example.org/", "a@example.org", 1, 1.5, "2026-01-01", True, ["x"]]
    Resource(data=[schema.field_names, row], schema=schema).validate()


def _check_request(request):
    check, args = request
    return check(*args)


def elsewhere(checker: Standby | None, check: Callable, *args) -> Callable[[], object]:
    """``check(*args)`` computed by ``checker`` meanwhile; the function returned waits for it. Here
    (when called) if there is no checker or it fails — ``check`` must be a module's function."""
    if checker is None:
        return lambda: check(*args)
    return checker.answer_later((check, args), lambda: check(*args))


def check_tables(schemas: Schemas, sources: dict[str, list[SourceFile]], parallel: dict | None = None,
                 checker: Standby | None = None) -> list[Finding]:
    """Every row against its Table Schema, then unique keys and references across the files.

    Row checks are frictionless's and are kept on each file (``src.derived["rows"]``), so a
    cached file is not checked again; keys and references depend on all files and are
    checked here on every run. A few rows are checked by ``checker`` if given (see row_checker).
    """
    return start_table_checks(schemas, sources, parallel, checker)()


def start_table_checks(schemas: Schemas, sources: dict[str, list[SourceFile]], parallel: dict | None = None,
                       checker: Standby | None = None) -> Callable[[], list[Finding]]:
    """:func:`check_tables`, but rows sent to ``checker`` are checked there while this process goes
    on; the function returned waits for them and returns all findings."""
    provider_ids = _provider_ids(sources)
    used = {kind: [src for src in sources[kind] if src.values or src.ok]  # unreadable files have their finding
            for kind in KINDS}
    rows = _start_rows(schemas, used, parallel, checker)
    others = {kind: _unique_findings(schemas.for_kind(kind), used[kind])
              + _reference_findings(schemas.for_kind(kind), schemas, used[kind], sources, provider_ids)
              for kind in KINDS}

    def finish() -> list[Finding]:
        found = rows()
        return [f for kind in KINDS for f in found[kind] + others[kind]]

    return finish


def _start_rows(schemas: Schemas, used: dict[str, list[SourceFile]], parallel: dict | None = None,
                checker: Standby | None = None) -> Callable[[], dict[str, list[Finding]]]:
    """frictionless's findings on each row by kind (when the returned function is called), checked
    only for files that the cache did not know, in chunks on all cores as ``parallel`` allows (see
    core/parallel.py) — by ``checker`` meanwhile, which has frictionless ready and forks what it
    needs from there (see :func:`elsewhere`: here if there is none or it fails). Offers and
    providers go in one request: the checker forks once, and this process does not wait for it
    to finish the offers before it can send the providers."""
    chunks: list[tuple[str, list[SourceFile]]] = []
    for kind in KINDS:
        todo = [src for src in used[kind] if "rows" not in src.derived]
        if todo:
            size = -(-len(todo) // worker_count(parallel or {}, len(todo)))
            chunks += [(kind, todo[start:start + size]) for start in range(0, len(todo), size)]
    results: Callable[[], list] = list  # no chunks, no results
    if chunks:
        workers = worker_count(parallel or {}, sum(len(chunk) for _, chunk in chunks))
        # what the checks read of each file travels to the checker, not the whole file
        results = elsewhere(checker, _check_chunks, schemas,
                            [(kind, [_row_source(src) for src in chunk]) for kind, chunk in chunks], workers)

    def finish() -> dict[str, list[Finding]]:
        orphans: dict[str, list[Finding]] = {kind: [] for kind in KINDS}  # frictionless's for no row in particular
        for (kind, chunk), (found, per_row) in zip(chunks, results()):
            orphans[kind].extend(f for f in found if f not in orphans[kind])
            for src, row in zip(chunk, per_row):
                src.derived["rows"] = row
        return {kind: orphans[kind] + [f for src in used[kind] for f in src.derived["rows"]] for kind in KINDS}

    return finish


def _row_source(src: SourceFile) -> SourceFile:
    """What :func:`_check_rows` reads of a file (not its body, rendered HTML or findings)."""
    return SourceFile(path=src.path, rel=src.rel, values=src.values, lines=src.lines, dropped=src.dropped)


def _check_chunks(schemas: Schemas, chunks: list[tuple[str, list[SourceFile]]], workers: int) -> list:
    """:func:`_check_rows` of each (kind, files) chunk; several on processes forked from the one calling
    this (which takes none itself: the build process never imports frictionless, and the checker's
    forks have it ready)."""
    return run(chunks, functools.partial(_check_chunk, schemas), workers, lambda count: None, share=False)


def _check_chunk(schemas: Schemas, chunk: tuple[str, list[SourceFile]]) -> tuple[list, list[list]]:
    kind, files = chunk
    return _check_rows(schemas.for_kind(kind), schemas, files)


def _check_rows(schema: TableSchema, schemas: Schemas, chunk: list[SourceFile]) -> tuple[list, list[list]]:
    """frictionless's findings for no row in particular, and for each file of ``chunk``."""
    from frictionless import Resource  # imported only when a file needs checking

    names = schema.field_names
    rows = [names] + [[src.values.get(name) for name in names] for src in chunk]
    orphans: list[Finding] = []
    per_row: list[list] = [[] for _ in chunk]
    # rows handed over as a function: a list would be deep-copied into the report (a fifth of the time)
    report = Resource(data=lambda: iter(rows), schema=_row_schema(schema)).validate(limit_errors=EVERY_ERROR)
    for error in report.tasks[0].errors:
        row_number = getattr(error, "row_number", None)
        position = row_number - 2 if row_number and 0 <= row_number - 2 < len(chunk) else None
        (per_row[position] if position is not None else orphans).extend(
            _content_finding(error, schema, chunk, schemas, []))
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


def _key_groups(schema: TableSchema) -> list[tuple[str, ...]]:
    """Field groups whose values must be unique: the primary key and every ``unique`` field."""
    primary = schema.descriptor.get("primaryKey") or []
    groups = [tuple([primary] if isinstance(primary, str) else primary)] if primary else []
    groups += [(f.name,) for f in schema.fields if f.constraints.get("unique")]
    return list(dict.fromkeys(groups))


def _unique_findings(schema: TableSchema, used: list[SourceFile]) -> list[Finding]:
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


def _known_ids(resource: str, schemas: Schemas, sources: dict) -> set | None:
    if resource == "providers":  # the ids of readable provider files (an unreadable one provides nothing)
        return {s.values.get("id") for s in sources["provider"] if s.values.get("id")}
    vocab = schemas.vocabularies.get(resource)
    return set(vocab.by_id) if vocab else None


def _reference_findings(schema: TableSchema, schemas: Schemas, used: list[SourceFile],
                        sources: dict, provider_ids: list[str]) -> list[Finding]:
    """Foreign keys of single fields: the value, or each value of a list field, must exist."""
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


def _file_rule_findings(sources: dict[str, list[SourceFile]], ctx: RuleContext) -> list[Finding]:
    """Rules that look at one file alone; their findings and the rendered body are kept on the file."""
    findings = []
    for kind in KINDS:
        for src in sources[kind]:
            if not src.values:
                continue
            _check_file(kind, src, ctx)
            findings.extend(src.derived["rules"])
    return findings


def _check_file(kind: str, src: SourceFile, ctx: RuleContext) -> None:
    """The rules on one file alone and its rendered body, kept on the file (and so in the cache)."""
    if src.values and "rules" not in src.derived:
        src.derived["rules"] = list(_run_rules(FILE_RULES, kind, src, ctx))
        src.derived["html"] = render_markdown(src.body)  # the catalog needs it


def _run_rules(rules, kind: str, src: SourceFile, ctx: RuleContext):
    for rule in rules:
        try:
            yield from rule(kind, src, ctx)
        except Exception as exc:  # a rule must never turn a bad file into a traceback
            yield finding("unexpected", src.rel, value=f"{rule.__name__}: {exc!r}")


class RequiredPage(NamedTuple):
    title: str  # suggested as the page's title
    link: str  # the footer's link text
    why: str


#: pages a public body's website must have (content/pages/<slug>.md), in the footer's order
REQUIRED_PAGES = {
    "impressum": RequiredPage("Impressum", "Impressum", "Anbieterkennzeichnung nach § 5 Digitale-Dienste-Gesetz."),
    "datenschutz": RequiredPage("Datenschutz", "Datenschutz", "Informationspflichten nach Art. 13 DSGVO."),
    "barrierefreiheit": RequiredPage("Erklärung zur Barrierefreiheit", "Barrierefreiheit",
                                     "Pflicht öffentlicher Stellen nach BITV 2.0 und den Landesgesetzen."),
    "leichte-sprache": RequiredPage("Leichte Sprache", "Leichte Sprache",
                                    "Erläuterungen in Leichter Sprache nach § 4 BITV 2.0."),
}


#: What a page made by ``wegweiser init`` asks the office to replace: "[[BITTE ERGÄNZEN: Telefon]]".
PLACEHOLDER = re.compile(r"\[\[\s*BITTE ERGÄNZEN:?\s*([^\]]*)\]\]", re.IGNORECASE)


def _page_findings(root: Path, content_dir: Path) -> list[Finding]:
    """A warning for each required static page that content/pages/ does not have (by file name
    or by its ``Slug:`` line), and for each placeholder left in a page."""
    folder = content_dir / "pages"
    slugs, placeholders = set(), []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        slugs.add(path.stem)
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        slugs.update(m.group(1).strip() for m in re.finditer(r"(?im)^slug:\s*(\S+)\s*$", text[:2000]))
        placeholders += [finding("page-placeholder", relative_path(path, root), value=m.group(1).strip(),
                                 line=text.count("\n", 0, m.start()) + 1, severity=WARNING)
                         for m in PLACEHOLDER.finditer(text)]
    return [finding("page-missing", relative_path(folder / f"{slug}.md", root), page=page.title, why=page.why,
                    severity=WARNING)
            for slug, page in REQUIRED_PAGES.items() if slug not in slugs] + placeholders


def _vocabulary_findings(root: Path, schemas: Schemas, cache, checker: Standby | None = None) -> Callable[[], list]:
    """The vocabulary CSVs against their schemas (see :func:`_cached_check`); cached as long as no data
    file changes (the cache's key covers them)."""
    return _cached_check(cache, "vocabularies", "", checker, _check_vocabularies, root, schemas)


def _check_vocabularies(root: Path, schemas: Schemas) -> list[Finding]:
    from frictionless import Package, Resource

    resources = [Resource(name=vocab.name, path=vocab.path.name, basepath=str(vocab.path.parent),
                          schema=frictionless_schema(vocab.schema))
                 for vocab in schemas.vocabularies.values()]
    findings = []
    if resources:
        report = Package(resources=resources).validate(limit_errors=EVERY_ERROR)
        for task in report.tasks:
            vocab = schemas.vocabularies[task.name]
            findings += [_vocabulary_finding(error, vocab.schema, vocab, root) for error in task.errors]
    return findings + _vocabulary_list_references(root, schemas)


def _indicator_findings(root: Path, schemas: Schemas, cache, checker: Standby | None = None) -> Callable[[], list]:
    """The indicator appendix's checks (see :func:`_cached_check`); cached while no file under
    data/indicators changes."""
    h = hashlib.sha256()
    hash_folder(h, Path(schemas.data_dir) / "indicators")
    return _cached_check(cache, "indicators", h.hexdigest(), checker, validate_indicators, root, schemas)


def _cached_check(cache, name: str, stamp: str, checker: Standby | None, check: Callable, *args) -> Callable[[], list]:
    """``check(*args)``'s findings when the returned function is called: from the parse cache's extras
    while ``stamp`` is the one they were kept with, else computed by ``checker`` meanwhile (see
    :func:`elsewhere`) and kept."""
    cached = cache.extras.get(name)
    if cached and cached[0] == stamp:
        return lambda: list(cached[1])
    answer = elsewhere(checker, check, *args)

    def finish() -> list[Finding]:
        cache.extras[name] = (stamp, answer())
        return list(cache.extras[name][1])

    return finish


def frictionless_schema(schema: TableSchema):
    """The Table Schema as frictionless validates it: list foreign keys are checked by us."""
    from frictionless import Schema

    descriptor = dict(schema.descriptor)
    list_fields = {f.name for f in schema.fields if f.is_list}
    descriptor["foreignKeys"] = [
        fk for fk in schema.foreign_keys if not set(_fk_fields(fk)) & list_fields
    ]
    return Schema.from_descriptor(descriptor)


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
        elif not ids:
            allowed = " – die Liste ist noch leer."
        elif len(ids) <= 25:
            allowed = ": " + ", ".join(ids) + "."
    return finding("unknown-reference", src.rel, field=field_name, value=value, line=line,
                   source=source, allowed=allowed, **params)


def _vocabulary_list_references(root: Path, schemas: Schemas) -> list[Finding]:
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


def _vocabulary_finding(error, schema: TableSchema, vocab, root: Path) -> Finding:
    rel = relative_path(vocab.path, root)
    field_name = getattr(error, "field_name", None)
    line = getattr(error, "row_number", None)
    return finding("table-error", rel, field=field_name, value=error.message, line=line)
