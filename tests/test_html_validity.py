"""Every built page is valid HTML according to the Nu Html Checker (vnu.jar)."""

from __future__ import annotations

import json
import shutil
import subprocess

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(example_site):
    java = shutil.which("java")
    assert java, "java is needed for the Nu Html Checker (make test installs it)"
    assert VNU.is_file(), "vnu.jar missing: run make test (npm ci)"
    proc = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--skip-non-html", str(example_site)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(proc.stderr or "{}").get("messages", [])
    errors = [
        f"{m.get('url', '').split('/output/')[-1]}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert errors == [], "\n".join(errors[:30])
    # the <meta> CSP holds only directives the checker can judge on files (see core/security.py)
    csp = [m.get("message") for m in messages if "Content Security Policy" in m.get("message", "")]
    assert csp == [], csp[:5]
    pages = list(example_site.rglob("*.html"))
    assert len(pages) > 100
