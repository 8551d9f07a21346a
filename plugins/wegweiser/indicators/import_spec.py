"""The description file of an imported indicator (YAML or JSON) and its skeleton.

``wegweiser new indicator ID`` writes ``data/indicators/sources/ID.yaml`` with
every key explained in German; ``wegweiser import TABLE --kind indicator --id
ID`` reads it (or the file given with ``--mapping``, or ``TABLE.yaml`` next to
the table). Every key is optional: what is left empty comes from the table (a
GENESIS table names its title, reference date, source and licence) or from the
indicator as it is already described in ``datapackage.json``. Options on the
command line win over the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

from wegweiser.indicators.stat_table import ImportFailed

SOURCES_FOLDER = "sources"

#: key -> (German explanation, example); the order is the skeleton's
KEYS = {
    "title": ("Titel auf der Website", "Plätze in Kindertageseinrichtungen"),
    "description": ("Definition in einem Satz: Was wird gemessen?",
                    "Zahl der genehmigten Plätze in Kindertageseinrichtungen am Stichtag."),
    "area": ("Bildungsbereich (Kennung aus data/vocabularies/areas.csv)", "fruehkindliche-bildung"),
    "unit": ("Einheit der Werte; „Anzahl“ steht nicht hinter der Zahl", "Plätze"),
    "reference_date": ("Stichtag oder Zeitraum", "1. März des jeweiligen Jahres"),
    "numerator": ("Zähler (bei Quoten)", ""),
    "denominator": ("Nenner (bei Quoten)", ""),
    "notes": ("Hinweise für die Leserinnen und Leser", ""),
    "source": ("Quelle; leer bei GENESIS-Tabellen: Statistische Ämter, Tabellencode und Titel", ""),
    "source_url": ("Webadresse der Quelle (https://…)", ""),
    "license": ("Lizenz: dl-de/by-2-0, dl-de/zero-2-0, cc-by-4.0 oder cc0-1.0; leer bei GENESIS-Tabellen: "
                "dl-de/by-2-0", ""),
    "attribution": ("Namensnennung, die die Lizenz verlangt", ""),
    "comparison": ("Vergleich mit anderen Regionen: values (die Werte selbst, für Quoten und Anteile) oder "
                   "index (die Entwicklung seit dem ersten Jahr, für Anzahlen); leer: nach der Einheit", ""),
    "region": ("Amtlicher Gemeindeschlüssel (AGS) des eigenen Kreises oder der eigenen Stadt; dazu kommen "
               "das Land und Deutschland als Vergleich", "03151"),
    "compare": ("bis zu fünf weitere Regionen zum Vergleich (Schlüssel); leer: WEGWEISER_COMPARE_REGIONS",
                ["03252", "14627"]),
    "value": ("die Wertspalte: ihre Nummer in der Liste, die der Import zeigt, oder ein Teil der Überschrift", 2),
    "groups": ("mehrere Wertspalten, die zu Gruppen werden (Nummern oder Überschriften)", []),
    "group_title": ("wonach aufgeteilt wird", "Schulart"),
    "rows": ("nur diese Zeilen übernehmen, z. B. eine Schulart oder „Insgesamt“", []),
    "rename": ("Gruppen umbenennen: alter Name: neuer Name", {}),
    "year": ("das Jahr, wenn die Tabelle keines nennt", None),
    "regions": ("nur einfache Tabellen: Namen von Regionen, die keine Gemeinde des Kreises sind, und ihr "
                "Schlüssel", {"Konstanz": "08335043"}),
    "year_column": ("nur einfache Tabellen: Überschrift der Spalte mit dem Jahr (sonst: Jahr, year, Stichtag; "
                    "oder Spalten, die Jahre sind)", ""),
    "region_column": ("nur einfache Tabellen: Überschrift der Spalte mit Gemeinde oder Region", ""),
    "delimiter": ("nur einfache Tabellen: Trennzeichen (; , oder Tabulator); leer: wird erkannt", ""),
    "decimal": ("nur einfache Tabellen: Dezimalzeichen , oder .; leer: Komma bei Semikolon-Tabellen", ""),
    "encoding": ("Kodierung (utf-8, latin-1); leer: wird erkannt", ""),
}
_LISTS = ("compare", "groups", "rows")
_MAPS = ("rename", "regions")


@dataclass
class ImportSpec:
    title: str = ""
    description: str = ""
    area: str = ""
    unit: str = ""
    reference_date: str = ""
    numerator: str = ""
    denominator: str = ""
    notes: str = ""
    source: str = ""
    source_url: str = ""
    license: str = ""
    attribution: str = ""
    comparison: str = ""
    region: str = ""
    compare: list = field(default_factory=list)
    value: object = None
    groups: list = field(default_factory=list)
    group_title: str = ""
    rows: list = field(default_factory=list)
    rename: dict = field(default_factory=dict)
    year: int | None = None
    regions: dict = field(default_factory=dict)
    year_column: str = ""
    region_column: str = ""
    delimiter: str = ""
    decimal: str = ""
    encoding: str = ""

    def given(self) -> dict:
        """The keys that were set (by the file or an option)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in ("", None, [], {})}


def load_spec(path: Path) -> ImportSpec:
    """Read a description file; unknown keys and wrong forms are reported in German."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
        data = json.loads(text) if Path(path).suffix.lower() == ".json" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"Die Beschreibungsdatei {path} kann nicht gelesen werden ({exc}).") from None
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise ImportFailed(f"Die Beschreibungsdatei {path} ist fehlerhaft: {exc}") from None
    data = data or {}
    if not isinstance(data, dict):
        raise ImportFailed(f"{path}: Die Beschreibungsdatei braucht Angaben der Form „title: …“.")
    spec = ImportSpec()
    for key, item in data.items():
        if key not in KEYS:
            raise ImportFailed(f"{path}: Die Angabe „{key}“ gibt es nicht. Erlaubt sind: {', '.join(KEYS)}.")
        if item is None:
            continue
        if key in _LISTS and not isinstance(item, list):
            item = [item]
        if key in _MAPS and not isinstance(item, dict):
            raise ImportFailed(f"{path}: „{key}“ ordnet Namen zu, z. B. „{key}: {{alt: neu}}“.")
        if key == "year" and not isinstance(item, int):
            raise ImportFailed(f"{path}: „year“ ist ein Jahr, z. B. 2024.")
        if key not in _LISTS + _MAPS + ("value", "year"):
            item = str(item).strip()
        setattr(spec, key, item)
    return spec


def skeleton(indicator_id: str, areas: list[str]) -> str:
    """The description file ``new indicator`` writes: every key, explained, with an example."""
    lines = [
        f"# Beschreibung des Indikators „{indicator_id}“ für den Import einer Statistiktabelle.",
        "# Laden Sie die Tabelle herunter (z. B. von www.regionalstatistik.de als CSV) und rufen Sie auf:",
        f"#   wegweiser import TABELLE.csv --kind indicator --id {indicator_id} "
        f"--mapping data/indicators/{SOURCES_FOLDER}/{indicator_id}.yaml",
        "# Leere Angaben übernimmt der Import aus der Tabelle oder aus der bisherigen Beschreibung in",
        "# data/indicators/datapackage.json. Angaben beim Aufruf (--region, --value, …) gehen vor.",
        f"# Bildungsbereiche: {', '.join(areas)}",
        "",
    ]
    for key, (explanation, example) in KEYS.items():
        lines.append(f"# {explanation}" + (f"; Beispiel: {_example(example)}" if example not in ("", None) else ""))
        empty = {"compare": "[]", "groups": "[]", "rows": "[]", "rename": "{}", "regions": "{}"}.get(key, "")
        lines.append(f"{key}: {empty}".rstrip())
    return "\n".join(lines) + "\n"


def _example(example) -> str:
    if isinstance(example, (list, dict)):
        return json.dumps(example, ensure_ascii=False)
    return str(example)
