"""Mapping transforms for lists as offices keep them: split, match, replace, strip, url, join,
placeholders for empty cells, rows that are each a provider and its offer, ids made with
``slug: true`` shortened at a word boundary and numbered on collision."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, ROOT, make_project, run_cli

from wegweiser.content.entry_file import shorten_slug, slugify
from wegweiser.content.frontmatter import read_source
from wegweiser.importing import transforms
from wegweiser.importing.mapping import ImportFailed, load_mapping
from wegweiser.content.schema import load_schemas

SCHOOLS = FIXTURES / "import" / "grundschulen-gifhorn.csv"
GV = FIXTURES / "gemeindeverzeichnis" / "AuszugGV4QAktuell-Auszug.xlsx"
SCHEMAS = load_schemas(ROOT / "data")


def _steps(**spec):
    return transforms.steps(spec, "„x“")


@pytest.mark.parametrize("spec,text,expected", [
    ({"split": ",", "part": 1}, "Lindenstraße 1, 04207, Leipzig", "Lindenstraße 1"),
    ({"split": ",", "part": 2}, "Lindenstraße 1 , 04207 , Leipzig", "04207"),
    ({"split": ",", "part": -1}, "Lindenstraße 1, Ortsteil Grünau, 04207, Leipzig", "Leipzig"),
    ({"split": ",", "part": 4}, "Lindenstraße 1, 04207, Leipzig", ""),
    ({"match": r"\b(\d{5})\b"}, "Lindenstraße 1, 04207 Leipzig", "04207"),
    ({"match": r"\d{5}"}, "ohne Postleitzahl", ""),
    ({"replace": {r"^Tel\.?:?\s*": "", r"\s*\(.*\)$": ""}}, "Tel.: 05371 123 (Sekretariat)", "05371 123"),
    ({"strip": ".;"}, "  info@schule.example; ", "info@schule.example"),
    ({"split": ",", "part": -1, "replace": {r"^\d{5}\s+": ""}, "strip": True}, "Weg 2, 38518 Gifhorn ", "Gifhorn"),
])
def test_transforms(spec, text, expected):
    assert transforms.apply(text, _steps(**spec)) == expected


@pytest.mark.parametrize("text,expected", [
    ("http//www.gs-wasserturm.example", "http://www.gs-wasserturm.example"),
    ("https//gs-wittingen.example/", "https://gs-wittingen.example/"),
    ("http:/schule.example/kontakt", "http://schule.example/kontakt"),
    ("HTTPS://Schule.example", "https://Schule.example"),
    ("www.gs-brome.example/kontakt", "https://www.gs-brome.example/kontakt"),
    ("gs-meine.example", "https://gs-meine.example"),
    ("https://www.schule.example/?a=1", "https://www.schule.example/?a=1"),
    ("mailto:info@schule.example", "mailto:info@schule.example"),
    ("info@schule.example", "info@schule.example"),  # no address: left for validation to report
    ("siehe Aushang", "siehe Aushang"),
])
def test_url_repair(text, expected):
    assert transforms.repair_url(text) == expected


@pytest.mark.parametrize("spec,message", [
    ({"split": ","}, "braucht „part“"),
    ({"split": ",", "part": 0}, "braucht „part“"),
    ({"part": 2}, "gehört zu „split“"),
    ({"match": "(unclosed"}, "ist fehlerhaft"),
    ({"replace": "x"}, "ordnet Muster Ersetzungen zu"),
    ({"url": "ja"}, "„true“ oder „false“"),
])
def test_bad_transform_options_are_explained(spec, message):
    with pytest.raises(transforms.TransformError, match=message):
        _steps(**spec)


def test_mapping_rejects_unknown_options_in_german(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("fields:\n  title: {column: Name, trim: true}\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="Unbekannt: trim"):
        load_mapping(path, SCHEMAS.offer)
    path.write_text("fields:\n  title: {column: Name, join: [A, B]}\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="genau eine Angabe"):
        load_mapping(path, SCHEMAS.offer)
    path.write_text("kind: providers\nprovider_fields: {name: Name}\nfields:\n  id: Name\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="nur beim Import von Angeboten"):
        load_mapping(path, SCHEMAS.provider, SCHEMAS.provider)


def test_slugs_end_at_a_word_boundary():
    long = "Grundschule mit Ganztagsangebot und Sprachlernklasse für Kinder aus zugewanderten Familien"
    assert slugify(long, max_length=None) == \
        "grundschule-mit-ganztagsangebot-und-sprachlernklasse-fuer-kinder-aus-zugewanderten-familien"
    assert slugify(long) == "grundschule-mit-ganztagsangebot-und-sprachlernklasse-fuer-kinder-aus"
    assert shorten_slug("grundschule-meine", 17) == "grundschule-meine"
    assert shorten_slug("grundschule-meine", 16) == "grundschule"
    assert shorten_slug("donaudampfschifffahrt", 10) == "donaudampf"  # one word: cut, nothing else to do


def _gifhorn(tmp_path):
    """A guide with Gifhorn's municipalities (from the Gemeindeverzeichnis excerpt) and no content yet."""
    project = make_project(tmp_path / "gifhorn", extra='WEGWEISER_DATA_PATH = str(HERE / "data")')
    for folder in ("offers", "providers", "pages"):
        (project / "content" / folder).mkdir(parents=True)
    assert run_cli(project, "import", str(GV), "--kind", "municipalities", "--kreis", "03151") == 0
    return project


def _values(project, folder, key):
    path = project / "content" / folder / f"{key}.md"
    src = read_source(path, path.name, set())
    assert src.ok, [f.as_text() for f in src.findings]
    return src.values


def test_a_messy_school_list_imports_with_transforms_alone(tmp_path, capsys):
    project = _gifhorn(tmp_path)
    capsys.readouterr()
    mapping = ROOT / "docs" / "import" / "grundschulen.yaml"
    assert run_cli(project, "import", str(SCHOOLS), "--kind", "offers", "--mapping", str(mapping)) == 0
    out = capsys.readouterr().out
    assert out.count("8 Dateien geschrieben: 8 neu") == 2  # 8 providers, then 8 offers
    assert out.count("1 doppelte Zeilen zusammengeführt") == 2  # the repeated first row
    # "Schulweg 12, 38524, Sassenburg", "n/a" contact, "www." address
    school = _values(project, "providers", "grundschule-westerbeck")
    assert (school["street"], school["postcode"], school["municipality"]) == ("Schulweg 12", "38524", "sassenburg")
    assert school["url"] == "https://www.gs-westerbeck.example"
    assert "contact_name" not in school and "contact_email" not in school
    offer = _values(project, "offers", "grundschule-westerbeck")
    assert offer["provider"] == "grundschule-westerbeck"
    assert offer["url"] == "https://www.gs-westerbeck.example"
    assert _values(project, "offers", "grundschule-am-wasserturm")["url"] == "http://www.gs-wasserturm.example"
    assert _values(project, "offers", "grundschule-wittingen")["url"] == "https://gs-wittingen.example/"
    assert _values(project, "providers", "grundschule-mueden")["municipality"] == "mueden-aller"
    brome = _values(project, "providers", "grundschule-brome")  # "Schulstraße 5 , 38465 , Brome", "k.A.", "-"
    assert (brome["street"], brome["postcode"]) == ("Schulstraße 5", "38465")
    assert "contact_name" not in brome and "contact_email" not in brome
    # the second "Grundschule Meine" is another school: numbered, and its offer belongs to it
    assert _values(project, "offers", "grundschule-meine-2")["provider"] == "grundschule-meine-2"
    assert _values(project, "providers", "grundschule-meine-2")["street"] == "Gifhorner Straße 2"
    assert "bekommt „grundschule-meine-2“" in out
    # the long name: cut at a word boundary, with a warning
    short = "grundschule-mit-ganztagsangebot-und-sprachlernklasse-fuer-kinder-aus"
    assert _values(project, "offers", short)["provider"] == short
    assert f"gekürzt zu „{short}“" in out
    assert run_cli(project, "validate") == 0


def test_join_skips_empty_cells_and_placeholders(tmp_path, capsys):
    project = _gifhorn(tmp_path)
    source = tmp_path / "vereine.csv"
    source.write_text("Nr;Verein;Straße;Hausnr;Vorsitz;Vorname\n"
                      "1;Schachclub Gifhorn;Steinweg;12;Meyer;Anna\n"
                      "2;Lesekreis Gifhorn;Steinweg;#NV;Meyer;n.n.\n"
                      "3;Chor Gifhorn;k.A.;;–;\n", encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text("""\
kind: providers
fields:
  id: {template: "verein-{Nr}"}
  name: Verein
  kind: {value: verein}
  summary: {template: "{Verein}, ein Verein in Gifhorn."}
  municipality: {value: gifhorn}
  street: {join: [Straße, Hausnr]}
  contact_name: {join: [Vorname, Vorsitz]}
  reviewed: {value: 2026-11-20}
""", encoding="utf-8")
    assert run_cli(project, "import", str(source), "--kind", "providers", "--mapping", str(mapping)) == 0
    first, second, third = (_values(project, "providers", f"verein-{n}") for n in (1, 2, 3))
    assert (first["street"], first["contact_name"]) == ("Steinweg 12", "Anna Meyer")
    assert (second["street"], second["contact_name"]) == ("Steinweg", "Meyer")
    assert "street" not in third and "contact_name" not in third


def test_a_column_name_off_by_its_case_is_read_with_a_note_and_a_wrong_one_pointed_out(tmp_path, capsys):
    project = _gifhorn(tmp_path)
    capsys.readouterr()
    mapping = tmp_path / "m.yaml"
    text = (ROOT / "docs" / "import" / "grundschulen.yaml").read_text(encoding="utf-8")
    mapping.write_text(text.replace("contact_email: E-mail", "contact_email: E-Mail"), encoding="utf-8")
    assert run_cli(project, "import", str(SCHOOLS), "--kind", "offers", "--mapping", str(mapping)) == 0
    assert "Spalte „E-mail“ wird als „E-Mail“ gelesen." in capsys.readouterr().out
    assert "contact_email" in _values(project, "providers", "grundschule-am-wasserturm")
    mapping.write_text(text.replace("contact_email: E-mail", "contact_email: E-Mails"), encoding="utf-8")
    assert run_cli(project, "import", str(SCHOOLS), "--kind", "offers", "--mapping", str(mapping)) == 1
    assert "„E-Mails“ (meinten Sie „E-mail“?) gibt es nicht" in capsys.readouterr().err
