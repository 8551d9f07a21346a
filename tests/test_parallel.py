"""Pages rendered on several processes are byte for byte those rendered on one."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import FIXTURES, make_project, site_tree

from wegweiser.build.run import build

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")


@pytest.fixture
def project(editable_project):
    return editable_project


def _pages(folder):
    return json.loads((folder / ".buildinfo.json").read_text())["pages"]


def test_three_workers_write_what_one_writes(project, tmp_path):
    settings = project / "pelicanconf.py"
    calls = []
    many = build(settings, tmp_path / "many", {"WEGWEISER_WORKERS": 3, "WEGWEISER_PARALLEL_MIN": 1},
                 progress=lambda done, total: calls.append((done, total)))
    shutil.rmtree(project / ".cache", ignore_errors=True)
    one = build(settings, tmp_path / "one", {"WEGWEISER_WORKERS": 1})
    assert many.ok and one.ok, (many.error, one.error)
    assert many.pages == one.pages > 20 and many.written == one.written
    assert site_tree(tmp_path / "many") == site_tree(tmp_path / "one")
    assert _pages(tmp_path / "many") == _pages(tmp_path / "one")  # fingerprints and catalog reads too
    total = calls[-1][1]
    assert total == len(_pages(tmp_path / "one"))  # the pages (the other files are written beside them)
    assert [done for done, _ in calls] == list(range(1, total + 1)) and calls[-1] == (total, total)


def test_a_page_failing_in_a_worker_names_its_file_and_publishes_nothing(project, tmp_path):
    settings, out = project / "pelicanconf.py", tmp_path / "out"
    assert build(settings, out).ok
    before = site_tree(out)
    template = project.parent / "theme" / "templates" / "offer.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{% block content %}", "{% block content %}"
                                     "{% if offer.id == 'online-englisch' %}{{ 1 // 0 }}{% endif %}", 1),
                        encoding="utf-8")
    # as many workers as pages: every page but the first is rendered in a worker process
    result = build(settings, out, {"WEGWEISER_WORKERS": 1000, "WEGWEISER_PARALLEL_MIN": 1})
    assert not result.ok
    assert any(f.file == "content/offers/online-englisch.md" and "ZeroDivisionError" in f.as_text()
               for f in result.findings), [f.as_text() for f in result.findings]
    assert site_tree(out) == before
    assert not (tmp_path / ".out.next").exists()  # the half-made site is removed


def test_files_read_and_checked_by_three_workers_give_the_same_findings(tmp_path):
    from conftest import core_settings

    from wegweiser.catalog.project import Project

    project = make_project(tmp_path / "project", FIXTURES / "invalid")
    many = Project.from_settings({**core_settings(project), "WEGWEISER_WORKERS": 3, "WEGWEISER_PARALLEL_MIN": 1})
    one = Project.from_settings({**core_settings(project), "WEGWEISER_WORKERS": 1})
    assert many.parallel and one.parallel
    in_parallel = many.validate()
    shutil.rmtree(project / ".cache")
    alone = one.validate()
    assert len(alone.errors) > 30  # the fixture's broken files

    def seen(validation):
        return [(f.file, f.field, f.code, f.line, f.message) for f in validation.findings]

    assert seen(in_parallel) == seen(alone)
    for kind in ("offer", "provider"):
        assert [(s.rel, s.values, s.body, s.derived) for s in in_parallel.sources[kind]] == \
            [(s.rel, s.values, s.body, s.derived) for s in alone.sources[kind]]


@pytest.mark.parametrize("workers", [{"WEGWEISER_WORKERS": 1000, "WEGWEISER_PARALLEL_MIN": 1},
                                     {"WEGWEISER_WORKERS": 1}])
def test_a_file_made_from_one_entry_failing_in_a_worker_names_the_entry(project, tmp_path, monkeypatch, workers):
    from wegweiser.outputs import ical

    original = ical.calendar

    def broken(catalog, offers, *args, **kwargs):
        if [o.id for o in offers] == ["deutschkurs-a1"]:
            raise OSError("Kalender kaputt (eingeschleuster Fehler)")
        return original(catalog, offers, *args, **kwargs)

    monkeypatch.setattr(ical, "calendar", broken)
    result = build(project / "pelicanconf.py", tmp_path / "out", workers)
    assert not result.ok
    assert [f.file for f in result.findings if "Kalender kaputt" in f.as_text()] == ["content/offers/deutschkurs-a1.md"]
    assert not (tmp_path / "out").exists()


def test_a_worker_that_dies_fails_the_build_and_publishes_nothing(project, tmp_path, monkeypatch):
    from wegweiser.pelican_plugin import generators

    settings, out = project / "pelicanconf.py", tmp_path / "out"
    builder, original = os.getpid(), generators.structured_data

    def dying(page, *args):
        if os.getpid() != builder and page.save_as == "angebote/online-englisch/index.html":
            os._exit(9)  # as if killed (out of memory)
        return original(page, *args)

    monkeypatch.setattr(generators, "structured_data", dying)
    result = build(settings, out, {"WEGWEISER_WORKERS": 2, "WEGWEISER_PARALLEL_MIN": 1})
    assert not result.ok and "Arbeitsprozess" in result.error
    assert not out.exists() and not list(tmp_path.glob(".out.*"))
