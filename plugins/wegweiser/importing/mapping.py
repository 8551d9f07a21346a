"""The mapping file of an import: which column, text or fixed value feeds which field.

Format and a worked example: docs/import/README.md. A rule takes its text from a column, a
template, several columns (``join``) or a fixed value, passes it through the transforms of
:mod:`.transforms`, then ``map`` and ``slug``; ``default`` fills an empty result.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wegweiser.content.schema import TableSchema
from wegweiser.importing import transforms
from wegweiser.outputs.exports import BODY_COLUMN, LIST_DELIMITER

#: Cell texts that count as empty (compared case-insensitively), besides the empty cell.
EMPTY_VALUES = frozenset({
    "n/a", "na", "n.a.", "n. a.", "k.a.", "k. a.", "ka", "keine angabe", "keine angaben", "n.n.", "n. n.", "nn",
    "n.v.", "nv", "#nv", "-", "--", "---", "–", "—", "/", "?", "null", "none", "#n/a", "nan",
})
KIND_NAMES = {"offers": "offer", "providers": "provider", "offer": "offer", "provider": "provider"}
_SOURCES = ("column", "value", "template", "join")
_OPTIONS = {*_SOURCES, "separator", "map", "slug", "default"} | transforms.OPTIONS
_DUPLICATES = ("error", "first", "suffix")


class ImportFailed(Exception):
    """The input or the mapping cannot be used at all (German message)."""


@dataclass
class Rule:
    """How one target field gets its value from a row."""

    target: str
    column: str | None = None
    value: object = None
    template: str | None = None
    join: list[str] | None = None
    separator: str = " "
    map: dict | None = None
    slug: bool = False
    default: object = None
    steps: list = field(default_factory=list)  # transforms.Step, in transforms.ORDER
    max_length: int | None = None  # of a slug: the field's maxLength

    @property
    def columns(self) -> list[str]:
        if self.column is not None:
            return [self.column]
        if self.join is not None:
            return list(self.join)
        if self.template is not None:
            return [name for _, name, _, _ in string.Formatter().parse(self.template) if name]
        return []


@dataclass
class Mapping:
    rules: dict[str, Rule]
    delimiter: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    list_delimiter: str = LIST_DELIMITER
    empty: frozenset = EMPTY_VALUES
    duplicates: str | None = None  # error | first | suffix; None: suffix for a slug id, else error
    kind: str | None = None
    optional_errors: str = "row"  # row: the row is not imported; drop: the value is left out
    #: column -> number of digits: numbers whose leading zeros a spreadsheet dropped get them back
    leading_zeros: dict = field(default_factory=dict)
    #: a list whose rows are each a provider and its offer: the provider's rules (offers only)
    provider: "Mapping | None" = None

    @property
    def on_duplicate(self) -> str:
        id_rule = self.rules.get("id")
        return self.duplicates or ("suffix" if id_rule is not None and id_rule.slug else "error")


def identity_mapping(schema: TableSchema, header: list[str]) -> Mapping:
    """Columns named like schema fields (and ``body``) feed those fields: the export format."""
    targets = set(schema.field_names) | {BODY_COLUMN}
    return Mapping(rules={c: Rule(c, column=c) for c in header if c in targets})


def load_mapping(path: Path, schema: TableSchema, provider_schema: TableSchema | None = None) -> Mapping:
    """Read a mapping file; unknown fields or options are reported in German. ``provider_schema``
    is needed for a ``provider_fields`` section (rows that are each a provider and its offer)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8-sig")) or {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"Die Zuordnungsdatei {path} kann nicht gelesen werden ({exc}).") from None
    except yaml.YAMLError as exc:
        raise ImportFailed(f"Die Zuordnungsdatei {path} ist kein gültiges YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        raise ImportFailed(f"{path}: Die Zuordnungsdatei braucht einen Abschnitt „fields:“, "
                           "der jedem Feld eine Spalte oder einen Wert zuordnet.")
    csv_options = data.get("csv") or {}
    empty = EMPTY_VALUES | {str(v).strip().casefold() for v in data.get("empty") or []}
    duplicates = data.get("duplicates")
    if duplicates is not None and duplicates not in _DUPLICATES:
        raise ImportFailed(f"{path}: „duplicates“ ist „error“, „first“ oder „suffix“.")
    optional_errors = data.get("optional_errors", "row")
    if optional_errors not in ("row", "drop"):
        raise ImportFailed(f"{path}: „optional_errors“ ist „row“ (Standard) oder „drop“.")
    zeros = data.get("leading_zeros") or {}
    if not isinstance(zeros, dict) or not all(isinstance(n, int) and not isinstance(n, bool) and 0 < n <= 40
                                              for n in zeros.values()):
        raise ImportFailed(f"{path}: „leading_zeros“ nennt Spalten und ihre Stellenzahl, z. B. "
                           "„leading_zeros: {Kita-Nr: 8}“.")
    mapping = Mapping(rules=_rules(path, data["fields"], schema, "fields"), delimiter=csv_options.get("delimiter"),
                      encoding=csv_options.get("encoding"), sheet=data.get("sheet"),
                      list_delimiter=str(data.get("list_delimiter", LIST_DELIMITER)), empty=frozenset(empty),
                      duplicates=duplicates, kind=data.get("kind"), optional_errors=optional_errors,
                      leading_zeros={str(k): v for k, v in zeros.items()})
    if "provider_fields" in data:
        if provider_schema is None or KIND_NAMES.get(str(mapping.kind or "offers")) != "offer":
            raise ImportFailed(f"{path}: „provider_fields“ gibt es nur beim Import von Angeboten (--kind offers).")
        if not isinstance(data["provider_fields"], dict):
            raise ImportFailed(f"{path}: „provider_fields“ ordnet die Felder des Anbieters zu, wie „fields:“.")
        rules = _rules(path, data["provider_fields"], provider_schema, "provider_fields")
        mapping.provider = Mapping(rules=rules, list_delimiter=mapping.list_delimiter, empty=mapping.empty,
                                   duplicates=duplicates, kind="providers", optional_errors=optional_errors)
    return mapping


def _rules(path: Path, fields: dict, schema: TableSchema, section: str) -> dict[str, Rule]:
    targets = set(schema.field_names) | {BODY_COLUMN}
    rules = {}
    for target, spec in fields.items():
        if target not in targets:
            where = f" (unter „{section}“)" if section != "fields" else ""
            raise ImportFailed(f"{path}: Das Feld „{target}“{where} gibt es nicht. Erlaubt sind: "
                               f"{', '.join(schema.field_names)}, {BODY_COLUMN}.")
        if isinstance(spec, str):
            spec = {"column": spec}
        if not isinstance(spec, dict) or len(spec.keys() & set(_SOURCES)) != 1 or spec.keys() - _OPTIONS:
            unknown = sorted(spec.keys() - _OPTIONS) if isinstance(spec, dict) else []
            extra = f" Unbekannt: {', '.join(unknown)}." if unknown else ""
            raise ImportFailed(f"{path}: Für „{target}“ braucht es genau eine Angabe „column“, „template“, „join“ "
                               "oder „value“ (dazu optional „split“/„part“, „match“, „replace“, „strip“, „url“, "
                               f"„map“, „slug“, „default“).{extra}")
        translate, join = spec.get("map"), spec.get("join")
        if translate is not None and not isinstance(translate, dict):
            raise ImportFailed(f"{path}: „map“ bei „{target}“ ordnet Werte zu, z. B. „map: {{Krippe: kita}}“.")
        if join is not None and (not isinstance(join, list) or not join or not all(isinstance(c, str) for c in join)):
            raise ImportFailed(f"{path}: „join“ bei „{target}“ nennt die Spalten, die verbunden werden, "
                               "z. B. „join: [Straße, Hausnummer]“.")
        try:
            steps = transforms.steps(spec, f"„{target}“")
        except transforms.TransformError as exc:
            raise ImportFailed(f"{path}: {exc}") from None
        fld = schema.by_name.get(target)
        rules[target] = Rule(target, column=spec.get("column"), value=spec.get("value"),
                             template=spec.get("template"), join=join, separator=str(spec.get("separator", " ")),
                             map={str(k): v for k, v in translate.items()} if translate else None,
                             slug=bool(spec.get("slug")), default=spec.get("default"), steps=steps,
                             max_length=fld.constraints.get("maxLength") if fld else None)
    return rules
