"""The parse cache: unchanged files come from it, changed or new files are read again."""

from __future__ import annotations

from conftest import core_settings

from wegweiser.catalog.project import Project


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


def _seen(validation):
    return [(f.file, f.field, f.code, f.line, f.message) for f in validation.findings]


def test_cached_checks_equal_fresh_checks_on_broken_files(tmp_path):
    from conftest import FIXTURES, make_project

    project = make_project(tmp_path / "project", FIXTURES / "invalid")
    fresh = _validate(project)
    assert len(fresh.errors) > 30  # the fixture's broken files
    cached = _validate(project)  # every file and the vocabulary checks now come from the cache
    assert _seen(cached) == _seen(fresh)
    assert all("rows" in s.derived and "rules" in s.derived for s in cached.sources["offer"] if s.values)


def test_cross_file_checks_run_even_when_every_file_is_cached(minimal_project):
    assert _validate(minimal_project).errors == []
    offers = minimal_project / "content" / "offers"
    (offers / "zweitkurs.md").write_text(  # a new file reusing the id of a cached one
        (offers / "deutschkurs-a1.md").read_text(encoding="utf-8"), encoding="utf-8")
    codes = {(f.file, f.code) for f in _validate(minimal_project).errors}
    assert ("content/offers/zweitkurs.md", "duplicate-id") in codes
    (offers / "zweitkurs.md").unlink()
    providers = sorted((minimal_project / "content" / "providers").glob("*.md"))
    gone = providers[0].stem
    providers[0].unlink()  # offers of this provider are cached, but now point nowhere
    errors = _validate(minimal_project).errors
    assert errors and {f.code for f in errors} == {"unknown-provider"}
    assert {f.value for f in errors} == {gone}


def test_a_vocabulary_change_invalidates_cached_checks(minimal_project, tmp_path):
    import shutil

    from conftest import copy_data

    data = tmp_path / "data"
    copy_data(data)
    settings = core_settings(minimal_project, WEGWEISER_DATA_PATH=str(data))
    assert Project.from_settings(settings).validate().errors == []
    # shorten the summary limit in the schema: cached rows must be checked again
    schema = data / "schemas" / "offer.schema.json"
    text = schema.read_text(encoding="utf-8")
    import json

    descriptor = json.loads(text)
    summary = next(f for f in descriptor["fields"] if f["name"] == "summary")
    summary.setdefault("constraints", {})["maxLength"] = 10
    schema.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    codes = {f.code for f in Project.from_settings(settings).validate().errors}
    assert codes == {"max-length"}


def test_the_cache_is_rewritten_only_when_something_changed(minimal_project):
    _validate(minimal_project)
    cache = minimal_project / ".cache" / "wegweiser" / "sources.pickle"
    before = cache.stat().st_mtime_ns
    _validate(minimal_project)
    assert cache.stat().st_mtime_ns == before
    offer = minimal_project / "content" / "offers" / "deutschkurs-a1.md"
    offer.write_text(offer.read_text(encoding="utf-8") + "\nNeu.\n", encoding="utf-8")
    changed = _validate(minimal_project)
    assert cache.stat().st_mtime_ns != before
    again = _validate(minimal_project)  # the changed file now comes from the rewritten cache
    assert _seen(again) == _seen(changed)
    assert [s.body for s in again.sources["offer"]] == [s.body for s in changed.sources["offer"]]


def test_a_change_of_the_same_size_and_modification_time_is_noticed(minimal_project):
    import os

    offer = minimal_project / "content" / "offers" / "deutschkurs-a1.md"
    _validate(minimal_project)
    before = offer.stat()
    text = offer.read_text(encoding="utf-8")
    assert "A1 am Abend" in text
    offer.write_text(text.replace("A1 am Abend", "A1 am Abenx"), encoding="utf-8")  # same size
    os.utime(offer, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old modification time
    assert offer.stat().st_size == before.st_size and offer.stat().st_mtime_ns == before.st_mtime_ns
    titles = [s.values.get("title") for s in _validate(minimal_project).sources["offer"]]
    assert "Deutschkurs A1 am Abenx" in titles


def test_an_untouched_file_is_not_read_again(minimal_project, monkeypatch):
    from pathlib import Path

    _validate(minimal_project)
    read = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or original(self))
    assert _validate(minimal_project).errors == []
    content = minimal_project / "content"
    assert not [path for path in read if path.parent.parent == content]  # no offer or provider file


def test_a_cache_of_several_chunks_gives_each_file_as_it_is_after_a_change(minimal_project, monkeypatch):
    """Chunks of unchanged files are written again as they were read, the changed file's anew."""
    from wegweiser.content import parse_cache

    monkeypatch.setattr(parse_cache, "CHUNK", 2)  # the minimal project's files in several chunks
    _validate(minimal_project)
    offer = minimal_project / "content" / "offers" / "deutschkurs-a1.md"
    offer.write_text(offer.read_text(encoding="utf-8").replace("A1 am Abend", "A1 am Vormittag"), encoding="utf-8")
    changed = _validate(minimal_project)
    again = _validate(minimal_project)  # every file from the rewritten cache
    assert _seen(again) == _seen(changed)
    assert [s.values for s in again.sources["offer"]] == [s.values for s in changed.sources["offer"]]
    assert "Deutschkurs A1 am Vormittag" in [s.values.get("title") for s in again.sources["offer"]]
    assert all(s.path == minimal_project / s.rel for kind in ("offer", "provider") for s in again.sources[kind])
