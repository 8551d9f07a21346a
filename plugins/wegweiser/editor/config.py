"""Decap CMS's configuration, generated from the Table Schemas and vocabularies.

Every field of the offer and provider schemas becomes one field of the editor, in schema order:

- a field a ``foreignKeys`` entry ties to a vocabulary: a select (a list field: several values)
  whose options are the vocabulary's ids with their German labels; the provider: a select of the
  provider entries (Decap's relation widget, searching name and id);
- integer and number: a number field with the schema's bounds (coordinates: Germany's, from the
  rules); date: a date picker that stores ``JJJJ-MM-TT``; the image fields: an upload into
  ``content/images/``, their description fields required as soon as there is an image
  (``wegweiser-alt``, registered by static/wegweiser-cms.js);
- strings: one line, or a text area for long texts (``Field.multiline``); the schema's pattern and
  lengths (and the rules' link schemes) become one pattern with a German message;
- label, hint and required flag: the schema's ``title``, ``description`` (without the notes about
  files, as in the submission form) and ``required``.

Static pages get the header keys Pelican reads (``PAGE_KEYS``).

Translations (``languages``: WEGWEISER_LANGUAGES, German first): offers and providers get, after the
description, the field „Übersetzungen“ with one group per language and in it one per translatable
field (the schema's ``translatable`` fields and the description, labelled with their German titles):
the text (the German field's widget and maximum length), the kind of translation, the review date
and who translated. They are written where ``wegweiser translate import`` writes them, the
``translations:`` block of the file; static/wegweiser-cms.js records the German text a changed
translation was made from (``source_hash``). Decap's own i18n does not fit: it keeps a language's
values in a file or a top-level key of its own, without provenance.
"""

from __future__ import annotations

import re

from wegweiser.checks.messages import TEMPLATES
from wegweiser.checks.rules import IMAGE_FIELDS
from wegweiser.content.schema import KIND_FOLDERS, Schemas, TableSchema
from wegweiser.content.static_pages import PAGE_KEYS, PAGES_FOLDER
from wegweiser.editor.settings import EditorSettings
from wegweiser.i18n.content import (
    DESCRIPTION, HASH_LENGTH, KEYS, METHOD_LABELS, METHODS, SOURCE, TRANSLATIONS, field_label, translatable_fields,
)
from wegweiser.i18n.provenance import language_name
from wegweiser.submissions.field_docs import KIND_TITLES
from wegweiser.submissions.form_model import form_fields, form_hint
from wegweiser.submissions.json_schema import editor_schema, property_schema, reference_ids, rule_schemas

#: where uploaded images go; an image field holds the file's name relative to it
MEDIA_FOLDER = "content/images"
#: Decap's name of each collection's format (static/wegweiser-cms.js registers them)
FORMATS = {"offer": "wegweiser-offer", "provider": "wegweiser-provider", "page": "wegweiser-page"}
#: the field shown for an entry in the lists (Entry.display_title's order): the collection's
#: ``identifier_field``, which Decap shows and searches without a ``summary`` template to format for
#: every entry; the file name comes from ``id`` all the same (``slug``).
TITLE_FIELDS = ("title", "name")
#: the Markdown toolbar: what descriptions may hold (no images, no code, no HTML)
MARKDOWN_BUTTONS = ["bold", "italic", "link", "heading-two", "heading-three", "bulleted-list", "numbered-list", "quote"]
#: a Markdown field; Decap's preview renders raw HTML unless told to sanitise it (a provider's pull
#: request must not run script in the office's editor, where the sign-in token is kept)
MARKDOWN_WIDGET = {"widget": "markdown", "buttons": MARKDOWN_BUTTONS, "editor_components": [], "sanitize_preview": True}
DATE_STORED = "YYYY-MM-DD"
#: the date the office last confirmed an entry (catalog/freshness.py)
REVIEWED = "reviewed"
#: the guide's own language; other languages are translations of it
DEFAULT_LANGUAGE = SOURCE
#: a translation's date of review, written as a date
TRANSLATION_DATES = ("reviewed",)


def cms_config(schemas: Schemas, editor: EditorSettings, site_url: str = "",
               languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)) -> dict:
    """The whole configuration (written to /admin/config.yml)."""
    config: dict = {"backend": editor.backend()}
    if editor.editorial_workflow:
        config["publish_mode"] = "editorial_workflow"
    if editor.local_backend:
        config["local_backend"] = {"url": editor.local_backend}
    config["locale"] = DEFAULT_LANGUAGE
    if site_url.startswith(("http://", "https://")):
        config["site_url"] = config["display_url"] = site_url
    config.update({"media_folder": MEDIA_FOLDER, "public_folder": "",
                   "slug": {"encoding": "ascii", "clean_accents": True}})
    config["collections"] = [entry_collection(schemas, kind, languages) for kind in ("offer", "provider")]
    config["collections"].append(pages_collection())
    return config


def entry_collection(schemas: Schemas, kind: str, languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)) -> dict:
    table = schemas.for_kind(kind)
    title = next(name for name in TITLE_FIELDS if name in table.by_name)
    fields = [entry_field(schemas, table, f.name) for f in table.fields]
    body = form_fields(kind, {"properties": {}}, kind, {})[-1]  # the submission form's body field
    fields.append({"name": "body", "label": body.label, "hint": body.hint, "required": False, **MARKDOWN_WIDGET})
    if any(code != SOURCE for code in languages):
        fields.append(translations_field(schemas, kind, fields, languages))
    collection = {
        "name": KIND_FOLDERS[kind], "label": KIND_TITLES[kind], "label_singular": table.title,
        "description": form_hint(table.descriptor.get("description", "")),
        "folder": f"content/{KIND_FOLDERS[kind]}", "extension": "md", "format": FORMATS[kind],
        "create": True, "editor": {"preview": False}, "identifier_field": title, "slug": "{{id}}",
        "sortable_fields": [name for name in (title, "reviewed", "start_date") if name in table.by_name],
        "fields": fields,
    }
    return collection


def entry_field(schemas: Schemas, table: TableSchema, name: str) -> dict:
    """One field of the editor, from the schema's field ``name``."""
    field = table.by_name[name]
    ids = reference_ids(schemas, table, name, None)
    prop = property_schema(field, ids)
    for rule in rule_schemas(schemas, table):  # link schemes, coordinates inside Germany
        if "if" not in rule:
            prop.update(rule.get("properties", {}).get(name, {}))
    out = {"name": name, "label": field.title, "hint": form_hint(field.description), "required": field.required}
    resource = table.reference_of(name)
    if resource == "providers":
        out.update(widget="relation", collection=KIND_FOLDERS["provider"], value_field="id",
                   search_fields=["name", "id"], display_fields=["{{name}}"], options_length=50)
    elif ids is not None:
        vocabulary = schemas.vocabularies[resource]
        out.update(widget="select", options=[{"label": vocabulary.label(key), "value": key} for key in ids])
        if field.is_list:
            out["multiple"] = True
            if prop.get("minItems"):
                out["min"] = prop["minItems"]
    elif field.type in ("integer", "number"):
        out.update(widget="number", value_type="int" if field.type == "integer" else "float")
        out.update({short: prop[key] for key, short in (("minimum", "min"), ("maximum", "max")) if key in prop})
    elif field.type == "date":
        out.update(widget="datetime", format=DATE_STORED, time_format=False, picker_utc=True)
        if name == REVIEWED:
            out["default"] = "{{now}}"  # a new entry is reviewed when it is written
    elif name in IMAGE_FIELDS:
        out.update(widget="image", choose_url=False)
    elif name in IMAGE_FIELDS.values():
        image = next(k for k, v in IMAGE_FIELDS.items() if v == name)
        out.update(widget="wegweiser-alt", image_field=image, message=TEMPLATES["alt-missing"][1])
        _pattern(out, prop)
    else:
        out["widget"] = "text" if field.multiline else "string"
        _pattern(out, prop)
    return out


def translations_field(schemas: Schemas, kind: str, fields: list[dict], languages) -> dict:
    """„Übersetzungen“: per language of the guide (but German) the translatable fields, each with its
    text and provenance (the keys of editor_schema's translations, labelled with their titles)."""
    table = schemas.for_kind(kind)
    tree = editor_schema(schemas, kind)["properties"][TRANSLATIONS]
    item = tree["additionalProperties"]["properties"][DESCRIPTION]["properties"]
    by_name = {f["name"]: f for f in fields}
    by_name[DESCRIPTION] = by_name["body"]

    def per_field(name: str) -> dict:
        german = by_name[name]
        text = {key: german[key] for key in MARKDOWN_WIDGET if key in german}
        if text["widget"] not in ("text", "markdown"):
            text["widget"] = "string"  # an image's description: its check belongs to the German one
        maximum = table.by_name[name].constraints.get("maxLength") if name in table.by_name else None
        if maximum:
            _pattern(text, {"maxLength": maximum})
        keys = {"text": {"label": item["text"]["title"], **text},
                "method": {"label": METHOD_TITLE, "widget": "select",
                           "options": [{"label": METHOD_LABELS[m], "value": m} for m in METHODS]},
                "source_hash": {"widget": "hidden"},
                "reviewed": {"label": item["reviewed"]["title"], "widget": "datetime", "format": DATE_STORED,
                             "time_format": False, "picker_utc": True},
                "by": {"label": item["by"]["title"], "widget": "string"}}
        return _group(name, field_label(table, name), [{"name": key, "required": False, **keys[key]} for key in KEYS])

    groups = [_group(code, language_name(code), [per_field(name) for name in translatable_fields(table)])
              for code in languages if code != SOURCE]
    return {**_group(TRANSLATIONS, tree["title"], groups), "hint": TRANSLATIONS_HINT}


#: the label of a translation's method, and the hint of the translations
METHOD_TITLE = "Art der Übersetzung"
TRANSLATIONS_HINT = ("Je Sprache die übersetzten Felder. Wer einen Text oder das Prüfdatum ändert, bestätigt die "
                     "Übersetzung des heutigen deutschen Textes; ein Feld ohne Text wird nicht gespeichert.")


def _group(name: str, label: str, fields: list[dict]) -> dict:
    return {"name": name, "label": label, "widget": "object", "collapsed": True, "required": False, "fields": fields}


def _pattern(out: dict, prop: dict) -> None:
    """The schema's pattern and lengths as one anchored pattern with a German message."""
    parts, said = [], []
    low, high = prop.get("minLength"), prop.get("maxLength")
    if low is not None or high is not None:
        parts.append(f"(?=[\\s\\S]{{{low or 0},{high if high is not None else ''}}}$)")
        said.append(_length_text(low, high))
    if "pattern" in prop:
        parts.append(f"(?:{_unanchored(prop['pattern'])})")
        said.append("Die Form stimmt nicht – siehe den Hinweis unter dem Feld.")
    if parts:
        out["pattern"] = ["^" + "".join(parts) + ("" if "pattern" in prop else "[\\s\\S]*") + "$", " ".join(said)]


def _unanchored(pattern: str) -> str:
    """The inner pattern of json_schema.anchored's ``^(?:…)$``; a rule's prefix pattern continues."""
    match = re.fullmatch(r"\^\(\?:(.*)\)\$", pattern)
    return match.group(1) if match else pattern.removeprefix("^") + "[\\s\\S]*"


def _length_text(low, high) -> str:
    if low and high is not None:
        return f"Mindestens {low} und höchstens {high} Zeichen."
    return f"Höchstens {high} Zeichen." if high is not None else f"Mindestens {low} Zeichen."


def pages_collection() -> dict:
    """The static pages: Pelican's header keys (title required), then the Markdown."""
    fields = [{"name": key, "label": label, "required": key == "title", "widget": "text" if key == "summary" else "string"}
              for key, label in PAGE_KEYS.items()]
    fields.append({"name": "body", "label": "Inhalt", "required": False, **MARKDOWN_WIDGET})
    collection = {"name": PAGES_FOLDER, "label": "Seiten", "label_singular": "Seite",
                  "folder": f"content/{PAGES_FOLDER}", "extension": "md", "format": FORMATS["page"],
                  "create": True, "editor": {"preview": False}, "identifier_field": "title", "slug": "{{slug}}",
                  "fields": fields}
    return collection


def field_types(schemas: Schemas) -> dict[str, dict[str, str]]:
    """Each kind's field -> schema type, for static/wegweiser-cms.js (how to write a value)."""
    return {kind: {f.name: ("array" if f.is_list else f.type) for f in schemas.for_kind(kind).fields}
            for kind in ("offer", "provider")}


def script_settings(schemas: Schemas, languages=(DEFAULT_LANGUAGE,)) -> dict:
    """What static/wegweiser-cms.js needs (the data-fields attribute of its tag): each kind's field
    types, and how the translations are written (languages, fields and keys in their order)."""
    return {"types": field_types(schemas),
            "translations": {"languages": [code for code in languages if code != SOURCE],
                             "fields": {kind: translatable_fields(schemas.for_kind(kind)) for kind in ("offer", "provider")},
                             "keys": list(KEYS), "dates": list(TRANSLATION_DATES), "description": DESCRIPTION,
                             "hash_length": HASH_LENGTH, "method": METHODS[0]}}
