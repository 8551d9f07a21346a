"""Builds that cannot half-fail: a failed or killed build leaves the published site as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT

from wegweiser.build import site_folders
from wegweiser.build.run import build


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _change_an_offer(project):
    path = project / "content" / "offers" / "deutschkurs-a1.md"
    path.write_text(path.read_text(encoding="utf-8").replace("A1 am Abend", "A1 am Morgen"), encoding="utf-8")


def test_failure_after_half_the_pages_leaves_the_previous_output(minimal_project, monkeypatch):
    from pelican.writers import Writer

    first = build(minimal_project / "pelicanconf.py", minimal_project / "output")
    assert first.ok and first.pages > 20
    (minimal_project / "output" / ".buildinfo.json").unlink()  # no fingerprints: every page is rendered again
    before = _snapshot(minimal_project / "output")
    _change_an_offer(minimal_project)
    written = []
    original = Writer.write_file

    def fail_halfway(self, name, *args, **kwargs):
        if len(written) >= first.pages // 2:
            raise RuntimeError("Festplatte voll (eingeschleuster Fehler)")
        written.append(name)
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(Writer, "write_file", fail_halfway)
    one = {"WEGWEISER_WORKERS": 1}  # every page written in this process, where they can be counted
    result = build(minimal_project / "pelicanconf.py", minimal_project / "output", one)
    assert len(written) == first.pages // 2, "the failure must happen in the middle of writing pages"
    assert not result.ok and "Festplatte voll" in result.error
    assert _snapshot(minimal_project / "output") == before
    assert not [p for p in minimal_project.glob(".output.*") if p.is_dir()], "the half-made site is removed"
    monkeypatch.undo()
    assert build(minimal_project / "pelicanconf.py", minimal_project / "output").ok
    assert "A1 am Morgen" in (minimal_project / "output" / "angebote" / "deutschkurs-a1" / "index.html").read_text()


SLOW_BUILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, {plugins!r})
from pelican.writers import Writer
original = Writer.write_file
def slow(self, *args, **kwargs):
    time.sleep(0.1)
    return original(self, *args, **kwargs)
Writer.write_file = slow
from wegweiser.build.run import build
build(Path({settings!r}), Path({output!r}))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_build_leaves_the_previous_output(minimal_project):
    output = minimal_project / "output"
    assert build(minimal_project / "pelicanconf.py", output).ok
    before = _snapshot(output)
    _change_an_offer(minimal_project)
    script = SLOW_BUILD.format(plugins=str(ROOT / "plugins"), settings=str(minimal_project / "pelicanconf.py"),
                               output=str(output))
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=minimal_project)
    staging = site_folders.next_of(output)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if staging.is_dir() and sum(1 for _ in staging.rglob("*.html")) >= 5:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the build ended before it could be killed"
        assert staging.is_dir()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert _snapshot(output) == before, "a killed build must not touch the published site"
    assert staging.is_dir()  # left half-made by the killed process …
    result = build(minimal_project / "pelicanconf.py", output)
    assert result.ok
    assert "A1 am Morgen" in (output / "angebote" / "deutschkurs-a1" / "index.html").read_text()
    # … and not used by the next build: it now holds the site published before, exactly
    assert {k: v for k, v in _snapshot(staging).items() if k != ".buildinfo.json"} == {
        k: v for k, v in before.items() if k != ".buildinfo.json"}


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 (elsewhere three renames are used)")
def test_swap_exchanges_in_one_step(tmp_path, monkeypatch):
    target, staging = tmp_path / "output", tmp_path / ".output.next"
    target.mkdir()
    (target / "index.html").write_text("alt")
    staging.mkdir()
    (staging / "index.html").write_text("neu")

    def no_rename(*args):
        raise AssertionError("renames would leave a moment without a site")

    monkeypatch.setattr(os, "replace", no_rename)
    site_folders.publish(staging, target)
    assert (target / "index.html").read_text() == "neu"
    assert (staging / "index.html").read_text() == "alt"  # the next build's folder
