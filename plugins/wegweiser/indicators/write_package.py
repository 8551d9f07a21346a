"""Write an imported indicator: its CSV and its resource in ``data/indicators/datapackage.json``.

The resource keeps its place in the package (a new one is added at the end),
its breaks in the series and whatever the office wrote that the import does not
set. The package learns the county and the titles of the compared regions (a
title the office changed is kept). Both files are replaced whole, so a failed
write never leaves half a file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from wegweiser.indicators.package import PACKAGE_FILE, STATUSES

_ORDER = ("name", "path", "format", "mediatype", "encoding", "title", "description", "area", "numerator",
          "denominator", "unit", "reference_date", "comparison", "sources", "licenses", "attribution", "notes",
          "source_notes", "example", "breaks", "schema")
_NAME = "[a-z0-9]+(-[a-z0-9]+)*"


def load_package(folder: Path) -> dict:
    path = folder / PACKAGE_FILE
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8-sig"))


def columns_of(rows: list[dict]) -> list[str]:
    optional = [c for c in ("municipality", "region", "group") if any(r[c] for r in rows)]
    return ["year", *optional, "value", "status"] + (["note"] if any(r["note"] for r in rows) else [])


def resource(indicator_id: str, described: dict, rows: list[dict], group_title: str, existing: dict | None,
             package: dict) -> dict:
    columns = columns_of(rows)
    fields = {
        "year": {"name": "year", "type": "integer", "title": "Jahr",
                 "description": "Berichtsjahr; der genaue Stichtag steht beim Indikator (reference_date).",
                 "constraints": {"required": True, "minimum": 1900, "maximum": 2100}},
        "municipality": {"name": "municipality", "type": "string", "title": "Gemeinde",
                         "description": "Kennung der Gemeinde aus data/vocabularies/municipalities.csv; leer: der "
                                        "Landkreis oder eine Region zum Vergleich.",
                         "constraints": {"pattern": _NAME}},
        "region": {"name": "region", "type": "string", "title": "Region",
                   "description": "Schlüssel einer Region zum Vergleich (Namen unter „regions“ im Datenpaket): DG "
                                  "Deutschland, zweistellig ein Land, fünfstellig ein Kreis; leer: der Landkreis "
                                  "oder eine Gemeinde.",
                   "constraints": {"enum": sorted({r["region"] for r in rows if r["region"]})}},
        "group": {"name": "group", "type": "string", "title": group_title,
                  "constraints": {"enum": list(dict.fromkeys(r["group"] for r in rows if r["group"]))}},
        "value": {"name": "value", "type": "number", "title": "Wert",
                  "description": f"Wert in der Einheit „{described['unit']}“, Punkt als Dezimaltrennzeichen; leer, "
                                 "wenn der Status „fehlt“ oder „geheim“ ist."},
        "status": {"name": "status", "type": "string", "title": "Status",
                   "description": "vorhanden, fehlt (nicht erhoben, nichts vorhanden) oder geheim (statistische "
                                  "Geheimhaltung).",
                   "constraints": {"required": True, "enum": list(STATUSES)}},
        "note": {"name": "note", "type": "string", "title": "Hinweis",
                 "description": "Warum ein Wert fehlt, z. B. das Zeichen, das die Statistik statt einer Zahl "
                                "angibt."},
    }
    old = existing or {}
    kept = {key: item for key, item in old.items() if key not in _ORDER or key == "breaks"}
    result = {"name": indicator_id, "path": f"{indicator_id}.csv", "format": "csv", "mediatype": "text/csv",
              "encoding": "utf-8", **described, **kept,
              "schema": {"fields": [fields[c] for c in columns], "missingValues": [""]}}
    if package.get("example") and "example" not in old:
        result["example"] = False  # imported figures are real, also inside the example package
    elif "example" in old:
        result["example"] = old["example"]
    if old.get("breaks"):
        result["breaks"] = old["breaks"]
    return {key: result[key] for key in [*_ORDER, *result] if key in result}


def csv_text(rows: list[dict]) -> str:
    columns = columns_of(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[c] for c in columns])
    return out.getvalue()


def updated_package(package: dict, new: dict, county: dict, regions: list[dict]) -> dict:
    package = dict(package) or {"name": "bildungsmonitoring", "title": "Bildungsmonitoring", "resources": []}
    if county.get("code") and not package.get("county"):
        package["county"] = {"code": county["code"], "title": county["title"]}
    known = list(package.get("regions") or [])
    codes = {r.get("code") for r in known if isinstance(r, dict)}
    known += [{"code": r["code"], "title": r["title"]} for r in regions if r["code"] not in codes]
    if known:
        package["regions"] = known
    resources = list(package.get("resources") or [])
    at = next((i for i, r in enumerate(resources) if isinstance(r, dict) and r.get("name") == new["name"]), None)
    if at is None:
        resources.append(new)
    else:
        resources[at] = new
    package["resources"] = resources
    order = [k for k in package if k != "resources"] + ["resources"]
    return {key: package[key] for key in order}


def write_files(folder: Path, indicator_id: str, table_text: str, package: dict) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path, text in ((folder / f"{indicator_id}.csv", table_text),
                       (folder / PACKAGE_FILE, json.dumps(package, ensure_ascii=False, indent=2) + "\n")):
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(temporary, path)
        written.append(path)
    return written
