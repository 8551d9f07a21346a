"""Load the Table Schemas and vocabularies: the guide's ``data/`` over the package's defaults.

The schemas are the single source of truth: field names, types, required-ness,
German labels and help texts are read from them, never restated in code. The
product's schemas and default vocabularies travel with the installed package
(``wegweiser/defaults/``); a file of the same name in the guide's ``data/`` takes
its place, and a vocabulary only the guide has is added. So a guide keeps only
what is its own (its municipalities, say), and an upgrade of the package brings
the rest.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from wegweiser.content.facets import Facet, facet_registry

#: ``limit_errors`` for frictionless's checks: every error. Its default stops a check at 1,000
#: errors, and a file whose errors were cut off would be cached as if it had none.
EVERY_ERROR = sys.maxsize

#: The product's schemas/ and vocabularies/ (municipalities.csv there is empty: each guide has its own).
DEFAULTS_DIR = Path(__file__).resolve().parents[1] / "defaults"

KINDS = ("offer", "provider")
#: Folder (below the content root) holding the files of each kind.
KIND_FOLDERS = {"offer": "offers", "provider": "providers"}
#: texts allowed to be at least this long may span lines (the form gives them a textarea)
MULTILINE_FROM = 250


@dataclass(frozen=True)
class Field:
    """One column of a Table Schema."""

    descriptor: dict

    @property
    def name(self) -> str:
        return self.descriptor["name"]

    @property
    def type(self) -> str:
        return self.descriptor.get("type", "string")

    @property
    def title(self) -> str:
        return self.descriptor.get("title", self.name)

    @property
    def description(self) -> str:
        return self.descriptor.get("description", "")

    @property
    def format(self) -> str | None:
        return self.descriptor.get("format")

    @property
    def constraints(self) -> dict:
        return self.descriptor.get("constraints", {})

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def is_list(self) -> bool:
        return self.type in ("array", "list")

    @property
    def multiline(self) -> bool:
        """A long free text that may span lines (tab and newline belong in it)."""
        return (self.type == "string" and not self.format and "pattern" not in self.constraints
                and self.constraints.get("maxLength", 0) >= MULTILINE_FROM)

    @property
    def example(self):
        return self.descriptor.get("example")


@dataclass(frozen=True)
class TableSchema:
    """A Table Schema descriptor with convenient accessors."""

    name: str
    descriptor: dict

    @cached_property
    def fields(self) -> list[Field]:
        return [Field(f) for f in self.descriptor["fields"]]

    @cached_property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @cached_property
    def field_names(self) -> list[str]:
        """The field names in schema order (computed once: read for every entry; do not change it)."""
        return [f.name for f in self.fields]

    @property
    def foreign_keys(self) -> list[dict]:
        return self.descriptor.get("foreignKeys", [])

    def reference_of(self, field_name: str) -> str | None:
        """Name of the resource a field refers to, if it is a foreign key."""
        for fk in self.foreign_keys:
            if fk["fields"] == [field_name] or fk["fields"] == field_name:
                return fk["reference"]["resource"]
        return None

    @property
    def title(self) -> str:
        return self.descriptor.get("title", self.name)


@dataclass
class Vocabulary:
    """A controlled vocabulary: CSV rows keyed by ``id``, with their schema."""

    name: str
    schema: TableSchema
    path: Path
    rows: list[dict] = field(default_factory=list)

    @cached_property
    def by_id(self) -> dict[str, dict]:
        return {r["id"]: r for r in self.rows if r.get("id")}

    def label(self, key: str, lang: str = "de") -> str:
        """The row's label in ``lang`` (column ``label_<lang>``), German (``label``) where it has none."""
        from wegweiser.i18n.content import label  # i18n.content reads this module's schemas

        row = self.by_id.get(key)
        return (label(row, lang) or key) if row else key


@dataclass
class Schemas:
    """All schemas of a project: offers, providers and the vocabularies."""

    data_dir: Path
    offer: TableSchema
    provider: TableSchema
    vocabularies: dict[str, Vocabulary]
    #: the search filters: vocabulary fields of the offer schema (content/facets.py)
    facets: tuple[Facet, ...] = ()

    def for_kind(self, kind: str) -> TableSchema:
        return self.offer if kind == "offer" else self.provider


class SchemaError(Exception):
    """A schema or vocabulary file is missing or unreadable (German message)."""


def _read_json(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise SchemaError(f"{path}: Die Schema-Datei fehlt. Prüfen Sie den Ordner data/ "
                          "(Einstellung WEGWEISER_DATA_PATH).") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaError(f"{path}: Die Schema-Datei kann nicht gelesen werden ({exc}).") from None
    except json.JSONDecodeError as exc:
        raise SchemaError(f"{path}:{exc.lineno}:{exc.colno}: Die Schema-Datei ist kein gültiges JSON "
                          f"({exc.msg}). Prüfen Sie Kommas und Anführungszeichen.") from None


def _read_csv(path: Path) -> tuple[list[str], list[dict]]:
    """The header and the rows of a CSV file."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = [dict(row) for row in reader]
            return list(reader.fieldnames or []), rows
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise SchemaError(f"{path}: Die Liste kann nicht gelesen werden ({exc}). "
                          "Speichern Sie sie als CSV in UTF-8.") from None


def _typed_row(row: dict, schema: TableSchema) -> dict:
    """Cast a vocabulary row for use in code; bad cells stay text for validation to report."""
    typed = {}
    for key, value in row.items():
        fld = schema.by_name.get(key)
        value = (value or "").strip()
        if not fld or value == "":
            typed[key] = value or None
            continue
        try:
            if fld.type == "integer":
                value = int(value)
            elif fld.type == "number":
                value = float(value)
            elif fld.is_list:
                value = value.split(fld.descriptor.get("delimiter", ","))
        except ValueError:
            pass
        typed[key] = value
    return typed


#: a vocabulary's labels in other languages (``label_en``, ``label_ar``): columns a CSV may leave out, so
#: that a guide's own list without them still fits the package's schema (their labels are German then)
_LABEL_COLUMN = re.compile(r"label_[a-z]{2,3}")


def _without_absent_labels(descriptor: dict, header: list[str]) -> dict:
    """The vocabulary schema without the optional label columns its CSV does not have."""
    fields = [f for f in descriptor.get("fields", [])
              if f.get("name") in header or not _LABEL_COLUMN.fullmatch(str(f.get("name")))
              or f.get("constraints", {}).get("required")]
    return descriptor if len(fields) == len(descriptor.get("fields", [])) else {**descriptor, "fields": fields}


def data_file(data_dir: Path, rel: str) -> Path:
    """``data_dir/rel`` when the guide has it, else the package's default (when neither has it:
    the guide's path, for the message)."""
    own, default = Path(data_dir) / rel, DEFAULTS_DIR / rel
    return default if not own.is_file() and default.is_file() else own


def load_schemas(data_dir: Path) -> Schemas:
    """Read ``schemas/*.schema.json`` and ``vocabularies/*.csv`` of the guide's data folder, each
    file falling back to the package's default (see the module's docstring)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise SchemaError(f"{data_dir}: Der Datenordner fehlt (Einstellung WEGWEISER_DATA_PATH). Er enthält "
                          "die eigenen Listen des Wegweisers, mindestens vocabularies/municipalities.csv; "
                          "legen Sie ihn an oder korrigieren Sie die Einstellung.")
    offer_path = data_file(data_dir, "schemas/offer.schema.json")
    offer = TableSchema("offers", _read_json(offer_path))
    provider = TableSchema("providers", _read_json(data_file(data_dir, "schemas/provider.schema.json")))
    vocabularies = {}
    names = {p.stem for folder in (DEFAULTS_DIR, data_dir) for p in (folder / "vocabularies").glob("*.csv")}
    for name in sorted(names):
        csv_path = data_file(data_dir, f"vocabularies/{name}.csv")
        header, rows = _read_csv(csv_path)
        schema = TableSchema(name, _without_absent_labels(
            _read_json(data_file(data_dir, f"vocabularies/{name}.schema.json")), header))
        rows = [_typed_row(row, schema) for row in rows]
        vocabularies[name] = Vocabulary(name=name, schema=schema, path=csv_path, rows=rows)
    try:
        facets = facet_registry(offer, vocabularies)
    except ValueError as exc:
        raise SchemaError(f"{offer_path}: {exc}") from None
    return Schemas(data_dir=data_dir, offer=offer, provider=provider, vocabularies=vocabularies, facets=facets)
