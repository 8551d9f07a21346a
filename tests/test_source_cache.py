"""The parse cache: unchanged files come from it, changed or new files are read again."""

from __future__ import annotations

from conftest import core_settings

from wegweiser.core.project import Project


def _validate(project):
    return Project.from_settings(core_settings(project)).validate()


def test_cached_validation_equals_fresh_and_notices_changes(minimal_project):
    first = _validate(minimal_project)
    cache = minimal_project / ".cache" / "wegweiser" / "sources.pickle"
    assert cache.is_file()
    second = _validate(minimal_project)
    assert second.findings == first.findings
    assert [s.values for s in second.sources["offer"]] == [s.values for s in first.sources["offer"]]
    offer = minimal_project / "content" / "offers" / "deutschkurs-a1.md"
    offer.write_text(offer.read_text(encoding="utf-8").replace("age_min: 16", "age_min: 60\nage_max: 18"),
                     encoding="utf-8")
    third = _validate(minimal_project)
    assert [(f.file, f.code) for f in third.errors] == [("content/offers/deutschkurs-a1.md", "age-order")]


def test_a_corrupt_cache_is_ignored(minimal_project):
    cache = minimal_project / ".cache" / "wegweiser" / "sources.pickle"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"not a pickle")
    assert _validate(minimal_project).errors == []
