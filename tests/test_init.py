"""`wegweiser init`: from an empty folder to a published guide with the docs alone.

init → municipalities from the Gemeindeverzeichnis → a messy list imported with transforms
alone → `make html` → 0 errors; once the placeholders are replaced, 0 warnings; the site
audit (Nu Html Checker, internal links, axe in Chromium) finds nothing."""

from __future__ import annotations

import builtins
import os
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from browser import describe, phone_page, run_axe
from conftest import FIXTURES, ROOT, run_cli, serve

from wegweiser.checks.pages import PLACEHOLDER

WEGWEISER = Path(sys.executable).parent / "wegweiser"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
GV = FIXTURES / "gemeindeverzeichnis" / "AuszugGV4QAktuell-Auszug.xlsx"
SCHOOLS = FIXTURES / "import" / "grundschulen-gifhorn.csv"
ANSWERS = ["--county", "Landkreis Gifhorn", "--ags", "03151", "--email", "bildungsbuero@gifhorn.example",
           "--repo-url", "https://github.com/landkreis-gifhorn/bildungswegweiser", "--no-input"]


def _init(folder: Path, *extra: str) -> int:
    folder.parent.mkdir(parents=True, exist_ok=True)
    return run_cli(folder.parent, "init", folder.name, *ANSWERS, *extra)


def _make_html(guide: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "html", f"WEGWEISER={WEGWEISER}"], cwd=guide, capture_output=True, text=True,
                          timeout=600)


def _validate(guide: Path) -> dict:
    proc = subprocess.run([str(WEGWEISER), "validate", "--format", "json"], cwd=guide, capture_output=True,
                          text=True, timeout=300)
    return {"exit": proc.returncode, "findings": json.loads(proc.stdout)}


@pytest.fixture(scope="module")
def guide(tmp_path_factory) -> SimpleNamespace:
    """A new guide for Landkreis Gifhorn: init, its municipalities, the school list, placeholders replaced."""
    folder = tmp_path_factory.mktemp("new") / "bildung-gifhorn"
    assert _init(folder) == 0
    with (folder / "pelicanconf.py").open("a", encoding="utf-8") as fh:
        fh.write('WEGWEISER_TODAY = "2026-11-23"  # the date of the test: reviewed dates stay fresh\n')
    placeholders = _validate(folder)
    assert run_cli(folder, "import", str(GV), "--kind", "municipalities") == 0
    assert run_cli(folder, "import", str(SCHOOLS), "--kind", "offers",
                   "--mapping", str(ROOT / "docs" / "import" / "grundschulen.yaml")) == 0
    built = _make_html(folder)
    for page in (folder / "content" / "pages").glob("*.md"):
        page.write_text(PLACEHOLDER.sub("Beispielangabe des Landkreises", page.read_text(encoding="utf-8")),
                        encoding="utf-8")
    return SimpleNamespace(path=folder, placeholders=placeholders, first_build=built)


def test_the_repository_holds_only_what_is_the_countys(guide):
    files = {p.relative_to(guide.path).as_posix() for p in guide.path.rglob("*") if p.is_file()
             and not p.relative_to(guide.path).parts[0] in ("output", ".cache", ".output.next")}
    for expected in ("pelicanconf.py", "publishconf.py", "Makefile", "README.md", "requirements.txt", ".gitignore",
                     "CONTRIBUTING.md", ".github/workflows/validate.yml", ".github/workflows/pages.yml",
                     ".gitlab-ci.yml", "content/pages/impressum.md", "content/pages/datenschutz.md",
                     "content/pages/barrierefreiheit.md", "content/pages/leichte-sprache.md",
                     "data/vocabularies/municipalities.csv", "schemas/offer.frontmatter.schema.json"):
        assert expected in files, expected
    # no copy of the product: theme, plugin, schemas and default vocabularies come from the package
    assert not [f for f in files if f.startswith(("theme/", "plugins/", "data/schemas/"))]
    assert [f for f in files if f.startswith("data/vocabularies/")] == ["data/vocabularies/municipalities.csv"]
    settings = (guide.path / "pelicanconf.py").read_text(encoding="utf-8")
    assert "from wegweiser.settings import *" in settings and "THEME =" not in settings
    assert 'WEGWEISER_COUNTY = "Landkreis Gifhorn"' in settings
    assert 'WEGWEISER_REPO_HOST = "github"' in settings  # derived from the repository address
    assert "Bildungsangebote im Landkreis Gifhorn" in settings
    assert re.fullmatch(r"bildungswegweiser~=\d+\.\d+", (guide.path / "requirements.txt").read_text().splitlines()[-1])


def test_placeholders_are_warned_about_until_replaced(guide):
    before = guide.placeholders
    assert before["exit"] == 0
    codes = {f["code"] for f in before["findings"]}
    assert codes == {"page-placeholder"}
    written = sum(len(PLACEHOLDER.findall(t.read_text(encoding="utf-8")))
                  for t in (ROOT / "plugins" / "wegweiser" / "new_guide" / "files" / "content" / "pages").glob("*"))
    assert len(before["findings"]) == written > 10
    impressum = next(f for f in before["findings"] if f["file"] == "content/pages/impressum.md")
    assert impressum["line"] and "Platzhalter" in impressum["message"]
    after = _validate(guide.path)
    assert after == {"exit": 0, "findings": []}


def test_make_html_builds_the_new_guide(guide):
    first = guide.first_build
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Keine Fehler gefunden." in first.stdout
    built = _make_html(guide.path)  # with the placeholders replaced: no warnings either
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Warnung" not in built.stdout + built.stderr
    site = guide.path / "output"
    assert (site / "angebote" / "grundschule-westerbeck" / "index.html").is_file()
    assert (site / "orte" / "mueden-aller" / "index.html").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Landkreis Gifhorn" in home and "Beispieldaten" not in home
    assert "Beispielangabe des Landkreises" in (site / "impressum" / "index.html").read_text(encoding="utf-8")


def _internal_targets(site: Path):
    for page in site.rglob("*.html"):
        for link in re.findall(r'(?:href|src)="(/[^"#?]*)', page.read_text(encoding="utf-8")):
            yield page, link


def test_site_audit_finds_nothing(guide, chromium):
    site = guide.path / "output"
    assert (site / "index.html").is_file()
    links = list(_internal_targets(site))
    assert len(links) > 500
    broken = sorted({f"{page.relative_to(site)} → {link}" for page, link in links
                     if not (site / link.lstrip("/")).is_file() and not (site / link.lstrip("/") / "index.html").is_file()})
    assert broken == []
    java = shutil.which("java")
    assert java and VNU.is_file(), "the Nu Html Checker needs java and vnu.jar (make test installs both)"
    proc = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--skip-non-html", str(site)],
                          capture_output=True, text=True, timeout=600)
    errors = [f"{m.get('url', '').split('/output/')[-1]}:{m.get('lastLine')}: {m.get('message')}"
              for m in json.loads(proc.stderr or "{}").get("messages", [])
              if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert errors == []
    with serve(site) as base:
        for path in ("/", "/angebote/grundschule-westerbeck/", "/anbieter/grundschule-westerbeck/",
                     "/orte/gifhorn/", "/impressum/", "/barrierefreiheit/", "/leichte-sprache/", "/suche/",
                     "/mitmachen/", "/404.html"):
            with phone_page(chromium) as page:
                page.goto(base + path)
                violations = run_axe(page)
                assert violations == [], f"{path}: {describe(violations)}"
                assert page.foreign_requests == []


def test_init_asks_for_what_is_missing(tmp_path, monkeypatch):
    answers = iter(["Region Hannover", "", "03241", "bildung@region-hannover.example",
                    "https://gitlab.com/region-hannover/bildung", "", ""])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(builtins, "input", lambda prompt: next(answers))
    assert run_cli(tmp_path, "init", "neu") == 0
    settings = (tmp_path / "neu" / "pelicanconf.py").read_text(encoding="utf-8")
    assert "Bildungsangebote in der Region Hannover" in settings  # the suggested form, taken with Enter
    assert 'WEGWEISER_AGS = "03241"' in settings and 'WEGWEISER_REPO_HOST = "gitlab"' in settings


def test_init_refuses_bad_answers_and_a_folder_in_use(tmp_path, capsys):
    assert _init(tmp_path / "a", "--ags", "3151") == 1
    assert "kein Kreisschlüssel" in capsys.readouterr().err
    used = tmp_path / "b"
    used.mkdir()
    (used / "notiz.txt").write_text("meins", encoding="utf-8")
    assert _init(used) == 1
    assert "ist nicht leer" in capsys.readouterr().err
    assert [p.name for p in used.iterdir()] == ["notiz.txt"]
    assert run_cli(tmp_path, "init", "c", "--county", "Landkreis Gifhorn", "--no-input") == 1
    assert "--ags, --email" in capsys.readouterr().err


def _check_jsonschema(path: Path, schema: str):
    tool = Path(sys.executable).parent / "check-jsonschema"
    proc = subprocess.run([str(tool), "--builtin-schema", schema, str(path)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ci_files_validate_requests_and_publish_main(guide):
    _check_jsonschema(guide.path / ".github" / "workflows" / "validate.yml", "vendor.github-workflows")
    _check_jsonschema(guide.path / ".github" / "workflows" / "pages.yml", "vendor.github-workflows")
    _check_jsonschema(guide.path / ".gitlab-ci.yml", "vendor.gitlab-ci")
    pages = yaml.safe_load((guide.path / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    assert pages[True]["push"]["branches"] == ["main"]
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    runs = [s.get("run", "") for s in build["steps"]]
    assert "pip install -r requirements.txt" in runs
    assert "wegweiser build --settings publishconf.py --output public" in runs
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"])
    assert deploy["needs"] == "build" and deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    validate = yaml.safe_load((guide.path / ".github" / "workflows" / "validate.yml").read_text(encoding="utf-8"))
    assert "pull_request" in validate[True]
    assert "wegweiser validate --format github" in [s.get("run") for s in validate["jobs"]["validate"]["steps"]]
    gitlab = yaml.safe_load((guide.path / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert gitlab["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert any("--output public" in line and "CI_PAGES_URL" in line for line in gitlab["pages"]["script"])
    assert "wegweiser validate --format gitlab > gl-code-quality-report.json || true" in gitlab["validate"]["script"]


def test_publish_uses_the_pages_address(guide):
    proc = subprocess.run([str(WEGWEISER), "build", "--settings", "publishconf.py", "--output", "public"], cwd=guide.path,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "WEGWEISER_SITEURL": "https://landkreis-gifhorn.github.io/bildungswegweiser"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    home = (guide.path / "public" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://landkreis-gifhorn.github.io/bildungswegweiser/theme/css/main.css"' in home
    assert (guide.path / "public" / "sitemap.xml").is_file()
