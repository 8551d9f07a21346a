"""``wegweiser validate --format gitlab``: a GitLab Code Quality report with file and line."""

from __future__ import annotations

import json
import os
import shutil

from conftest import FIXTURES

from wegweiser.cli import main


def test_gitlab_format_is_a_code_quality_report(minimal_project, capsys):
    shutil.copy(FIXTURES / "invalid" / "offers" / "end-before-start.md", minimal_project / "content" / "offers")
    shutil.copy(FIXTURES / "invalid" / "offers" / "summary-too-long.md", minimal_project / "content" / "offers")
    cwd = os.getcwd()
    os.chdir(minimal_project)
    try:
        assert main(["validate", "--format", "gitlab"]) == 1
    finally:
        os.chdir(cwd)
    report = json.loads(capsys.readouterr().out)
    errors = [issue for issue in report if issue["severity"] == "major"]
    assert [(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in errors] == [
        ("date-order", "content/offers/end-before-start.md", 9),
        ("max-length", "content/offers/summary-too-long.md", 4),
    ]
    assert errors[0]["description"].startswith("„end_date“: Das Ende (2027-02-01) liegt vor dem Beginn")
    assert {i["severity"] for i in report} == {"major", "minor"}  # warnings are minor
    assert len({i["fingerprint"] for i in report}) == len(report)
    for issue in report:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["location"]["lines"]["begin"] >= 1
