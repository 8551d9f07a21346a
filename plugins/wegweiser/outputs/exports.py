"""Open data export: a frictionless Data Package with offers, providers and vocabularies.

Everything is derived from the Table Schemas: the CSV columns are the schema
fields (plus the Markdown body), list fields become frictionless ``list`` fields
joined with :data:`LIST_DELIMITER`. The importer reads the same format, so an
export can be imported again unchanged.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re

from wegweiser.catalog.catalog import Catalog
from wegweiser.content.entry_file import slugify
from wegweiser.catalog.entry_store import EntryStore
from wegweiser.i18n.texts import UIText
from wegweiser.content.schema import Field, TableSchema
from wegweiser.i18n import open_data as translations

#: Separator of the items of a list field inside one CSV cell.
LIST_DELIMITER = ","
#: Extra column holding an entry's Markdown body (the long description).
BODY_COLUMN = "body"
BODY_FIELD = {
    "name": BODY_COLUMN,
    "type": "string",
    "title": "Beschreibung",
    "description": "Ausführliche Beschreibung in Markdown (der Text unter dem YAML-Kopf der Datei).",
}
#: Folder of the export below the output folder, and its files per kind.
FOLDER = "daten"
FILES = {"offer": "angebote.csv", "provider": "anbieter.csv"}
TITLES = {"offer": "Bildungsangebote", "provider": "Bildungsanbieter"}
VOCABULARY_FOLDER = "vokabulare"
DEFAULT_LICENSE = "CC BY 4.0"
#: a text cell starting with one of these (also after spaces) is a formula to a spreadsheet program
#: (OWASP "CSV injection"): it gets an apostrophe in front, as does a text starting with an apostrophe, so
#: that the import (:func:`from_spreadsheet`) can tell the two apart and the round trip is lossless
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
SPREADSHEET_NOTE = UIText("Textzellen, die (auch nach Leerzeichen) mit =, +, -, @, einem Tabulator, einem Zeilenumbruch (CR) "
                    "oder ' beginnen, "
                    "ist ein ' vorangestellt, damit Tabellenprogramme sie nicht als Formel ausführen; "
                    "„wegweiser import“ entfernt es wieder.")

#: Known licences: normalised name -> (identifier, German title, URL).
LICENSES = {
    "ccby40": ("CC-BY-4.0", "Creative Commons Namensnennung 4.0 International",
               "https://creativecommons.org/licenses/by/4.0/deed.de"),
    "ccby30de": ("CC-BY-3.0-DE", "Creative Commons Namensnennung 3.0 Deutschland",
                 "https://creativecommons.org/licenses/by/3.0/de/"),
    "ccbysa40": ("CC-BY-SA-4.0", "Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0",
                 "https://creativecommons.org/licenses/by-sa/4.0/deed.de"),
    "cc010": ("CC0-1.0", "Creative Commons Zero 1.0 (gemeinfrei)",
              "https://creativecommons.org/publicdomain/zero/1.0/deed.de"),
    "dldeby20": ("dl-de-by-2.0", "Datenlizenz Deutschland – Namensnennung – Version 2.0",
                 "https://www.govdata.de/dl-de/by-2-0"),
    "dldezero20": ("dl-de-zero-2.0", "Datenlizenz Deutschland – Zero – Version 2.0",
                   "https://www.govdata.de/dl-de/zero-2-0"),
}
LICENSES["cc0"] = LICENSES["cc010"]


def license_info(name: str | None) -> dict:
    """``{"name", "title", "path"}`` of a licence given as e.g. „CC BY 4.0“; unknown names stay as given."""
    name = (name or DEFAULT_LICENSE).strip()
    known = LICENSES.get(re.sub(r"[^a-z0-9]", "", name.lower()))
    if known:
        return {"name": known[0], "title": known[1], "path": known[2]}
    return {"name": slugify(name) or "license", "title": name}


def cell_text(field: Field, value) -> str:
    """A typed value as CSV text (ISO dates, lists joined with the delimiter, texts safe to open in
    a spreadsheet program)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return to_spreadsheet(LIST_DELIMITER.join(str(v) for v in value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return to_spreadsheet(value) if isinstance(value, str) else str(value)


def to_spreadsheet(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet program runs as a formula (see :data:`FORMULA_STARTS`)."""
    return "'" + text if looks_like_formula(text) else text


def from_spreadsheet(text: str) -> str:
    """The text a cell of :func:`to_spreadsheet` came from (other cells unchanged)."""
    return text[1:] if text.startswith("'") and looks_like_formula(text[1:]) else text


def looks_like_formula(text: str) -> bool:
    """True for a text a spreadsheet program may take for a formula: its first character, or the first
    after leading spaces (some programs skip them: „ =HYPERLINK(…)“), is one of :data:`FORMULA_STARTS`."""
    return text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


def export_schema(schema: TableSchema) -> dict:
    """The Table Schema of the CSV export: lists as delimited text, plus the body column."""
    descriptor = copy.deepcopy(schema.descriptor)
    list_fields = set()
    for field in descriptor["fields"]:
        field.pop("filter", None)  # the guide's search filter (content/facets.py), nothing about the data
        if field.get("example") in ("", None, []):
            field.pop("example", None)
        if field.get("type") in ("array", "list"):
            list_fields.add(field["name"])
            field.update(type="list", delimiter=LIST_DELIMITER, itemType="string")
            field.pop("example", None)
        elif field.get("type", "string") == "string":
            _allow_apostrophe(field.get("constraints", {}))
    descriptor["fields"].append(dict(BODY_FIELD))
    # frictionless compares a list cell as a whole; list references are documented, not declared
    descriptor["foreignKeys"] = [fk for fk in schema.foreign_keys if not set(_fk_fields(fk)) & list_fields]
    return descriptor


def _allow_apostrophe(constraints: dict) -> None:
    """A text cell may carry the apostrophe of :func:`to_spreadsheet` (e.g. a phone number „'+49 …“)."""
    if "pattern" in constraints:
        constraints["pattern"] = f"'?(?:{constraints['pattern']})"
    if "maxLength" in constraints:
        constraints["maxLength"] += 1


def _without_list_references(descriptor: dict) -> dict:
    lists = {f["name"] for f in descriptor["fields"] if f.get("type") in ("array", "list")}
    descriptor["foreignKeys"] = [fk for fk in descriptor.get("foreignKeys", []) if not set(_fk_fields(fk)) & lists]
    return descriptor


def _fk_fields(fk: dict) -> list[str]:
    fields = fk["fields"]
    return [fields] if isinstance(fields, str) else list(fields)


def _csv_line():
    """A function writing one CSV row (UTF-8, comma, CRLF) as bytes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def line(row: list) -> bytes:
        out.seek(0)
        out.truncate()
        writer.writerow(row)
        return out.getvalue().encode("utf-8")
    return line


def entries_csv(schema: TableSchema, entries, store: EntryStore | None = None) -> bytes:
    """CSV (UTF-8, comma, header row) of the entries, one row each (rows kept in ``store``)."""
    store = store or EntryStore()
    line = _csv_line()

    lines = [line(schema.field_names + [BODY_COLUMN])]
    for entry in entries:
        lines.append(store.get(f"csv-row:{schema.name}", entry, lambda entry=entry: line(
            [cell_text(f, entry.values.get(f.name)) for f in schema.fields] + [to_spreadsheet(entry.body or "")])))
    return b"".join(lines)


def _translation_rows(catalog: Catalog) -> list[list[str]]:
    targets = [code for code in catalog.languages[1:]]
    return [row for kind in ("offer", "provider") for row in translations.translation_rows(
        kind, catalog.schemas.for_kind(kind), _entries(catalog, kind), targets)]


def translations_csv(catalog: Catalog) -> bytes:
    """``uebersetzungen.csv``: the translations into the guide's languages, one row per entry, language, field."""
    line = _csv_line()
    header = [f["name"] for f in translations.SCHEMA["fields"]]
    return b"".join([line(header)] + [line([to_spreadsheet(cell) for cell in row])
                                      for row in _translation_rows(catalog)])


def tables(catalog: Catalog) -> list[dict]:
    """What the export contains, for the /daten/ page: file, title, rows and fields per table."""
    result = []
    for kind in ("offer", "provider"):
        schema = catalog.schemas.for_kind(kind)
        result.append({"path": FILES[kind], "title": TITLES[kind], "rows": len(_entries(catalog, kind)),
                       "fields": schema.fields + [Field(BODY_FIELD)]})
    if len(catalog.languages) > 1:
        result.append({"path": translations.FILE, "title": translations.TITLE, "rows": len(_translation_rows(catalog)),
                       "fields": [Field(f) for f in translations.SCHEMA["fields"]]})
    for vocab in catalog.vocabularies.values():
        result.append({"path": f"{VOCABULARY_FOLDER}/{vocab.path.name}", "title": vocab.schema.title,
                       "rows": len(vocab.rows), "fields": vocab.schema.fields})
    return result


def _entries(catalog: Catalog, kind: str):
    return sorted(catalog.offers if kind == "offer" else catalog.providers, key=lambda e: e.values["id"])


def descriptor(catalog: Catalog, settings: dict) -> dict:
    """``datapackage.json`` of the export (paths relative to the ``daten/`` folder)."""
    county = settings.get("WEGWEISER_COUNTY") or settings.get("SITENAME") or "Bildungswegweiser"
    attribution = data_attribution(settings)
    licence = license_info(settings.get("WEGWEISER_DATA_LICENSE"))
    resources = []
    for kind in ("offer", "provider"):
        schema = catalog.schemas.for_kind(kind)
        resources.append({
            "name": "offers" if kind == "offer" else "providers",
            "path": FILES[kind],
            "title": TITLES[kind],
            "description": " ".join(filter(None, [schema.descriptor.get("description", ""), SPREADSHEET_NOTE])),
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": export_schema(schema),
        })
    if len(catalog.languages) > 1:
        resources.append({"name": "translations", "path": translations.FILE, "title": translations.TITLE,
                          "description": " ".join([translations.DESCRIPTION, SPREADSHEET_NOTE]),
                          "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
                          "encoding": "utf-8", "schema": copy.deepcopy(translations.SCHEMA)})
    for vocab in catalog.vocabularies.values():
        resources.append({
            "name": vocab.name,
            "path": f"{VOCABULARY_FOLDER}/{vocab.path.name}",
            "title": vocab.schema.title,
            "description": vocab.schema.descriptor.get("description", ""),
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": _without_list_references(copy.deepcopy(vocab.schema.descriptor)),
        })
    package = {
        "profile": "tabular-data-package",
        "name": slugify(f"bildungswegweiser {county}"),
        "title": f"Bildungsangebote und -anbieter: {county}",
        "description": (f"Alle veröffentlichten Bildungsangebote und ihre Anbieter im Bildungswegweiser "
                        f"{county}, mit den Wertelisten (Bereiche, Themen, Orte, …). {attribution}"),
        "version": catalog.today.isoformat(),
        "created": f"{catalog.today.isoformat()}T00:00:00Z",
        "licenses": [licence],
        "sources": [{"title": attribution}],
        "resources": resources,
    }
    site_url = settings.get("SITEURL") or ""
    if site_url.startswith(("http://", "https://")):
        package["homepage"] = f"{site_url}/{FOLDER}/"
    return package


def attribution(given: str | None = None, author: str | None = None) -> str:
    """The attribution users of the data must show: the setting, else the site's author."""
    return given or f"Quelle: {author or 'Bildungsbüro'}, Bildungswegweiser"


def data_attribution(settings: dict) -> str:
    return attribution(settings.get("WEGWEISER_DATA_ATTRIBUTION"), settings.get("AUTHOR"))


def data_package(catalog: Catalog, settings: dict):
    """``(path below daten/, bytes)`` of every file of the Data Package."""
    for kind in ("offer", "provider"):
        yield FILES[kind], entries_csv(catalog.schemas.for_kind(kind), _entries(catalog, kind), catalog.store)
    if len(catalog.languages) > 1:
        yield translations.FILE, translations_csv(catalog)
    for vocab in catalog.vocabularies.values():
        yield f"{VOCABULARY_FOLDER}/{vocab.path.name}", vocab.path.read_bytes()
    text = json.dumps(descriptor(catalog, settings), ensure_ascii=False, indent=2) + "\n"
    yield "datapackage.json", text.encode("utf-8")
