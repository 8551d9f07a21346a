"""Municipalities from the official list: the Destatis Gemeindeverzeichnis (AuszugGV XLSX) or a
plain CSV become data/vocabularies/municipalities.csv for one Kreis."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from conftest import FIXTURES, make_project, run_cli

from wegweiser.importing.mapping import ImportFailed
from wegweiser.importing.municipalities import add_postcodes, municipalities_csv, plain_name, read_municipalities

GV = FIXTURES / "gemeindeverzeichnis" / "AuszugGV4QAktuell-Auszug.xlsx"
PLZ = FIXTURES / "gemeindeverzeichnis" / "plz.csv"


def _rows(text: str) -> dict[str, dict]:
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text))}


def test_gemeindeverzeichnis_rows_of_one_kreis():
    selection = read_municipalities(GV, "03151")
    assert selection.kreis_name == "Gifhorn"
    rows = _rows(municipalities_csv(selection))
    assert list(rows) == ["brome", "ehra-lessien", "gifhorn", "meine", "meinersen", "mueden-aller", "sassenburg",
                          "wittingen"]  # ordered by AGS; Goslar's municipalities are another Kreis
    assert rows["gifhorn"] == {"id": "gifhorn", "label": "Gifhorn", "ags": "03151009", "postcodes": "38518",
                               "lat": "52.477928", "lon": "10.546314", "population": "42788",
                               "population_date": "2024-12-31"}
    assert rows["brome"]["label"] == "Brome"  # "Brome, Flecken"
    assert rows["mueden-aller"]["label"] == "Müden (Aller)"
    # the uninhabited gemeindefreies Gebiet has no postcode and no centre: left out, and said so
    assert "giebel" not in rows
    assert [reason.split(" ")[0] for reason in selection.skipped] == ["Giebel"]


def test_further_postcodes_from_a_plz_ags_list():
    selection = read_municipalities(GV, "03151")
    assert add_postcodes(selection, PLZ) == 2  # 29379 Wittingen, 38468 Brome; Goslar's row is another Kreis
    rows = _rows(municipalities_csv(selection))
    assert rows["wittingen"]["postcodes"] == "29378 29379"
    assert rows["brome"]["postcodes"] == "38465 38468"


def test_plain_csv_with_german_headers(tmp_path):
    source = tmp_path / "gemeinden.csv"
    source.write_text("Gemeindeschlüssel;Gemeinde;Einwohner;PLZ;Breitengrad;Längengrad\n"
                      "3151009;Gifhorn, Stadt;42.788;38518;52,4779;10,5463\n"
                      "03153017;Goslar, Stadt;50.280;38640;51,9059;10,4293\n", encoding="cp1252")
    selection = read_municipalities(source, "03151")
    assert [(m.id, m.ags, m.population, m.lat, m.postcodes) for m in selection.municipalities] == [
        ("gifhorn", "03151009", 42788, 52.4779, ["38518"])]


@pytest.mark.parametrize("official,plain", [("Gifhorn, Stadt", "Gifhorn"), ("Brome, Flecken", "Brome"),
                                            ("Halle (Saale), Stadt", "Halle (Saale)"), ("Sassenburg", "Sassenburg"),
                                            ("Hamburg, Freie und Hansestadt", "Hamburg")])
def test_names_as_people_say_them(official, plain):
    assert plain_name(official) == plain


def test_bad_input_is_a_german_message(tmp_path):
    with pytest.raises(ImportFailed, match="Zum Kreis 09999 gibt es keine Gemeinde"):
        read_municipalities(GV, "09999")
    with pytest.raises(ImportFailed, match="kein Kreisschlüssel"):
        read_municipalities(GV, "3151")
    other = tmp_path / "liste.xlsx"
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Name", "Ort"])
    book.save(other)
    with pytest.raises(ImportFailed, match="nicht den Aufbau des Gemeindeverzeichnisses"):
        read_municipalities(other, "03151")


def test_cli_writes_the_vocabulary_and_keeps_an_existing_one(tmp_path, capsys):
    project = make_project(tmp_path / "p", extra='WEGWEISER_DATA_PATH = str(HERE / "data")\nWEGWEISER_AGS = "03151"')
    (project / "content").mkdir()
    target = project / "data" / "vocabularies" / "municipalities.csv"
    assert run_cli(project, "import", str(GV), "--kind", "municipalities", "--postcodes", str(PLZ)) == 0
    out = capsys.readouterr().out
    assert "Kreis 03151 (Gifhorn): 8 Gemeinden, 2 weitere Postleitzahlen" in out and "Giebel" in out
    written = target.read_text(encoding="utf-8")
    assert _rows(written)["wittingen"]["postcodes"] == "29378 29379"
    # another Kreis would replace the list: only with --overwrite
    assert run_cli(project, "import", str(GV), "--kind", "municipalities", "--kreis", "03153") == 1
    assert "enthält schon Gemeinden" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == written
    assert run_cli(project, "import", str(GV), "--kind", "municipalities", "--kreis", "03153", "--overwrite") == 0
    assert list(_rows(target.read_text(encoding="utf-8"))) == ["goslar"]
    assert _rows(target.read_text(encoding="utf-8"))["goslar"]["population_date"] == dt.date(2024, 12, 31).isoformat()
