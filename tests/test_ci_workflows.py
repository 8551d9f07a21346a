"""The GitHub workflow and the GitLab pipeline that check pull requests touching content/ or data/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "validate.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str | None:
    found = BIN / name
    return str(found) if found.is_file() else shutil.which(name)


@pytest.mark.parametrize("path,schema", [(WORKFLOW, "vendor.github-workflows"), (GITLAB, "vendor.gitlab-ci")])
def test_ci_file_is_valid_against_schemastore(path, schema):
    tool = _tool("check-jsonschema")
    assert tool, "check-jsonschema is in the test extra (pip install -e '.[test]')"
    proc = subprocess.run([tool, "--builtin-schema", schema, str(path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _run_lines(steps) -> list[str]:
    return [line.strip() for step in steps if "run" in step for line in step["run"].splitlines() if line.strip()]


def test_workflow_checks_pull_requests_on_content_and_data_then_builds():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # PyYAML reads the key "on" as true
    assert sorted(triggers["pull_request"]["paths"]) == ["content/**", "data/**"]
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    uses = [step.get("uses", "") for step in job["steps"]]
    assert any(u.startswith("actions/checkout@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)
    runs = _run_lines(job["steps"])
    assert runs.index("pip install -e .") < runs.index("wegweiser validate --format github") < runs.index("make html")
    cache = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/wegweiser"  # parsed files of earlier runs
    assert job["steps"].index(cache) < next(i for i, step in enumerate(job["steps"])
                                            if step.get("run") == "wegweiser validate --format github")


def test_gitlab_pipeline_reports_code_quality_then_builds():
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    rule = pipeline["workflow"]["rules"][0]
    assert rule["if"] == '$CI_PIPELINE_SOURCE == "merge_request_event"'
    assert sorted(rule["changes"]) == ["content/**/*", "data/**/*"]
    validate, build = pipeline["validate"], pipeline["build"]
    assert "wegweiser validate --format gitlab > gl-code-quality-report.json || true" in validate["script"]
    assert "wegweiser validate" in validate["script"]  # fails the job and prints the German findings
    assert validate["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert validate["artifacts"]["when"] == "always"
    assert build["needs"] == ["validate"] and "make html" in build["script"]
    assert ".cache/wegweiser" in pipeline["default"]["cache"]["paths"]  # parsed files of earlier runs
