"""Every field of offers and providers explained in German, from the schemas.

Used by CONTRIBUTING.md (:mod:`.contributing`) and the page /mitmachen/felder/.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from wegweiser.content.schema import KIND_FOLDERS, Schemas
from wegweiser.content.new_entry import _yaml_value
from wegweiser.i18n.texts import UIText, VocabularyLabel

KIND_TITLES = {"offer": UIText("Angebote"), "provider": UIText("Anbieter")}


@dataclass
class FieldDoc:
    name: str
    title: str
    required: bool
    description: str
    form: str  # what a value looks like, in German
    example: str | None  # one line of YAML, e.g. "title: Deutsch A1 am Abend"
    allowed: list[tuple[str, str]] = field(default_factory=list)  # (id, label) of a vocabulary
    allowed_from: str | None = None  # where the allowed ids live


def _limits(constraints: dict, unit: str) -> str:
    low, high = constraints.get("minLength"), constraints.get("maxLength")
    if low is not None and high is not None:
        return f", {low} bis {high} {unit}"
    if high is not None:
        return f", höchstens {high} {unit}"
    if low is not None:
        return f", mindestens {low} {unit}"
    return ""


def _range(constraints: dict) -> str:
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if low is not None and high is not None:
        return f" von {low} bis {high}"
    if low is not None:
        return f" ab {low}"
    return f" bis {high}" if high is not None else ""


def value_form(fld) -> str:
    """What a value of ``fld`` looks like, in German."""
    c = fld.constraints
    if fld.is_list:
        least = c.get("minLength")
        return "Liste von Kennungen in eckigen Klammern, z. B. [a, b]" + (
            f", mindestens {least} {'Eintrag' if least == 1 else 'Einträge'}" if least else "")
    if fld.type == "integer":
        return "ganze Zahl" + _range(c)
    if fld.type == "number":
        return "Zahl mit Punkt als Dezimaltrennzeichen" + _range(c)
    if fld.type == "date":
        return "Datum im Format JJJJ-MM-TT" + _range(c)
    if fld.format == "email":
        return "E-Mail-Adresse"
    if fld.format == "uri":
        return "Webadresse mit https:// (oder E-Mail-Adresse als mailto:…)"
    return "Text" + _limits(c, "Zeichen")


def example_value(fld):
    """The schema's example as it is written in a file (dates without quotes)."""
    if fld.type == "date" and isinstance(fld.example, str):
        try:
            return dt.date.fromisoformat(fld.example)
        except ValueError:
            return fld.example
    return fld.example


def example_line(fld) -> str | None:
    value = example_value(fld)
    return None if value in (None, "", []) else f"{fld.name}: {_yaml_value(value)}"


def field_docs(schemas: Schemas, kind: str) -> list[FieldDoc]:
    table = schemas.for_kind(kind)
    docs = []
    for fld in table.fields:
        resource = table.reference_of(fld.name)
        vocab = schemas.vocabularies.get(resource) if resource else None
        doc = FieldDoc(name=fld.name, title=UIText(fld.title), required=fld.required, description=UIText(fld.description),
                       form=value_form(fld),
                       example=example_line(fld))
        if vocab:
            doc.allowed = [(row["id"], VocabularyLabel(row) if row.get("label") else row["id"]) for row in vocab.rows if row.get("id")]
            doc.allowed_from = f"data/vocabularies/{vocab.path.name}"
        elif resource in KIND_FOLDERS.values():
            doc.allowed_from = f"content/{resource}/"
        docs.append(doc)
    return docs
