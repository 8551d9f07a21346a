"""JSON Schema (draft 2020-12) for the front matter, derived from the Table Schemas.

One property per Table Schema field, with its German title, description and
example; types, required fields, patterns, lengths, bounds and formats; the ids
of the referenced vocabulary as ``enum``. The rules of :mod:`.rules` that JSON
Schema can express are added under ``allOf``, each with a ``$comment`` naming
its finding code, for editors. The submission form validates the properties
itself and runs the rules in JavaScript (theme/static/js/submit-core.js).

Only keywords that mean the same in draft-07 are used (no ``dependentRequired``,
no ``$defs``), because the YAML language server validates instances with a
draft-07 engine.
"""

from __future__ import annotations

import json

from wegweiser.checks import rules
from wegweiser.content.schema import Schemas, TableSchema

DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: name of the committed editor schema of each kind, relative to the project root
EDITOR_SCHEMA_FILES = {"offer": "schemas/offer.frontmatter.schema.json",
                       "provider": "schemas/provider.frontmatter.schema.json"}
_TYPES = {"integer": "integer", "number": "number", "boolean": "boolean"}


def anchored(pattern: str) -> str:
    """A Table Schema pattern matches the whole value; a JSON Schema pattern anywhere."""
    return f"^(?:{pattern})$"


def reference_ids(schemas: Schemas, table: TableSchema, name: str,
                  provider_ids: list[str] | None) -> list[str] | None:
    """Allowed ids of a foreign-key field, or None (unknown at this point)."""
    resource = table.reference_of(name)
    if resource == "providers":
        return list(provider_ids) if provider_ids is not None else None
    vocab = schemas.vocabularies.get(resource) if resource else None
    return list(vocab.by_id) if vocab else None


def _value_schema(field, ids: list[str] | None) -> dict:
    """Type and constraints of one value (a scalar, or one item of a list)."""
    c = field.constraints
    out: dict = {"type": _TYPES.get(field.type, "string")}
    if field.type == "date":
        out["format"] = "date"
    elif field.format in ("email", "uri"):
        out["format"] = field.format
    if out["type"] == "string" and not field.is_list:
        if "pattern" in c:
            out["pattern"] = anchored(c["pattern"])
        for key in ("minLength", "maxLength"):
            if key in c:
                out[key] = c[key]
    for key in ("minimum", "maximum"):  # a date's bounds as JSON Schema's format vocabulary says them
        if key in c:
            out[("format" + key.capitalize()) if field.type == "date" else key] = c[key]
    if "enum" in c:
        out["enum"] = list(c["enum"])
    if ids is not None:
        out["enum"] = ids
    return out


def property_schema(field, ids: list[str] | None, id_pattern: str | None = None) -> dict:
    out: dict = {"title": field.title, "description": field.description}
    if field.is_list:
        out["type"] = "array"
        out["items"] = _value_schema(field, ids)
        if "minLength" in field.constraints:
            out["minItems"] = field.constraints["minLength"]
    else:
        out.update(_value_schema(field, ids))
        if ids is None and id_pattern and "pattern" not in out:
            out["pattern"] = anchored(id_pattern)  # a provider id, list not known here
    example = field.example
    if example not in (None, "", []):
        out["examples"] = [example]
    return out


def json_schema(schemas: Schemas, kind: str, provider_ids: list[str] | None = None) -> dict:
    """The front matter of ``kind`` as JSON Schema; ``provider_ids`` restricts ``provider``."""
    table = schemas.for_kind(kind)
    provider_pattern = schemas.provider.by_name["id"].constraints.get("pattern")
    properties = {}
    for field in table.fields:
        ids = reference_ids(schemas, table, field.name, provider_ids)
        properties[field.name] = property_schema(field, ids, provider_pattern
                                                 if table.reference_of(field.name) == "providers" else None)
    return {
        "$schema": DRAFT,
        "title": table.title,
        "description": table.descriptor.get("description", ""),
        "type": "object",
        "properties": properties,
        "required": [f.name for f in table.fields if f.required],
        "additionalProperties": False,
        "allOf": list(rule_schemas(schemas, table)),
    }


def editor_schema(schemas: Schemas, kind: str) -> dict:
    """The front matter as an editor checks it: :func:`json_schema` and the ``translations`` tree (which
    the form does not write: a provider writes German)."""
    from wegweiser.i18n.content import HASH_LENGTH, METHOD_LABELS, METHODS, TRANSLATIONS, translatable_fields

    schema = json_schema(schemas, kind)
    table = schemas.for_kind(kind)
    item = {
        "type": "object",
        "properties": {
            "text": {"type": "string", "minLength": 1, "title": "Übersetzung"},
            "method": {"enum": list(METHODS), "title": "; ".join(f"{m}: {METHOD_LABELS[m]}" for m in METHODS)},
            "source_hash": {"type": "string", "pattern": f"^[0-9a-f]{{{HASH_LENGTH}}}$",
                            "title": "Prüfsumme des deutschen Textes, aus dem übersetzt wurde"},
            "reviewed": {"type": "string", "format": "date", "title": "Datum der Prüfung (JJJJ-MM-TT)"},
            "by": {"type": "string", "title": "Wer übersetzt oder geprüft hat"},
        },
        "required": ["text", "method", "source_hash"],
        "additionalProperties": False,
    }
    schema["properties"][TRANSLATIONS] = {
        "title": "Übersetzungen",
        "description": "Je Sprachcode (z. B. en, ar) die übersetzten Felder, jedes mit Text und Herkunft. "
                       "„wegweiser translate import“ schreibt sie.",
        "type": "object",
        "propertyNames": {"pattern": "^[a-z]{2,3}$", "not": {"const": "de"}},
        "additionalProperties": {
            "type": "object",
            "properties": {name: item for name in translatable_fields(table)},
            "additionalProperties": False,
        },
    }
    return schema


def rule_schemas(schemas: Schemas, table: TableSchema):
    """The rules of core/rules.py that JSON Schema can express (for editors)."""
    names = set(table.field_names)
    for fld in table.fields:
        if fld.format == "uri":
            yield {"$comment": "link-scheme, link-invalid: only http(s) and mailto links",
                   "properties": {fld.name: {"pattern": r"^(?:[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]+|"
                                                        r"[Mm][Aa][Ii][Ll][Tt][Oo]:[^@\s]*@)"}}}
    for image, alt in rules.IMAGE_FIELDS.items():
        if image in names and alt in names:
            yield {"$comment": "alt-missing: an image needs its description",
                   "if": {"required": [image]}, "then": {"required": [alt]}}
    if {"lat", "lon"} <= names:
        box = rules.GERMANY
        yield {"$comment": "coords-outside: coordinates inside Germany",
               "properties": {"lat": {"minimum": box["lat"][0], "maximum": box["lat"][1]},
                              "lon": {"minimum": box["lon"][0], "maximum": box["lon"][1]}}}
        yield {"$comment": "coords-incomplete: lat and lon together",
               "if": {"required": ["lat"]}, "then": {"required": ["lon"]}}
        yield {"$comment": "coords-incomplete: lat and lon together",
               "if": {"required": ["lon"]}, "then": {"required": ["lat"]}}
    if "format" in names and "municipality" in names and table is schemas.offer:
        yield {"$comment": "location-missing: on-site offers need a municipality",
               "if": {"properties": {"format": {"enum": list(rules.ON_SITE_FORMATS)}}, "required": ["format"]},
               "then": {"required": ["municipality"]}}
    municipalities = schemas.vocabularies.get("municipalities")
    if {"postcode", "municipality"} <= names and municipalities:
        for row in municipalities.rows:
            if row.get("id") and row.get("postcodes"):
                yield {"$comment": f"postcode-municipality: postcodes of {row['id']}",
                       "if": {"properties": {"municipality": {"const": row["id"]}}, "required": ["municipality"]},
                       "then": {"properties": {"postcode": {"enum": list(row["postcodes"])}}}}


def dumps(schema: dict) -> str:
    """Stable text of a schema file (committed to git, compared by a test)."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
