"""The files of /admin/: the editor's page, its configuration, Decap CMS and our format script.

Decap CMS comes with the package (``vendor/``: the files of ``node_modules/decap-cms/dist``,
js-yaml's ``dist/js-yaml.min.js`` and js-sha256's ``build/sha256.min.js`` for the versions
package.json pins; ``make vendor`` copies them and a test holds them equal), so that a guide builds
without Node.js and /admin/ loads nothing from
elsewhere. The page is not linked, carries ``noindex`` and is in neither the sitemap nor the
search. Decap needs more than the guide's pages allow (its styles are inline, its validation
compiles code, it talks to GitLab or GitHub), so /admin/ has a policy of its own
(:func:`admin_policy`): sent for /admin/ by ``admin/.htaccess`` and the nginx block of
docs/hosting.md, and as ``<meta>`` in the page for hosts that send no headers.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import yaml

from wegweiser.content.schema import Schemas
from wegweiser.editor.config import cms_config, script_settings
from wegweiser.editor.settings import EditorSettings
from wegweiser.i18n.languages import languages

FOLDER = "admin"
HERE = Path(__file__).resolve().parent
VENDOR_DIR = HERE / "vendor"
STATIC_DIR = HERE / "static"
#: our script (the formats; it starts Decap once they are registered)
SCRIPT = "wegweiser-cms.js"
#: our scripts (static/), in order
OWN_SCRIPTS = ("wegweiser-yaml.js", "wegweiser-lines.js", SCRIPT)
#: scripts the page loads, in order: what our script needs, our script, Decap CMS
SCRIPTS = ("js-yaml.min.js", "sha256.min.js", *OWN_SCRIPTS, "decap-cms.js")


def admin_policy(editor: EditorSettings) -> dict[str, str]:
    """The Content-Security-Policy of /admin/ (directive -> sources)."""
    # blob: uploads are read back with fetch before they are sent
    connect = " ".join(["'self'", "blob:", *editor.connect_sources()])
    return {
        "default-src": "'self'",
        # Decap's bundle compiles the validation of its configuration (ajv): without it, nothing shows
        "script-src": "'self' 'unsafe-eval'",
        # styles are inserted by the bundle at run time (emotion)
        "style-src": "'self' 'unsafe-inline'",
        # previews of uploads and images read through the API are blob: and data: addresses
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": connect,
        "media-src": "'self' blob:",
        "worker-src": "'self' blob:",
        "object-src": "'none'",
        "frame-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def policy_text(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


#: ``<meta>`` cannot carry frame-ancestors (the header does)
_NOT_IN_META = ("frame-ancestors",)


def admin_headers(editor: EditorSettings) -> dict[str, str]:
    """Headers of every response under /admin/ (besides the site's)."""
    return {"Content-Security-Policy": policy_text(admin_policy(editor)), "X-Robots-Tag": "noindex, nofollow"}


def admin_htaccess(editor: EditorSettings) -> str:
    """admin/.htaccess: replaces the site's policy for /admin/ (Apache merges it after the site's)."""
    lines = ["# Written by the Bildungswegweiser build: the editor's own policy; see docs/hosting.md.",
             "<IfModule mod_headers.c>",
             *(f'  Header always set {name} "{value}"' for name, value in admin_headers(editor).items()),
             "</IfModule>", ""]
    return "\n".join(lines)


def admin_nginx(editor: EditorSettings) -> str:
    """nginx ``location`` block for /admin/: an ``add_header`` there replaces all the site's, so it
    repeats them with the editor's policy."""
    from wegweiser.outputs.security import headers

    lines = ["location /admin/ {",
             *(f'    add_header {name} "{value}" always;' for name, value in {**headers(), **admin_headers(editor)}.items()),
             "}", ""]
    return "\n".join(lines)


def index_html(editor: EditorSettings, schemas: Schemas, site_name: str, codes=("de",)) -> str:
    meta = policy_text({k: v for k, v in admin_policy(editor).items() if k not in _NOT_IN_META})
    fields = json.dumps(script_settings(schemas, codes), ensure_ascii=False, separators=(",", ":"))
    scripts = [f'<script src="{name}" data-fields="{escape(fields)}"></script>' if name == SCRIPT
               else f'<script src="{name}"></script>' for name in SCRIPTS]
    title = f"Redaktion – {site_name}" if site_name else "Redaktion"
    return "\n".join([
        "<!doctype html>", '<html lang="de">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(meta)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex, nofollow">', '<meta name="referrer" content="same-origin">',
        f"<title>{escape(title)}</title>", "</head>", "<body>", *scripts, "</body>", "</html>", ""])


class _Dumper(yaml.SafeDumper):
    """Texts of the interface (str subclasses such as i18n.texts.UIText) written as the German text they are."""


_Dumper.add_multi_representer(str, yaml.SafeDumper.represent_str)


def config_yml(schemas: Schemas, editor: EditorSettings, site_url: str, codes=("de",)) -> str:
    text = yaml.dump(cms_config(schemas, editor, site_url, codes), Dumper=_Dumper, allow_unicode=True,
                     sort_keys=False, width=1000)
    return "# Written by the Bildungswegweiser build from the schemas; do not edit.\n" + text


def admin_files(schemas: Schemas, settings: dict):
    """``(path, bytes)`` of every file of /admin/, when WEGWEISER_CMS is on."""
    editor = EditorSettings.from_settings(settings)
    if not editor.enabled:
        return
    site_url = settings.get("SITEURL") or ""
    codes = tuple(language.code for language in languages(settings))
    yield f"{FOLDER}/index.html", index_html(editor, schemas, settings.get("SITENAME") or "", codes).encode("utf-8")
    yield f"{FOLDER}/config.yml", config_yml(schemas, editor, site_url, codes).encode("utf-8")
    yield f"{FOLDER}/.htaccess", admin_htaccess(editor).encode("utf-8")
    for name in OWN_SCRIPTS:
        yield f"{FOLDER}/{name}", (STATIC_DIR / name).read_bytes()
    if not (VENDOR_DIR / "decap-cms.js").is_file():
        raise RuntimeError("Der Editor (WEGWEISER_CMS) braucht Decap CMS im Ordner plugins/wegweiser/editor/vendor/, "
                           "der fehlt. Lösung: „make vendor“ ausführen (kopiert die Dateien aus npm) oder "
                           "WEGWEISER_CMS = False setzen.")
    for path in sorted(VENDOR_DIR.iterdir()):
        if path.is_file():
            yield f"{FOLDER}/{path.name}", path.read_bytes()
