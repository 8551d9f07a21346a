"""The facet registry: the search filters and browse pages come from the offer schema's foreignKeys.

A new vocabulary field in the schema is a new filter on the search page that works in the
browser, without any code; a wrong ``filter`` property is a German error naming the field.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import phone_page
from conftest import ROOT, copy_data, edit, run_cli, serve

from wegweiser.build.run import build
from wegweiser.content.facets import RESERVED_FOLDERS, RESERVED_PARAMETERS
from wegweiser.content.schema import SchemaError, load_schemas

SCHEMAS = load_schemas(ROOT / "data")


def test_every_vocabulary_field_of_the_offer_schema_is_a_filter_in_foreign_key_order():
    expected = []
    for fk in SCHEMAS.offer.foreign_keys:
        field = SCHEMAS.offer.by_name[fk["fields"][0]]
        if fk["reference"]["resource"] in SCHEMAS.vocabularies and field.descriptor.get("filter") is not False:
            expected.append((field.name, fk["reference"]["resource"]))
    assert [(f.field, f.vocabulary) for f in SCHEMAS.facets] == expected
    assert "provider" not in {f.field for f in SCHEMAS.facets}  # a reference to providers is no filter
    for facet in SCHEMAS.facets:
        spec = SCHEMAS.offer.by_name[facet.field].descriptor.get("filter", {})
        assert facet.parameter == spec.get("parameter", facet.field)
        assert facet.legend == spec.get("legend", SCHEMAS.offer.by_name[facet.field].title)
        assert facet.is_list == SCHEMAS.offer.by_name[facet.field].is_list


def _data_copy(tmp_path: Path) -> tuple[Path, dict]:
    data = copy_data(tmp_path / "data")
    return data, json.loads((data / "schemas" / "offer.schema.json").read_text(encoding="utf-8"))


def _write_offer_schema(data: Path, schema: dict) -> None:
    (data / "schemas" / "offer.schema.json").write_text(json.dumps(schema, ensure_ascii=False, indent=2),
                                                        encoding="utf-8")


def _set_filter(schema: dict, field: str, value) -> None:
    next(f for f in schema["fields"] if f["name"] == field)["filter"] = value


@pytest.mark.parametrize("field, spec, words", [
    ("topics", {"parameter": "q"}, ["topics", "„parameter“", "Adresse der Suche"]),
    ("topics", {"parameter": "Thema!"}, ["topics", "Kleinbuchstaben"]),
    ("topics", {"parameter": "bereich"}, ["area", "topics", "bereich"]),
    ("topics", "ja", ["topics", "false oder ein Objekt"]),
    ("topics", {"parameter": "thema", "farbe": "rot"}, ["topics", "false oder ein Objekt"]),
    ("topics", {"legend": ""}, ["topics", "„legend“"]),
    ("accessibility", {"match": "beide"}, ["accessibility", "„match“", "„all“"]),
    ("topics", {"pages": {"folder": "themen"}}, ["topics", "„pages“", "„title“"]),
    ("topics", {"pages": {"folder": "angebote", "title": "T", "link": "L"}}, ["topics", "angebote"]),
    ("topics", {"pages": {"folder": "orte", "title": "T", "link": "L"}}, ["municipality", "topics", "orte"]),
])
def test_a_wrong_filter_property_is_a_german_error_naming_file_and_field(tmp_path, field, spec, words):
    data, schema = _data_copy(tmp_path)
    _set_filter(schema, field, spec)
    _write_offer_schema(data, schema)
    with pytest.raises(SchemaError) as raised:
        load_schemas(data)
    message = str(raised.value)
    assert message.startswith(str(data / "schemas" / "offer.schema.json"))
    for word in words:
        assert word in message


def test_wegweiser_validate_reports_a_wrong_filter_without_a_traceback(minimal_project, tmp_path, capsys):
    data, schema = _data_copy(tmp_path)
    _set_filter(schema, "area", {"parameter": "umkreis"})
    _write_offer_schema(data, schema)
    with (minimal_project / "pelicanconf.py").open("a", encoding="utf-8") as fh:
        fh.write(f"WEGWEISER_DATA_PATH = {str(data)!r}\n")
    assert run_cli(minimal_project, "validate") == 1
    err = capsys.readouterr().err
    assert "Fehler:" in err and "„area“" in err and "umkreis" in err and "Traceback" not in err


def test_reserved_parameters_are_the_search_pages_own_fields():
    """The names the search page uses besides the filters: a filter may take none of them."""
    html = (ROOT / "theme" / "templates" / "search.html").read_text(encoding="utf-8")
    assert set(re.findall(r'\bname="([^"{]+)"', html)) == RESERVED_PARAMETERS


def test_reserved_folders_hold_every_other_folder_of_the_site(example_site):
    browse = {facet.pages.folder for facet in SCHEMAS.facets if facet.pages}
    folders = {p.name for p in example_site.iterdir() if p.is_dir()}
    assert browse <= folders
    assert folders - browse - {name for name in folders if len(name) == 2} <= RESERVED_FOLDERS  # /en/ … : languages


# --- a new vocabulary field: a new filter without code ---------------------------------------

SEASONS = "id,label,description\nfruehling,Frühling,\nsommer,Sommer,\nherbst,Herbst,\n"


def _project_with_seasons(editable_project: Path) -> Path:
    """The minimal project with a new vocabulary ``seasons`` and a list field referring to it."""
    data = editable_project.parent / "data"
    vocabularies = data / "vocabularies"
    (vocabularies / "seasons.csv").write_text(SEASONS, encoding="utf-8")
    vocab_schema = json.loads((vocabularies / "areas.schema.json").read_text(encoding="utf-8"))
    vocab_schema.update(title="Jahreszeiten", description="Jahreszeiten, in denen ein Angebot stattfindet.",
                        fields=[f for f in vocab_schema["fields"] if not f["name"].startswith("label_")])  # German only
    (vocabularies / "seasons.schema.json").write_text(json.dumps(vocab_schema, ensure_ascii=False), encoding="utf-8")
    schema = json.loads((data / "schemas" / "offer.schema.json").read_text(encoding="utf-8"))
    schema["fields"].append({"name": "seasons", "type": "array", "title": "Jahreszeiten",
                             "description": "Jahreszeiten, in denen das Angebot stattfindet."})
    schema["foreignKeys"].append({"fields": ["seasons"], "reference": {"resource": "seasons", "fields": ["id"]}})
    _write_offer_schema(data, schema)
    offers = editable_project / "content" / "offers"
    edit(offers / "deutschkurs-a1.md", "reviewed:", "seasons: [fruehling, sommer]\nreviewed:")
    edit(offers / "kita-sonnenblume.md", "reviewed:", "seasons: [fruehling, herbst]\nreviewed:")
    return editable_project


@pytest.fixture
def seasons_site(editable_project) -> Path:
    project = _project_with_seasons(editable_project)
    result = build(project / "pelicanconf.py", project / "output")
    assert result.ok, [f.as_text() for f in result.findings if f.is_error] or result.error
    return project / "output"


def test_a_new_vocabulary_field_is_a_filter_on_the_search_page(seasons_site):
    html = (seasons_site / "suche" / "index.html").read_text(encoding="utf-8")
    assert '<fieldset class="ww-filter" data-facet="seasons">' in html
    assert '<legend class="ww-filter__legend">Jahreszeiten</legend>' in html
    for line in SEASONS.splitlines()[1:]:
        key, label, _ = line.split(",")
        assert f'id="f-seasons-{key}" name="seasons" value="{key}"' in html
        assert f'for="f-seasons-{key}">{label} ' in html
    data = seasons_site / "suche" / "daten"
    manifest = json.loads(next(data.glob("manifest-*.json")).read_text(encoding="utf-8"))
    facets = json.loads((data / manifest["facets"]).read_text(encoding="utf-8"))
    assert facets["keys"]["seasons"] == ["fruehling", "sommer", "herbst"]


def test_the_new_filter_works_in_the_browser(seasons_site, chromium):
    with serve(seasons_site) as server, phone_page(chromium) as page:
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server + "/suche/")
        page.click("[data-filter-open]")
        page.check("#f-seasons-herbst")
        page.wait_for_function("document.querySelector('[data-status]').textContent.startsWith('1 Angebot')"
                               " && document.querySelectorAll('[data-results] li').length === 1")
        links = page.locator("[data-results] a.ww-card__link").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))")
        assert links == ["/angebote/kita-sonnenblume/"]
        assert parse_qs(urlsplit(page.url).query) == {"seasons": ["herbst"]}
        # the counts of the other values are those the filter would give together with the others
        assert page.text_content("label[for=f-seasons-fruehling] [data-count]") == "(2)"
        page.check("#f-seasons-sommer")  # values of one filter: either
        page.wait_for_function("document.querySelector('[data-status]').textContent.startsWith('2 Angebote')")
        page.goto(server + "/suche/?seasons=sommer")  # and from a shared address
        page.wait_for_function("document.querySelector('[data-status]').textContent.startsWith('1 Angebot')")
        assert page.is_checked("#f-seasons-sommer") and not page.is_checked("#f-seasons-herbst")
        assert errors == []
