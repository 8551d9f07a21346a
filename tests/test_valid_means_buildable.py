"""If ``wegweiser validate`` passes, ``wegweiser build`` succeeds: for every value the schema accepts.

Offers and providers are drawn from the Table Schemas themselves — each field's type, its
limits (length, minimum, maximum, pattern, format) and its vocabulary — together with the
extremes of each range (the last day the schema allows, the largest cost, the longest text).
Whatever validation accepts must build; whatever it refuses is not this test's business.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
import yaml
from conftest import FIXTURES, ROOT, core_settings, make_project
from hypothesis import HealthCheck, example, given, settings
from hypothesis import provisional
from hypothesis import strategies as st

from wegweiser.build.run import build
from wegweiser.catalog.project import Project
from wegweiser.checks.rules import GERMANY, IMAGE_FIELDS, ON_SITE_FORMATS
from wegweiser.content.schema import load_schemas

SCHEMAS = load_schemas(ROOT / "data")
PROVIDERS = ["vhs-test", "kita-traeger-test"]  # those of the minimal project
IMAGES = ["kurs.png"]


def _bound(value, parse):
    return parse(value) if isinstance(value, str) else value


def _limits(field) -> dict:
    c = field.constraints
    if field.type == "date":
        return {"min_value": _bound(c.get("minimum", dt.date.min), dt.date.fromisoformat),
                "max_value": _bound(c.get("maximum", dt.date.max), dt.date.fromisoformat)}
    return {"min_value": c.get("minimum"), "max_value": c.get("maximum")}


#: any text but control and invisible characters, and „<“ and „&“ (no markup in text fields)
_TEXT = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp"), exclude_characters="<&")


def value_strategy(schema, field):
    """Values of ``field`` its schema accepts (the rules may still refuse some)."""
    c = field.constraints
    reference = schema.reference_of(field.name)
    if reference == "providers":
        return st.sampled_from(PROVIDERS)
    if reference:
        ids = sorted(SCHEMAS.vocabularies[reference].by_id)
        if field.is_list:
            return st.lists(st.sampled_from(ids), min_size=max(1, c.get("minLength", 0)), max_size=4, unique=True)
        return st.sampled_from(ids)
    if field.type == "integer":
        return st.integers(**_limits(field))
    if field.type == "number":
        return st.floats(allow_nan=False, allow_infinity=False, **_limits(field))
    if field.type == "date":
        return st.dates(**_limits(field))
    if field.type == "boolean":
        return st.booleans()
    if field.name in ("image", "logo"):
        return st.sampled_from(IMAGES)
    if field.format == "email":
        return st.emails()
    if field.format == "uri":
        return st.one_of(provisional.urls(), st.emails().map(lambda address: f"mailto:{address}"))
    if "pattern" in c:
        return st.from_regex(re.compile(c["pattern"]), fullmatch=True)
    size = {"min_size": c.get("minLength", 0), "max_size": min(c.get("maxLength", 400), 400)}
    return st.text(_TEXT, **size).filter(lambda s: s.strip() and len(s.strip()) >= size["min_size"])


@st.composite
def entries(draw, kind: str, name: str):
    """An entry whose values the schema accepts, made to agree with the rules across fields
    (which the schema cannot say), so that most of them validate and are built."""
    schema = SCHEMAS.for_kind(kind)
    values = {"id": name}
    for field in schema.fields:
        if field.name == "id" or not (field.required or draw(st.booleans())):
            continue
        values[field.name] = draw(value_strategy(schema, field))
    municipalities = SCHEMAS.vocabularies["municipalities"]
    if "postcode" in values or values.get("format") in ON_SITE_FORMATS:
        values["municipality"] = values.get("municipality") or draw(st.sampled_from(sorted(municipalities.by_id)))
    if "postcode" in values:
        postcodes = municipalities.by_id[values["municipality"]].get("postcodes") or []
        values["postcode"] = draw(st.sampled_from(postcodes)) if postcodes else None
    if {"lat", "lon"} & set(values):
        values["lat"] = draw(st.floats(*GERMANY["lat"]))
        values["lon"] = draw(st.floats(*GERMANY["lon"]))
    for image, alt in IMAGE_FIELDS.items():
        if image in values and alt not in values:
            values[alt] = draw(value_strategy(schema, schema.by_name[alt]))
    for low, high in (("age_min", "age_max"), ("start_date", "end_date")):
        if low in values and high in values and values[low] > values[high]:
            values[low], values[high] = values[high], values[low]
    return {k: v for k, v in values.items() if v is not None}


def extremes(kind: str, name: str, low: bool) -> dict:
    """Every field of a kind at one end of its range: the last (or first) day, the largest (smallest)
    number, the longest (shortest) text."""
    schema = SCHEMAS.for_kind(kind)
    values = {"id": name}
    for field in schema.fields:
        c = field.constraints
        reference = schema.reference_of(field.name)
        if field.name == "id":
            continue
        if reference == "providers":
            values[field.name] = PROVIDERS[0]
        elif reference:
            ids = sorted(SCHEMAS.vocabularies[reference].by_id)
            values[field.name] = ids[:1] if field.is_list and low else ids if field.is_list else ids[0 if low else -1]
        elif field.name in GERMANY:  # no limit in the schema; the rule's box
            values[field.name] = GERMANY[field.name][0 if low else 1]
        elif field.type in ("integer", "number", "date"):
            values[field.name] = _limits(field)["min_value" if low else "max_value"]
        elif field.name in ("image", "logo"):
            values[field.name] = IMAGES[0]
        elif field.format == "email":
            values[field.name] = "a@b.de" if low else f"{'x' * 64}@{'d' * 60}.example"
        elif field.format == "uri":
            values[field.name] = "https://a.de" if low else "https://www.example.org/" + "x" * 2000
        elif "pattern" in c:
            values[field.name] = None
        else:
            values[field.name] = "Ä" * c.get("minLength", 1) if low else "Ärger " * (c.get("maxLength", 2000) // 6)
    return {k: v for k, v in values.items() if v is not None}


def _write(project, kind: str, values: dict, body: str) -> None:
    folder = "offers" if kind == "offer" else "providers"
    text = "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" + body + "\n"
    (project / "content" / folder / f"{values['id']}.md").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("gueltig") / "project", FIXTURES / "minimal" / "content")


def _check(template, tmp_path_factory, provider: dict, offers: list[dict], valid: bool = False) -> None:
    """Build the entries if they validate (``valid``: they must)."""
    project = tmp_path_factory.mktemp("fall") / "project"
    shutil.copytree(template, project, symlinks=True)
    _write(project, "provider", provider, "Ein Anbieter.")
    for values in offers:
        _write(project, "offer", values, "Ein Angebot.")
    validation = Project.from_settings(core_settings(project)).validate()
    if not validation.ok:
        assert not valid, [f.as_text() for f in validation.errors]
        return  # refused with findings: not this test's business
    result = build(project / "pelicanconf.py", project / "output")
    assert result.ok and not result.error, (result.error, [f.as_text() for f in result.findings if f.is_error],
                                            provider, offers)
    shutil.rmtree(project)


def test_the_extremes_of_every_range_build(template, tmp_path_factory):
    for low in (True, False):
        provider = extremes("provider", "grenzwert-anbieter", low)
        offers = [extremes("offer", f"grenzwert-{n}", low) for n in range(2)]
        offers[1]["provider"] = "grenzwert-anbieter"
        _check(template, tmp_path_factory, provider, offers, valid=True)


@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(provider=entries("provider", "zufalls-anbieter"),
       offers=st.lists(st.integers(0, 2), min_size=1, max_size=3).flatmap(
           lambda ns: st.tuples(*[entries("offer", f"zufall-{i}") for i in range(len(ns))])))
@example(provider={"id": "zufalls-anbieter", "name": "Anbieter", "kind": "vhs", "summary": "Ein Anbieter im Kreis.",
                   "municipality": "musterstadt", "reviewed": dt.date(2026, 1, 1)},
         offers=({"id": "zufall-0", "title": "Kurs", "summary": "Ein Kurs für alle.", "provider": "vhs-test",
                  "area": "weiterbildung", "target_groups": ["erwachsene"], "format": "online",
                  "start_date": dt.date(9999, 12, 31), "end_date": dt.date(9999, 12, 31),
                  "reviewed": dt.date(2026, 1, 1)},))
def test_whatever_validates_builds(template, tmp_path_factory, provider, offers):
    _check(template, tmp_path_factory, provider, list(offers))
