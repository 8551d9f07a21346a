"""Findings as a GitLab Code Quality report (``wegweiser validate --format gitlab``).

GitLab shows the report of a merge request's pipeline in the merge request,
each finding with its file and line. Format: a JSON array of issues with
description, check_name, fingerprint, severity and location (path, lines.begin).
"""

from __future__ import annotations

import hashlib
import json

from wegweiser.checks.findings import Finding

SEVERITIES = {"error": "major", "warning": "minor"}


def issue(finding: Finding) -> dict:
    where = f"„{finding.field}“: " if finding.field else ""
    description = f"{where}{finding.message}" + (f" {finding.hint}" if finding.hint else "")
    key = "\x1f".join(str(part) for part in (finding.file, finding.line, finding.field, finding.code,
                                            finding.value, finding.message))
    return {
        "description": description,
        "check_name": finding.code,
        "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
        "severity": SEVERITIES.get(finding.severity, "info"),
        "location": {"path": finding.file, "lines": {"begin": finding.line or 1}},
    }


def code_quality_report(findings) -> str:
    return json.dumps([issue(f) for f in findings], ensure_ascii=False, indent=2) + "\n"
