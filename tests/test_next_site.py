"""The site before the published one is kept as the next site, and the next build is made in it.

Every build must still equal a clean build, the published site must never change while
it is published (files are hard links between the two sites), and a next site left by a
killed build, or describing paths outside the site, is not used.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import edit, site_tree

from wegweiser.build.run import build
from wegweiser.build.site_folders import next_of


def _clean_build(project, out):
    """The site a build without any cache or earlier output makes."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    assert build(project / "pelicanconf.py", out).ok
    return site_tree(out)


def _empty_folders(folder):
    return [p for p in folder.rglob("*") if p.is_dir() and not any(p.iterdir())]


@pytest.fixture
def project(editable_project):
    return editable_project


OFFER = "content/offers/deutschkurs-a1.md"
GONE = "content/offers/online-englisch.md"


def _steps(project, kept):
    """Changes one after another: edit, edit back, delete, add again, change a template."""
    offer = project / OFFER
    yield "edit", lambda: edit(offer, "Deutschkurs A1 am Abend", "Deutschkurs A1 am Vormittag")
    yield "edit back", lambda: edit(offer, "Deutschkurs A1 am Vormittag", "Deutschkurs A1 am Abend")
    yield "delete", lambda: (project / GONE).unlink()
    yield "add again", lambda: (project / GONE).write_bytes(kept)
    yield "template", lambda: edit(project.parent / "theme/templates/offer.html",
                                       "<h2>{{ _(\"Das Wichtigste\") }}</h2>", "<h2>Auf einen Blick</h2>")


def test_each_build_in_the_next_site_equals_a_clean_build(project, tmp_path):
    settings, out = project / "pelicanconf.py", tmp_path / "out"
    assert build(settings, out).ok
    assert build(settings, out).ok  # the first site is now the next site
    assert next_of(out).is_dir()
    for name, change in _steps(project, (project / GONE).read_bytes()):
        published = site_tree(out)
        change()
        result = build(settings, out)
        assert result.ok, (name, result.error)
        # the site published before is now the next site, unchanged
        assert site_tree(next_of(out)) == published, f"{name}: the published site was changed in place"
        assert site_tree(out) == _clean_build(project, tmp_path / f"clean-{name}"), name
        assert _empty_folders(out) == [], name
    assert not (out / "angebote" / "online-englisch").exists() or (project / GONE).exists()


def test_unchanged_rebuild_in_the_next_site_writes_nothing(project, tmp_path):
    settings, out = project / "pelicanconf.py", tmp_path / "out"
    first = build(settings, out)
    assert build(settings, out).ok
    again = build(settings, out)  # made in the next site, which holds the first site
    assert again.ok and again.written == 0 and again.unchanged == first.written


def test_a_next_site_without_build_information_is_not_used(project, tmp_path):
    """What a killed build leaves: files the fingerprints do not describe."""
    settings, out = project / "pelicanconf.py", tmp_path / "out"
    assert build(settings, out).ok
    assert build(settings, out).ok
    stray = next_of(out) / "angebote" / "deutschkurs-a1" / "index.html"
    os.unlink(stray)
    stray.write_text("halb geschrieben")
    (next_of(out) / "verwaist.html").write_text("von keinem Build beschrieben")
    (next_of(out) / ".buildinfo.json").unlink()
    edit(project / OFFER, "Deutschkurs A1 am Abend", "Deutschkurs A1 am Vormittag")
    assert build(settings, out).ok
    assert site_tree(out) == _clean_build(project, tmp_path / "clean")


def test_files_pelican_writes_itself_are_written_afresh(project, tmp_path):
    settings, out = project / "pelicanconf.py", tmp_path / "out"
    assert build(settings, out).ok
    assert build(settings, out).ok
    other = json.loads((out / ".buildinfo.json").read_text())["other"]
    assert "theme/css/main.css" in other  # copied by Pelican, not fingerprinted by the guide
    css = project.parent / "theme" / "static" / "css" / "main.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* neu */\n", encoding="utf-8")
    assert build(settings, out).ok
    assert (out / "theme/css/main.css").read_text(encoding="utf-8").endswith("/* neu */\n")


def test_a_page_pelican_no_longer_writes_is_gone_after_builds_in_the_next_site(project, tmp_path):
    settings, out = project / "pelicanconf.py", tmp_path / "out"
    extra = project / "content" / "pages" / "barrierefreiheit.md"
    extra.write_text("Title: Barrierefreiheit\nSlug: barrierefreiheit\n\nErklärung zur Barrierefreiheit.\n",
                     encoding="utf-8")
    for _ in range(2):  # the second build keeps the first site as the next site
        assert build(settings, out).ok
    other = json.loads((out / ".buildinfo.json").read_text())["other"]
    page = next(p for p in other if p.startswith("barrierefreiheit"))
    assert "impressum/index.html" in other or any(p.startswith("impressum") for p in other)
    extra.unlink()
    for _ in range(2):  # built in each of the two sites once
        assert build(settings, out).ok
        assert not (out / page).exists()
    assert site_tree(out) == _clean_build(project, tmp_path / "clean")


def test_a_next_site_naming_paths_outside_the_site_is_not_used(project, tmp_path):
    settings, out = project / "pelicanconf.py", tmp_path / "out"
    assert build(settings, out).ok
    assert build(settings, out).ok
    victim = tmp_path / "nicht-loeschen.txt"
    victim.write_text("bleibt")
    info = json.loads((next_of(out) / ".buildinfo.json").read_text())
    info["other"].append("../nicht-loeschen.txt")  # a tampered list of Pelican's own files
    (next_of(out) / ".buildinfo.json").write_text(json.dumps(info))
    assert build(settings, out).ok
    assert victim.read_text() == "bleibt"
    assert site_tree(out) == _clean_build(project, tmp_path / "clean")


TWO_AT_ONCE = """
import sys, time
from pathlib import Path
from pelican.writers import Writer
original = Writer.write_file
def slow(self, *args, **kwargs):
    time.sleep(0.02)
    return original(self, *args, **kwargs)
Writer.write_file = slow
from wegweiser.build.run import build
sys.exit(0 if build(Path({settings!r}), Path({output!r})).ok else 1)
"""


def test_two_builds_at_once_take_turns(project, tmp_path):
    settings, out = project / "pelicanconf.py", tmp_path / "out"
    assert build(settings, out).ok
    assert build(settings, out).ok
    edit(project / OFFER, "Deutschkurs A1 am Abend", "Deutschkurs A1 am Vormittag")
    script = TWO_AT_ONCE.format(settings=str(settings), output=str(out))
    builds = [subprocess.Popen([sys.executable, "-c", script], cwd=project) for _ in range(2)]
    assert [process.wait(timeout=300) for process in builds] == [0, 0]
    assert site_tree(out) == _clean_build(project, tmp_path / "clean")
    assert site_tree(next_of(out)) == site_tree(tmp_path / "clean")  # the first of the two
