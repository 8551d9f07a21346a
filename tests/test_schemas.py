"""The schemas under data/: complete German documentation, consistent references."""

from __future__ import annotations

import pytest
from conftest import ROOT, copy_data, edit
from frictionless import Package, Resource, Schema

from wegweiser.content.schema import load_schemas
from wegweiser.checks.tables import check_vocabularies, frictionless_schema, vocabulary_list_references

SCHEMAS = load_schemas(ROOT / "data")
ALL_TABLES = [SCHEMAS.offer, SCHEMAS.provider] + [v.schema for v in SCHEMAS.vocabularies.values()]
REQUIRED_VOCABULARIES = {
    "areas", "topics", "target_groups", "municipalities", "funding", "accessibility",
    "provider_kinds", "formats", "languages",
}


def test_all_vocabularies_exist():
    assert REQUIRED_VOCABULARIES <= set(SCHEMAS.vocabularies)
    assert len(SCHEMAS.vocabularies["areas"].rows) == 6


@pytest.mark.parametrize("table", ALL_TABLES, ids=[t.name for t in ALL_TABLES])
def test_every_field_has_german_title_and_description(table):
    for field in table.fields:
        assert field.descriptor.get("title"), f"{table.name}.{field.name} has no title"
        assert len(field.description) >= 10, f"{table.name}.{field.name} has no description"


@pytest.mark.parametrize("table", ALL_TABLES, ids=[t.name for t in ALL_TABLES])
def test_schema_is_a_valid_table_schema(table):
    Schema.from_descriptor(table.descriptor)  # raises on an invalid descriptor


def test_foreign_keys_point_at_existing_resources_and_fields():
    known = {"providers"} | set(SCHEMAS.vocabularies)
    for table in (SCHEMAS.offer, SCHEMAS.provider):
        for fk in table.foreign_keys:
            assert fk["reference"]["resource"] in known
            for name in fk["fields"]:
                assert name in table.by_name


def test_offer_references_every_vocabulary_it_needs():
    refs = {name: SCHEMAS.offer.reference_of(name) for name in SCHEMAS.offer.field_names}
    assert refs["provider"] == "providers"
    assert refs["area"] == "areas"
    assert refs["topics"] == "topics"
    assert refs["target_groups"] == "target_groups"
    assert refs["municipality"] == "municipalities"
    assert refs["funding"] == "funding"
    assert refs["accessibility"] == "accessibility"


def test_vocabularies_are_a_valid_package():
    resources = [
        Resource(name=v.name, path=v.path.name, basepath=str(v.path.parent), schema=frictionless_schema(v.schema))
        for v in SCHEMAS.vocabularies.values()
    ]
    report = Package(resources=resources).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_list_references_in_vocabularies_are_checked(tmp_path):
    import shutil

    data = tmp_path / "data"
    copy_data(data)
    path = data / "vocabularies" / "life_situations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("kinder-unter-3,", "babys,"), encoding="utf-8")
    schemas = load_schemas(data)
    findings = vocabulary_list_references(tmp_path, schemas)
    assert [(f.file, f.field, f.code, f.value, f.line) for f in findings] == [
        ("data/vocabularies/life_situations.csv", "target_groups", "unknown-reference", "babys", 2)
    ]


def test_municipalities_have_postcodes_coordinates_and_population():
    rows = SCHEMAS.vocabularies["municipalities"].rows
    assert len(rows) >= 10
    for row in rows:
        assert row["postcodes"] and all(len(p) == 5 for p in row["postcodes"])
        assert 47 < row["lat"] < 55.2 and 5.8 < row["lon"] < 15.1
        assert row["population"] > 0


def test_vocabulary_texts_are_plain_text_and_no_formula(tmp_path):
    """/daten/vokabulare/ publishes the vocabularies as they are, and their labels appear on every page:
    a label a spreadsheet program would run as a formula (also after spaces), one with HTML or one with a
    direction override is refused (the marks Arabic and Persian labels need are not)."""
    data = tmp_path / "data"
    copy_data(data)
    edit(data / "vocabularies" / "municipalities.csv", "eichenau,Eichenau,",
         'eichenau," =HYPERLINK(""https://evil.example/"";""Eichenau"")",')
    edit(data / "vocabularies" / "municipalities.csv", "musterstadt,Musterstadt,", "musterstadt,Muster<b>stadt</b>,")
    edit(data / "vocabularies" / "areas.csv", "weiterbildung,Weiterbildung,", "weiterbildung,Weiter\u202ebildung,")  # RLO
    findings = check_vocabularies(tmp_path, load_schemas(data))
    assert [(f.file, f.field, f.code, f.line) for f in findings] == [
        ("data/vocabularies/areas.csv", "label", "bidi-control", 6),
        ("data/vocabularies/municipalities.csv", "label", "html-in-text", 2),
        ("data/vocabularies/municipalities.csv", "label", "spreadsheet-formula", 3),
    ]
    assert all(f.message and f.hint for f in findings)
