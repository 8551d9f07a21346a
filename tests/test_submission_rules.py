"""The form's checks (theme/static/js/submit-core.js) against ``wegweiser validate`` on shared fixtures.

The JavaScript runs in Node on the same values as Python: the invalid fixtures under
tests/fixtures/invalid, every entry of the example content, and form inputs whose
file (written by the JavaScript) Python validates.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from conftest import FIXTURES, ROOT, core_settings
from test_validation_rules import CASES

from wegweiser.submissions.form_messages import FORM_MESSAGES
from wegweiser.content.frontmatter import read_source
from wegweiser.content.loading import _normalise_lists
from wegweiser.checks.messages import TEMPLATES
from wegweiser.catalog.project import Project
from wegweiser.content.schema import KIND_FOLDERS, load_schemas
from wegweiser.submissions.submission import SubmitSettings, entry_payload, form_config, jsonable

NODE = shutil.which("node")
CORE_JS = ROOT / "theme" / "static" / "js" / "submit-core.js"
SCHEMAS = load_schemas(ROOT / "data")
#: codes the form can report (the rest need the other files: duplicate keys, id = file name, …)
FORM_CODES = {key.split(".")[0] for key in FORM_MESSAGES}
HARNESS = f"""
const W = require({json.dumps(str(CORE_JS))});
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = input.cases.map(c => {{
  const r = W.validate(input.config, c.kind, c.raw, {{isNew: !!c.isNew}});
  return {{findings: r.findings.map(f => [f.field, f.code]),
           messages: r.findings.map(f => W.message(input.config, c.kind, f)),
           text: W.renderFile(input.config, c.kind, r.values, c.body || "")}};
}});
process.stdout.write(JSON.stringify(out));
"""


def run_js(config: dict, cases: list[dict]) -> list[dict]:
    assert NODE, "node is required (make test installs it)"
    proc = subprocess.run([NODE, "-e", HARNESS], input=json.dumps({"config": config, "cases": cases}),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def config_for(project_root: Path) -> dict:
    """The form configuration of a project, built from its files (it may contain errors)."""
    content = project_root / "content"
    providers = sorted(p.stem for p in (content / "providers").glob("*.md"))
    images = sorted(p.relative_to(content / "images").as_posix() for p in (content / "images").rglob("*")
                    if p.is_file()) if (content / "images").is_dir() else []
    existing = {kind: sorted(p.stem for p in (content / folder).glob("*.md")) for kind, folder in KIND_FOLDERS.items()}
    return form_config(SCHEMAS, SubmitSettings.from_settings({"WEGWEISER_OFFICE_EMAIL": "a@b.example"}),
                       providers, existing, images)


def raw_values(path: Path, kind: str) -> dict:
    """A file's values as the form would hold them (dates as JJJJ-MM-TT)."""
    schema = SCHEMAS.for_kind(kind)
    literal = {f.name for f in schema.fields if f.type == "string" or f.is_list}
    src = read_source(path, path.name, literal)
    _normalise_lists(src, schema)
    return {k: jsonable(v) for k, v in src.values.items() if v is not None}


def python_errors(project_root: Path) -> dict[str, set]:
    validation = Project.from_settings(core_settings(project_root)).validate()
    found: dict[str, set] = {}
    for f in validation.errors:
        found.setdefault(f.file.rsplit("/", 1)[-1][:-3], set()).add((f.field, f.code))
    return found


#: every rule of core/rules.py, and whether the form runs it too (submit-core.js checkRules);
#: a new rule must be added here, and to the form where the form can know enough
FORM_RULES = {
    "check_unknown_fields": "the form has exactly the schema's fields",
    "check_id_matches_filename": "the form names the file after the id",
    "check_date_order": "mirrored",
    "check_age_order": "mirrored",
    "check_link_schemes": "mirrored",
    "check_images": "mirrored (the form knows the files in content/images)",
    "check_image_files": "only for files already in the guide, which passed it",
    "check_markup_in_text": "mirrored",
    "check_characters": "mirrored for control and bidi characters; invisible ones are a warning only",
    "check_unsafe_body": "needs a Markdown renderer; the body is sanitised anyway and the pull request checks it",
    "check_markdown_limits": "only hostile text goes beyond them; the pull request checks it",
    "check_coordinates": "mirrored",
    "check_postcode_matches_municipality": "mirrored",
    "check_location_required": "mirrored",
    "check_reviewed": "warning only; the form sets today's date",
    "check_expired": "warning only",
    "check_translations": "the form writes German only; translations come by `wegweiser translate import`",
}


def test_every_rule_is_known_to_the_form():
    from wegweiser.checks.rules import RULES

    assert {rule.__name__ for rule in RULES} == set(FORM_RULES), \
        "a rule was added or removed: mirror it in theme/static/js/submit-core.js or say why not"


def test_form_messages_use_the_codes_of_wegweiser_validate():
    assert FORM_CODES <= set(TEMPLATES)
    assert {"required", "type-error", "pattern", "date-order", "age-order", "link-scheme", "coords-outside",
            "postcode-municipality", "location-missing"} <= FORM_CODES


FORM_CASES = [(folder, case) for folder, case, expected in CASES if {code for _, code, _ in expected} <= FORM_CODES]


def test_the_form_checks_most_fixtures():
    assert len(FORM_CASES) >= 20


def test_js_reports_what_python_reports_on_the_invalid_fixtures(minimal_project):
    for folder, case in FORM_CASES:
        shutil.copy(FIXTURES / "invalid" / folder / f"{case}.md", minimal_project / "content" / folder)
    python = python_errors(minimal_project)
    config = config_for(minimal_project)
    kinds = {"offers": "offer", "providers": "provider"}
    cases = [{"kind": kinds[folder], "raw": raw_values(minimal_project / "content" / folder / f"{case}.md",
                                                     kinds[folder])} for folder, case in FORM_CASES]
    for (folder, case), js in zip(FORM_CASES, run_js(config, cases)):
        assert {tuple(f) for f in js["findings"]} == python.get(case, set()), case
        assert all(m and "{" not in m for m in js["messages"]), js["messages"]


BASE_OFFER = {
    "title": "Deutsch am Abend", "summary": "Ein Deutschkurs für Berufstätige am Abend.", "provider": "vhs-test",
    "area": "weiterbildung", "target_groups": ["erwachsene"], "format": "praesenz", "municipality": "musterstadt",
    "reviewed": "2026-11-01",
}
#: form inputs (strings, as the browser has them) -> the findings both must agree on
INPUT_CASES = {
    "ok": {},
    "ok-german-date-and-comma": {"start_date": "01.02.2027", "end_date": "2027-03-01", "cost_eur": "12,50"},
    "ok-online-without-place": {"format": "online", "municipality": None},
    "ok-image-with-alt": {"image": "kurs.png", "image_alt": "Ein Kursraum mit Tischen."},
    "ok-equal-ages": {"age_min": "16", "age_max": "16"},
    "ok-tricky-text": {"title": "Kurs: Deutsch # 1", "venue": "yes", "street": "2027-01-01",
                       "schedule": "- Mo 18:00", "contact_name": "„Frau“ 'Beispiel'"},
    "end-before-start": {"start_date": "2027-03-01", "end_date": "2027-02-01"},
    "invalid-date": {"start_date": "31.02.2027"},
    "age-reversed": {"age_min": "18", "age_max": "16"},
    "age-not-integer": {"age_min": "16.5"},
    "age-too-high": {"age_max": "121"},
    "negative-cost": {"cost_eur": "-5"},
    "javascript-link": {"url": "javascript:alert(1)"},
    "link-without-host": {"registration_url": "https://"},
    "mailto-without-at": {"registration_url": "mailto:anmeldung"},
    "link-without-scheme": {"url": "www.example.org"},
    "email-invalid": {"contact_email": "info(at)example.org"},
    "phone-pattern": {"contact_phone": "ruf an"},
    "postcode-pattern": {"postcode": "2930"},
    "postcode-mismatch": {"postcode": "29311"},
    "coords-outside": {"lat": "48.1", "lon": "2.3"},
    "coords-swapped": {"lat": "10.07", "lon": "52.62"},
    "coords-incomplete": {"lon": "10.07"},
    "location-missing": {"format": "hybrid", "municipality": None},
    "image-missing": {"image": "fehlt.jpg", "image_alt": "Ein Bild."},
    "image-outside": {"image": "../geheim.png", "image_alt": "Ein Bild."},
    "image-without-alt": {"image": "kurs.png"},
    "title-too-short": {"title": "A"},
    "summary-too-long": {"summary": "Wort " * 70},
    "title-missing": {"title": None},
    "no-target-group": {"target_groups": None},
    "html-in-title": {"title": "Kurs <b>neu</b>"},
    "entity-in-venue": {"venue": "Haus &amp; Hof"},
    "ok-ampersand-and-less-than": {"venue": "Haus & Hof", "cost_note": "Kinder < 6 Jahre frei"},
    "several": {"title": None, "age_min": "x", "url": "ftp://example.org", "lat": "52.6"},
    # hostile input (issue 21): both sides agree on e-mail addresses, links, characters, dates
    "email-quoted-local-part": {"contact_email": '"</script><script>alert(1)</script>"@vhs.example'},
    "email-latin-start-then-markup": {"contact_email": "ä<b>@vhs.example"},
    "email-with-query": {"contact_email": "kurs@vhs.example?bcc=spy@evil.example"},
    "email-ip-literal": {"contact_email": "kurs@[127.0.0.1]"},
    "ok-email-umlaut": {"contact_email": "müller@vhs.example"},
    "mailto-hidden-copy": {"registration_url": "mailto:kurs@vhs.example?bcc=spy@evil.example&body=Hallo"},
    "mailto-two-recipients": {"registration_url": "mailto:kurs@vhs.example,spy@evil.example"},
    "ok-mailto-with-subject": {"registration_url": "mailto:kurs@vhs.example?subject=Anmeldung"},
    "escape-in-title": {"title": "Kurs\u001b]0;gehackt\u0007"},
    "newline-in-title": {"title": "Kurs\nneu"},
    "bidi-override-in-venue": {"venue": "Haus \u202eA"},
    "ok-newline-in-summary": {"summary": "Erste Zeile des Kurses.\nZweite Zeile."},
    "date-after-the-schema-allows": {"start_date": "9999-12-31"},
}


def test_js_and_python_agree_on_form_inputs_through_the_written_file(minimal_project):
    config = config_for(minimal_project)
    cases = []
    for name, change in INPUT_CASES.items():
        raw = {**BASE_OFFER, "id": name, **change}
        cases.append({"kind": "offer", "raw": {k: v for k, v in raw.items() if v is not None}, "isNew": True,
                      "body": "Mehr dazu."})
    results = run_js(config, cases)
    for name, js in zip(INPUT_CASES, results):
        (minimal_project / "content" / "offers" / f"{name}.md").write_text(js["text"], encoding="utf-8")
    python = python_errors(minimal_project)
    for name, js in zip(INPUT_CASES, results):
        expected = python.get(name, set())
        assert {tuple(f) for f in js["findings"]} == expected, (name, js["text"])
        assert bool(expected) != name.startswith("ok"), name
    assert python.keys() <= set(INPUT_CASES)


def test_a_new_entry_may_not_reuse_an_id(minimal_project):
    config = config_for(minimal_project)
    raw = {**BASE_OFFER, "id": "deutschkurs-a1"}
    new, change = run_js(config, [{"kind": "offer", "raw": raw, "isNew": True},
                                  {"kind": "offer", "raw": raw, "isNew": False}])
    assert new["findings"] == [["id", "duplicate-id"]]
    assert change["findings"] == []



def test_every_example_entry_passes_the_form_and_comes_back_unchanged(tmp_path, example_catalog):
    """Pre-filled from the site's data, unchanged, the form writes a file with the same values."""
    catalog = example_catalog
    config = config_for(ROOT)  # with the images the example content has
    assert config["kinds"]["offer"]["schema"]["properties"]["provider"]["enum"] == \
        sorted(p.id for p in catalog.providers)
    entries = [("offer", o) for o in catalog.offers] + [("provider", p) for p in catalog.providers]
    cases = []
    for kind, entry in entries:
        payload = json.loads(json.dumps(entry_payload(entry.values, entry.body)))
        cases.append({"kind": kind, "raw": payload["values"], "body": payload["body"]})
    identical = 0
    for (kind, entry), js in zip(entries, run_js(config, cases)):
        assert js["findings"] == [], (entry.id, js["findings"])
        path = tmp_path / f"{entry.id}.md"
        path.write_text(js["text"], encoding="utf-8")
        assert raw_values(path, kind) == {k: jsonable(v) for k, v in entry.values.items() if v is not None}
        assert read_source(path, path.name).body == entry.body
        identical += js["text"] == (ROOT / entry.source).read_text(encoding="utf-8")
    # the same layout as the files in git: a change suggestion shows only what changed
    assert identical >= 0.95 * len(entries), identical


TRICKY = ["yes", "No", "null", "~", "", " lead", "trail ", "123", "0815", "1e3", "-1", ".5", "0x1F", "2027-01-01",
          ": x", "a: b", "a:b", "x:", "a #b", "#x", "- x", "-x", "[x]", "{x}", "x, y", "'q'", '"q"', "@x", "`x", "%x",
          "&a", "*a", "!tag", "|", ">", "?", "a\nb", "tab\there", "\\", "C:\\pfad", "ä ö ü ß €", "Mo–Fr 18:00",
          "\u2028", "\u0085x", "x\u007f", "<<", "=", ".inf", "True", "on", "https://x.example/a#b", "😀 Emoji"]


def test_written_text_values_read_back_exactly(tmp_path, minimal_project):
    config = config_for(minimal_project)
    cases = [{"kind": "offer", "raw": {"id": "x", "title": s, "topics": ["a, b", "yes", "[c]"]}} for s in TRICKY]
    for s, js in zip(TRICKY, run_js(config, cases)):
        path = tmp_path / "x.md"
        path.write_text(js["text"], encoding="utf-8")
        src = read_source(path, "x.md", {"id", "title", "topics"})
        assert src.ok, (s, js["text"], [f.message for f in src.findings])
        assert src.values.get("title") == (s or None), (s, js["text"])
        assert src.values["topics"] == ["a, b", "yes", "[c]"]


PR_JS = f"""
const W = require({json.dumps(str(CORE_JS))});
const i = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(i.map(c => c.mail ? W.mailtoUrl(c.to, c.subject, c.body)
  : W.pullRequestUrl(c.submit, c.folder, c.name, c.text, c.change))));
"""
FILE = "---\nid: neu\ntitle: \"Kurs: Deutsch & mehr\"\n---\n\nÄrger? 100 % #1 + Umlaute ü\n"


def _js_urls(cases):
    proc = subprocess.run([NODE, "-e", PR_JS], input=json.dumps(cases), capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def test_pull_request_and_mail_links_carry_the_whole_file():
    github = {"repoUrl": "https://github.com/kreis/wegweiser", "repoHost": "github", "branch": "main"}
    gitlab = {"repoUrl": "https://gitlab.example.org/kreis/wegweiser/", "repoHost": "gitlab", "branch": "release/2027"}
    new_gh, new_gl, edit_gh, edit_gl, mail = _js_urls([
        {"submit": github, "folder": "content/offers", "name": "neu.md", "text": FILE, "change": False},
        {"submit": gitlab, "folder": "content/offers", "name": "neu.md", "text": FILE, "change": False},
        {"submit": github, "folder": "content/offers", "name": "neu.md", "text": FILE, "change": True},
        {"submit": gitlab, "folder": "content/providers", "name": "vhs.md", "text": FILE, "change": True},
        {"mail": True, "to": "buero@kreis.example", "subject": "Neues Angebot: Kurs & mehr", "body": FILE},
    ])
    parts = urlsplit(new_gh)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/kreis/wegweiser/new/main/content/offers")
    assert parse_qs(parts.query) == {"filename": ["neu.md"], "value": [FILE]}
    parts = urlsplit(new_gl)
    assert parts.path == "/kreis/wegweiser/-/new/release/2027/content/offers"
    assert parse_qs(parts.query) == {"file_name": ["neu.md"], "content": [FILE]}
    assert edit_gh == "https://github.com/kreis/wegweiser/edit/main/content/offers/neu.md"
    assert edit_gl == "https://gitlab.example.org/kreis/wegweiser/-/edit/release/2027/content/providers/vhs.md"
    parts = urlsplit(mail)
    assert parts.scheme == "mailto" and unquote(parts.path) == "buero@kreis.example"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Neues Angebot: Kurs & mehr"]
    assert "%0D%0A" in mail and "\n" not in mail and " " not in mail
    assert query["body"] == [FILE.replace("\n", "\r\n")]
