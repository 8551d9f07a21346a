"""Check one indicator table (CSV) against its Table Schema and the guide's row rules.

First the header line: a table separated by semicolons or tabs (a spreadsheet's
German CSV) is reported once, naming the header and asking for commas, instead
of a message for every row. Then frictionless checks types and constraints;
its error types are mapped to the German texts of :mod:`messages`. Last the
rules a Table Schema cannot express (status and value agree, known
municipalities and regions, each year/place/region/group once) — only when the
header is right, since they read the cells by column name.
"""

from __future__ import annotations

import csv
import difflib
import re
from pathlib import Path

from wegweiser.checks.findings import Finding
from wegweiser.checks.messages import TYPE_NAMES, finding
from wegweiser.content.loading import relative_path
from wegweiser.content.sanitize import markup_in_text
from wegweiser.content.schema import EVERY_ERROR, Schemas
from wegweiser.indicators.package import STATUS_PRESENT, STATUSES

_CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"', re.S)
_HEADER_ERRORS = ("missing-label", "incorrect-label", "extra-label", "duplicate-label", "blank-label")
#: German column names people write, and the name the schema wants
GERMAN_NAMES = {"jahr": "year", "wert": "value", "gemeinde": "municipality", "gruppe": "group",
                "region": "region", "status": "status", "hinweis": "note", "anmerkung": "note"}
ADVICE = {
    "year": "Tragen Sie das Jahr vierstellig ein, z. B. 2024; bei Schuljahren das Jahr, in dem es beginnt.",
    "value": "Schreiben Sie Zahlen mit Punkt als Dezimaltrennzeichen und ohne Tausenderpunkt (z. B. 1234.5). "
             "Gibt es keinen Wert, lassen Sie die Zelle leer und setzen Sie status auf „fehlt“ oder „geheim“.",
    "status": "Erlaubt sind „vorhanden“ (Wert angegeben), „fehlt“ (kein Wert erhoben) und „geheim“ "
              "(statistische Geheimhaltung).",
    "municipality": "Tragen Sie die Kennung der Gemeinde aus data/vocabularies/municipalities.csv ein; "
                    "leer lassen für den ganzen Landkreis.",
    "region": "Tragen Sie den Schlüssel einer Region ein, die in datapackage.json unter „regions“ steht "
              "(z. B. DG für Deutschland, 03 für Niedersachsen); leer lassen für den ganzen Landkreis.",
    "group": "Tragen Sie einen der im Schema erlaubten Werte ein.",
}


def check_table(folder: Path, root: Path, resource: dict, schemas: Schemas, regions: set[str]) -> list[Finding]:
    """Findings for the CSV of one resource whose metadata passed."""
    path = folder / resource["path"]
    rel = relative_path(path, root)
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    wrong_separator = _separator_finding(path, rel, list(fields))
    if wrong_separator:
        return [wrong_separator]
    columns = ", ".join(fields)
    from frictionless import Resource

    report = Resource.from_descriptor(resource, basepath=str(folder)).validate(limit_errors=EVERY_ERROR)
    findings = []
    short_rows: set[tuple] = set()
    bad_cells: set[tuple] = set()
    header_wrong = False
    for task in report.tasks:
        for error in task.errors:
            found = _table_finding(error, rel, fields, columns)
            if found is None:
                continue
            header_wrong = header_wrong or error.type in _HEADER_ERRORS
            cell = (getattr(error, "row_number", None), getattr(error, "field_name", None))
            if error.type == "missing-cell":
                short_rows.add(cell)
            elif cell in short_rows:
                continue  # the short row is reported once, not again as an empty required cell
            if all(cell):
                bad_cells.add(cell)
            findings.append(found)
    for error in report.errors:
        findings.append(finding("indicator-unreadable", rel, value=error.note or error.message))
    if not report.errors and not header_wrong:
        findings.extend(_row_rules(path, rel, fields, bad_cells, schemas, regions))
    return findings


def _separator_finding(path: Path, rel: str, expected: list[str]) -> Finding | None:
    """One finding when the header is separated by semicolons or tabs rather than commas."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        header = fh.readline().rstrip("\r\n")
    if "," in header:
        return None
    separator = next((s for s in (";", "\t", "|") if s in header), None)
    if separator is None:
        return None
    name = {";": "Semikolon („;“)", "\t": "Tabulator", "|": "senkrechten Strich („|“)"}[separator]
    return finding("indicator-separator", rel, line=1, value=header.replace("\t", " "), separator=name,
                   header=",".join(expected))


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
        german = GERMAN_NAMES.get(str(error.label).strip().casefold())
        translation = f" Die Spaltennamen sind englisch: statt „{error.label}“ schreiben Sie „{german}“." \
            if german and german != error.label else ""
        return finding("indicator-header-wrong", rel, value=error.label, position=position, translation=translation,
                       **{**kw, "line": 1})
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


#: the columns holding free text: shown on the indicator's page, published in its CSV as they are
TEXT_COLUMNS = ("group", "note")


def _text_cells(rel: str, indicator: str, fields: dict, cells: dict, line: int) -> list[Finding]:
    """Plain text, and nothing a spreadsheet program would run as a formula, in the text columns."""
    from wegweiser.outputs.exports import looks_like_formula  # exports reads the catalog, which reads this

    found = []
    for name in TEXT_COLUMNS:
        text, label = cells.get(name) or "", fields.get(name, {}).get("title", name)
        if looks_like_formula(text):
            found.append(finding("spreadsheet-formula", rel, field=name, value=text.strip()[:1], line=line,
                                 label=label))
        elif markup_in_text(text):
            found.append(finding("indicator-markup", rel, field=name, value=markup_in_text(text), line=line,
                                 label=label, indicator=indicator))
    return found


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


def _row_rules(path: Path, rel: str, fields: dict, bad_cells: set, schemas: Schemas,
               regions: set[str]) -> list[Finding]:
    """Status and value agree, municipalities and regions exist, each year/place/region/group once."""
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
        findings += _text_cells(rel, path.stem, fields, dict(zip(header, cells)), line)
        status, value = row.get("status", ""), row.get("value", "")
        if (line, "status") not in bad_cells and (line, "value") not in bad_cells and status in STATUSES:
            if status == STATUS_PRESENT and not value:
                findings.append(finding("indicator-value-missing", rel, field="value", line=line))
            elif status != STATUS_PRESENT and value:
                findings.append(finding("indicator-value-with-status", rel, field="value", value=value,
                                        status=status, line=line))
        place, region = row.get("municipality", ""), row.get("region", "")
        if place and known and place not in known and (line, "municipality") not in bad_cells:
            close = difflib.get_close_matches(place, known, n=1, cutoff=0.6)
            findings.append(finding(
                "unknown-reference", rel, field="municipality", value=place, line=line,
                label=fields.get("municipality", {}).get("title", "Gemeinde"),
                source="data/vocabularies/municipalities.csv",
                allowed=f" – meinten Sie „{close[0]}“?" if close else ".",
            ))
        if place and region:
            findings.append(finding("indicator-region-and-municipality", rel, field="region", line=line,
                                    value=region, place=place))
        elif region and region not in regions and (line, "region") not in bad_cells:
            close = difflib.get_close_matches(region, sorted(regions), n=1, cutoff=0.6)
            findings.append(finding("indicator-region-unknown", rel, field="region", value=region, line=line,
                                    allowed=f" – meinten Sie „{close[0]}“?" if close else "."))
        key = (row.get("year", ""), place, region, row.get("group", ""))
        if key in seen:
            what = f"das Jahr {key[0]}" + (f", Gemeinde „{place}“" if place else "") + \
                   (f", Region „{region}“" if region else "") + (f", Gruppe „{key[3]}“" if key[3] else "")
            findings.append(finding("indicator-duplicate-row", rel, line=line, what=what, first_line=seen[key]))
        else:
            seen[key] = line
    return findings
