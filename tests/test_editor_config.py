"""The editor's configuration is the schemas': every field, required flag and allowed value; /admin/ is
built only when asked for, from the package's copy of Decap CMS, with its own policy, and stays out
of the sitemap, the search and the index."""

from __future__ import annotations

import json
import re
import runpy
import subprocess

import pytest
import yaml
from conftest import ROOT, make_project

from wegweiser.content.loading import load_sources
from wegweiser.content.schema import KIND_FOLDERS, load_schemas
from wegweiser.content.static_pages import PAGE_KEYS
from wegweiser.editor import admin_files as admin
from wegweiser.editor.config import cms_config
from wegweiser.editor.settings import EditorSettings, EditorSettingsError
from wegweiser.i18n.content import KEYS, METHODS, translatable_fields
from wegweiser.i18n.provenance import language_name
from wegweiser.submissions.form_model import form_hint

SCHEMAS = load_schemas(ROOT / "data")
LANGUAGES = tuple(runpy.run_path(str(ROOT / "pelicanconf.py"))["WEGWEISER_LANGUAGES"])
GITLAB = {"WEGWEISER_CMS": True, "WEGWEISER_REPO_URL": "https://git.kreis-musterland.example/bildung/wegweiser",
          "WEGWEISER_REPO_HOST": "gitlab", "WEGWEISER_CMS_APP_ID": "4f2a"}
CONFIG = cms_config(SCHEMAS, EditorSettings.from_settings(GITLAB))


def _collection(name: str) -> dict:
    return next(c for c in CONFIG["collections"] if c["name"] == name)


@pytest.mark.parametrize("kind", ["offer", "provider"])
def test_every_field_of_the_schema_and_nothing_else(kind):
    table = SCHEMAS.for_kind(kind)
    fields = _collection(KIND_FOLDERS[kind])["fields"]
    assert [f["name"] for f in fields] == table.field_names + ["body"]
    for field in fields[:-1]:
        schema_field = table.by_name[field["name"]]
        assert field["required"] is schema_field.required, field["name"]
        assert field["label"] == schema_field.title
        assert field["hint"] == form_hint(schema_field.description)  # as in the submission form


@pytest.mark.parametrize("kind", ["offer", "provider"])
def test_allowed_values_are_the_vocabularies_with_their_labels(kind):
    table = SCHEMAS.for_kind(kind)
    checked = 0
    for field in _collection(KIND_FOLDERS[kind])["fields"][:-1]:
        resource = table.reference_of(field["name"])
        if resource == "providers":
            assert field["widget"] == "relation" and field["collection"] == "providers" and field["value_field"] == "id"
        elif resource:
            vocabulary = SCHEMAS.vocabularies[resource]
            assert field["widget"] == "select"
            assert [(o["value"], o["label"]) for o in field["options"]] == [
                (row["id"], row["label"]) for row in vocabulary.rows]
            assert field.get("multiple", False) is table.by_name[field["name"]].is_list
            checked += 1
        else:
            assert field["widget"] not in ("select", "relation"), field["name"]
    assert checked == len([fk for fk in table.foreign_keys if fk["reference"]["resource"] != "providers"])


def test_types_become_widgets():
    fields = {f["name"]: f for f in _collection("offers")["fields"]}
    assert fields["age_min"]["widget"] == "number" and fields["age_min"]["value_type"] == "int"
    assert (fields["age_min"]["min"], fields["age_min"]["max"]) == (0, 120)
    assert fields["lat"]["value_type"] == "float" and (fields["lat"]["min"], fields["lat"]["max"]) == (47.2, 55.1)
    assert fields["start_date"]["widget"] == "datetime" and fields["start_date"]["format"] == "YYYY-MM-DD"
    assert fields["reviewed"]["default"] == "{{now}}"
    assert fields["summary"]["widget"] == "text" and fields["title"]["widget"] == "string"
    assert fields["image"]["widget"] == "image" and CONFIG["media_folder"] == "content/images"
    assert fields["image_alt"]["widget"] == "wegweiser-alt" and fields["image_alt"]["image_field"] == "image"
    assert fields["target_groups"]["min"] == 1


def _matches(pattern: str, values: list[str]) -> list[bool]:
    """``pattern`` tested as the editor tests it: a JavaScript RegExp."""
    script = "const [p, v] = JSON.parse(require('fs').readFileSync(0, 'utf8')); " \
             "process.stdout.write(JSON.stringify(v.map(x => new RegExp(p).test(x))))"
    out = subprocess.run(["node", "-e", script], input=json.dumps([pattern, values]), capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("kind", ["offer", "provider"])
def test_patterns_accept_every_example_value_and_refuse_what_validation_refuses(kind):
    table = SCHEMAS.for_kind(kind)
    sources = load_sources(ROOT / "content", SCHEMAS, ROOT)[kind]
    checked = 0
    for field in _collection(KIND_FOLDERS[kind])["fields"]:
        if "pattern" not in field:
            continue
        values = [str(src.values[field["name"]]) for src in sources if src.values.get(field["name"]) is not None]
        assert all(_matches(field["pattern"][0], values)), field["name"]
        checked += bool(values)
        constraints = table.by_name[field["name"]].constraints
        too_long = "a" * (constraints.get("maxLength", 0) + 1)
        bad = [v for v in ("", "x y", "javascript:alert(1)", too_long) if v]
        if constraints.get("maxLength") or constraints.get("pattern") or table.by_name[field["name"]].format:
            assert not all(_matches(field["pattern"][0], bad)), field["name"]
        assert field["pattern"][1]  # a German message
    assert checked >= 5


def test_pages_have_pelicans_header_keys():
    fields = _collection("pages")["fields"]
    assert [(f["name"], f["label"]) for f in fields[:-1]] == list(PAGE_KEYS.items())
    assert fields[-1]["widget"] == "markdown"


def test_backends():
    assert CONFIG["backend"] == {"name": "gitlab", "repo": "bildung/wegweiser", "branch": "main",
                                 "api_root": "https://git.kreis-musterland.example/api/v4", "auth_type": "pkce",
                                 "app_id": "4f2a", "base_url": "https://git.kreis-musterland.example"}
    assert CONFIG["publish_mode"] == "editorial_workflow" and "local_backend" not in CONFIG
    github = EditorSettings.from_settings({"WEGWEISER_CMS": True, "WEGWEISER_REPO_URL": "https://github.com/kreis/weg",
                                           "WEGWEISER_CMS_AUTH_URL": "https://auth.kreis.example"})
    assert github.backend() == {"name": "github", "repo": "kreis/weg", "branch": "main",
                                "api_root": "https://api.github.com", "base_url": "https://auth.kreis.example"}
    simple = cms_config(SCHEMAS, EditorSettings.from_settings({**GITLAB, "WEGWEISER_CMS_EDITORIAL_WORKFLOW": False}))
    assert "publish_mode" not in simple


@pytest.mark.parametrize("settings, word", [
    ({"WEGWEISER_CMS": True}, "WEGWEISER_REPO_URL"),
    ({**GITLAB, "WEGWEISER_CMS_APP_ID": None}, "WEGWEISER_CMS_APP_ID"),
    ({"WEGWEISER_CMS": True, "WEGWEISER_REPO_URL": "https://github.com/a/b"}, "WEGWEISER_CMS_AUTH_URL"),
    ({**GITLAB, "WEGWEISER_CMS_LOCAL_BACKEND": "localhost:8081"}, "WEGWEISER_CMS_LOCAL_BACKEND"),
])
def test_missing_or_wrong_settings_are_named_in_german(settings, word):
    with pytest.raises(EditorSettingsError, match=word):
        EditorSettings.from_settings(settings)


@pytest.mark.parametrize("kind", ["offer", "provider"])
def test_translations_for_every_language_and_translatable_field(kind):
    """After the description: per language of the guide but German, per translatable field of the
    schema (and the description) its text with the German field's widget and maximum length, and
    the provenance the office keeps (what it was made from is written by the editor, hidden)."""
    table = SCHEMAS.for_kind(kind)
    config = cms_config(SCHEMAS, EditorSettings.from_settings(GITLAB), languages=LANGUAGES)
    fields = next(c for c in config["collections"] if c["name"] == KIND_FOLDERS[kind])["fields"]
    german = {f["name"]: f for f in fields}
    assert [f["name"] for f in fields] == table.field_names + ["body", "translations"]
    tree = fields[-1]
    assert tree["widget"] == "object" and tree["label"] == "Übersetzungen" and tree["required"] is False
    assert [(f["name"], f["label"]) for f in tree["fields"]] == [(code, language_name(code)) for code in LANGUAGES[1:]]
    names = translatable_fields(table)
    assert "title" in names or kind == "provider"
    assert len(names) >= 3 and names[-1] == "description"
    for language in tree["fields"]:
        assert [(f["name"], f["label"]) for f in language["fields"]] == [
            (name, table.by_name[name].title if name in table.by_name else "Beschreibung") for name in names]
        for field in language["fields"]:
            keys = {f["name"]: f for f in field["fields"]}
            assert list(keys) == list(KEYS) and not any(f["required"] for f in keys.values())
            source = german["body" if field["name"] == "description" else field["name"]]
            expected = {"wegweiser-alt": "string"}.get(source["widget"], source["widget"])
            assert keys["text"]["widget"] == expected
            limit = table.by_name[field["name"]].constraints.get("maxLength") if field["name"] in table.by_name else None
            assert (limit is None) is ("pattern" not in keys["text"])
            if limit:
                assert _matches(keys["text"]["pattern"][0], ["x" * limit, "x" * (limit + 1)]) == [True, False]
            assert [o["value"] for o in keys["method"]["options"]] == list(METHODS)
            assert keys["source_hash"]["widget"] == "hidden"
            assert keys["reviewed"]["widget"] == "datetime" and keys["reviewed"]["format"] == "YYYY-MM-DD"


def test_a_german_guide_has_no_translations():
    for collection in CONFIG["collections"]:
        assert "translations" not in [f["name"] for f in collection["fields"]]
    assert "i18n" not in CONFIG


def test_vendored_decap_is_what_npm_installs_for_the_pinned_version():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    dist = ROOT / "node_modules" / "decap-cms" / "dist"
    installed = json.loads((ROOT / "node_modules" / "decap-cms" / "package.json").read_text())["version"]
    assert installed == package["decap-cms"], "npm ci"
    expected = {p.name: p.read_bytes() for p in dist.iterdir()
                if re.fullmatch(r"(?:[0-9]+\.)?decap-cms\.js|decap-cms\.js\.LICENSE\.txt|[0-9a-f]+\.wasm", p.name)}
    expected["js-yaml.min.js"] = (ROOT / "node_modules" / "js-yaml" / "dist" / "js-yaml.min.js").read_bytes()
    expected["sha256.min.js"] = (ROOT / "node_modules" / "js-sha256" / "build" / "sha256.min.js").read_bytes()
    shipped = {p.name: p.read_bytes() for p in admin.VENDOR_DIR.iterdir()}
    assert shipped.keys() == expected.keys(), "make vendor"
    assert shipped == expected, "make vendor"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from wegweiser.build.run import build

    extra = "\n".join(f"{k} = {v!r}" for k, v in GITLAB.items()) + "\nSITEURL = 'https://bildung.example.org'"
    folder = make_project(tmp_path_factory.mktemp("admin") / "guide", ROOT / "tests" / "fixtures" / "minimal" / "content",
                          extra=extra)
    result = build(folder / "pelicanconf.py", folder / "output")
    assert result.ok, result.error
    return folder / "output"


def test_admin_is_built_with_its_config_and_policy(site):
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert re.findall(r'<script src="([^"]+)"', page) == list(admin.SCRIPTS)
    assert not re.search(r"https?://(?!git\.kreis-musterland\.example)", page.split("<body>")[1])
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config == cms_config(SCHEMAS, EditorSettings.from_settings(GITLAB), "https://bildung.example.org", LANGUAGES)
    htaccess = (site / "admin" / ".htaccess").read_text(encoding="utf-8")
    editor = EditorSettings.from_settings(GITLAB)
    policy = admin.policy_text(admin.admin_policy(editor))
    assert f'Header always set Content-Security-Policy "{policy}"' in htaccess
    assert 'Header always set X-Robots-Tag "noindex, nofollow"' in htaccess
    assert "connect-src 'self' blob: https://git.kreis-musterland.example" in policy
    for name in admin.VENDOR_DIR.iterdir():
        assert (site / "admin" / name.name).read_bytes() == name.read_bytes()


def test_admin_is_in_no_sitemap_no_search_and_no_link(site):
    assert "/admin/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    for path in site.rglob("*"):
        if (path.is_file() and "admin" not in path.relative_to(site).parts and path.name != ".buildinfo.json"
                and path.suffix in (".html", ".json", ".xml", ".txt")):
            assert "admin/" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_no_admin_unless_asked_for(example_site):
    assert not (example_site / "admin").exists()


def test_hosting_docs_show_the_admin_policy():
    docs = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
    editor = EditorSettings.from_settings(GITLAB)
    assert admin.admin_htaccess(editor).strip() in docs
    assert admin.admin_nginx(editor).strip() in docs
    for setting in ("WEGWEISER_CMS", "WEGWEISER_CMS_APP_ID", "WEGWEISER_CMS_AUTH_URL"):
        assert setting in (ROOT / "docs" / "redaktion.md").read_text(encoding="utf-8")


def test_every_markdown_preview_is_sanitised():
    """Decap renders a Markdown preview's raw HTML as it is unless told otherwise: an offer from a
    provider's pull request must not run script in the office's editor (where the sign-in token is kept)."""
    def widgets(fields):
        for field in fields:
            yield field
            yield from widgets(field.get("fields", []))

    markdown = [(c["name"], f["name"]) for c in CONFIG["collections"] for f in widgets(c.get("fields", []))
                if f.get("widget") == "markdown"]
    assert {name for name, _ in markdown} >= {"offers", "providers", "pages"}, markdown
    assert all(f.get("sanitize_preview") is True for c in CONFIG["collections"] for f in widgets(c.get("fields", []))
               if f.get("widget") == "markdown")
