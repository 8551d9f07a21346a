"""`wegweiser import TABLE --kind indicator`: GENESIS tables of the statistical offices become indicators.

Fixtures: excerpts of two real Regionalstatistik tables (tests/fixtures/genesis/README.md) and a
Latin-1 imitation with one block per year, quality marks and the example county's municipalities.
Expected values are read from the fixture lines themselves, not restated.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest
from conftest import FIXTURES, ROOT, TODAY, make_project, serve
from frictionless import Package

from wegweiser.build.run import build
from wegweiser.catalog.project import Project
from wegweiser.cli import main
from wegweiser.indicators.cells import CellError, parse_cell
from wegweiser.indicators.genesis import read_genesis
from wegweiser.indicators.stat_table import decode

GENESIS = FIXTURES / "genesis"
SCHOOLS = GENESIS / "21111-01-03-4.csv"
DAY_CARE = GENESIS / "22541-01-01-4.csv"
IMITATION = GENESIS / "imitation-betreuungsquote-gemeinden.csv"
LAYOUTS = GENESIS / "layouts"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _project(tmp_path, package: str = "fixture"):
    """A small project; its indicator package is the test fixture's (no county yet) or the example's."""
    root = make_project(tmp_path / "project", FIXTURES / "minimal" / "content",
                        extra="WEGWEISER_DATA_PATH = str(HERE / 'data')")
    # the example's municipalities; schemas and the other vocabularies are the package's defaults
    shutil.copytree(ROOT / "data" / "vocabularies", root / "data" / "vocabularies")
    source = FIXTURES / "indicators" / "valid" if package == "fixture" else ROOT / "data" / "indicators"
    shutil.copytree(source, root / "data" / "indicators")
    return root


def _import(root, monkeypatch, capsys, *args):
    monkeypatch.chdir(root)
    code = main(["import", *map(str, args), "--kind", "indicator"])
    return code, capsys.readouterr().out


def _rows(root, name):
    return list(csv.DictReader(io.StringIO((root / "data" / "indicators" / f"{name}.csv").read_text(encoding="utf-8"))))


def _resource(root, name):
    package = json.loads((root / "data" / "indicators" / "datapackage.json").read_text(encoding="utf-8"))
    return package, next(r for r in package["resources"] if r["name"] == name)


def _fixture_cells(path, encoding, key, *labels):
    """The cells of the fixture line of region ``key`` (and row labels), as the file has them."""
    for line in path.read_bytes().decode(encoding).splitlines():
        cells = [c.strip() for c in line.split(";")]
        if key in cells[:2] and all(label in cells for label in labels):
            yield cells


def _validate(root):
    settings = {"PATH": str(root / "content"), "WEGWEISER_TODAY": TODAY.isoformat(), "WEGWEISER_DATA_PATH": str(root / "data")}
    return Project.from_settings(settings).validate()


# -- reading ------------------------------------------------------------------------------------------

def test_the_real_school_table_is_read_with_its_title_block_header_rows_and_footer():
    text, encoding = decode(SCHOOLS.read_bytes(), SCHOOLS.name)
    table = read_genesis(text, SCHOOLS.name, encoding)
    assert encoding == "Latin-1" and table.code == "21111-01-03-4"
    assert table.title == "Allgemeinbildende Schulen: Schulen, Schüler nach Schulart"
    assert table.reference == "Stichtag: Schuljahresbeginn" and table.depth == "Kreise und krfr. Städte"
    assert table.statistic == "Statistik der allgemein bildenden Schulen"
    data_lines = [line for line in text.splitlines() if line[:2] in ("DG", "03", "08")]
    assert len(table.rows) == len(data_lines) and {r.time.year for r in table.rows} == {2015}
    measures = table.measures()
    assert len(measures) == 6 and {m.unit for m in measures} == {"Anzahl"}
    assert measures[1].parts == ("Schüler(innen) an allgemein bildenden Schulen", "Geschlecht", "Insgesamt")
    gifhorn = [r for r in table.rows if r.code == "03151"]
    assert gifhorn[0].name == "Gifhorn, Landkreis" and gifhorn[0].dims == ("Vorschulbereich",)
    assert table.copyright.startswith("© Statistische Ämter des Bundes und der Länder") and table.stand == "13.12.2017"
    assert {f.topic for f in table.footnotes} == {"gesamte Tabelle", "Vorschulbereich"}
    assert any(f.text == "Bayern, Nordrhein-Westfalen: Kreistabelle liegt auch für Gemeinden vor" for f in table.footnotes)


def test_the_real_day_care_table_takes_the_date_from_each_row():
    text, encoding = decode(DAY_CARE.read_bytes(), DAY_CARE.name)
    table = read_genesis(text, DAY_CARE.name, encoding)
    assert encoding == "UTF-8" and table.title.endswith("(bis 2002)") and table.reference == "Stichtag 31.12."
    assert {r.time.year for r in table.rows} == {1994, 1998, 2002}
    assert {r.time.day_month for r in table.rows} == {(31, 12)}
    assert [m.label for m in table.measures()][:2] == ["Tageseinrichtungen für Kinder / Insgesamt",
                                                      "Tageseinrichtungen für Kinder / Kindergärten"]
    assert all(not r.dims for r in table.rows)


# -- one command per table ----------------------------------------------------------------------------

def test_the_school_table_for_one_kreis_becomes_an_indicator_beside_land_and_germany(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    code, out = _import(root, monkeypatch, capsys, SCHOOLS, "--id", "schueler", "--region", "03151", "--value", "2")
    assert code == 0, out
    assert "Prüfung: keine Fehler" in out and "2  Schüler(innen) an allgemein bildenden Schulen" in out
    rows = _rows(root, "schueler")
    for key, region in (("03151", ""), ("03", "03"), ("DG", "DG")):
        for cells in _fixture_cells(SCHOOLS, "latin-1", key):
            row = next(r for r in rows if r["region"] == region and r["group"] == cells[2])
            if cells[4].isdigit():
                assert (row["value"], row["status"], row["note"]) == (cells[4], "vorhanden", "")
            else:
                assert row["value"] == "" and row["status"] == "fehlt" and f"„{cells[4]}“" in row["note"]
    assert {r["region"] for r in rows} == {"", "03", "DG"}  # Hameln-Pyrmont and Baden-Baden are left out
    package, resource = _resource(root, "schueler")
    assert package["county"] == {"code": "03151", "title": "Landkreis Gifhorn"}
    assert package["regions"] == [{"code": "03", "title": "Niedersachsen"}, {"code": "DG", "title": "Deutschland"}]
    assert resource["title"] == "Schüler(innen) an allgemein bildenden Schulen nach Schulart"
    assert resource["area"] == "allgemeinbildende-schulen" and resource["unit"] == "Anzahl"
    assert resource["reference_date"] == "Schuljahresbeginn"
    assert "21111-01-03-4" in resource["sources"][0]["title"]
    assert resource["sources"][0]["path"].endswith("code=21111-01-03-4")
    assert resource["licenses"][0]["path"] == "https://www.govdata.de/dl-de/by-2-0"
    assert "Regionaldatenbank" in resource["attribution"] and "dl-de/by-2-0" in resource["attribution"]
    assert [f["title"] for f in resource["schema"]["fields"] if f["name"] == "group"] == ["Schulart"]
    assert _validate(root).ok


def test_the_day_care_table_keeps_its_years_and_a_missing_kreis_is_not_zero(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    code, out = _import(root, monkeypatch, capsys, DAY_CARE, "--id", "kitas", "--region", "03151",
                        "--compare", "03159,03252")
    assert code == 0, out
    rows = _rows(root, "kitas")
    for cells in _fixture_cells(DAY_CARE, "utf-8", "03151"):
        row = next(r for r in rows if r["region"] == "" and r["year"] == cells[0][-4:])
        assert row["value"] == cells[3]
    goettingen = [r for r in rows if r["region"] == "03159"]  # the Kreis of 2016 did not exist yet: „-“
    assert goettingen and all(r["status"] == "fehlt" and r["value"] == "" for r in goettingen)
    _, resource = _resource(root, "kitas")
    assert resource["reference_date"] == "31. Dezember des jeweiligen Jahres"
    assert resource["area"] == "fruehkindliche-bildung" and resource["title"] == "Tageseinrichtungen für Kinder"
    assert _validate(root).ok


def test_the_imitation_with_year_blocks_municipalities_and_every_mark(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, "example")  # its package names the county: Landkreis Musterland, 03999
    code, out = _import(root, monkeypatch, capsys, IMITATION, "--id", "betreuungsquote-gemeinden", "--groups", "1,2",
                        "--compare", "03151")
    assert code == 0, out
    rows = _rows(root, "betreuungsquote-gemeinden")
    assert {r["year"] for r in rows} == {"2023", "2024", "2025"}
    assert {r["municipality"] for r in rows} == {"", "musterstadt", "eichenau", "birkenfeld", "kastanienhof"}
    assert {r["region"] for r in rows} == {"", "03", "DG", "03151"}
    expected = {".": "geheim", "x": "fehlt", "/": "fehlt", "-": "fehlt", "...": "fehlt"}
    seen = set()
    for line in IMITATION.read_bytes().decode("latin-1").splitlines():
        cells = [c.strip() for c in line.split(";")]
        if len(cells) == 4 and cells[0][:2] in ("DG", "03"):
            for group, cell in zip(("unter 3 Jahre", "3 bis unter 6 Jahre"), cells[2:]):
                if cell in expected:
                    seen.add(cell)
                    matching = [r for r in rows if r["group"] == group and r["note"] and f"„{cell}“" in r["note"]]
                    assert matching and all(r["status"] == expected[cell] and r["value"] == "" for r in matching)
    assert seen == set(expected)
    _, resource = _resource(root, "betreuungsquote-gemeinden")
    assert resource["unit"] == "%" and resource["reference_date"] == "1. März des jeweiligen Jahres"
    assert resource["example"] is False  # real figures do not inherit the example package's notice
    notes = " ".join(resource["source_notes"])
    assert "Niedersachsen (2024): vorläufige Ergebnisse; Korrekturen sind möglich." in notes
    assert "ohne Kinder, die zusätzlich eine Ganztagsschule besuchen" in notes and "Bayern" not in notes
    assert _validate(root).ok


# -- every problem in German, nothing half-written ------------------------------------------------------

def test_a_cell_that_is_neither_number_nor_mark_is_reported_with_line_and_column(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, "example")
    broken = tmp_path / "kaputt.csv"
    text = IMITATION.read_bytes().decode("latin-1").replace("03999001;        Musterstadt, Stadt;41,7", "03999001;        Musterstadt, Stadt;41,7a")
    broken.write_bytes(text.encode("latin-1"))
    line = next(n for n, item in enumerate(text.splitlines(), start=1) if "41,7a" in item)
    before = (root / "data" / "indicators" / "datapackage.json").read_bytes()
    code, out = _import(root, monkeypatch, capsys, broken, "--id", "quote", "--groups", "1,2")
    assert code == 1
    assert f"kaputt.csv, Zeile {line}, Spalte „Betreuungsquote / Altersgruppe / unter 3 Jahre“: Fehler: „41,7a“" in out
    assert "nichts geschrieben" in out
    assert (root / "data" / "indicators" / "datapackage.json").read_bytes() == before
    assert not (root / "data" / "indicators" / "quote.csv").exists()


@pytest.mark.parametrize("args, message", [
    (["--region", "99999"], "Die Region 99999 kommt in der Tabelle nicht vor"),
    (["--region", "Landkreis"], "„Landkreis“ passt nicht zu genau einer Region"),
    (["--region", "03151", "--value", "Plätze"], "„Plätze“ passt zu mehreren Wertspalten"),
    (["--region", "03151", "--value", "12"], "Eine Wertspalte Nr. 12 gibt es nicht"),
    (["--region", "03151", "--compare", "01,02,04,05,06,07"], "höchstens 5 weitere Regionen"),
    ([], "Für welchen Kreis?"),
])
def test_what_cannot_be_imported_is_said_in_german(tmp_path, monkeypatch, capsys, args, message):
    root = _project(tmp_path)
    code, out = _import(root, monkeypatch, capsys, DAY_CARE, "--id", "kitas", *args)
    assert code == 1 and message in out and "Traceback" not in out
    assert not (root / "data" / "indicators" / "kitas.csv").exists()


def test_a_region_name_finds_its_kreis(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    code, out = _import(root, monkeypatch, capsys, DAY_CARE, "--id", "kitas", "--region", "Gifhorn")
    assert code == 0, out
    assert _resource(root, "kitas")[0]["county"]["code"] == "03151"


def test_importing_again_needs_overwrite_and_keeps_what_the_office_wrote(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    assert _import(root, monkeypatch, capsys, DAY_CARE, "--id", "kitas", "--region", "03151")[0] == 0
    path = root / "data" / "indicators" / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "kitas")
    resource["description"] = "Von uns geschrieben."
    resource["breaks"] = [{"year": 1998, "note": "Neue Zählung."}]
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    code, out = _import(root, monkeypatch, capsys, DAY_CARE, "--id", "kitas", "--region", "03151", "--value", "6")
    assert code == 1 and "--overwrite" in out
    code, out = _import(root, monkeypatch, capsys, DAY_CARE, "--id", "kitas", "--region", "03151", "--value", "6",
                        "--overwrite")
    assert code == 0, out
    _, resource = _resource(root, "kitas")
    assert resource["description"] == "Von uns geschrieben." and resource["breaks"][0]["year"] == 1998
    places = [cells[8] for cells in _fixture_cells(DAY_CARE, "utf-8", "03151")]  # column 6: Verfügbare Plätze
    assert sorted(r["value"] for r in _rows(root, "kitas") if not r["region"]) == sorted(places)


def test_the_package_of_another_county_refuses_a_kreis(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, "example")
    code, out = _import(root, monkeypatch, capsys, DAY_CARE, "--id", "kitas", "--region", "03151")
    assert code == 1 and "Landkreis Musterland (03999)" in out


def test_a_semicolon_table_in_the_package_format_is_converted(tmp_path, monkeypatch, capsys):
    """The validation hint for a semicolon table points here: the import reads it."""
    root = _project(tmp_path, "example")
    source = FIXTURES / "indicators" / "invalid" / "semicolon-separated" / "quote.csv"
    code, out = _import(root, monkeypatch, capsys, source, "--id", "quote", "--title", "Testquote",
                        "--area", "weiterbildung")
    assert code == 1 and "Quelle" in out  # a plain table says nothing about its source: asked for
    spec = tmp_path / "quote.yaml"
    spec.write_text("source: Testamt\nunit: \"%\"\nreference_date: 31. Dezember\n", encoding="utf-8")
    code, out = _import(root, monkeypatch, capsys, source, "--id", "quote", "--mapping", spec, "--title", "Testquote",
                        "--area", "weiterbildung")
    assert code == 0, out
    rows = {(r["year"], r["municipality"]): (r["value"], r["status"]) for r in _rows(root, "quote")}
    assert rows[("2019", "")] == ("12.5", "vorhanden") and rows[("2021", "kastanienhof")] == ("", "geheim")


# -- built pages --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def imported_site(tmp_path_factory):
    """Both real excerpts imported for Gifhorn in one command each, then built."""
    tmp = tmp_path_factory.mktemp("genesis")
    root = _project(tmp)
    for args in (["--id", "schueler", "--region", "03151", "--value", "2"], ["--id", "kitas", "--region", "03151"]):
        source = SCHOOLS if args[1] == "schueler" else DAY_CARE
        assert main(["import", str(source), "--kind", "indicator", "--settings", str(root / "pelicanconf.py"),
                     *args]) == 0
    result = build(root / "pelicanconf.py", tmp / "out")
    assert result.ok, [f.as_text() for f in result.findings if f.is_error] or result.error
    return root, tmp / "out"


def test_imported_pages_show_kreis_land_and_germany_with_every_value(imported_site):
    root, out = imported_site
    for name in ("schueler", "kitas"):
        html = (out / "bildungsmonitoring" / name / "index.html").read_text(encoding="utf-8")
        for region in ("Landkreis Gifhorn", "Niedersachsen", "Deutschland"):
            assert f">{region}</th>" in html or f">{region}<" in html
        for row in _rows(root, name):
            if row["status"] == "vorhanden":
                whole = f"{int(row['value']):,}".replace(",", ".")
                assert f">{whole}</td>" in html, (name, row)
        assert (out / "bildungsmonitoring" / "daten" / f"{name}.csv").read_bytes() == \
            (root / "data" / "indicators" / f"{name}.csv").read_bytes()
    kitas = (out / "bildungsmonitoring" / "kitas" / "index.html").read_text(encoding="utf-8")
    assert "Entwicklung im Vergleich" in kitas and "Zum Vergleich: seit 1994:" in kitas
    report = Package(str(out / "bildungsmonitoring" / "daten" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_imported_pages_are_valid_html(imported_site):
    _, out = imported_site
    java = shutil.which("java")
    assert java and VNU.is_file(), "the Nu Html Checker needs java and npm ci (make test installs both)"
    pages = [str(out / "bildungsmonitoring" / name / "index.html") for name in ("schueler", "kitas")]
    proc = subprocess.run([java, "-jar", str(VNU), "--format", "json", *pages], capture_output=True, text=True,
                          timeout=300)
    errors = [m for m in json.loads(proc.stderr or "{}").get("messages", []) if m.get("type") == "error"]
    assert errors == []


def test_imported_pages_have_no_axe_violations(imported_site, chromium):
    from browser import describe, horizontal_overflow, phone_page, run_axe

    _, out = imported_site
    with serve(out) as url, phone_page(chromium) as page:
        for name in ("schueler", "kitas"):
            assert page.goto(f"{url}/bildungsmonitoring/{name}/").ok
            violations = run_axe(page)
            assert violations == [], f"{name}: {describe(violations)}"
            assert horizontal_overflow(page) <= 0, name
        assert page.foreign_requests == []


def test_header_rows_that_name_the_key_columns_are_read_alike():
    """Some exports write labels above the date, key and name columns; the table is the same."""
    text, encoding = decode(DAY_CARE.read_bytes(), DAY_CARE.name)
    labelled = text.replace("\n;;;Anzahl;", "\nStichtag;Schlüssel;Region;Anzahl;", 1)
    assert labelled != text
    plain, named = read_genesis(text, "a.csv", encoding), read_genesis(labelled, "b.csv", encoding)
    assert [m.label for m in named.measures()] == [m.label for m in plain.measures()]
    assert [(r.code, r.name, r.time, r.dims, r.cells) for r in named.rows] == \
        [(r.code, r.name, r.time, r.dims, r.cells) for r in plain.rows]


# -- other layouts of the same services (tests/fixtures/genesis/layouts/) ------------------------------

def _lines(path, encoding):
    """The fixture's data lines as cells, keyed by their region key (the date or year first where there is one)."""
    return [[c.strip() for c in line.split(";")] for line in path.read_bytes().decode(encoding).splitlines()]


def test_three_value_columns_a_wrapped_title_and_a_renamed_kreis(tmp_path, monkeypatch, capsys):
    source = LAYOUTS / "12411-01-01-4.csv"  # UTF-8 with BOM, Windows line endings, „regionale“ / „Tiefe:“ wrapped
    text, encoding = decode(source.read_bytes(), source.name)
    table = read_genesis(text, source.name, encoding)
    assert table.title == "Bevölkerung nach Geschlecht" and table.depth == "Kreise und krfr. Städte"
    assert (table.measure, table.measure_unit) == ("Bevölkerungsstand", "Anzahl")
    root = _project(tmp_path, "example")
    code, out = _import(root, monkeypatch, capsys, source, "--id", "bevoelkerung", "--groups", "2,3",
                        "--compare", "05334", "--area", "non-formale-bildung")
    assert code == 0, out
    assert "Die Region 05334 heißt in der Tabelle nicht in allen Jahren gleich" in out and "„Aachen, Kreis“" in out
    package, resource = _resource(root, "bevoelkerung")
    assert {"code": "05334", "title": "Städteregion Aachen"} in package["regions"]
    assert resource["title"] == "Bevölkerungsstand nach Geschlecht"
    assert [f["title"] for f in resource["schema"]["fields"] if f["name"] == "group"] == ["Geschlecht"]
    rows = {(r["year"], r["region"], r["group"]): r["value"] for r in _rows(root, "bevoelkerung")}
    for cells in _lines(source, "utf-8-sig"):
        if cells[1:2] in (["03999"], ["05334"]):
            region = "" if cells[1] == "03999" else cells[1]
            assert rows[(cells[0][-4:], region, "männlich")] == cells[4]
            assert rows[(cells[0][-4:], region, "weiblich")] == cells[5]
    # the same file with the oldest year first: the newest name still wins
    lines = text.splitlines()
    data = [i for i, line in enumerate(lines) if line[:2] == "31"]
    reordered = tmp_path / "aufsteigend.csv"
    blocks = [lines[i:i + 4] for i in data[::4]]
    reordered.write_text("\n".join(lines[:data[0]] + sum(blocks[::-1], []) + lines[data[-1] + 1:]), encoding="utf-8")
    code, out = _import(root, monkeypatch, capsys, reordered, "--id", "bevoelkerung-2", "--compare", "05334",
                        "--area", "non-formale-bildung")
    assert code == 0, out
    assert {"code": "05334", "title": "Städteregion Aachen"} in _resource(root, "bevoelkerung-2")[0]["regions"]


def test_latin1_utf8_bom_and_line_endings_read_alike(tmp_path):
    source = LAYOUTS / "12411-01-01-4.csv"
    text = source.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    variants = [text.encode("latin-1"), text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"),
                text.encode("utf-16"), text.replace("\n", "\r\n").encode("latin-1")]
    read = []
    for raw in variants:
        decoded, encoding = decode(raw, "t.csv")
        table = read_genesis(decoded, "t.csv", encoding)
        read.append((table.code, table.title, [m.label for m in table.measures()],
                     [(r.code, r.name, r.time, [c.strip() for c in r.cells]) for r in table.rows], table.stand))
    assert read[0][0] == "12411-01-01-4" and len(read[0][3]) == 12 and read[0][4] == "14.03.2024"
    assert all(item == read[0] for item in read[1:])


def test_two_header_variables_become_groups_named_by_both(tmp_path, monkeypatch, capsys):
    source = LAYOUTS / "21111-02-06-4.csv"  # Latin-1, one block per school year „2022/23“
    root = _project(tmp_path, "example")
    code, out = _import(root, monkeypatch, capsys, source, "--id", "schueler", "--groups", "1,2,3,4")
    assert code == 0, out
    package, resource = _resource(root, "schueler")
    assert [f["title"] for f in resource["schema"]["fields"] if f["name"] == "group"] == ["Schularten und Geschlecht"]
    assert resource["title"] == "Schüler(innen) nach Schularten und Geschlecht"
    assert resource["reference_date"].startswith("Schuljahr") and "2023 steht für 2023/24" in resource["reference_date"]
    rows = _rows(root, "schueler")
    groups = ["Grundschulen / männlich", "Grundschulen / weiblich", "Gymnasien / männlich", "Gymnasien / weiblich"]
    assert list(dict.fromkeys(r["group"] for r in rows)) == groups
    year = None
    for cells in _lines(source, "latin-1"):
        year = int(cells[0][:4]) if cells[0][:4].isdigit() and not cells[1] else year
        if cells[0] == "03999":
            for group, cell in zip(groups, cells[2:6]):
                row = next(r for r in rows if r["year"] == str(year) and r["region"] == "" and r["group"] == group)
                assert (row["value"], row["status"]) == ((cell, "vorhanden") if cell.isdigit() else ("", "fehlt"))
    assert {r["year"] for r in rows} == {"2022", "2023"} and any("„x“" in r["note"] for r in rows)


def test_municipalities_a_bezirk_thousands_points_and_signs_beside_numbers(tmp_path, monkeypatch, capsys):
    source = LAYOUTS / "12411-03-03-5.csv"  # Latin-1, CRLF, 8-, 3- and 9-digit keys, „173.204p“, „(18,2)“
    root = _project(tmp_path, "example")
    code, out = _import(root, monkeypatch, capsys, source, "--id", "bevoelkerung", "--area", "non-formale-bildung")
    assert code == 0, out
    assert "1× „p“" in out and "1× „r“" in out
    rows = _rows(root, "bevoelkerung")
    places = {m["ags"]: m["id"] for m in csv.DictReader(open(ROOT / "data" / "vocabularies" / "municipalities.csv",
                                                              encoding="utf-8"))}
    year, checked = None, 0
    for cells in _lines(source, "latin-1"):
        year = cells[0] if cells[0].isdigit() and len(cells[0]) == 4 and not cells[1] else year
        if cells[0] in places or cells[0] == "03999":
            row = next(r for r in rows if r["year"] == year and r["municipality"] == places.get(cells[0], "")
                       and r["region"] == "")
            number = cells[2].rstrip("prse ").replace(".", "")
            assert (row["value"], row["status"]) == (number, "vorhanden")
            flag = cells[2][-1] if not cells[2][-1].isdigit() else ""
            assert (f"Zeichen „{flag}“ in der Quelle" in row["note"]) if flag else row["note"] == ""
            checked += 1
    assert checked == 10
    code, out = _import(root, monkeypatch, capsys, source, "--id", "anteil-unter-18", "--value", "2",
                        "--compare", "039", "--area", "non-formale-bildung")
    assert code == 0, out
    rows = _rows(root, "anteil-unter-18")
    bracketed = [r for r in rows if "„( )“" in r["note"]]
    assert [(r["municipality"], r["value"], r["status"]) for r in bracketed] == \
        [("musterstadt", "18.2", "vorhanden"), ("musterstadt", "18.0", "vorhanden")]
    assert {r["region"] for r in rows} == {"", "03", "DG", "039"}
    assert _resource(root, "anteil-unter-18")[1]["unit"] == "%"
    assert _validate(root).ok


@pytest.mark.parametrize("cell, raw, status, mark", [
    ("1.234,5", "1234.5", "vorhanden", ""), ("173.204p", "173204", "vorhanden", "p"),
    ("9.320 s", "9320", "vorhanden", "s"), ("(18,2)", "18.2", "vorhanden", "()"), ("12,0e", "12.0", "vorhanden", "e"),
    ("·", "", "geheim", "·"), ("...", "", "fehlt", "..."),
])
def test_signs_of_the_statistical_offices_are_read_never_as_zero(cell, raw, status, mark):
    parsed = parse_cell(cell)
    assert (parsed.raw, parsed.status, parsed.mark) == (raw, status, mark)
    assert bool(parsed.note) == bool(mark)


@pytest.mark.parametrize("cell", ["12a", "p", "(x)", "1.234.5", "12,5,3"])
def test_a_cell_that_only_looks_like_a_number_with_a_sign_is_an_error(cell):
    with pytest.raises(CellError, match="weder eine Zahl noch ein Zeichen"):
        parse_cell(cell)


def test_years_as_columns_and_the_newer_footer(tmp_path, monkeypatch, capsys):
    source = LAYOUTS / "12612-01-01-4.csv"
    root = _project(tmp_path, "example")
    code, out = _import(root, monkeypatch, capsys, source, "--id", "geburten", "--compare", "03252",
                        "--area", "fruehkindliche-bildung")
    assert code == 0, out
    _, resource = _resource(root, "geburten")
    assert resource["sources"][0]["title"].endswith("(Stand: 05.12.2024)")
    rows = {(r["year"], r["region"]): (r["value"], r["status"]) for r in _rows(root, "geburten")}
    for cells in _lines(source, "utf-8"):
        if cells[0] in ("03999", "03252"):
            for year, cell in zip(("2021", "2022", "2023"), cells[2:]):
                expected = (cell.replace(".", ""), "vorhanden") if cell[0].isdigit() else ("", "fehlt")
                assert rows[(year, "" if cells[0] == "03999" else cells[0])] == expected


def test_a_flat_file_is_read_like_the_table(tmp_path, monkeypatch, capsys):
    source = LAYOUTS / "12411-01-01-4_flat.csv"
    root = _project(tmp_path, "example")
    code, out = _import(root, monkeypatch, capsys, source, "--id", "bevoelkerung", "--area", "non-formale-bildung")
    assert code == 0, out
    assert "Format „flat“" in out
    _, resource = _resource(root, "bevoelkerung")
    assert resource["title"] == "Bevölkerungsstand nach Geschlecht"  # the column „…__Bevoelkerungsstand__Anzahl“
    assert [f["title"] for f in resource["schema"]["fields"] if f["name"] == "group"] == ["Geschlecht"]
    assert "Tabelle 12411-01-01-4" in resource["sources"][0]["title"]  # the code from the file's name
    assert resource["reference_date"] == "31. Dezember des jeweiligen Jahres"
    rows = {(r["year"], r["region"], r["group"]): (r["value"], r["status"]) for r in _rows(root, "bevoelkerung")}
    lines = _lines(source, "utf-8-sig")[1:]
    assert len(rows) == len(lines)
    for cells in lines:
        key = (cells[4][-4:], "" if cells[7] == "03999" else cells[7], cells[12])
        assert rows[key] == ((cells[13].replace(".", ""), "vorhanden") if cells[13] != "." else ("", "geheim"))
    assert _validate(root).ok


def test_a_flat_file_with_english_columns_and_a_quality_column(tmp_path, monkeypatch, capsys):
    head = ("statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;"
            "1_variable_attribute_code;1_variable_attribute_label;2_variable_code;2_variable_label;"
            "2_variable_attribute_code;2_variable_attribute_label;value;value_unit;value_variable_code;"
            "value_variable_label;value_q")
    common = "21111;Statistik der allgemeinbildenden Schulen;SCHJHR;Schuljahr;2023/24"
    lines = [f"{common};KREISE;Kreise;03999;Musterland, Landkreis;SCHART;Schulart;;;8950;Anzahl;BIL003;Schüler;e",
             f"{common};KREISE;Kreise;03999;Musterland, Landkreis;SCHART;Schulart;S01;Grundschulen;3480;Anzahl;"
             "BIL003;Schüler;p",
             f"{common};DLAND;Länder;03;Niedersachsen;SCHART;Schulart;;;433000;Anzahl;BIL003;Schüler;e",
             f"{common};KREISE;Kreise;03999;Musterland, Landkreis;SCHART;Schulart;;;41;Anzahl;BIL001;Schulen;e"]
    source = tmp_path / "schulen.csv"
    source.write_text("\n".join([head, *lines]), encoding="utf-8")
    root = _project(tmp_path, "example")
    code, out = _import(root, monkeypatch, capsys, source, "--id", "schueler")
    assert code == 0, out
    assert "1  Schüler (Anzahl) ← Wert" in out and "2  Schulen (Anzahl)" in out
    rows = {(r["region"], r["group"]): (r["value"], r["note"]) for r in _rows(root, "schueler")}
    assert rows == {("", "Insgesamt"): ("8950", ""), ("", "Grundschulen"): ("3480", "Zeichen „p“ in der Quelle: "
                    "vorläufige Zahl"), ("03", "Insgesamt"): ("433000", "")}
    assert _resource(root, "schueler")[1]["area"] == "allgemeinbildende-schulen"
    broken = tmp_path / "kaputt.csv"
    broken.write_text("\n".join([head, lines[0].replace(";8950;", ";89k50;")]), encoding="utf-8")
    code, out = _import(root, monkeypatch, capsys, broken, "--id", "kaputt")
    assert code == 1 and "kaputt.csv, Zeile 2, Spalte „value“: „89k50“ ist weder eine Zahl" in out
    assert not (root / "data" / "indicators" / "kaputt.csv").exists()


def test_a_flat_file_without_regions_is_refused_in_german(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    flat = tmp_path / "flat.csv"
    flat.write_text("Statistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit;1_Merkmal_Code;1_Merkmal_Label;"
                    "1_Auspraegung_Code;1_Auspraegung_Label;KITA01__Tageseinrichtungen__Anzahl\n"
                    "22541;Statistik der Tageseinrichtungen;STAG;Stichtag;31.12.2002;ART;Art;K1;Krippe;77\n",
                    encoding="utf-8")
    code, out = _import(root, monkeypatch, capsys, flat, "--id", "kitas", "--region", "03151")
    assert code == 1 and "Traceback" not in out
    assert "ein Merkmal mit Regionalschlüsseln" in out and "Statistik_Code;Statistik_Label;Zeit_Code" in out


@pytest.mark.parametrize("region, message", [
    ("03998", "Ähnliche Schlüssel in der Tabelle: 03999 Landkreis Musterland"),
    ("03999001", "Ebenen der Tabelle: Deutschland, Land, Kreis."),
    ("Musterlant", "keine passt; ähnlich: Musterland, Landkreis (03999)"),
])
def test_a_region_the_table_does_not_have_names_the_nearest(tmp_path, monkeypatch, capsys, region, message):
    root = _project(tmp_path)
    code, out = _import(root, monkeypatch, capsys, LAYOUTS / "12411-01-01-4.csv", "--id", "bev", "--region", region,
                        "--area", "non-formale-bildung")
    assert code == 1 and message in out and "Traceback" not in out


def test_the_page_of_a_municipality_table_explains_every_sign(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, "example")
    source = LAYOUTS / "12411-03-03-5.csv"
    code, out = _import(root, monkeypatch, capsys, source, "--id", "anteil-unter-18", "--value", "2",
                        "--area", "non-formale-bildung")
    assert code == 0, out
    result = build(root / "pelicanconf.py", tmp_path / "out")
    assert result.ok, [f.as_text() for f in result.findings if f.is_error] or result.error
    page = (tmp_path / "out" / "bildungsmonitoring" / "anteil-unter-18" / "index.html").read_text(encoding="utf-8")
    for note in {r["note"] for r in _rows(root, "anteil-unter-18") if r["note"]}:
        assert note.replace("„", "&#34;") in page or note in page, note
    assert "Datenquelle: Statistische Ämter des Bundes und der Länder" in page and "dl-de/by-2-0" in page
    assert ">(18,2)</td>" in page and ">15,9</td>" in page and "(Stand: 14.03.2024)" in page


def test_rows_of_numbers_without_a_region_key_are_reported_not_taken_for_footnotes(tmp_path, monkeypatch, capsys):
    """A table saved by a spreadsheet loses the leading zeros: 03999 -> 3999; nothing may vanish into the footer."""
    root = _project(tmp_path, "example")
    source = LAYOUTS / "12612-01-01-4.csv"
    lines = source.read_text(encoding="utf-8").splitlines()
    saved = tmp_path / "gespeichert.csv"
    saved.write_text("\n".join(line[1:] if line.startswith("03") else line for line in lines), encoding="utf-8")
    code, out = _import(root, monkeypatch, capsys, saved, "--id", "geburten", "--area", "fruehkindliche-bildung")
    assert code == 1 and "Traceback" not in out
    for number, line in enumerate(lines, start=1):
        if line.startswith("03"):
            assert f"gespeichert.csv, Zeile {number}: Der Schlüssel „{line[1:].split(';')[0]}“ hat seine führende " \
                   "Null verloren" in out
    assert not (root / "data" / "indicators" / "geburten.csv").exists()
    by_name = tmp_path / "laender.csv"  # GENESIS-Online: Länder named, without keys
    by_name.write_text("GENESIS-Tabelle: 21111-0010\nSchüler: Bundesländer, Schuljahr;;;\n;;2022/23;2023/24\n"
                       "Niedersachsen;Grundschulen;301000;305000\n", encoding="utf-8")
    code, out = _import(root, monkeypatch, capsys, by_name, "--id", "laender", "--area", "allgemeinbildende-schulen")
    assert code == 1 and "laender.csv, Zeile 4: Die Zeile „Niedersachsen;Grundschulen;301000;305000“ hat Zahlen, " \
        "beginnt aber nicht mit einem Regionalschlüssel" in out


def test_a_number_with_a_sign_is_shown_with_it(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, "example")
    code, out = _import(root, monkeypatch, capsys, LAYOUTS / "12411-03-03-5.csv", "--id", "bevoelkerung",
                        "--area", "non-formale-bildung")
    assert code == 0, out
    result = build(root / "pelicanconf.py", tmp_path / "out")
    assert result.ok, [f.as_text() for f in result.findings if f.is_error] or result.error
    page = (tmp_path / "out" / "bildungsmonitoring" / "bevoelkerung" / "index.html").read_text(encoding="utf-8")
    for row in _rows(root, "bevoelkerung"):
        number = f"{int(row['value']):,}".replace(",", ".")
        sign = row["note"].split("„")[1].split("“")[0] if row["note"] else ""
        assert f">{number} {sign}</td>" in page if sign else f">{number}</td>" in page, row


@pytest.mark.parametrize("groups, title, group_title, names", [
    ("1,2", "Schüler(innen): Grundschulen nach Geschlecht", "Geschlecht", ["männlich", "weiblich"]),
    ("1,3", "Schüler(innen): männlich nach Schularten", "Schularten", ["Grundschulen", "Gymnasien"]),
    ("5,6", "Schüler(innen) nach Geschlecht", "Geschlecht", ["männlich", "weiblich"]),
])
def test_columns_of_one_header_variable_are_named_by_it(tmp_path, monkeypatch, capsys, groups, title, group_title,
                                                         names):
    root = _project(tmp_path, "example")
    code, out = _import(root, monkeypatch, capsys, LAYOUTS / "21111-02-06-4.csv", "--id", "schueler", "--groups", groups)
    assert code == 0, out
    _, resource = _resource(root, "schueler")
    assert resource["title"] == title
    assert [f["title"] for f in resource["schema"]["fields"] if f["name"] == "group"] == [group_title]
    assert list(dict.fromkeys(r["group"] for r in _rows(root, "schueler"))) == names
