"""Content-Security-Policy, referrer policy and no cookies: in the pages, for Apache and nginx, in a browser."""

from __future__ import annotations

import html
import re

import pytest
from browser import PHONE
from conftest import ROOT, _QuietHandler, serve

from wegweiser.outputs import security

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_meta_policy_forbids_inline_handlers_plugins_and_foreign_targets():
    policy = dict(part.split(" ", 1) for part in security.meta_policy().split("; "))
    assert policy["script-src-attr"] == "'none'" and policy["style-src-attr"] == "'none'"
    assert policy["object-src"] == policy["frame-src"] == "'none'"
    assert policy["base-uri"] == policy["form-action"] == policy["connect-src"] == "'self'"
    assert "frame-ancestors" not in policy  # not allowed in <meta>; the header has it


def test_header_policy_allows_only_the_site_itself():
    header = security.headers()["Content-Security-Policy"]
    policy = dict(part.split(" ", 1) for part in header.split("; "))
    for directive in ("default-src", "script-src", "style-src", "img-src", "connect-src"):
        assert policy[directive] == "'self'", directive
    assert not re.search(r"unsafe-inline|unsafe-eval|https?:|data:|\*", header)
    assert security.headers()["Referrer-Policy"] == "same-origin"


def test_every_page_carries_the_meta_policy_first(example_site):
    pages = list(example_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = META.findall(text)
        assert [html.unescape(v) for v in found] == [security.meta_policy()], page
        head = text[: text.index("</head>")]
        assert head.index("Content-Security-Policy") < min(
            (head.index(tag) for tag in ("<link", "<script") if tag in head), default=len(head)), page
        assert '<meta name="referrer" content="same-origin">' in text, page


def test_build_writes_htaccess_with_the_headers(example_site):
    text = (example_site / ".htaccess").read_text(encoding="utf-8")
    assert text == security.htaccess("", ("en", "tr", "ar", "uk", "ru", "fa"))
    assert '<If "%{REQUEST_URI} =~ m#^/ar/#">\n  ErrorDocument 404 /ar/404.html\n</If>' in text
    for name, value in security.headers().items():
        assert f'Header always set {name} "{value}"' in text
    assert "ErrorDocument 404 /bildung/404.html" in security.htaccess("/bildung")


def test_hosting_docs_show_the_current_policy():
    docs = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
    assert security.nginx().strip() in docs
    assert security.htaccess().strip() in docs
    assert security.meta_policy() in docs
    for name, value in security.headers().items():
        assert f"| `{name}` | `{value}` |" in docs


def test_no_cookies_anywhere():
    for script in (ROOT / "theme" / "static" / "js").glob("*.js"):
        assert "cookie" not in script.read_text(encoding="utf-8").lower(), script


class _HeaderHandler(_QuietHandler):
    """Serves the built site with the documented headers, as nginx or Apache would."""

    def end_headers(self):
        for name, value in security.headers().items():
            self.send_header(name, value)
        super().end_headers()


@pytest.fixture(scope="module")
def strict_server(example_site):
    with serve(example_site, _HeaderHandler) as url:
        yield url


WATCH = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"""


def _first(site, folder):
    return next(p.parent.name for p in sorted((site / folder).glob("*/index.html")))


def test_site_works_under_the_header_policy(strict_server, example_site, chromium):
    """Every page type under the strict header CSP (not bypassed): nothing is blocked, nothing fails."""
    pages = ["", "suche/?q=deutsch", f"angebote/{_first(example_site, 'angebote')}/",
             f"anbieter/{_first(example_site, 'anbieter')}/", "a-z/", "bereiche/", "bildungsmonitoring/",
             f"bildungsmonitoring/{_first(example_site, 'bildungsmonitoring')}/", "daten/", "impressum/",
             "mitmachen/", "offline/", "404.html"]
    context = chromium.new_context(viewport=PHONE, locale="de-DE", bypass_csp=False)
    context.add_init_script(WATCH)
    for path in pages:
        page = context.new_page()
        problems = []
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("pageerror", lambda e: problems.append(str(e)))
        response = page.goto(f"{strict_server}/{path}")
        assert response.headers["content-security-policy"] == security.headers()["Content-Security-Policy"]
        page.wait_for_load_state("networkidle")
        if path.startswith("suche/"):
            page.wait_for_selector("[data-results] li a", timeout=15_000)
        assert page.evaluate("window.__violations") == [], path
        assert [p for p in problems if "404" not in path] == [], path
        assert page.evaluate("document.cookie") == "", path
        page.close()
    context.close()


@pytest.mark.parametrize("settings_file", ["pelicanconf.py", "publishconf.py"])
def test_templates_escape_every_variable(settings_file):
    """Pelican's default Jinja environment does not escape; ours must, for every settings file."""
    from wegweiser.build.run import read_settings

    settings = read_settings(ROOT / settings_file)
    assert settings["JINJA_ENVIRONMENT"].get("autoescape") is True
