"""Skeleton files for ``wegweiser new``: every schema field, explained in German."""

from __future__ import annotations

import datetime as dt

import yaml

from wegweiser.content.schema import Schemas
from wegweiser.i18n.texts import UIText

BODIES = {
    "offer": UIText("Beschreiben Sie hier das Angebot ausführlich: Inhalte, Ablauf, was man mitbringen "
                    "muss. Sie können Markdown verwenden, z. B. **fett** oder Listen mit „- “."),
    "provider": UIText("Beschreiben Sie hier den Anbieter: wer Sie sind, was Sie anbieten, wie man Sie "
                       "erreicht."),
}


def _yaml_value(value) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip("\n")
    return text.removesuffix("\n...").strip("\n")  # only line breaks: a no-break space is text


def _reference_value(schemas: Schemas, schema, field, known_providers: list[str]):
    resource = schema.reference_of(field.name)
    example = field.example
    if resource == "providers":
        return known_providers[0] if known_providers else example
    vocab = schemas.vocabularies.get(resource) if resource else None
    if not vocab:
        return example
    ids = list(vocab.by_id)
    if field.is_list:
        kept = [e for e in (example or []) if e in vocab.by_id]
        return kept or ids[:1]
    return example if example in vocab.by_id else (ids[0] if ids else example)


def skeleton(kind: str, entry_id: str, schemas: Schemas, today: dt.date,
             known_providers: list[str] | None = None, comment: str | None = None) -> str:
    """A valid file for a new entry: required fields filled, optional ones commented out.

    ``comment`` is a first line for the front matter, e.g. the YAML language
    server's schema modeline (see core/contributing.py).
    """
    schema = schemas.for_kind(kind)
    lines = ["---"] + ([comment] if comment else [])
    for field in schema.fields:
        required = "Pflichtfeld" if field.required else "optional"
        lines.append(f"# {field.title} ({required}): {field.description}")
        if field.name == "id":
            value = entry_id
        elif field.name == "reviewed":
            value = today
        elif schema.reference_of(field.name):
            value = _reference_value(schemas, schema, field, known_providers or [])
        else:
            value = field.example
        rendered = _yaml_value(value if value is not None else "")
        prefix = "" if field.required or field.name in _SHOWN_OPTIONAL.get(kind, ()) else "# "
        if value in (None, "", []):
            prefix = "# "
        lines.append(f"{prefix}{field.name}: {rendered}")
    lines.append("---")
    lines.append(BODIES[kind])
    return "\n".join(lines) + "\n"


# Optional fields filled in the skeleton because a useful entry nearly always has them.
_SHOWN_OPTIONAL = {
    "offer": ("topics", "languages", "municipality", "schedule", "cost_eur", "contact_email"),
    "provider": ("street", "contact_email", "url"),
}
