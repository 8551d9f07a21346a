"""CONTRIBUTING.md: German guide for providers, generated from the schemas, committed and up to date."""

from __future__ import annotations

import os
import re
import shutil

from conftest import ROOT, copy_data, make_project

from wegweiser.build.run import read_settings
from wegweiser.cli import main
from wegweiser.submissions.contributing import CONTRIBUTING_FILE, contributing
from wegweiser.submissions.field_docs import field_docs, value_form
from wegweiser.content.schema import load_schemas
from wegweiser.submissions.submission import SubmitSettings

SCHEMAS = load_schemas(ROOT / "data")


def _fresh() -> str:
    settings = read_settings(ROOT / "pelicanconf.py")
    return contributing(SCHEMAS, SubmitSettings.from_settings(settings), settings.get("SITEURL") or "")


def test_committed_contributing_is_up_to_date():
    assert (ROOT / CONTRIBUTING_FILE).read_text(encoding="utf-8") == _fresh(), "run: wegweiser docs"


def test_every_field_is_explained_with_its_title_and_allowed_values():
    text = _fresh()
    for kind, table in (("offer", SCHEMAS.offer), ("provider", SCHEMAS.provider)):
        for doc in field_docs(SCHEMAS, kind):
            mark = "Pflichtfeld" if doc.required else "optional"
            assert f"#### `{doc.name}` – {doc.title} ({mark})" in text
            assert doc.description.replace("<", "&lt;") in text
        for row in SCHEMAS.vocabularies["provider_kinds"].rows:
            assert f"`{row['id']}` ({row['label']})" in text


def test_guide_explains_the_three_ways_and_the_editor_route():
    text = _fresh()
    for heading in ("### 1. Mit dem Formular", "### 2. Per E-Mail", "### 3. Per Pull Request",
                    "### Felder im Editor prüfen (VS Code)"):
        assert heading in text
    assert "mailto:bildungsbuero@landkreis-musterland.example" in text
    assert "wegweiser validate" in text and ".github/workflows/validate.yml" in text and ".gitlab-ci.yml" in text
    assert "# yaml-language-server: $schema=../../schemas/offer.frontmatter.schema.json" in text
    prose = re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", text, flags=re.S))
    assert "<" not in prose.replace("<!--", "")  # placeholders like <kennung> only inside code


def test_value_forms_are_german():
    fields = SCHEMAS.offer.by_name
    assert value_form(fields["title"]) == "Text, 3 bis 120 Zeichen"
    assert value_form(fields["age_min"]) == "ganze Zahl von 0 bis 120"
    assert value_form(fields["target_groups"]).endswith("mindestens 1 Eintrag")
    assert value_form(fields["start_date"]) == "Datum im Format JJJJ-MM-TT von 1900-01-01 bis 2099-12-31"


def test_docs_command_writes_and_checks(tmp_path, capsys):
    project = make_project(tmp_path / "project", extra='WEGWEISER_DATA_PATH = str(HERE / "data")\nWEGWEISER_ROOT = str(HERE)')
    (project / "content").symlink_to(ROOT / "content")
    copy_data(project / "data")
    cwd = os.getcwd()
    os.chdir(project)
    try:
        assert main(["docs", "--check"]) == 1
        assert "CONTRIBUTING.md ist veraltet" in capsys.readouterr().out
        assert main(["docs"]) == 0
        assert (project / CONTRIBUTING_FILE).read_text(encoding="utf-8") == \
            (ROOT / CONTRIBUTING_FILE).read_text(encoding="utf-8")
        assert main(["docs", "--check"]) == 0
        topics = project / "data" / "vocabularies" / "topics.csv"
        topics.write_text(topics.read_text(encoding="utf-8") + "robotik,Robotik,Roboter bauen.,\n", encoding="utf-8")
        assert main(["docs", "--check"]) == 1
        out = capsys.readouterr().out
        assert "schemas/offer.frontmatter.schema.json ist veraltet" in out
    finally:
        os.chdir(cwd)
