"""What an import plans, finds and writes: one planned file per row, problems per row and column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wegweiser.checks.findings import Finding
from wegweiser.checks.messages import finding
from wegweiser.content.characters import visible
from wegweiser.content.loading import relative_path

if TYPE_CHECKING:
    from wegweiser.importing.importer import Table

Progress = Callable[[int, int], None]


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
    #: row number -> the id its file got (also for rows merged into another)
    ids_by_row: dict[int, str] = field(default_factory=dict)
    #: the providers planned from the same rows (a mapping's ``provider_fields``)
    provider: "ImportResult | None" = None
    sources: list = field(default_factory=list, repr=False)  # the rows as SourceFiles, for checks

    @property
    def kept_ids(self) -> set[str]:
        """Ids of the files this import writes or keeps (not those with an error)."""
        return {p.values.get("id") for p in self.planned if p.action != "fehler"}

    def count(self, action: str) -> int:
        return sum(1 for p in self.planned if p.action == action)

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems if p.is_error})


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
