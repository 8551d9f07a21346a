"""A guide made with `wegweiser init` is upgraded by upgrading the package: theme, schemas, default
vocabularies and lunr.js travel in the wheel, and a new version changes the guide's site without a
change to the guide's repository."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

CHANGED_FOOTER = "Bildungswegweiser, Version aus dem Test"


def _copy_source(target: Path) -> Path:
    """The files a wheel is built from, with the theme changed as a new version would change it."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("plugins", "theme"):
        shutil.copytree(ROOT / name, target / name, symlinks=True, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, target / name)
    footer = target / "theme" / "templates" / "components" / "site_footer.html"
    text = footer.read_text(encoding="utf-8")
    footer.write_text(text.replace("</footer>", f"<p>{CHANGED_FOOTER}</p>\n</footer>"), encoding="utf-8")
    return target


def _state(guide: Path) -> dict[str, str]:
    """Every file of the guide's repository (not what builds write) by its SHA-256."""
    return {p.relative_to(guide).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(guide.rglob("*")) if p.is_file()
            and p.relative_to(guide).parts[0] not in ("output", ".cache")
            and not p.relative_to(guide).parts[0].startswith(".output.")}


def _build(guide: Path, pythonpath: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    return subprocess.run([sys.executable, "-c", "import sys, wegweiser, wegweiser.cli; print(wegweiser.__file__); "
                           "sys.exit(wegweiser.cli.main(['build']))"], cwd=guide, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel of a changed copy of this repository, built as pip builds it."""
    work = tmp_path_factory.mktemp("wheel")
    source = _copy_source(work / "source")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--disable-pip-version-check",
                           "-w", str(work / "dist"), str(source)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (found,) = (work / "dist").glob("bildungswegweiser-*.whl")
    return found


def test_the_wheel_carries_theme_schemas_vocabularies_and_init_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("wegweiser/theme/templates/base.html", "wegweiser/theme/static/css/main.css",
                     "wegweiser/defaults/schemas/offer.schema.json", "wegweiser/defaults/vocabularies/topics.csv",
                     "wegweiser/defaults/vocabularies/municipalities.schema.json",
                     "wegweiser/new_guide/files/dot-github/workflows/pages.yml",
                     "wegweiser/new_guide/files/content/pages/impressum.md.j2", "wegweiser/settings.py"):
        assert expected in names, expected
    theme = {n for n in names if n.startswith("wegweiser/theme/")}
    assert len(theme) == len([p for p in (ROOT / "theme").rglob("*") if p.is_file()])


def test_an_upgrade_changes_the_guides_site_and_not_its_repository(wheel, tmp_path):
    guide = tmp_path / "guide"
    assert run_cli(tmp_path, "init", "guide", "--county", "Landkreis Gifhorn", "--ags", "03151",
                   "--email", "bildungsbuero@gifhorn.example", "--no-input") == 0
    before = _build(guide)
    assert before.returncode == 0, before.stdout + before.stderr
    assert before.stdout.splitlines()[0].startswith(str(ROOT / "plugins"))  # the installed (editable) package
    assert CHANGED_FOOTER not in (guide / "output" / "index.html").read_text(encoding="utf-8")
    repository = _state(guide)

    upgraded = tmp_path / "site-packages"  # the new version, installed where Python finds it first
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--disable-pip-version-check",
                           "--target", str(upgraded), str(wheel)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = _build(guide, str(upgraded))
    assert after.returncode == 0, after.stdout + after.stderr
    assert after.stdout.splitlines()[0].startswith(str(upgraded))
    for page in ("index.html", "impressum/index.html", "404.html"):
        assert CHANGED_FOOTER in (guide / "output" / page).read_text(encoding="utf-8"), page
    assert _state(guide) == repository


def test_a_guides_own_template_overrides_the_packages_also_when_rebuilt(tmp_path):
    from wegweiser.build.run import build

    guide = tmp_path / "guide"
    assert run_cli(tmp_path, "init", "guide", "--county", "Landkreis Gifhorn", "--ags", "03151",
                   "--email", "bildungsbuero@gifhorn.example", "--no-input") == 0
    own = guide / "templates" / "components" / "site_footer.html"
    own.parent.mkdir(parents=True)
    package_footer = (ROOT / "theme" / "templates" / "components" / "site_footer.html").read_text(encoding="utf-8")
    own.write_text(package_footer.replace("</footer>", "<p>Ein Angebot des Landkreises Gifhorn</p>\n</footer>"),
                   encoding="utf-8")
    assert build(guide / "pelicanconf.py").ok
    assert "Ein Angebot des Landkreises Gifhorn" in (guide / "output" / "a-z" / "index.html").read_text(encoding="utf-8")
    own.write_text(own.read_text(encoding="utf-8").replace("Ein Angebot", "Ein Service"), encoding="utf-8")
    assert build(guide / "pelicanconf.py").ok  # the next build reuses unchanged pages: this one must not be
    page = (guide / "output" / "a-z" / "index.html").read_text(encoding="utf-8")
    assert "Ein Service des Landkreises Gifhorn" in page and "Ein Angebot" not in page
