"""Validate a project, top to bottom: load the files, rows against their Table Schemas, unique
keys and references, the rules, then all findings sorted.

Every problem of every file is reported in one run. What depends on one file alone (its row
check, the rules on it, its rendered body) is kept with the file in the parse cache
(:mod:`wegweiser.content.parse_cache`) and computed, on all cores, only for files it does not
know; the checks across files run on every run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from wegweiser.build.workers import run, worker_count
from wegweiser.checks.findings import Finding, sort_findings
from wegweiser.checks.messages import finding
from wegweiser.checks.pages import page_findings
from wegweiser.checks.rules import CONTEXT_RULES, FILE_RULES, RuleContext
from wegweiser.checks.tables import check_rows, check_vocabularies, reference_findings, unique_findings
from wegweiser.content.digests import hash_folder
from wegweiser.content.frontmatter import SourceFile
from wegweiser.content.loading import load_sources, open_cache
from wegweiser.content.sanitize import render_markdown
from wegweiser.content.schema import KINDS, Schemas
from wegweiser.indicators.check import validate_indicators


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
                     languages: tuple[str, ...] = ("de",)) -> Validation:
    """``parallel``: WEGWEISER_WORKERS / WEGWEISER_PARALLEL_MIN (see build/workers.py); ``languages``:
    WEGWEISER_LANGUAGES, which the translations are checked against."""
    root, content_dir = Path(root), Path(content_dir)
    ctx = RuleContext(schemas=schemas, content_dir=content_dir, today=today, stale_months=stale_months,
                      languages=tuple(languages))
    cache = open_cache(schemas, root)
    # 1. the content files: from the parse cache, or read anew; unreadable ones have their finding
    sources = load_sources(content_dir, schemas, root, cache, parallel)
    findings = [f for kind in KINDS for src in sources[kind] for f in src.findings]
    # 2. the rows against their Table Schemas: the vocabularies (kept while data/ is unchanged),
    #    then each file's row; 3. unique keys and references across the files
    findings += _kept(cache, "vocabularies", "", check_vocabularies, root, schemas)
    findings += check_tables(schemas, sources, parallel)
    # 4. the rules: on each file alone (kept with the file), then those that compare it with others
    _check_files(sources, ctx, parallel)
    for kind in KINDS:
        for src in sources[kind]:
            if src.values:
                findings += src.derived["rules"] + list(_run_rules(CONTEXT_RULES, kind, src, ctx))
    # 5. the indicator appendix (kept while data/indicators is unchanged) and the required pages
    stamp = hashlib.sha256()
    hash_folder(stamp, Path(schemas.data_dir) / "indicators")
    findings += _kept(cache, "indicators", stamp.hexdigest(), validate_indicators, root, schemas)
    findings += page_findings(root, content_dir, cache, languages, today)
    cache.save()
    return Validation(sources=sources, findings=sort_findings(findings), schemas=schemas)


def check_tables(schemas: Schemas, sources: dict[str, list[SourceFile]], parallel: dict | None = None) -> list[Finding]:
    """Every row against its Table Schema, then unique keys and references across the files.

    Row checks are frictionless's, made on all cores for the files without one, and kept on
    each file (``src.derived["rows"]``: a file from the cache is not checked again); keys and
    references depend on all files and are checked on every run.
    """
    used = {kind: [src for src in sources[kind] if src.values or src.ok]  # unreadable files have their finding
            for kind in KINDS}
    chunks = []
    for kind in KINDS:
        todo = [src for src in used[kind] if "rows" not in src.derived]
        size = -(-len(todo) // worker_count(parallel or {}, len(todo))) if todo else 1
        chunks += [(kind, todo[start:start + size]) for start in range(0, len(todo), size)]
    checked = run(lambda chunk: check_rows(schemas.for_kind(chunk[0]), schemas, chunk[1]), chunks,
                  worker_count(parallel or {}, sum(len(files) for _, files in chunks)))
    findings = []  # frictionless's for no row in particular, then each file's
    for (_, files), (orphans, per_row) in zip(chunks, checked):
        findings += [f for f in orphans if f not in findings]
        for src, found in zip(files, per_row):
            src.derived["rows"] = found
    for kind in KINDS:
        schema = schemas.for_kind(kind)
        findings += [f for src in used[kind] for f in src.derived["rows"]]
        findings += unique_findings(schema, used[kind]) + reference_findings(schema, schemas, used[kind], sources)
    return findings


def _check_files(sources: dict[str, list[SourceFile]], ctx: RuleContext, parallel: dict | None) -> None:
    """The rules on each file alone and its rendered body (the catalog needs it), kept on the file
    (``src.derived``): made on all cores for the files without them."""
    todo = [(kind, src) for kind in KINDS for src in sources[kind] if src.values and "rules" not in src.derived]

    def check(task) -> tuple[list[Finding], str]:
        kind, src = task
        return list(_run_rules(FILE_RULES, kind, src, ctx)), render_markdown(src.body)

    for (_, src), (found, html) in zip(todo, run(check, todo, worker_count(parallel or {}, len(todo)))):
        src.derived["rules"], src.derived["html"] = found, html


def _run_rules(rules, kind: str, src: SourceFile, ctx: RuleContext):
    for rule in rules:
        try:
            yield from rule(kind, src, ctx)
        except Exception as exc:  # a rule must never turn a bad file into a traceback
            yield finding("unexpected", src.rel, value=f"{rule.__name__}: {exc!r}")


def _kept(cache, name: str, stamp: str, check, *args) -> list[Finding]:
    """``check(*args)``, kept in the parse cache's extras while ``stamp`` is the one it was kept with
    (the cache's own key covers the schemas and vocabularies)."""
    kept = cache.extras.get(name)
    if not kept or kept[0] != stamp:
        kept = cache.extras[name] = (stamp, check(*args))
    return list(kept[1])


