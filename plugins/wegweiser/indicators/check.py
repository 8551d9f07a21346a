"""Validate the indicator package ``data/indicators/``: metadata, then every table.

The metadata rules of the guide (title, definition, unit, area, sources, …) are
checked first and reported with the line in ``datapackage.json``; then
frictionless checks each descriptor and each CSV, and its error types are mapped
to the German texts of :mod:`messages`; finally the rules a Table Schema cannot
express (status and value agree, known municipalities, no duplicate rows; see
:mod:`table_check`).
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

from wegweiser.checks.findings import WARNING, Finding
from wegweiser.indicators.package import COMPARISONS, OPTIONAL_COLUMNS, PACKAGE_FILE, REQUIRED_COLUMNS
from wegweiser.indicators.derived import RESERVED_PREFIX
from wegweiser.indicators.regions import KEY
from wegweiser.indicators.table_check import check_table
from wegweiser.content.json_lines import key_lines
from wegweiser.content.loading import relative_path
from wegweiser.checks.messages import finding
from wegweiser.content.sanitize import markup_in_text, web_address
from wegweiser.content.schema import Schemas

NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
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
OPTIONAL_TEXT = {"numerator": "Zähler", "denominator": "Nenner", "notes": "Hinweise", "attribution": "Namensnennung"}
#: the plain texts of an indicator the page shows, and the labels of the texts in its lists
TEXT_METADATA = ("title", "description", "unit", "reference_date", *OPTIONAL_TEXT)
SUB_LABELS = {"sources": "Quelle", "source_notes": "Fußnoten der Statistik", "breaks": "Bruch der Zeitreihe"}
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
        self.regions: set[str] = set()

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
                    self.findings.extend(check_table(self.folder, self.root, resource, self.schemas, self.regions))
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
        for number, path in _bad_license_addresses(licenses):
            self.findings.append(finding("indicator-license-address", self.rel, field="licenses", number=number,
                                         value=path, line=self.lines.get(("licenses", number - 1, "path"))
                                         or self.lines.get(("licenses", number - 1)), where="des Datenpakets"))
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
        self._check_regions(self.descriptor.get("regions"))
        county = self.descriptor.get("county")
        if county is not None and not (isinstance(county, dict) and isinstance(county.get("title"), str)
                                       and county["title"].strip() and KEY.fullmatch(str(county.get("code", "DG")))):
            self.findings.append(finding("indicator-county-invalid", self.rel, field="county",
                                         line=self.lines.get(("county",))))

    def _check_regions(self, regions) -> None:
        """``regions``: the regions compared with, each with a key (``code``) and a title."""
        if regions is None:
            return
        for number, item in enumerate(regions if isinstance(regions, list) else [regions], start=1):
            code = item.get("code") if isinstance(item, dict) else None
            problem = ""
            if not isinstance(code, str) or not KEY.fullmatch(code):
                problem = f"der Schlüssel „{code or ''}“ ist nicht erlaubt"
            elif code in self.regions:
                problem = f"den Schlüssel „{code}“ gibt es schon"
            elif not isinstance(item.get("title"), str) or not item["title"].strip():
                problem = "der Name (title) fehlt"
            if problem:
                self.findings.append(finding("indicator-regions-invalid", self.rel, field="regions", number=number,
                                             problem=problem, line=self.lines.get(("regions", number - 1))))
            else:
                self.regions.add(code)

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
        self._check_markup(index, resource, indicator)
        self._check_area(index, resource.get("area"))
        self._check_path(index, resource, indicator)
        self._check_sources(index, resource.get("sources"), indicator)
        self._check_breaks(index, resource.get("breaks"), indicator)
        if not (resource.get("licenses") or self.descriptor.get("licenses")):
            self._meta(index, "indicator-license-missing", "licenses", indicator=indicator)
        for number in _bad_licenses(resource.get("licenses")):
            self._meta(index, "indicator-license-invalid", "licenses", "licenses", number - 1, number=number,
                       where=f"des Indikators „{indicator}“")
        for number, path in _bad_license_addresses(resource.get("licenses")):
            self._meta(index, "indicator-license-address", "licenses", "licenses", number - 1, "path", number=number,
                       value=path, where=f"des Indikators „{indicator}“")
        if "comparison" in resource and resource["comparison"] not in COMPARISONS:
            self._meta(index, "indicator-comparison-invalid", "comparison", value=resource["comparison"],
                       indicator=indicator)
        notes = resource.get("source_notes")
        if notes is not None and not (isinstance(notes, list) and all(isinstance(n, str) for n in notes)):
            self._meta(index, "indicator-metadata-type", "source_notes", label="Fußnoten der Statistik",
                       indicator=indicator, expected="eine Liste von Texten",
                       help="Schreiben Sie jede Fußnote als Text in Anführungszeichen: [\"…\", \"…\"].")
        if "example" in resource and not isinstance(resource["example"], bool):
            self._meta(index, "indicator-metadata-type", "example", label="Beispieldaten", indicator=indicator,
                       expected="true oder false (ohne Anführungszeichen)",
                       help="true: Die Zahlen sind erfunden und werden so gekennzeichnet; false: echte Zahlen.")
        self._check_schema(index, resource.get("schema"), indicator)
        if len(self.findings) == before:
            self._frictionless_descriptor(index, resource, indicator)
        return len(self.findings) == before

    def _check_markup(self, index: int, resource: dict, indicator: str) -> None:
        """The texts shown on the indicator's page are plain text (shown as written, tags and all)."""
        labels = {prop: label for prop, (label, _) in REQUIRED_METADATA.items()} | OPTIONAL_TEXT
        texts = [(prop, (prop,), resource.get(prop)) for prop in TEXT_METADATA]
        texts += [("sources", ("sources", n), s.get("title")) for n, s in enumerate(_listed(resource.get("sources")))]
        texts += [("source_notes", ("source_notes", n), note) for n, note in enumerate(_listed(resource.get("source_notes")))]
        texts += [("breaks", ("breaks", n), b.get("note")) for n, b in enumerate(_listed(resource.get("breaks")))]
        for prop, keys, text in texts:
            found = markup_in_text(text) if isinstance(text, str) else None
            if found:
                self._meta(index, "indicator-markup", prop, *keys, value=found, indicator=indicator,
                           label=labels.get(prop, SUB_LABELS.get(prop, prop)))

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
            elif "path" in source and not web_address(source["path"]):
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



def _bad_licenses(licenses) -> list[int]:
    """Numbers (from 1) of licence entries without a name or an address."""
    if licenses is None:
        return []
    if not isinstance(licenses, list):
        return [1]
    return [n for n, item in enumerate(licenses, start=1)
            if not isinstance(item, dict) or not (item.get("name") or item.get("path"))]


def _bad_license_addresses(licenses) -> list[tuple[int, str]]:
    """(number from 1, address) of the licence entries whose address (path) is not a web address."""
    if not isinstance(licenses, list):
        return []
    return [(n, str(item["path"])) for n, item in enumerate(licenses, start=1)
            if isinstance(item, dict) and item.get("path") is not None and not web_address(item["path"])]


def _listed(value) -> list[dict | str]:
    """The entries of a list property that are there to be read (other shapes have findings of their own)."""
    return [item if isinstance(item, (dict, str)) else {} for item in value] if isinstance(value, list) else []
