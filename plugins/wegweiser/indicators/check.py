"""Validate the indicator package ``data/indicators/``: metadata, then every table.

The metadata rules of the guide (title, definition, unit, area, sources, …) are
checked first and reported with the line in ``datapackage.json``; then
frictionless checks each descriptor and each CSV, and its error types are mapped
to the German texts of :mod:`messages`; finally the rules a Table Schema cannot
express (status and value agree, known municipalities, no duplicate rows).
"""

from __future__ import annotations

import csv
import difflib
import json
import re
from pathlib import Path

from wegweiser.checks.findings import WARNING, Finding
from wegweiser.indicators.package import OPTIONAL_COLUMNS, PACKAGE_FILE, REQUIRED_COLUMNS, STATUS_PRESENT, STATUSES
from wegweiser.indicators.derived import RESERVED_PREFIX
from wegweiser.content.json_lines import key_lines
from wegweiser.content.loading import relative_path
from wegweiser.checks.messages import TYPE_NAMES, finding
from wegweiser.content.schema import EVERY_ERROR, Schemas

NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"', re.S)
_PROPERTY = re.compile(r"at property '(\w+)'")

#: metadata property -> (German label, help text); all of them are required.
REQUIRED_METADATA = {
    "name": ("Kennung", "Eine Kennung aus Kleinbuchstaben, Ziffern und Bindestrichen, z. B. "
                        "„betreuungsquote-unter-3“; die Tabelle heißt dann betreuungsquote-unter-3.csv."),
    "path": ("Datei", "Der Name der CSV-Tabelle im Ordner data/indicators, z. B. „betreuungsquote-unter-3.csv“."),
    "title": ("Titel", "Der Name des Indikators, wie er auf der Website erscheint."),
    "description": ("Definition", "Eine kurze Definition in einem Satz: Was wird gemessen?"),
    "area": ("Bildungsbereich", "Die Kennung des Bildungsbereichs aus data/vocabularies/areas.csv."),
    "unit": ("Einheit", "Die Einheit der Werte, z. B. „%“, „Verträge“ oder „Stunden je 1.000 Einwohner“."),
    "reference_date": ("Stichtag", "Der Stichtag oder Zeitraum der Werte, z. B. „1. März des jeweiligen Jahres“."),
    "sources": ("Quelle", "Mindestens eine Quelle mit Titel, z. B. [{\"title\": \"Statistisches Landesamt, "
                          "Kinder- und Jugendhilfestatistik\"}]."),
    "schema": ("Schema", "Das Table Schema der Tabelle mit den Spalten year, value und status."),
}
#: optional text properties -> German label
OPTIONAL_TEXT = {"numerator": "Zähler", "denominator": "Nenner", "notes": "Hinweise"}
ADVICE = {
    "year": "Tragen Sie das Jahr vierstellig ein, z. B. 2024; bei Schuljahren das Jahr, in dem es beginnt.",
    "value": "Schreiben Sie Zahlen mit Punkt als Dezimaltrennzeichen und ohne Tausenderpunkt (z. B. 1234.5). "
             "Gibt es keinen Wert, lassen Sie die Zelle leer und setzen Sie status auf „fehlt“ oder „geheim“.",
    "status": "Erlaubt sind „vorhanden“ (Wert angegeben), „fehlt“ (kein Wert erhoben) und „geheim“ "
              "(statistische Geheimhaltung).",
    "municipality": "Tragen Sie die Kennung der Gemeinde aus data/vocabularies/municipalities.csv ein; "
                    "leer lassen für den ganzen Landkreis.",
    "group": "Tragen Sie einen der im Schema erlaubten Werte ein.",
}


def validate_indicators(root: Path, schemas: Schemas) -> list[Finding]:
    """Findings for ``<data>/indicators``; none when the folder does not exist."""
    folder = Path(schemas.data_dir) / "indicators"
    if not folder.is_dir():
        return []
    path = folder / PACKAGE_FILE
    rel = relative_path(path, root)
    if not path.is_file():
        return [finding("indicator-package-missing", rel)]
    try:
        text = path.read_text(encoding="utf-8-sig")
        descriptor = json.loads(text)
    except UnicodeDecodeError as exc:
        return [finding("encoding", rel, value=hex(exc.object[exc.start]), position=exc.start)]
    except json.JSONDecodeError as exc:
        return [finding("indicator-json", rel, value=exc.msg, line=exc.lineno, column=exc.colno)]
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not resources:
        return [finding("indicator-package-invalid", rel, field="resources",
                        value="„resources“ muss eine Liste mit mindestens einem Indikator sein")]
    check = _PackageCheck(root, folder, rel, descriptor, key_lines(text), schemas)
    return check.run()


class _PackageCheck:
    def __init__(self, root, folder, rel, descriptor, lines, schemas):
        self.root, self.folder, self.rel = root, folder, rel
        self.descriptor, self.lines, self.schemas = descriptor, lines, schemas
        self.findings: list[Finding] = []

    def run(self) -> list[Finding]:
        self._check_package()
        seen: dict[str, int] = {}
        for index, resource in enumerate(self.descriptor["resources"]):
            if not isinstance(resource, dict):
                self._meta(index, "indicator-metadata-invalid", None, value="Eintrag ist kein Objekt",
                           indicator=f"Nr. {index + 1}")
                continue
            name = resource.get("name")
            if isinstance(name, str) and name in seen:
                self._meta(index, "indicator-duplicate-name", "name", value=name, first_line=seen[name])
            elif isinstance(name, str):
                seen[name] = self._line(index, "name")
            try:
                if self._check_metadata(index, resource):
                    self._check_table(resource)
            except Exception as exc:  # noqa: BLE001 - a broken file must give a finding, never a traceback
                self._meta(index, "unexpected", None, value=repr(exc))
        for csv_path in sorted(self.folder.glob("*.csv")):
            if csv_path.name not in self._all_paths():
                self.findings.append(finding("indicator-unlisted-file", relative_path(csv_path, self.root),
                                             severity=WARNING))
        return self.findings

    def _all_paths(self) -> set:
        return {str(r.get("path")) for r in self.descriptor["resources"] if isinstance(r, dict)}

    def _check_package(self) -> None:
        """Package-level properties (licences, contributors, …); resources are checked one by one."""
        licenses = self.descriptor.get("licenses")
        for number in _bad_licenses(licenses):
            self.findings.append(finding("indicator-license-invalid", self.rel, field="licenses", number=number,
                                         line=self.lines.get(("licenses", number - 1)), where="des Datenpakets"))
        from frictionless import Package  # imported only when the indicators are checked (not cached)

        report = Package.validate_descriptor({**self.descriptor, "resources": []})
        for error in report.errors:
            if "license" in (error.note or "") and _bad_licenses(licenses):
                continue  # reported in German above
            match = _PROPERTY.search(error.note or "")
            prop = match.group(1) if match and match.group(1) in self.descriptor else None
            if prop is None and "license" in (error.note or ""):
                prop = "licenses"
            line = self.lines.get((prop,)) if prop else None
            self.findings.append(finding("indicator-package-invalid", self.rel, field=prop, line=line,
                                         value=error.note or error.message))

    # -- metadata ------------------------------------------------------------

    def _line(self, index: int, *keys) -> int | None:
        path = ("resources", index, *keys)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None

    def _meta(self, index: int, code: str, field_name: str | None, *keys, **params) -> None:
        line = self._line(index, *(keys or ((field_name,) if field_name else ())))
        self.findings.append(finding(code, self.rel, field=field_name, line=line, **params))

    def _check_metadata(self, index: int, resource: dict) -> bool:
        """Report metadata problems; True when the table itself can be checked."""
        before = len(self.findings)
        name = resource.get("name")
        indicator = name if isinstance(name, str) and name else f"Nr. {index + 1}"
        for prop, (label, help_text) in REQUIRED_METADATA.items():
            value = resource.get(prop)
            if value in (None, "", [], {}):
                self._meta(index, "indicator-metadata-missing", prop, label=label, help=help_text,
                           indicator=indicator)
            elif prop in ("title", "description", "unit", "reference_date", "name", "path", "area") \
                    and not isinstance(value, str):
                self._meta(index, "indicator-metadata-type", prop, label=label, help=help_text,
                           expected="ein Text", indicator=indicator)
        for prop, label in OPTIONAL_TEXT.items():
            if prop in resource and not isinstance(resource[prop], str):
                self._meta(index, "indicator-metadata-type", prop, label=label, expected="ein Text",
                           help="Schreiben Sie den Text in Anführungszeichen.", indicator=indicator)
        if isinstance(name, str) and name:
            if not NAME.fullmatch(name):
                self._meta(index, "indicator-name", "name", value=name)
            elif name.startswith(RESERVED_PREFIX):
                self._meta(index, "indicator-reserved-name", "name", value=name, prefix=RESERVED_PREFIX)
        self._check_area(index, resource.get("area"))
        self._check_path(index, resource, indicator)
        self._check_sources(index, resource.get("sources"), indicator)
        self._check_breaks(index, resource.get("breaks"), indicator)
        if not (resource.get("licenses") or self.descriptor.get("licenses")):
            self._meta(index, "indicator-license-missing", "licenses", indicator=indicator)
        for number in _bad_licenses(resource.get("licenses")):
            self._meta(index, "indicator-license-invalid", "licenses", "licenses", number - 1, number=number,
                       where=f"des Indikators „{indicator}“")
        self._check_schema(index, resource.get("schema"), indicator)
        if len(self.findings) == before:
            self._frictionless_descriptor(index, resource, indicator)
        return len(self.findings) == before

    def _check_area(self, index: int, area) -> None:
        vocab = self.schemas.vocabularies.get("areas")
        if not isinstance(area, str) or not area or vocab is None or area in vocab.by_id:
            return
        close = difflib.get_close_matches(area, list(vocab.by_id), n=1, cutoff=0.6)
        allowed = f" – meinten Sie „{close[0]}“?" if close else ": " + ", ".join(vocab.by_id) + "."
        self._meta(index, "unknown-reference", "area", value=area, label="Bildungsbereich",
                   source="data/vocabularies/areas.csv", allowed=allowed)

    def _check_path(self, index: int, resource: dict, indicator: str) -> None:
        name, path = resource.get("name"), resource.get("path")
        if not isinstance(path, str) or not path or not isinstance(name, str) or not NAME.fullmatch(name):
            return
        if path != f"{name}.csv":
            self._meta(index, "indicator-path", "path", value=path, indicator=name)
        elif not (self.folder / path).is_file():
            self._meta(index, "indicator-file-missing", "path", value=path)

    def _check_sources(self, index: int, sources, indicator: str) -> None:
        if sources in (None, [], "", {}):
            return
        if not isinstance(sources, list):
            self._meta(index, "indicator-metadata-type", "sources", label="Quelle", indicator=indicator,
                       expected="eine Liste von Quellen", help=REQUIRED_METADATA["sources"][1])
            return
        for number, source in enumerate(sources, start=1):
            problem = ""
            if not isinstance(source, dict) or not isinstance(source.get("title"), str) or not source["title"]:
                problem = "der Titel fehlt"
            elif "path" in source and not str(source["path"]).startswith(("https://", "http://")):
                problem = f"„{source['path']}“ ist keine Webadresse"
            if problem:
                self._meta(index, "indicator-source-invalid", "sources", "sources", number - 1,
                           number=number, problem=problem, indicator=indicator)

    def _check_breaks(self, index: int, breaks, indicator: str) -> None:
        if breaks is None:
            return
        items = breaks if isinstance(breaks, list) else [breaks]
        for number, item in enumerate(items, start=1):
            ok = (isinstance(item, dict) and isinstance(item.get("year"), int)
                  and isinstance(item.get("note"), str) and item["note"].strip())
            if not ok:
                self._meta(index, "indicator-break-invalid", "breaks", "breaks", number - 1,
                           number=number, indicator=indicator)

    def _check_schema(self, index: int, schema, indicator: str) -> None:
        if schema in (None, {}, ""):
            return  # reported as missing metadata
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not all(isinstance(f, dict) for f in fields):
            self._meta(index, "indicator-metadata-type", "schema", label="Schema", indicator=indicator,
                       expected="ein Table Schema mit einer Liste „fields“", help=REQUIRED_METADATA["schema"][1])
            return
        by_name = {f.get("name"): (number, f) for number, f in enumerate(fields)}
        for column, expected in REQUIRED_COLUMNS.items():
            if column not in by_name:
                self._meta(index, "indicator-column-missing", column, "schema", "fields", indicator=indicator)
        for column, (number, fld) in by_name.items():
            keys = ("schema", "fields", number)
            expected = REQUIRED_COLUMNS.get(column) or OPTIONAL_COLUMNS.get(column)
            if expected is None:
                self._meta(index, "indicator-column-unknown", column, *keys, value=column, indicator=indicator)
            elif fld.get("type", "string") != expected:
                self._meta(index, "indicator-column-type", column, *keys, "type", value=fld.get("type", "string"),
                           expected=expected, indicator=indicator)
            if column == "group" and not fld.get("title"):
                self._meta(index, "indicator-group-title", "group", *keys, indicator=indicator)

    def _frictionless_descriptor(self, index: int, resource: dict, indicator: str) -> None:
        from frictionless import Resource

        report = Resource.validate_descriptor(resource)
        for error in report.errors:
            match = _PROPERTY.search(error.note or "")
            prop = match.group(1) if match and match.group(1) in resource else None
            self._meta(index, "indicator-metadata-invalid", prop, value=error.note or error.message,
                       indicator=indicator)

    # -- the table -------------------------------------------------------------

    def _check_table(self, resource: dict) -> None:
        path = self.folder / resource["path"]
        rel = relative_path(path, self.root)
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        columns = ", ".join(fields)
        from frictionless import Resource

        report = Resource.from_descriptor(resource, basepath=str(self.folder)).validate(limit_errors=EVERY_ERROR)
        short_rows: set[tuple] = set()
        bad_cells: set[tuple] = set()
        for task in report.tasks:
            for error in task.errors:
                found = _table_finding(error, rel, fields, columns)
                if found is None:
                    continue
                cell = (getattr(error, "row_number", None), getattr(error, "field_name", None))
                if error.type == "missing-cell":
                    short_rows.add(cell)
                elif cell in short_rows:
                    continue  # the short row is reported once, not again as an empty required cell
                if all(cell):
                    bad_cells.add(cell)
                self.findings.append(found)
        for error in report.errors:
            self.findings.append(finding("indicator-unreadable", rel, value=error.note or error.message))
        if not report.errors:
            self.findings.extend(_row_rules(path, rel, fields, bad_cells, self.schemas))


def _bad_licenses(licenses) -> list[int]:
    """Numbers (from 1) of licence entries without a name or an address."""
    if licenses is None:
        return []
    if not isinstance(licenses, list):
        return [1]
    return [n for n, item in enumerate(licenses, start=1)
            if not isinstance(item, dict) or not (item.get("name") or item.get("path"))]


def _table_finding(error, rel: str, fields: dict, columns: str) -> Finding | None:
    field_name = getattr(error, "field_name", None) or None
    fld = fields.get(field_name, {})
    line = getattr(error, "row_number", None)
    label = fld.get("title", field_name or "")
    advice = fld.get("description") or ADVICE.get(field_name or "", "")
    if field_name in ADVICE and field_name != "group":
        advice = ADVICE[field_name]
    position = getattr(error, "field_number", None)
    kw = dict(field=field_name, line=line, label=label, advice=advice, columns=columns)
    if error.type == "type-error":
        return finding("indicator-type-error", rel, value=error.cell, expected=TYPE_NAMES.get(fld.get("type"), ""),
                       **kw)
    if error.type == "constraint-error":
        match = _CONSTRAINT.search(error.note)
        name, limit = (match.group(1), match.group(2)) if match else ("", "")
        if name == "required":
            return finding("indicator-required", rel, **kw)
        return finding("indicator-constraint", rel, value=error.cell, rule=_rule(name, limit, fld), **kw)
    if error.type == "missing-label":
        return finding("indicator-header-missing", rel, **{**kw, "line": 1})
    if error.type == "incorrect-label":
        return finding("indicator-header-wrong", rel, value=error.label, position=position, **{**kw, "line": 1})
    if error.type in ("extra-label", "duplicate-label", "blank-label"):
        return finding("indicator-header-extra", rel, value=getattr(error, "label", ""), position=position,
                       **{**kw, "field": None, "line": 1})
    if error.type == "missing-cell":
        return finding("indicator-cell-missing", rel, **kw)
    if error.type == "extra-cell":
        return finding("indicator-cell-extra", rel, value=error.cell, **{**kw, "field": None})
    if error.type == "blank-row":
        return finding("indicator-blank-row", rel, line=line)
    if error.type in ("primary-key", "unique-error", "foreign-key"):
        return None  # duplicates and municipalities are checked by _row_rules
    return finding("table-error", rel, field=field_name, value=error.message, line=line)


def _rule(name: str, limit: str, fld: dict) -> str:
    if name == "enum":
        allowed = fld.get("constraints", {}).get("enum") or []
        return "erlaubt sind " + ", ".join(f"„{v}“" for v in allowed)
    return {
        "minimum": f"der Wert muss mindestens {limit} sein",
        "maximum": f"der Wert darf höchstens {limit} sein",
        "pattern": "die Form stimmt nicht",
        "minLength": f"mindestens {limit} Zeichen",
        "maxLength": f"höchstens {limit} Zeichen",
    }.get(name, f"Regel „{name}“ ({limit})")


def _row_rules(path: Path, rel: str, fields: dict, bad_cells: set, schemas: Schemas) -> list[Finding]:
    """Status and value agree, municipalities exist, each year/place/group once."""
    vocab = schemas.vocabularies.get("municipalities")
    known = list(vocab.by_id) if vocab else []
    findings, seen = [], {}
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0] if rows else []
    for line, cells in enumerate(rows[1:], start=2):
        if not cells:
            continue
        row = dict(zip(header, (c.strip() for c in cells)))
        status, value = row.get("status", ""), row.get("value", "")
        if (line, "status") not in bad_cells and (line, "value") not in bad_cells and status in STATUSES:
            if status == STATUS_PRESENT and not value:
                findings.append(finding("indicator-value-missing", rel, field="value", line=line))
            elif status != STATUS_PRESENT and value:
                findings.append(finding("indicator-value-with-status", rel, field="value", value=value,
                                        status=status, line=line))
        place = row.get("municipality", "")
        if place and known and place not in known and (line, "municipality") not in bad_cells:
            close = difflib.get_close_matches(place, known, n=1, cutoff=0.6)
            findings.append(finding(
                "unknown-reference", rel, field="municipality", value=place, line=line,
                label=fields.get("municipality", {}).get("title", "Gemeinde"),
                source="data/vocabularies/municipalities.csv",
                allowed=f" – meinten Sie „{close[0]}“?" if close else ".",
            ))
        key = (row.get("year", ""), place, row.get("group", ""))
        if key in seen:
            what = f"das Jahr {key[0]}" + (f", Gemeinde „{place}“" if place else "") + \
                   (f", Gruppe „{key[2]}“" if key[2] else "")
            findings.append(finding("indicator-duplicate-row", rel, line=line, what=what, first_line=seen[key]))
        else:
            seen[key] = line
    return findings
