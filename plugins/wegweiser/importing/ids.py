"""Ids of imported rows: ``slug: true`` ends at a word boundary, and a slug id that another row
already has gets the next free number; both with a warning, never silently."""

from __future__ import annotations

from pathlib import Path

from wegweiser.checks.findings import WARNING
from wegweiser.checks.messages import finding
from wegweiser.content.entry_file import shorten_slug, slugify
from wegweiser.content.frontmatter import SourceFile
from wegweiser.content.schema import TableSchema
from wegweiser.importing.mapping import Rule
from wegweiser.importing.result import ImportResult, Problem


def slug_id(rule: Rule, text: str, number: int, result: ImportResult) -> str:
    """``slug: true``: the text as an id, shortened at a word boundary to the field's length (with a warning)."""
    full = slugify(text, max_length=None)
    short = shorten_slug(full, rule.max_length or 80)
    if short != full:
        result.problems.append(Problem(number, ", ".join(rule.columns) or None, finding(
            "import-slug-shortened", f"Zeile {number}", field=rule.target, value=full, line=number, new=short,
            limit=rule.max_length or 80, severity=WARNING)))
    return short


def number_id(src: SourceFile, key: str, by_id: dict, schema: TableSchema, folder: Path,
              result: ImportResult, first_row: int) -> str:
    """Give a row whose id another row already has the next free "-2", "-3", … (with a warning)."""
    limit = schema.by_name["id"].constraints.get("maxLength") or 80
    number = 2
    while (candidate := f"{shorten_slug(key, limit - len(str(number)) - 1)}-{number}") in by_id:
        number += 1
    src.values["id"] = candidate
    src.path = folder / f"{candidate}.md"
    result.problems.append(Problem(src.lines.get("id"), None, finding(
        "import-id-suffix", src.rel, field="id", value=key, line=src.lines.get("id"), new=candidate,
        first=first_row, severity=WARNING)))
    return candidate
