"""Findings: what validation reports, and how it is printed.

A finding keeps its machine code apart from its German display text, so that
tests assert codes and people read messages.
"""

from __future__ import annotations

from dataclasses import dataclass

from wegweiser.content.characters import visible

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    file: str
    code: str
    message: str
    hint: str = ""
    field: str | None = None
    value: str | None = None
    line: int | None = None
    column: int | None = None
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sort_key(self):
        return (self.file, self.line or 0, self.column or 0, self.field or "", self.code)

    def location(self) -> str:
        where = visible(self.file)
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def as_text(self) -> str:
        label = "Fehler" if self.is_error else "Warnung"
        parts = [f"{self.location()}: {label}"]
        if self.field:
            parts.append(f" im Feld „{visible(self.field)}“")
        parts.append(f": {visible(self.message)}")
        text = "".join(parts)
        if self.hint:
            text += f"\n    → {visible(self.hint)}"
        return text

    def as_github(self) -> str:
        """A GitHub Actions workflow command (annotation on the offending line)."""
        props = [f"file={_escape_property(self.file)}"]
        if self.line:
            props.append(f"line={self.line}")
        if self.column:
            props.append(f"col={self.column}")
        title = f"{self.field}: {self.code}" if self.field else self.code
        props.append(f"title={_escape_property(title)}")
        body = self.message + (f" {self.hint}" if self.hint else "")
        return f"::{self.severity} {','.join(props)}::{_escape_data(body)}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "code": self.code,
            "severity": self.severity,
            "value": self.value,
            "message": self.message,
            "hint": self.hint,
        }


def _escape_data(text: str) -> str:
    """A workflow command's text: control characters written visibly (a newline would start a
    command of its own, an escape sequence would colour or hide the log)."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def sort_findings(findings) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


def summary(findings) -> str:
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    if not findings:
        return "Keine Fehler gefunden."
    return f"{errors} Fehler, {warnings} Warnung{'en' if warnings != 1 else ''}."
