"""Pages built from hostile (but schema-valid) content run no script and request nothing elsewhere.

Validation refuses HTML in text fields, unsafe HTML in descriptions and foreign link schemes;
here those three rules are switched off, so that what is tested is the second line of defence:
the sanitiser, template escaping and the link filter. The browser ignores the page's CSP
(``bypass_csp``), so the CSP cannot hide a failure of either.
"""

from __future__ import annotations

import shutil

import pytest
from browser import phone_page
from conftest import FIXTURES, make_project, serve

from wegweiser.build.run import build
from wegweiser.checks import rules
from wegweiser.checks import validate as validate_module

MARK = "window.__pwned"
# Each payload, if it ran, would set window.__pwned, open a dialog or request evil.example.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=2\">",
    "<svg onload=\"window.__pwned=3\"><script>window.__pwned=4</script></svg>",
    "\"><script>alert(5)</script>",
    "'><img src=https://evil.example/a.png>",
    "&#60;script&#62;window.__pwned=6&#60;/script&#62;",
    "<a href=\"javascript:window.__pwned=7\">Anmelden</a>",
    "<a href=\"&#106;avascript:window.__pwned=8\">Anmelden</a>",
    "<a href=\"java&#9;script:window.__pwned=9\">Anmelden</a>",
    "<a href=\"data:text/html,<script>alert(10)</script>\">Daten</a>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<style>@import url(https://evil.example/s.css); body{display:none}</style>",
    "<p style=\"background:url(https://evil.example/b.png)\">Stil</p>",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__pwned=11>\"></noscript>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=12></style></mglyph></table></mtext></math>",
    "<form action=\"https://evil.example/\"><input name=q autofocus onfocus=window.__pwned=13></form>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
    "<link rel=\"stylesheet\" href=\"https://evil.example/l.css\">",
    "<object data=\"https://evil.example/o.swf\"></object>",
    "</script><script>window.__pwned=14</script>",
    "{{ 7*7 }}{% raw %}",
]
TEXT = " ".join(PAYLOADS[:6])


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


OFFER = f"""---
id: boeser-kurs
title: {_yaml("Yoga <script>window.__pwned=20</script> " + PAYLOADS[3])}
summary: {_yaml("Sanftes Yoga. " + TEXT)}
provider: boeser-verein
area: weiterbildung
topics: [gesundheit]
target_groups: [erwachsene]
format: praesenz
municipality: musterstadt
venue: {_yaml(PAYLOADS[1])}
schedule: {_yaml(PAYLOADS[2][:190])}
start_date: 2026-12-01
cost_eur: 10
cost_note: {_yaml(PAYLOADS[4])}
contact_name: {_yaml(PAYLOADS[5])}
contact_phone: "05141 4711-12"
url: "javascript:window.__pwned=21"
registration_url: "JaVaScRiPt:window.__pwned=22"
easy_summary: {_yaml(TEXT)}
image: kurs.png
image_alt: {_yaml(PAYLOADS[3] + PAYLOADS[1])}
reviewed: 2026-11-01
---
Yoga für alle.

""" + "\n\n".join(PAYLOADS) + """

[Klick](javascript:window.__pwned=23) und [noch einer](&#106;avascript:window.__pwned=24)
"""

PROVIDER = f"""---
id: boeser-verein
name: {_yaml("Verein <img src=x onerror=window.__pwned=30> Sonne")}
kind: verein
summary: {_yaml("Ein Verein. " + TEXT)}
municipality: musterstadt
contact_name: {_yaml(PAYLOADS[0])}
url: "javascript:window.__pwned=31"
logo: kurs.png
logo_alt: {_yaml(PAYLOADS[1])}
reviewed: 2026-11-01
---
""" + "\n\n".join(PAYLOADS) + "\n"

#: a static page (content/pages) with every payload, a foreign image, a mailto link with a hidden copy
PAGE = f"""Title: Seite <script>window.__pwned=40</script>
Summary: Zusammenfassung <img src=x onerror="window.__pwned=41"> <script>window.__pwned=42</script>

Rechtliche Hinweise.

""" + "\n\n".join(PAYLOADS) + """

<img src="https://evil.example/zaehlpixel.png" alt="Zählpixel"> ![Logo](//evil.example/logo.png)

[Schreiben Sie uns](mailto:buero@kreis.example?bcc=spy@evil.example&body=Hallo) und [hier](javascript:window.__pwned=43)

| Angabe | Wert |
|---|---|
| Telefon | 05141 4711 |
"""

SAFETY_RULES = (rules.check_markup_in_text, rules.check_unsafe_body, rules.check_link_schemes)


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("xss") / "project", FIXTURES / "minimal" / "content")
    (project / "content" / "offers" / "boeser-kurs.md").write_text(OFFER, encoding="utf-8")
    (project / "content" / "providers" / "boeser-verein.md").write_text(PROVIDER, encoding="utf-8")
    (project / "content" / "pages" / "boese-seite.md").write_text(PAGE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        strict = build(project / "pelicanconf.py", project / "output")
        assert not strict.ok, "with all rules, validation must refuse this content"
        assert {f.code for f in strict.findings if f.is_error} == {"html-in-text", "unsafe-html", "link-scheme"}
        assert {f.code for f in strict.findings if f.file == "content/pages/boese-seite.md"} == {
            "html-in-text", "unsafe-html"}
        mp.setattr(validate_module, "FILE_RULES", tuple(r for r in rules.FILE_RULES if r not in SAFETY_RULES))
        mp.setattr(validate_module, "page_findings", lambda *args: [])  # static pages unchecked
        shutil.rmtree(project / ".cache")  # its findings came from all rules
        result = build(project / "pelicanconf.py", project / "output")
    assert result.ok, [f.as_text() for f in result.findings if f.is_error] or result.error
    return project / "output"


@pytest.fixture(scope="module")
def xss_server(xss_site):
    with serve(xss_site) as url:
        yield url



# every element and attribute that could run code, with what was found
INSPECT = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on') || attr.name === 'style' || attr.name === 'srcdoc') found.push(el.tagName + '@' + attr.name);
    }
    const tag = el.tagName.toLowerCase();
    if (['iframe', 'object', 'embed', 'base', 'form', 'style', 'svg', 'math'].includes(tag)
        && !(tag === 'svg' && el.closest('.ww-chart, .ww-chart__swatch')) && !(tag === 'form' && el.matches('.ww-search, #suche')))
      found.push(tag);
    if (tag === 'script' && !(el.type === 'application/ld+json' || (el.src && el.src.startsWith(location.origin + '/theme/js/'))))
      found.push('script:' + (el.src || el.textContent.slice(0, 40)));
    if (tag === 'meta' && el.httpEquiv && el.httpEquiv.toLowerCase() === 'refresh') found.push('meta refresh');
  }
  for (const a of document.querySelectorAll('[href], [src], [action]')) {
    const url = a.getAttribute('href') || a.getAttribute('src') || a.getAttribute('action');
    const scheme = (url.replace(/[\\u0000-\\u0020]/g, '').match(/^([a-z][a-z0-9+.-]*):/i) || [])[1];
    if (scheme && !['http', 'https', 'mailto', 'tel'].includes(scheme.toLowerCase())) found.push('url:' + url);
  }
  return found;
}"""

PAGES = ["angebote/boeser-kurs/", "anbieter/boeser-verein/", "a-z/", "", "angebote/", "anbieter/",
         "bereiche/weiterbildung/", "orte/musterstadt/", "suche/?q=yoga", "boese-seite/", "impressum/"]


def _open_and_touch(page, url: str, ready: str | None = None) -> tuple[list, list]:
    """Open ``url`` (and wait for ``ready``, a selector), then hover every link a visitor might touch
    and press Tab; the dialogs opened and the script errors raised meanwhile."""
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if ready:
        page.wait_for_selector(ready, timeout=15_000)
    for link in page.locator("main a").all()[:40]:
        if link.is_visible():
            link.hover(timeout=2000)
    page.keyboard.press("Tab")
    return dialogs, errors


@pytest.mark.parametrize("path", PAGES)
def test_hostile_content_runs_no_script_and_requests_nothing_elsewhere(chromium, xss_server, path):
    with phone_page(chromium) as page:
        search = path.startswith("suche/")
        dialogs, errors = _open_and_touch(page, f"{xss_server}/{path}", "[data-results] li a" if search else None)
        if search:
            assert "boeser-kurs" in page.eval_on_selector_all(
                "[data-results] a", "els => els.map(e => e.getAttribute('href')).join(' ')")
        assert page.evaluate(MARK) is None
        assert dialogs == []
        assert page.foreign_requests == []
        assert page.evaluate(INSPECT) == []
        assert errors == []


def test_hostile_text_is_shown_as_text(chromium, xss_server):
    with phone_page(chromium) as page:
        page.goto(f"{xss_server}/angebote/boeser-kurs/")
        assert page.text_content("h1").startswith("Yoga <script>window.__pwned=20</script>")
        assert 'alt="&quot;&gt;&lt;script&gt;' in page.content() or page.get_attribute(
            ".ww-picture__img", "alt").startswith('"><script>')
        hrefs = page.eval_on_selector_all("main a", "els => els.map(e => e.getAttribute('href'))")
        assert "#" in hrefs  # the javascript: addresses became harmless
        assert not [h for h in hrefs if h and "script" in h.lower()]


def test_a_hostile_static_page_keeps_its_text_but_nothing_else(chromium, xss_server):
    """Served without the security headers (and the page's own CSP ignored), a static page runs no
    script, loads nothing from elsewhere and offers no e-mail link with a hidden copy; its text and
    its table stay."""
    with phone_page(chromium) as page:
        page.goto(f"{xss_server}/boese-seite/")
        assert page.text_content("h1").startswith("Seite <script>window.__pwned=40</script>")
        assert page.locator("main table td").all_text_contents() == ["Telefon", "05141 4711"]
        hrefs = page.eval_on_selector_all("main a", "els => els.map(e => e.getAttribute('href') || '')")
        assert not [h for h in hrefs if "bcc" in h or "script" in h.lower()], hrefs
        sources = page.eval_on_selector_all("main img[src]", "els => els.map(e => e.src)")
        assert all(src.startswith(xss_server + "/") for src in sources), sources  # images of the site only
        description = page.get_attribute('meta[name="description"]', "content")
        assert "<" not in description and "pwned" not in description


#: indicator metadata with every text and address hostile (data/indicators/datapackage.json)
INDICATOR_TEXTS = {
    "title": "Testquote <img src=x onerror=\"window.__pwned=60\">",
    "description": "Anteil <script>window.__pwned=61</script>",
    "unit": "% </text><script>window.__pwned=62</script>",
    "notes": "Hinweis <svg onload=\"window.__pwned=63\"></svg> [Link](javascript:window.__pwned=64)",
    "source_notes": ["Fußnote <a href=\"javascript:window.__pwned=65\">hier</a>"],
    "sources": [{"title": "Amt <iframe src=\"https://evil.example/\"></iframe>", "path": "javascript:window.__pwned=66"}],
    "licenses": [{"name": "eigene", "title": "Lizenz <b>fett</b>", "path": " JaVa\tScRiPt:window.__pwned=67"}],
}


@pytest.fixture(scope="module")
def hostile_indicator_site(tmp_path_factory):
    """The test indicators with hostile metadata, built with the indicator checks switched off."""
    import json

    from conftest import ROOT

    root = tmp_path_factory.mktemp("xss-indikator")
    project = make_project(root / "project", FIXTURES / "minimal" / "content",
                           extra="WEGWEISER_DATA_PATH = str(HERE / 'data')")
    shutil.copytree(ROOT / "data" / "vocabularies", project / "data" / "vocabularies")
    shutil.copytree(FIXTURES / "indicators" / "valid", project / "data" / "indicators")
    package_file = project / "data" / "indicators" / "datapackage.json"
    package = json.loads(package_file.read_text(encoding="utf-8"))
    package["resources"][0].update(INDICATOR_TEXTS)
    package_file.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        assert not build(project / "pelicanconf.py", project / "output").ok, "validation must refuse it"
        mp.setattr(validate_module, "validate_indicators", lambda *args: [])
        shutil.rmtree(project / ".cache")  # its findings came from the checks
        result = build(project / "pelicanconf.py", project / "output")
    assert result.ok, [f.as_text() for f in result.findings if f.is_error] or result.error
    with serve(project / "output") as url:
        yield url


@pytest.mark.parametrize("path", ["bildungsmonitoring/quote/", "bildungsmonitoring/"])
def test_hostile_indicator_metadata_runs_no_script_and_links_nothing_foreign(chromium, hostile_indicator_site, path):
    with phone_page(chromium) as page:
        dialogs, errors = _open_and_touch(page, f"{hostile_indicator_site}/{path}")
        assert page.evaluate(MARK) is None
        assert (dialogs, errors, page.foreign_requests) == ([], [], [])
        assert page.evaluate(INSPECT) == []
        if path.endswith("quote/"):
            assert page.text_content("h1").startswith("Testquote <img src=x")  # shown as text
