"""The fields of the submission form, derived from the exported JSON Schema.

Labels, hints, required marks, allowed values and input types all come from
the schema (and the vocabularies' labels); templates only lay them out. The
choice of control is presentation: lists of ids become checkbox groups, short
required choices radio buttons, longer ones a select, long texts a textarea.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wegweiser.content.new_entry import BODIES
from wegweiser.content.schema import MULTILINE_FROM
from wegweiser.i18n.texts import UIText

#: at most this many options are shown as radio buttons (required fields only)
MAX_RADIOS = 6
#: presentation only: mobile keyboards and input types for fields whose schema says "text"
_INPUT_HINTS = {"postcode": {"inputmode": "numeric"}, "contact_phone": {"input_type": "tel"}}
BODY_FIELD = "body"
PROVIDER_HINT = UIText("Fehlt Ihr Anbieter in der Liste? Dann melden Sie ihn zuerst als neuen Anbieter an.")
_FILE_NOTE = re.compile(r"\s*\([^()]*(?:data/|content/)[^()]*\)|\s+aus data/vocabularies/[\w.-]+\.csv")
_SENTENCE = re.compile(r"(?<=[.?!])(?<!\bz\.)\s+(?=[A-ZÄÖÜ„])")


def form_hint(description: str) -> str:
    """A schema description without the notes about files, which only matter in the files.

    „(Kennung aus data/vocabularies/areas.csv)“ goes, and so does a sentence left
    saying no more than „Liste von Kennungen.“
    """
    text = _FILE_NOTE.sub("", description)
    kept = [s for s in _SENTENCE.split(text) if not ("Kennung" in s and len(s.split()) <= 5)]
    return " ".join(kept).strip()


@dataclass
class FormField:
    name: str
    id: str
    label: str
    hint: str
    required: bool
    control: str  # text, textarea, select, radios, checkboxes
    input_type: str = "text"
    inputmode: str | None = None
    options: list[tuple[str, str]] = field(default_factory=list)
    rows: int = 3
    #: a second sentence after the hint (the provider's: how to add a missing one)
    note: str = ""

    @property
    def hint_id(self) -> str:
        return f"{self.id}-hinweis"

    @property
    def is_group(self) -> bool:
        return self.control in ("radios", "checkboxes")

    @property
    def first_id(self) -> str:
        """The element an error link focuses: the input, or the first option of a group."""
        return self.option_id(self.options[0][0]) if self.is_group and self.options else self.id

    def option_id(self, value: str) -> str:
        return f"{self.id}-{value}"


def _control(prop: dict, required: bool) -> tuple[str, str, str | None, int]:
    """(control, input type, inputmode, rows) of a property."""
    if prop.get("type") == "array":
        return "checkboxes", "", None, 0
    if "enum" in prop:
        radios = required and len(prop["enum"]) <= MAX_RADIOS
        return ("radios" if radios else "select"), "", None, 0
    if prop.get("type") == "integer":
        return "text", "text", "numeric", 0
    if prop.get("type") == "number":
        return "text", "text", "decimal", 0
    fmt = prop.get("format")
    if fmt == "date":
        return "text", "date", None, 0
    if fmt in ("email", "uri"):
        return "text", {"email": "email", "uri": "url"}[fmt], None, 0
    if prop.get("maxLength", 0) >= MULTILINE_FROM:  # a text that may span lines (Field.multiline)
        return "textarea", "", None, max(3, prop["maxLength"] // 100)
    return "text", "text", None, 0


def form_fields(kind: str, schema: dict, id_prefix: str, labels: dict[str, dict[str, str]]) -> list[FormField]:
    """One :class:`FormField` per schema property, then the Markdown body.

    ``labels`` maps a field name to {id: German label} for its allowed values.
    """
    required = set(schema.get("required", []))
    fields = []
    for name, prop in schema["properties"].items():
        is_required = name in required
        control, input_type, inputmode, rows = _control(prop, is_required)
        allowed = prop.get("items", prop).get("enum") or []
        names = labels.get(name, {})
        options = [(value, names.get(value, value)) for value in allowed]
        fld = FormField(name=name, id=f"{id_prefix}-{name.replace('_', '-')}", label=UIText(prop["title"]),
                        hint=UIText(form_hint(prop.get("description", ""))), required=is_required, control=control,
                        input_type=input_type, inputmode=inputmode, options=options, rows=rows)
        if name == "provider":
            fld.note = PROVIDER_HINT
        for key, value in _INPUT_HINTS.get(name, {}).items():
            setattr(fld, key, value)
        fields.append(fld)
    fields.append(FormField(name=BODY_FIELD, id=f"{id_prefix}-beschreibung", label=UIText("Ausführliche Beschreibung"),
                            hint=BODIES[kind], required=False, control="textarea", rows=8))
    return fields
