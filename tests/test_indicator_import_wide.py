"""Plain tables with a description file become indicators; `wegweiser new indicator` writes that file;
regions of indicators never become places of the guide."""

from __future__ import annotations

import csv
import io
import json
import shutil

import yaml
from conftest import FIXTURES, ROOT, TODAY, make_project

from wegweiser.build.run import build
from wegweiser.catalog.project import Project
from wegweiser.cli import main
from wegweiser.indicators.import_spec import KEYS

GENESIS = FIXTURES / "genesis"
AGES = GENESIS / "wide-kinder-altersgruppen.csv"
YEARS = GENESIS / "wide-ganztag-jahre.csv"


def _project(tmp_path):
    """The minimal content with the example's data: its package names Landkreis Musterland (03999)."""
    root = make_project(tmp_path / "project", FIXTURES / "minimal" / "content",
                        extra="WEGWEISER_DATA_PATH = str(HERE / 'data')")
    shutil.copytree(ROOT / "data", root / "data")
    return root


def _run(root, monkeypatch, capsys, *args):
    monkeypatch.chdir(root)
    code = main([str(a) for a in args])
    return code, capsys.readouterr().out


def _rows(root, name):
    text = (root / "data" / "indicators" / f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _settings(root):
    return {"PATH": str(root / "content"), "WEGWEISER_TODAY": TODAY.isoformat(), "WEGWEISER_DATA_PATH": str(root / "data")}


def test_one_column_per_group_with_its_description_file(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    code, out = _run(root, monkeypatch, capsys, "import", AGES, "--kind", "indicator", "--id", "kinder")
    assert code == 0, out
    spec = yaml.safe_load((GENESIS / "wide-kinder-altersgruppen.yaml").read_text(encoding="utf-8"))
    package = json.loads((root / "data" / "indicators" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "kinder")
    for key in ("title", "description", "area", "unit", "reference_date", "attribution"):
        assert resource[key] == spec[key]
    assert resource["sources"] == [{"title": spec["source"], "path": spec["source_url"]}]
    assert resource["licenses"][0]["name"] == "dl-de-by-2.0"
    rows = _rows(root, "kinder")
    header = AGES.read_text(encoding="utf-8").splitlines()[0].split(";")
    for line in AGES.read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split(";")
        where = {"Landkreis Musterland": ("", ""), "Musterstadt": ("musterstadt", ""), "Konstanz": ("", "08335043")}[cells[1]]
        for group, cell in zip(header[2:], cells[2:]):
            row = next(r for r in rows if (r["year"], r["municipality"], r["region"], r["group"]) == (cells[0], *where, group))
            if cell == ".":  # the statistical offices' sign for a secret value
                assert (row["value"], row["status"]) == ("", "geheim")
            else:  # „2.914“: the thousands point goes, the number stays
                assert (row["value"], row["status"]) == (cell.replace(".", ""), "vorhanden")
    assert [f["title"] for f in resource["schema"]["fields"] if f["name"] == "group"] == [spec["group_title"]]


def test_one_column_per_year(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    code, out = _run(root, monkeypatch, capsys, "import", YEARS, "--kind", "indicator", "--id", "ganztag-gemeinden")
    assert code == 0, out
    rows = {(r["year"], r["municipality"]): r for r in _rows(root, "ganztag-gemeinden")}
    lines = [line.split(",") for line in YEARS.read_text(encoding="utf-8").splitlines()]
    places = {"Landkreis": "", "Musterstadt": "musterstadt", "Eichenau": "eichenau", "Kastanienhof": "kastanienhof"}
    for cells in lines[1:]:
        for year, cell in zip(lines[0][1:], cells[1:]):
            row = rows[(year, places[cells[0]])]
            assert row["value"] == (cell if cell not in ("", "x") else "")
            assert row["status"] == ("vorhanden" if row["value"] else "fehlt")
            assert ("„x“" in row["note"]) == (cell == "x")


def test_a_name_that_is_neither_municipality_nor_region_is_reported_with_its_line(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    table = tmp_path / "kinder.csv"
    table.write_text(AGES.read_text(encoding="utf-8").replace("2023;Konstanz", "2023;Radolfzell"), encoding="utf-8")
    shutil.copy(GENESIS / "wide-kinder-altersgruppen.yaml", tmp_path / "kinder.yaml")
    line = next(n for n, text in enumerate(table.read_text(encoding="utf-8").splitlines(), start=1) if "Radolfzell" in text)
    code, out = _run(root, monkeypatch, capsys, "import", table, "--kind", "indicator", "--id", "kinder")
    assert code == 1
    assert f"kinder.csv, Zeile {line}: Fehler: „Radolfzell“ ist weder eine Gemeinde" in out
    assert "Gemeinden anderer Kreise gehören nicht in municipalities.csv" in out
    assert not (root / "data" / "indicators" / "kinder.csv").exists()


def test_a_region_of_an_indicator_is_not_a_place_of_the_guide(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    settings = _settings(root)
    _, before = Project.from_settings(settings).load()
    density = before.monitoring.get("angebote-je-1000-einwohner").observations
    assert _run(root, monkeypatch, capsys, "import", AGES, "--kind", "indicator", "--id", "kinder")[0] == 0
    validation, after = Project.from_settings(settings).load()
    assert validation.ok
    assert "konstanz" not in after.vocabularies["municipalities"].by_id
    assert after.monitoring.get("angebote-je-1000-einwohner").observations == density
    assert after.monitoring.get("kinder").regions["08335043"] == "Konstanz"
    result = build(root / "pelicanconf.py", tmp_path / "out")
    assert result.ok, [f.as_text() for f in result.findings if f.is_error]
    assert not (tmp_path / "out" / "orte" / "konstanz").exists()
    assert "Konstanz" not in (tmp_path / "out" / "orte" / "index.html").read_text(encoding="utf-8")
    assert ">Konstanz</th>" in (tmp_path / "out" / "bildungsmonitoring" / "kinder" / "index.html").read_text(encoding="utf-8")


def test_new_indicator_writes_the_description_file_with_every_key_explained(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    code, out = _run(root, monkeypatch, capsys, "new", "indicator", "kita-plaetze")
    assert code == 0 and "data/indicators/sources/kita-plaetze.yaml" in out
    path = root / "data" / "indicators" / "sources" / "kita-plaetze.yaml"
    text = path.read_text(encoding="utf-8")
    assert set(yaml.safe_load(text)) == set(KEYS)
    for key, (explanation, _) in KEYS.items():
        assert f"# {explanation}" in text, key
    assert _run(root, monkeypatch, capsys, "new", "indicator", "kita-plaetze")[0] == 1  # not overwritten
    assert _run(root, monkeypatch, capsys, "new", "indicator", "Kita Plätze")[0] == 1
    # filled in, it is read by the import without --mapping
    text = text.replace("title:", "title: Kinder nach Alter", 1).replace("group_title:", "group_title: Alter", 1)
    text = text.replace("regions: {}", 'regions: {Konstanz: "08335043"}').replace("source:", "source: Testamt", 1)
    text = text.replace("area:", "area: fruehkindliche-bildung", 1)
    path.write_text(text, encoding="utf-8")
    table = tmp_path / "tabelle.csv"
    shutil.copy(AGES, table)
    code, out = _run(root, monkeypatch, capsys, "import", table, "--kind", "indicator", "--id", "kita-plaetze")
    assert code == 0, out
    package = json.loads((root / "data" / "indicators" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "kita-plaetze")
    assert resource["title"] == "Kinder nach Alter" and resource["sources"] == [{"title": "Testamt"}]
    assert [f["title"] for f in resource["schema"]["fields"] if f["name"] == "group"] == ["Alter"]


def test_an_unknown_key_in_the_description_file_is_named(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    spec = tmp_path / "falsch.yaml"
    spec.write_text("titel: Kinder\n", encoding="utf-8")
    code, out = _run(root, monkeypatch, capsys, "import", AGES, "--kind", "indicator", "--id", "kinder", "--mapping", spec)
    assert code == 1 and "Die Angabe „titel“ gibt es nicht" in out and "title" in out


def test_a_json_description_file_beside_the_table_is_read(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    table = tmp_path / "ganztag.csv"
    shutil.copy(YEARS, table)
    spec = yaml.safe_load((GENESIS / "wide-ganztag-jahre.yaml").read_text(encoding="utf-8"))
    (tmp_path / "ganztag.json").write_text(json.dumps({**spec, "title": "Aus JSON"}), encoding="utf-8")
    code, out = _run(root, monkeypatch, capsys, "import", table, "--kind", "indicator", "--id", "ganztag")
    assert code == 0, out
    package = json.loads((root / "data" / "indicators" / "datapackage.json").read_text(encoding="utf-8"))
    assert next(r for r in package["resources"] if r["name"] == "ganztag")["title"] == "Aus JSON"
