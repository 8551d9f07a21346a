"""Every WEGWEISER_ setting the code reads is documented in the README."""

from __future__ import annotations

import re

from conftest import ROOT


def _settings_in(paths) -> set[str]:
    names = set()
    for path in paths:
        names |= set(re.findall(r"\bWEGWEISER_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    return names - {"WEGWEISER_SITEURL"}  # environment variable of publishconf, documented separately


def test_every_setting_is_documented():
    code = list((ROOT / "plugins").rglob("*.py")) + list((ROOT / "theme").rglob("*.html")) + [ROOT / "pelicanconf.py"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`(WEGWEISER_[A-Z_]+)`", readme))
    used = _settings_in(code)
    assert used, "no settings found"
    assert used - documented == set()
