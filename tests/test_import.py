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

#: mapping lines with the fixed values of an offer of the minimal project
FIXED_FIELDS = """\
  provider: {value: vhs-test}
  area: {value: weiterbildung}
  target_groups: {value: [erwachsene]}
  format: {value: praesenz}
  municipality: {value: musterstadt}
"""


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
    mapping = _write(tmp_path / "mapping.yaml", "fields:\n" + FIXED_FIELDS + """
  id: {template: "kurs-{Nr}"}
  title: Name
  summary: {template: "{Name}: ein Kurs, eingelesen aus einer Excel-Tabelle."}
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


# --- lists as offices really have them -------------------------------------------------------

MAPPING = "fields:\n" + FIXED_FIELDS + """
  id: {template: "kurs-{Nr}"}
  title: "Kurs Titel"
  summary: {template: "{Kurs Titel}: ein Kurs der VHS Musterstadt."}
  street: "Strasse Hausnummer"
  postcode: PLZ
  start_date: Beginn
  cost_eur: Gebühr
  reviewed: {value: 2026-11-01}
"""


def test_excel_export_with_title_notes_totals_and_multiline_header(minimal_project, tmp_path, capsys):
    from wegweiser.build.run import build

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Kursliste der VHS Musterstadt, Stand 01.11.2026"])
    sheet.append([])
    sheet.append(["Nr", "Kurs\nTitel", "Straße\nHausnummer", "PLZ", "Beginn", "Gebühr", None, None])
    sheet.append(["001", "Yoga für\nAnfänger", "Hauptstr. 1", 29301, dt.datetime(2027, 3, 1), 45, None, None])
    sheet.append(["002", "Englisch A1", "Hauptstr. 1", "29301", "1.9.27", "5,- €", None, "Raum 3"])
    sheet.append(["003", "Töpfern", "Hauptstr. 1", 29301, "ab sofort", "=40+5", None, None])
    sheet.append(["004", "#BEZUG!", "Hauptstr. 1", 29301, None, 0, None, None])
    sheet.append([None] * 8)
    sheet.append(["Summe", None, None, None, None, "=SUM(F4:F7)"])
    sheet.append(["Hinweis: Alle Angaben ohne Gewähr."])
    book.save(tmp_path / "kurse.xlsx")
    mapping = _write(tmp_path / "m.yaml", MAPPING)
    args = ("import", str(tmp_path / "kurse.xlsx"), "--kind", "offers", "--mapping", str(mapping))
    assert run_cli(minimal_project, *args) == 1
    out = capsys.readouterr().out
    said = [
        "Kopfzeile ist Zeile 3; darüber übersprungen: „Kursliste der VHS Musterstadt, Stand 01.11.2026“.",
        "Spalte „Straße Hausnummer“ wird als „Strasse Hausnummer“ gelesen.",
        "Zeile 5: Warnung: Spalte H hat keine Überschrift; „Raum 3“ wird nicht übernommen.",
        # openpyxl stores no result for a formula: the value would be lost, so the row is not imported
        "Zeile 6, Spalte „Gebühr“: Fehler: Zelle F6 enthält die Formel „=40+5“, aber kein gespeichertes",
        "Zeile 7, Spalte „Kurs Titel“: Fehler: Zelle B7 enthält „#BEZUG!“, den Fehler einer Formel, statt eines Werts.",
        "Zeile 9: Warnung: Die Zeile enthält nur „Summe“ und wird übersprungen",
        "Zeile 10: Warnung: Die Zeile enthält nur „Hinweis: Alle Angaben ohne Gewähr.“",
        "2 Dateien geschrieben: 2 neu, 0 ersetzt, 0 vorhanden (nicht überschrieben), 2 Zeilen mit Fehlern",
    ]
    assert [line for line in said if line not in out] == [], out
    first, second = _offer(minimal_project, "kurs-001").values, _offer(minimal_project, "kurs-002").values
    assert first["title"] == "Yoga für Anfänger" and first["street"] == "Hauptstr. 1"
    assert (second["start_date"], second["cost_eur"]) == (dt.date(2027, 9, 1), 5)
    assert not (minimal_project / "content" / "offers" / "kurs-003.md").exists()
    assert run_cli(minimal_project, "validate") == 0
    result = build(minimal_project / "pelicanconf.py", tmp_path / "out")
    assert result.ok, result.error
    assert (tmp_path / "out" / "angebote" / "kurs-002" / "index.html").is_file()


def test_quoted_text_with_line_breaks_and_delimiters_is_one_cell(minimal_project, tmp_path, capsys):
    body = "Erste Zeile; mit Semikolon.\nZweite Zeile; auch mit einem."
    source = _write(tmp_path / "kurse.csv", HEADER + ";body\n" + GOOD + f';"{body}"\n')
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers") == 0, capsys.readouterr()
    path = minimal_project / "content" / "offers" / "kurs-eins.md"
    assert read_source(path, path.name, set()).body.strip() == body


def _zip_bytes(files: dict) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_one_cell_row_with_another_error_is_reported_not_skipped(minimal_project, tmp_path, capsys):
    # only the name comes from the list: a row with just a (too short) name is an entry, not a note
    source = _write(tmp_path / "kurse.csv", "Name\nKurs für alle\nAB\n")
    mapping = _write(tmp_path / "m.yaml", "fields:\n" + FIXED_FIELDS + """
  id: {column: Name, slug: true}
  title: Name
  summary: {template: "{Name}: ein Kurs der VHS Musterstadt."}
  reviewed: {value: 2026-11-01}
""")
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers", "--mapping", str(mapping)) == 1
    out = capsys.readouterr().out
    assert "Zeile 3, Spalte „Name“ (Feld „title“): Fehler: „Titel“ ist zu kurz" in out and "übersprungen" not in out
    assert _offer(minimal_project, "kurs-fuer-alle").values["title"] == "Kurs für alle"


@pytest.mark.parametrize("name,content,message", [
    ("liste.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n", "ist ein PDF-Dokument, keine Tabelle"),
    ("liste.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "im alten Excel-Format (.xls"),
    ("liste.xls", b"<html><body><table><tr><td>id</td></tr></table></body></html>", "ist eine Webseite"),
    ("liste.zip", _zip_bytes({"kurse/liste.csv": HEADER}), "ist ein ZIP-Archiv, keine Tabelle. Entpacken Sie es"),
    ("liste.csv", b"", "ist leer"),
    ("liste.csv", b"\r\n \r\n", "ist leer"),
    ("liste.csv", (HEADER + "\n;;;\n").encode(), "enthält nur die Kopfzeile (Zeile 1) und keine Daten"),
    ("liste.csv", b"id;title\x00\x01\x02\x03;x\n\x00\xff\xfe\x00\n", "ist keine Textdatei"),
    ("liste.csv", (HEADER + "\n" + GOOD.replace("Kurs eins", '"Kurs eins') + "\n" + GOOD + "\n").encode(),
     "Zeile 2: Ein Anführungszeichen (\") wird nicht geschlossen; dadurch sind die Zeilen 2 bis 3"),
    ("liste.csv", (HEADER + ";title\n" + GOOD + ";Anders\n").encode(),
     "Die Spalte „title“ gibt es mehrmals (Spalten B und M in Zeile 1)"),
])
def test_what_is_not_a_usable_table_is_named_with_the_fix(minimal_project, tmp_path, capsys, name, content,
                                                         message):
    source = tmp_path / name
    source.write_bytes(content)
    before = sorted((minimal_project / "content" / "offers").iterdir())
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers") == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert sorted((minimal_project / "content" / "offers").iterdir()) == before


def _ods(path, rows_xml: str):
    """An .ods file as LibreOffice Calc writes it: mimetype first, the sheet in content.xml."""
    import zipfile

    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:body><office:spreadsheet>
<table:table table:name="Kurse"><table:table-column table:number-columns-repeated="16384"/>{rows_xml}
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/>
</table:table-row></table:table><table:table table:name="Notizen"><table:table-row><table:table-cell
 office:value-type="string"><text:p>anderes Blatt</text:p></table:table-cell></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def _ods_row(*cells: str) -> str:
    return f"<table:table-row>{''.join(cells)}<table:table-cell table:number-columns-repeated=\"16370\"/></table:table-row>"


def _ods_text(text: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def test_a_libreoffice_sheet_is_read(minimal_project, tmp_path, capsys):
    fixed = [_ods_text(v) for v in ("Ein Kurs für alle, die etwas lernen wollen.", "vhs-test", "weiterbildung",
                                    "erwachsene,senioren", "praesenz", "musterstadt")]
    rows = [
        _ods_row('<table:table-cell table:number-columns-spanned="3" office:value-type="string">'
                 "<text:p>Kursliste 2027</text:p></table:table-cell><table:covered-table-cell/>"),
        "<table:table-row><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>",
        _ods_row(*(_ods_text(h) for h in HEADER.split(";"))),
        _ods_row(_ods_text("kurs-eins"), _ods_text("Yoga<text:s text:c=\"2\"/>für<text:line-break/>Anfänger"
                                                   "<office:annotation><text:p>Notiz</text:p></office:annotation>"),
                 *fixed, '<table:table-cell office:value-type="float" office:value="29301"/>',
                 '<table:table-cell office:value-type="date" office:date-value="2027-03-01"/>',
                 '<table:table-cell table:formula="of:=[.M4]*0+12.5" office:value-type="float" office:value="12.5"/>',
                 _ods_text("2026-11-01")),
        _ods_row(_ods_text("kurs-zwei"), _ods_text("Kurs zwei"), *fixed, _ods_text("29301"),
                 _ods_text("01.03.2027"), '<table:table-cell table:formula="of:=1+1"/>', _ods_text("2026-11-01")),
    ]
    source = _ods(tmp_path / "kurse.ods", "".join(rows))
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers") == 1
    out = capsys.readouterr().out
    assert "Lese kurse.ods (LibreOffice): 2 Zeilen." in out and "Kopfzeile ist Zeile 3" in out
    assert "Zeile 5, Spalte „cost_eur“: Fehler: Zelle K5 enthält die Formel „of:=1+1“" in out
    first = _offer(minimal_project, "kurs-eins").values
    assert first["title"] == "Yoga  für Anfänger" and first["postcode"] == "29301"
    assert (first["start_date"], first["cost_eur"]) == (dt.date(2027, 3, 1), 12.5)
    assert not (minimal_project / "content" / "offers" / "kurs-zwei.md").exists()
    sheet = _write(tmp_path / "m.yaml", "sheet: Tabelle1\nfields:\n  id: id\n")
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers", "--mapping", str(sheet)) == 1
    assert "Das Tabellenblatt „Tabelle1“ gibt es nicht; vorhanden: Kurse, Notizen." in capsys.readouterr().err


def test_an_xlsx_saved_as_csv_is_read(minimal_project, tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(HEADER.split(";"))
    book.active.append(GOOD.split(";"))
    book.save(tmp_path / "liste.csv")
    assert run_cli(minimal_project, "import", str(tmp_path / "liste.csv"), "--kind", "offers") == 0
    assert "liste.csv ist eine Excel-Arbeitsmappe (XLSX)" in capsys.readouterr().out
    assert _offer(minimal_project, "kurs-eins").values["cost_eur"] == 12.5


def test_unicode_text_from_excel_and_headers_in_other_case(minimal_project, tmp_path, capsys):
    header = HEADER.replace("id;title", " ID ;Title").replace("summary", "SUMMARY") + ";Bemerkung"
    row = GOOD.replace("Kurs eins", "„Bärenstark“ für Kinder") + ";intern"
    text = (header + "\r\n" + row + "\r\n").replace(";", "\t")
    source = tmp_path / "kurse.txt"
    source.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers") == 0
    out = capsys.readouterr().out
    assert "UTF-16" in out and "Spalte „Title“ wird als „title“ gelesen." in out
    assert "Nicht übernommen werden die Spalten „Bemerkung“" in out
    assert _offer(minimal_project, "kurs-eins").values["title"] == "„Bärenstark“ für Kinder"


def test_excel_delimiter_line_and_text_formulas_keeping_zeros(minimal_project, tmp_path, capsys):
    import csv
    import io

    cells = dict(zip(HEADER.split(";"), GOOD.split(";")), id='="kurs-00042"', postcode='="29301"', age_min='="03"')
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")  # commas; the summary's comma is quoted
    writer.writerows([list(cells), list(cells.values())])
    source = _write(tmp_path / "kurse.csv", "sep=,\r\n" + text.getvalue())
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers") == 0, capsys.readouterr()
    out = capsys.readouterr().out
    assert "Trennzeichen „,“" in out and "Kopfzeile" not in out  # Excel shows no row for "sep=,"
    values = _offer(minimal_project, "kurs-00042").values
    assert (values["postcode"], values["age_min"], values["cost_eur"]) == ("29301", 3, 12.5)


def test_a_very_large_cell_is_read(minimal_project, tmp_path, capsys):
    import csv

    body = "Ein langer Absatz. " * 10000  # beyond the csv module's default limit of 131,072 characters
    source = _write(tmp_path / "kurse.csv", HEADER + ";body\n" + GOOD + ";" + body + "\n")
    before = csv.field_size_limit(131072)  # the limit of a fresh process (a library may have raised it)
    try:
        assert run_cli(minimal_project, "import", str(source), "--kind", "offers") == 0, capsys.readouterr()
    finally:
        csv.field_size_limit(before)
    path = minimal_project / "content" / "offers" / "kurs-eins.md"
    assert read_source(path, path.name, set()).body.strip() == body.strip()


#: (field, cell, the value read — or the finding code when it cannot be read)
CELL_FORMS = [
    ("start_date", "1.9.26", dt.date(2026, 9, 1)), ("start_date", "01.09.2026", dt.date(2026, 9, 1)),
    ("start_date", "1. September 2026", dt.date(2026, 9, 1)), ("start_date", "3. Okt. 2026", dt.date(2026, 10, 3)),
    ("start_date", "2026-09-01T00:00:00", dt.date(2026, 9, 1)),
    ("start_date", "46266", dt.date(2026, 9, 1)), ("start_date", 46266, dt.date(2026, 9, 1)),  # Excel's day number
    ("start_date", "Sept. 2026", "import-month"), ("start_date", "09/2026", "import-month"),
    ("start_date", "01/09/2026", "import-date"), ("start_date", "31.02.2027", "import-date"),
    ("start_date", "ab sofort", "import-date-text"),
    ("cost_eur", "kostenlos", 0), ("cost_eur", "5,- €", 5), ("cost_eur", "12,50 EUR", 12.5),
    ("cost_eur", "€ 1.234,50", 1234.5), ("cost_eur", "15 Euro", 15),
    ("cost_eur", "ab 20 €", "import-price"), ("cost_eur", "50 EUR/Monat", "import-price"),
    ("cost_eur", "zwölf", "import-price"), ("age_min", "3 Jahre", "import-integer"),
    ("url", "www.vhs-musterstadt.de", "https://www.vhs-musterstadt.de"),
    ("url", "vhs-musterstadt.de/kurse", "https://vhs-musterstadt.de/kurse"),
    ("registration_url", "anmeldung@vhs.example", "mailto:anmeldung@vhs.example"),
    ("contact_email", " mailto:Info@VHS.example ", "Info@VHS.example"),
    ("contact_email", "<info@vhs.example>", "info@vhs.example"),
    ("contact_email", "info(at)vhs.example", "info@vhs.example"),
    ("contact_email", "info @ vhs.example", "info@vhs.example"),
    ("contact_phone", "Tel.: 05371 1234", "05371 1234"), ("contact_phone", "(05371) 12 34-5", "05371 12 34-5"),
    ("contact_phone", "+49 (0) 5371 123", "+49 5371 123"),
    ("contact_phone", 53711234, "import-phone-number"), ("contact_phone", "4,93028E+10", "import-phone-number"),
    ("title", "Yoga für\r\nAnfänger", "Yoga für Anfänger"),
]


@pytest.mark.parametrize("name,text,expected", CELL_FORMS)
def test_cell_forms_lists_use(name, text, expected):
    from wegweiser.importing.cells import Bad
    from wegweiser.importing.importer import Mapping, convert
    from wegweiser.content.schema import load_schemas

    fld = load_schemas(ROOT / "data").offer.by_name[name]
    if isinstance(expected, str) and expected.startswith("import-"):
        with pytest.raises(Bad) as caught:
            convert(fld, text, Mapping(rules={}))
        assert caught.value.code == expected
    else:
        assert convert(fld, text, Mapping(rules={})) == expected


def test_dropping_an_invalid_optional_value_keeps_the_row_valid(minimal_project, tmp_path, capsys):
    # "Vor Ort" needs a municipality: dropping an unknown one must not write a file that fails validation
    header = HEADER + ";contact_phone"
    rows = [GOOD + ";0800 1234", GOOD.replace("kurs-eins", "kurs-zwei").replace("musterstadt", "atlantis")
            + ";Tel. siehe Webseite"]
    source = _write(tmp_path / "kurse.csv", header + "\n" + "\n".join(rows) + "\n")
    mapping = _write(tmp_path / "m.yaml", "optional_errors: drop\nfields:\n" + "".join(
        f"  {name}: {name}\n" for name in header.split(";")))
    assert run_cli(minimal_project, "import", str(source), "--kind", "offers", "--mapping", str(mapping)) == 1
    out = capsys.readouterr().out
    assert "Zeile 3, Spalte „municipality“: Warnung: „atlantis“ ist kein bekannter Wert" in out
    assert "Zeile 3, Spalte „municipality“: Fehler: Für ein Angebot „Vor Ort“ fehlt der Ort" in out
    assert not (minimal_project / "content" / "offers" / "kurs-zwei.md").exists()
    assert _offer(minimal_project, "kurs-eins").values["contact_phone"] == "0800 1234"
    assert run_cli(minimal_project, "validate") == 0


def test_leading_zeros_a_spreadsheet_dropped_come_back(tmp_path, capsys):
    # the Berlin excerpt as Excel saves it after opening: semicolons, Windows-1252, "1010010" for "01010010"
    import csv
    import io

    project, excerpt = berlin_project(tmp_path)
    rows = list(csv.reader(io.StringIO(excerpt.read_text(encoding="utf-8"))))
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(rows[0])
    for row in rows[1:]:
        writer.writerow([str(int(c)) if c.isdigit() else c for c in row])
    resaved = tmp_path / "kitas-excel.csv"
    resaved.write_bytes(text.getvalue().encode("cp1252", errors="replace"))
    docs = ROOT / "docs" / "import"
    for kind in ("providers", "offers"):
        assert run_cli(project, "import", str(resaved), "--kind", kind,
                       "--mapping", str(docs / f"berlin-kitas-{kind}.yaml")) == 0, capsys.readouterr().out
    kita = _offer(project, "kita-01010010").values
    assert kita["municipality"] == "mitte" and kita["provider"] == "traeger-1224"
    assert _offer(project, "kita-03040010").values["provider"] == "traeger-0121"
    assert (project / "content" / "providers" / "traeger-0121.md").is_file()
    assert run_cli(project, "validate") == 0
