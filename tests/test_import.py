"""``wegweiser import``: CSV/XLSX rows to content files, with a mapping, reporting bad rows."""

from __future__ import annotations

import datetime as dt
import runpy
import shutil

import pytest
from conftest import run_cli, FIXTURES, ROOT, make_project

from wegweiser.content.frontmatter import read_source

HEADER = "id;title;summary;provider;area;target_groups;format;municipality;postcode;start_date;cost_eur;reviewed"
GOOD = ("kurs-eins;Kurs eins;Ein Kurs für alle, die etwas lernen wollen.;vhs-test;weiterbildung;"
        "erwachsene,senioren;praesenz;musterstadt;29301;01.03.2027;12,50;2026-11-01")



def _offer(project, key):
    path = project / "content" / "offers" / f"{key}.md"
    src = read_source(path, path.name, {"id", "title", "summary", "postcode", "target_groups"})
    assert src.ok, [f.as_text() for f in src.findings]
    return src


def _write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_semicolon_utf8_bom_german_numbers_and_dates(minimal_project, tmp_path, capsys):
    source = _write(tmp_path / "kurse.csv", "\ufeff" + HEADER + "\n" + GOOD + "\n")
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers") == 0, capsys.readouterr()
    src = _offer(minimal_project, "kurs-eins")
    assert src.values["target_groups"] == ["erwachsene", "senioren"]
    assert src.values["start_date"] == dt.date(2027, 3, 1)
    assert src.values["cost_eur"] == 12.5
    assert src.values["postcode"] == "29301"
    assert "UTF-8 mit BOM" in capsys.readouterr().out
    assert run_cli(minimal_project, "validate") == 0


def test_windows_1252(minimal_project, tmp_path, capsys):
    row = GOOD.replace("Kurs eins", "Kurs für Bärenstärke")
    source = _write(tmp_path / "kurse.csv", HEADER + "\r\n" + row + "\r\n", encoding="cp1252")
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers") == 0
    assert _offer(minimal_project, "kurs-eins").values["title"] == "Kurs für Bärenstärke"
    assert "Windows-1252" in capsys.readouterr().out


def test_empty_cells_and_placeholders_are_left_out(minimal_project, tmp_path):
    header = HEADER + ";age_min;contact_email"
    row = GOOD.replace("01.03.2027", "n/a").replace("12,50", "") + ";k. A.;-"
    source = _write(tmp_path / "kurse.csv", header + "\n" + row + "\n")
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers") == 0
    src = _offer(minimal_project, "kurs-eins")
    for name in ("start_date", "cost_eur", "age_min", "contact_email"):
        assert name not in src.values
    text = (minimal_project / "content" / "offers" / "kurs-eins.md").read_text(encoding="utf-8")
    assert "n/a" not in text and "k. A." not in text


def test_bad_rows_are_reported_and_the_others_imported(minimal_project, tmp_path, capsys):
    rows = [
        GOOD,
        GOOD.replace("kurs-eins", "kurs-zwei").replace("01.03.2027", "31.02.2027"),
        GOOD.replace("kurs-eins", "kurs-drei").replace("12,50", "zwölf"),
        GOOD.replace("kurs-eins", "kurs-vier").replace("weiterbildung", "kochen"),
        GOOD.replace("kurs-eins", "kurs-fuenf").replace("Kurs eins;", ";"),
        GOOD.replace("kurs-eins", "kurs-sechs").replace("29301", "2930"),
        GOOD.replace("kurs-eins", "kurs-sieben"),
    ]
    source = _write(tmp_path / "kurse.csv", HEADER + "\n" + "\n".join(rows) + "\n")
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers") == 1
    out = capsys.readouterr().out
    folder = minimal_project / "content" / "offers"
    assert (folder / "kurs-eins.md").is_file() and (folder / "kurs-sieben.md").is_file()
    for key in ("kurs-zwei", "kurs-drei", "kurs-vier", "kurs-fuenf", "kurs-sechs"):
        assert not (folder / f"{key}.md").exists()
    assert "kurse.csv, Zeile 3, Spalte „start_date“: Fehler: „31.02.2027“ ist kein Datum" in out
    assert "kurse.csv, Zeile 4, Spalte „cost_eur“: Fehler: „zwölf“ ist keine Zahl" in out
    assert "kurse.csv, Zeile 5, Spalte „area“: Fehler: „kochen“ ist kein bekannter Wert" in out
    assert "kurse.csv, Zeile 6, Spalte „title“: Fehler: Das Pflichtfeld „Titel“ (title) fehlt" in out
    assert "kurse.csv, Zeile 7, Spalte „postcode“: Fehler:" in out
    assert "5 Zeilen mit Fehlern (nicht importiert)" in out
    assert run_cli(minimal_project, "validate") == 0


def test_never_overwrites_unless_asked(minimal_project, tmp_path, capsys):
    target = minimal_project / "content" / "offers" / "deutschkurs-a1.md"
    before = target.read_text(encoding="utf-8")
    source = _write(tmp_path / "kurse.csv", HEADER + "\n" + GOOD.replace("kurs-eins", "deutschkurs-a1") + "\n")
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers") == 0
    assert target.read_text(encoding="utf-8") == before
    assert "gibt es schon; sie wird nicht überschrieben" in capsys.readouterr().out
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers", "--overwrite") == 0
    assert _offer(minimal_project, "deutschkurs-a1").values["title"] == "Kurs eins"


def test_dry_run_writes_nothing(minimal_project, tmp_path, capsys):
    source = _write(tmp_path / "kurse.csv", HEADER + "\n" + GOOD + "\n")
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers", "--dry-run") == 0
    out = capsys.readouterr().out
    assert not (minimal_project / "content" / "offers" / "kurs-eins.md").exists()
    assert "würde anlegen: content/offers/kurs-eins.md" in out
    assert "title: Kurs eins" in out
    assert "Probelauf, nichts geschrieben: 1 neu" in out


def test_xlsx_keeps_leading_zeros_and_reads_dates(minimal_project, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nr", "Name", "PLZ", "Beginn", "Preis"])
    sheet.append(["00042", "Kurs aus Excel", 29301, dt.datetime(2027, 3, 1), 0])
    sheet.append(["00043", "Zweiter Kurs", "29303", "2027-04-01", 7.5])
    book.save(tmp_path / "kurse.xlsx")
    mapping = _write(tmp_path / "mapping.yaml", """
fields:
  id: {template: "kurs-{Nr}"}
  title: Name
  summary: {template: "{Name}: ein Kurs, eingelesen aus einer Excel-Tabelle."}
  provider: {value: vhs-test}
  area: {value: weiterbildung}
  target_groups: {value: [erwachsene]}
  format: {value: praesenz}
  municipality: {value: musterstadt}
  postcode: PLZ
  start_date: Beginn
  cost_eur: Preis
  reviewed: {value: 2026-11-01}
""")
    assert run_cli(minimal_project, "import", str(tmp_path / "kurse.xlsx"), "--kind", "offers",
                "--mapping", str(mapping)) == 0
    first = _offer(minimal_project, "kurs-00042").values
    assert first["postcode"] == "29301" and first["start_date"] == dt.date(2027, 3, 1) and first["cost_eur"] == 0
    second = _offer(minimal_project, "kurs-00043").values
    assert second["start_date"] == dt.date(2027, 4, 1) and second["cost_eur"] == 7.5
    assert run_cli(minimal_project, "validate") == 0


def test_postcode_without_its_leading_zero_is_repaired(tmp_path):
    from wegweiser.importing.importer import Mapping, convert
    from wegweiser.content.schema import load_schemas

    postcode = load_schemas(ROOT / "data").offer.by_name["postcode"]
    assert convert(postcode, 1067, Mapping(rules={})) == "01067"
    assert convert(postcode, "01067", Mapping(rules={})) == "01067"


def test_identical_rows_merge_and_conflicting_ids_are_reported(minimal_project, tmp_path, capsys):
    rows = [GOOD, GOOD, GOOD.replace("Kurs eins", "Kurs anders")]
    source = _write(tmp_path / "kurse.csv", HEADER + "\n" + "\n".join(rows) + "\n")
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers") == 1
    out = capsys.readouterr().out
    assert "1 doppelte Zeilen zusammengeführt" in out
    assert "Zeile 4" in out and "auch in Zeile 2 verwendet" in out


def test_mapping_errors_are_explained(minimal_project, tmp_path, capsys):
    source = _write(tmp_path / "kurse.csv", HEADER + "\n" + GOOD + "\n")
    unknown_field = _write(tmp_path / "a.yaml", "fields:\n  titel: title\n")
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers", "--mapping", str(unknown_field)) == 1
    assert "Das Feld „titel“ gibt es nicht" in capsys.readouterr().err
    unknown_column = _write(tmp_path / "b.yaml", "fields:\n  id: Kennung\n")
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers", "--mapping", str(unknown_column)) == 1
    assert "Die Spalte(n) „Kennung“ gibt es nicht" in capsys.readouterr().err
    bad_template = _write(tmp_path / "c.yaml", 'fields:\n  id: {template: "kurs-{id:d}"}\n')
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers", "--mapping", str(bad_template)) == 1
    assert "Die Vorlage „kurs-{id:d}“ für das Feld „id“ lässt sich nicht anwenden" in capsys.readouterr().err


def test_progress_bar_on_stderr_for_long_imports(minimal_project, tmp_path, capsys):
    rows = [GOOD.replace("kurs-eins", f"kurs-{n}") for n in range(250)]
    source = _write(tmp_path / "kurse.csv", HEADER + "\n" + "\n".join(rows) + "\n")
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers") == 0
    err = capsys.readouterr().err
    assert "Zeilen prüfen [" in err and "250/250" in err
    assert len(list((minimal_project / "content" / "offers").glob("kurs-*.md"))) == 250


def berlin_project(tmp_path):
    """An empty project with the package's vocabularies and Berlin's Bezirke as municipalities."""
    project = make_project(tmp_path / "berlin",
                           extra=f"WEGWEISER_DATA_PATH = {str(tmp_path / 'berlin' / 'data')!r}")
    (project / "data" / "vocabularies").mkdir(parents=True)
    bezirke = runpy.run_path(str(ROOT / "docs" / "import" / "berlin_bezirke.py"))["municipalities"]
    excerpt = FIXTURES / "import" / "berlin-kitas-excerpt.csv"
    (project / "data" / "vocabularies" / "municipalities.csv").write_text(bezirke(excerpt), encoding="utf-8")
    for folder in ("offers", "providers"):
        (project / "content" / folder).mkdir(parents=True)
    return project, excerpt


def test_berlin_excerpt_imports_validates_and_builds(tmp_path, capsys):
    from wegweiser.build.run import build

    project, excerpt = berlin_project(tmp_path)
    docs = ROOT / "docs" / "import"
    assert run_cli(project, "import", str(excerpt), "--kind", "providers",
                "--mapping", str(docs / "berlin-kitas-providers.yaml")) == 0
    assert run_cli(project, "import", str(excerpt), "--kind", "offers",
                "--mapping", str(docs / "berlin-kitas-offers.yaml")) == 0
    out = capsys.readouterr().out
    assert "31 neu" in out and "Warnung" in out  # garbled phone numbers are left out, with a warning
    offers = sorted(p.stem for p in (project / "content" / "offers").glob("*.md"))
    assert len(offers) == 31 and "kita-00001130" in offers  # leading zeros kept
    providers = list((project / "content" / "providers").glob("*.md"))
    assert len(providers) == 22
    kita = _offer(project, "kita-00001130").values
    assert kita["area"] == "fruehkindliche-bildung" and kita["municipality"] == "charlottenburg-wilmersdorf"
    assert kita["topics"] == ["kindertagesbetreuung"]
    assert run_cli(project, "validate") == 0, capsys.readouterr().out
    result = build(project / "pelicanconf.py", tmp_path / "out")
    assert result.ok, result.error
    assert (tmp_path / "out" / "angebote" / "kita-00001130" / "index.html").is_file()
