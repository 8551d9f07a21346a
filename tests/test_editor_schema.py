"""JSON Schema for the front matter: derived from the Table Schemas, committed for editors, up to date."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from conftest import FIXTURES, ROOT
from jsonschema import Draft7Validator, Draft202012Validator
from test_validation_rules import OFFER_CASES

from wegweiser.submissions.contributing import generated_docs, modeline
from wegweiser.content.frontmatter import read_source
from wegweiser.submissions.json_schema import EDITOR_SCHEMA_FILES, anchored, editor_schema, json_schema
from wegweiser.content.loading import load_sources
from wegweiser.content.schema import load_schemas
from wegweiser.submissions.submission import SubmitSettings

SCHEMAS = load_schemas(ROOT / "data")
KINDS = list(EDITOR_SCHEMA_FILES)
#: the YAML language server validates with a draft-07 engine, the file says 2020-12: both must agree
VALIDATORS = [Draft7Validator, Draft202012Validator]


def _as_yaml_server_sees_it(values: dict) -> dict:
    """YAML 1.2 (the language server) reads 2027-02-01 as a string, PyYAML as a date."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}


def _errors(schema, values, validator=Draft202012Validator):
    return list(validator(schema, format_checker=validator.FORMAT_CHECKER).iter_errors(values))


@pytest.mark.parametrize("kind", KINDS)
def test_committed_editor_schema_is_up_to_date(kind):
    committed = (ROOT / EDITOR_SCHEMA_FILES[kind]).read_text(encoding="utf-8")
    fresh = generated_docs(SCHEMAS, SubmitSettings.from_settings({}))[EDITOR_SCHEMA_FILES[kind]]
    assert committed == fresh, "run: wegweiser docs"
    assert json.loads(committed) == editor_schema(SCHEMAS, kind)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("validator", VALIDATORS, ids=["draft-07", "2020-12"])
def test_schema_is_valid_in_both_drafts(kind, validator):
    schema = json_schema(SCHEMAS, kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator.check_schema(schema)
    text = json.dumps(schema)
    for keyword in ("dependentRequired", "$defs", "prefixItems", "unevaluatedProperties"):
        assert keyword not in text  # not understood by the language server's draft-07 engine


def test_schema_is_derived_from_the_table_schema():
    schema = json_schema(SCHEMAS, "offer")
    props = schema["properties"]
    table = SCHEMAS.offer
    assert list(props) == table.field_names
    assert schema["required"] == [f.name for f in table.fields if f.required]
    assert schema["additionalProperties"] is False
    assert props["title"] == {"title": "Titel", "description": table.by_name["title"].description, "type": "string",
                              "minLength": 3, "maxLength": 120, "examples": ["Deutsch A1 am Abend"]}
    assert props["id"]["pattern"] == anchored("[a-z0-9]+(-[a-z0-9]+)*") == "^(?:[a-z0-9]+(-[a-z0-9]+)*)$"
    assert props["age_min"]["type"] == "integer" and props["age_min"]["maximum"] == 120
    assert props["start_date"]["format"] == "date" and props["contact_email"]["format"] == "email"
    assert props["area"]["enum"] == list(SCHEMAS.vocabularies["areas"].by_id)
    assert props["topics"]["items"]["enum"] == list(SCHEMAS.vocabularies["topics"].by_id)
    assert props["target_groups"]["minItems"] == 1
    assert props["provider"]["pattern"] == anchored(SCHEMAS.provider.by_name["id"].constraints["pattern"])
    assert json_schema(SCHEMAS, "offer", ["a", "b"])["properties"]["provider"]["enum"] == ["a", "b"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("validator", VALIDATORS, ids=["draft-07", "2020-12"])
def test_every_example_file_passes_the_editor_schema(kind, validator):
    schema = json.loads((ROOT / EDITOR_SCHEMA_FILES[kind]).read_text(encoding="utf-8"))
    sources = load_sources(ROOT / "content", SCHEMAS, ROOT)[kind]
    assert len(sources) > 30
    for src in sources:
        assert _errors(schema, _as_yaml_server_sees_it(src.values), validator) == [], src.rel


EXPRESSIBLE = ["missing-required", "age-not-integer", "invalid-date", "email-invalid", "url-without-scheme",
               "phone-pattern", "summary-too-long", "negative-age", "empty-target-groups", "unknown-area",
               "unknown-topic", "unknown-language", "javascript-link", "image-without-alt", "coords-outside",
               "coords-incomplete", "postcode-mismatch", "location-missing", "unknown-field"]


@pytest.mark.parametrize("case", EXPRESSIBLE)
def test_editor_schema_rejects_what_validate_rejects(case, tmp_path):
    assert case in OFFER_CASES
    schema = json_schema(SCHEMAS, "offer")
    literal = {f.name for f in SCHEMAS.offer.fields if f.type == "string" or f.is_list}
    src = read_source(FIXTURES / "invalid" / "offers" / f"{case}.md", case, literal)
    values = {k: v for k, v in _as_yaml_server_sees_it(src.values).items() if v is not None}
    assert _errors(schema, values), case


def test_modeline_is_an_ordinary_comment_for_the_front_matter_reader(tmp_path):
    path = tmp_path / "kurs.md"
    line = modeline("offer")
    assert line == "# yaml-language-server: $schema=../../schemas/offer.frontmatter.schema.json"
    assert re.match(r"^#\s+(?:yaml-language-server\s*:|\$schema:)", line)  # the language server's own test
    path.write_text(f"---\n{line}\nid: kurs\ntitle: Kurs\n---\nText\n", encoding="utf-8")
    src = read_source(path, "content/offers/kurs.md", {"id", "title"})
    assert src.findings == []
    assert src.values == {"id": "kurs", "title": "Kurs"}
    assert src.lines == {"id": 3, "title": 4}


def test_modeline_points_at_the_committed_schema_from_the_content_folders():
    for kind, folder in (("offer", "content/offers"), ("provider", "content/providers")):
        target = modeline(kind, folder).split("$schema=")[1]
        assert (ROOT / folder / target).resolve() == (ROOT / EDITOR_SCHEMA_FILES[kind]).resolve()


def test_examples_in_the_schemas_are_allowed_values():
    for table in (SCHEMAS.offer, SCHEMAS.provider):
        for field in table.fields:
            resource = table.reference_of(field.name)
            vocab = SCHEMAS.vocabularies.get(resource) if resource else None
            if vocab and field.example:
                examples = field.example if field.is_list else [field.example]
                assert set(examples) <= set(vocab.by_id), (table.name, field.name, field.example)


@pytest.mark.parametrize("validator", VALIDATORS, ids=["draft-07", "2020-12"])
def test_editor_schema_checks_translations(validator):
    schema = editor_schema(SCHEMAS, "offer")
    validator.check_schema(schema)
    base = _as_yaml_server_sees_it(read_source(FIXTURES / "minimal" / "content" / "offers" / "deutschkurs-a1.md",
                                               "x", {f.name for f in SCHEMAS.offer.fields if f.type == "string"}).values)
    good = {"en": {"title": {"text": "German course", "method": "human", "source_hash": "0123456789ab",
                             "reviewed": "2026-11-02"}}}
    assert _errors(schema, {**base, "translations": good}, validator) == []
    for bad in ({"en": {"title": {"text": "x", "method": "deepl", "source_hash": "0123456789ab"}}},
                {"en": {"contact_email": {"text": "x", "method": "human", "source_hash": "0123456789ab"}}},
                {"de": {"title": {"text": "x", "method": "human", "source_hash": "0123456789ab"}}},
                {"en": {"title": {"text": "x", "method": "human", "source_hash": "abc"}}}):
        assert _errors(schema, {**base, "translations": bad}, validator), bad
