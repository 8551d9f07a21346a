"""One broken fixture per rule: each produces exactly the findings it must."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES, core_settings

from wegweiser.catalog.project import Project

INVALID = FIXTURES / "invalid"

# case -> {(field, code, line)} of the error findings it must produce, nothing more.
OFFER_CASES = {
    "yaml-unclosed-quote": {(None, "yaml-unclosed-quote", 3)},
    "yaml-tab": {(None, "yaml-tab", 8)},
    "duplicate-key": {("area", "duplicate-key", 7)},
    "no-front-matter": {(None, "front-matter-missing", 1)},
    "latin1-encoding": {(None, "encoding", 3)},
    "nested-value": {("title", "nested-value", 3)},
    "unknown-field": {("titel", "unknown-field", 3), ("title", "required", None)},
    "missing-required": {("summary", "required", None)},
    "age-not-integer": {("age_min", "type-error", 8)},
    "invalid-date": {("start_date", "type-error", 8)},
    "email-invalid": {("contact_email", "type-error", 8)},
    "url-without-scheme": {("url", "type-error", 8)},
    "phone-pattern": {("contact_phone", "pattern", 8)},
    "summary-too-long": {("summary", "max-length", 4)},
    "negative-age": {("age_min", "minimum", 8)},
    "empty-target-groups": {("target_groups", "min-length", 8)},
    "unknown-area": {("area", "unknown-reference", 6)},
    "unknown-topic": {("topics", "unknown-reference", 7)},
    "unknown-language": {("languages", "unknown-reference", 8)},
    "unknown-provider": {("provider", "unknown-provider", 5)},
    "duplicate-id": {("id", "duplicate-id", 2), ("id", "id-filename", 2)},
    "id-not-filename": {("id", "id-filename", 2)},
    "end-before-start": {("end_date", "date-order", 9)},
    "age-reversed": {("age_max", "age-order", 9)},
    "javascript-link": {("url", "link-scheme", 8)},
    "image-missing": {("image", "image-missing", 8)},
    "image-outside": {("image", "image-outside", 8)},
    "image-without-alt": {("image_alt", "alt-missing", 8)},
    "coords-outside": {("lat", "coords-outside", 8)},
    "coords-incomplete": {("lat", "coords-incomplete", 8)},
    "postcode-mismatch": {("postcode", "postcode-municipality", 11)},
    "location-missing": {("municipality", "location-missing", 9)},
}
PROVIDER_CASES = {
    "unknown-kind": {("kind", "unknown-reference", 4)},
    "provider-missing-municipality": {("municipality", "required", None)},
}
CASES = [("offers", c, e) for c, e in OFFER_CASES.items()] + [
    ("providers", c, e) for c, e in PROVIDER_CASES.items()
]


def _validate(project_root):
    return Project.from_settings(core_settings(project_root)).validate()


def _add_case(project_root, folder: str, case: str):
    shutil.copy(INVALID / folder / f"{case}.md", project_root / "content" / folder / f"{case}.md")


def test_every_fixture_has_an_expectation():
    on_disk = {(p.parent.name, p.stem) for p in INVALID.glob("*/*.md")}
    assert on_disk == {(folder, case) for folder, case, _ in CASES}
    assert len(CASES) >= 20


@pytest.mark.parametrize("folder,case,expected", CASES, ids=[c for _, c, _ in CASES])
def test_invalid_case_produces_its_findings(minimal_project, folder, case, expected):
    _add_case(minimal_project, folder, case)
    validation = _validate(minimal_project)
    errors = validation.errors
    assert {f.file for f in errors} == {f"content/{folder}/{case}.md"}
    assert {(f.field, f.code, f.line) for f in errors} == expected
    for f in errors:
        assert f.message and f.hint, f"{case}: every finding needs a German message and a hint"


def test_all_findings_of_a_folder_come_out_in_one_run(minimal_project):
    for folder, case, _ in CASES:
        _add_case(minimal_project, folder, case)
    validation = _validate(minimal_project)
    found = {(f.file.split("/")[-1][:-3], f.field, f.code, f.line) for f in validation.errors}
    for folder, case, expected in CASES:
        for field, code, line in expected:
            assert (case, field, code, line) in found, (case, field, code)


def test_fixture_project_itself_is_valid(minimal_project):
    validation = _validate(minimal_project)
    assert validation.errors == []
    assert {(f.file, f.code) for f in validation.warnings} == {
        ("content/offers/alter-kurs.md", "expired"),
        ("content/providers/kita-traeger-test.md", "reviewed-stale"),
        ("content/pages/datenschutz.md", "page-missing"),  # the fixture has only an Impressum
        ("content/pages/barrierefreiheit.md", "page-missing"),
        ("content/pages/leichte-sprache.md", "page-missing"),
    }


def test_a_required_page_counts_by_file_name_or_slug(minimal_project):
    pages = minimal_project / "content" / "pages"
    (pages / "datenschutzerklaerung.md").write_text("Title: Datenschutz\nSlug: datenschutz\n\nText.\n",
                                                    encoding="utf-8")
    (pages / "barrierefreiheit.md").write_text("Title: Barrierefreiheit\n\nText.\n", encoding="utf-8")
    missing = [f for f in _validate(minimal_project).warnings if f.code == "page-missing"]
    assert [f.file for f in missing] == ["content/pages/leichte-sprache.md"]
    assert "Leichte Sprache" in missing[0].message and "§ 4 BITV 2.0" in missing[0].hint
