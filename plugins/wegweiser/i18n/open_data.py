"""The translations in the open data: ``uebersetzungen.csv``, one row per entry, language and field.

``angebote.csv`` and ``anbieter.csv`` stay one German row per entry, as the Table Schemas describe
them (and as ``wegweiser import`` reads them back); the translations come beside them in the long
form a flat table can hold: 7 languages × 6 fields × 5 provenance columns as columns of the entries
would be 200 mostly empty columns. Each row carries its provenance and the state the page shows, so a
reuser can leave out machine translations nobody reviewed, or outdated ones.
"""

from __future__ import annotations

from wegweiser.i18n.content import HASH_LENGTH, METHODS, translatable_fields, translated

FILE = "uebersetzungen.csv"
TITLE = "Übersetzungen"
DESCRIPTION = ("Die Übersetzungen der Texte der Angebote und Anbieter: je Eintrag, Sprache und Feld eine Zeile, "
               "mit Herkunft (von Menschen oder maschinell übersetzt, Prüfsumme des deutschen Textes, Datum der "
               "Prüfung) und Zustand. Das Feld „description“ ist die Beschreibung (Spalte „body“ der Einträge).")
SCHEMA = {
    "fields": [
        {"name": "kind", "type": "string", "title": "Art", "description": "offer (Angebot) oder provider (Anbieter).",
         "constraints": {"required": True, "enum": ["offer", "provider"]}},
        {"name": "id", "type": "string", "title": "Kennung", "description": "Kennung des Angebots oder Anbieters.",
         "constraints": {"required": True}},
        {"name": "language", "type": "string", "title": "Sprache", "description": "Sprachcode nach ISO 639-1.",
         "constraints": {"required": True, "pattern": "[a-z]{2,3}"}},
        {"name": "field", "type": "string", "title": "Feld",
         "description": "Das übersetzte Feld (Spalte von angebote.csv bzw. anbieter.csv; description: die Beschreibung).",
         "constraints": {"required": True}},
        {"name": "text", "type": "string", "title": "Übersetzung", "constraints": {"required": True}},
        {"name": "method", "type": "string", "title": "Art der Übersetzung",
         "description": "human: von einem Menschen; machine: maschinell.",
         "constraints": {"required": True, "enum": list(METHODS)}},
        {"name": "source_hash", "type": "string", "title": "Prüfsumme des deutschen Textes",
         "description": "Die ersten 12 Zeichen der SHA-256-Prüfsumme des deutschen Textes (Leerraum zusammengefasst, "
                        "Unicode NFC), aus dem übersetzt wurde.",
         "constraints": {"required": True, "pattern": f"[0-9a-f]{{{HASH_LENGTH}}}"}},
        {"name": "reviewed", "type": "date", "title": "Geprüft am"},
        {"name": "by", "type": "string", "title": "Übersetzt oder geprüft von"},
        {"name": "state", "type": "string", "title": "Zustand",
         "description": "human, machine (maschinell, nicht geprüft), reviewed (geprüft) oder outdated (der deutsche "
                        "Text hat sich seither geändert).",
         "constraints": {"required": True, "enum": ["human", "machine", "reviewed", "outdated"]}},
    ],
    "primaryKey": ["kind", "id", "language", "field"],
}


def translation_rows(kind: str, schema, entries, languages) -> list[list[str]]:
    """The rows of the entries' translations into ``languages`` (the guide's, without German)."""
    names = translatable_fields(schema)
    rows = []
    for entry in entries:
        for lang in languages:
            for name in names:
                shown = translated(entry, name, lang)
                if shown.fallback or not (entry.translations.get(lang) or {}).get(name):
                    continue
                rows.append([kind, entry.values["id"], lang, name, shown.text, shown.method or "",
                             entry.translations[lang][name].get("source_hash") or "",
                             shown.reviewed.isoformat() if shown.reviewed else "", shown.by or "", shown.state])
    return rows
