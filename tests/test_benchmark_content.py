"""The benchmarks' synthetic guide (benchmarks/generate.py) is a valid guide: the figures measure a guide
that validates and builds, not an error path."""

from __future__ import annotations

import runpy

from conftest import ROOT

from wegweiser.catalog.project import Project


def test_generated_guide_validates_with_german_pages_only(tmp_path):
    generate = runpy.run_path(str(ROOT / "benchmarks" / "generate.py"))["generate"]
    generate(12, tmp_path / "guide")
    settings = runpy.run_path(str(tmp_path / "guide" / "pelicanconf.py"))
    assert settings["WEGWEISER_LANGUAGES"] == ["de"]  # the pages Hugo builds too
    validation = Project.from_settings(settings, tmp_path / "guide").validate()
    assert [f.as_text() for f in validation.findings if f.is_error] == []
    assert len(list((tmp_path / "guide" / "content" / "offers").glob("*.md"))) == 12
