"""Translations of the static pages (content/pages/<code>/<slug>.md, issue 26): validated with their
provenance, published by Pelican under /<code>/<slug>/ in their language, linked from every page of it."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import describe, horizontal_overflow, phone_page, run_axe
from conftest import FIXTURES, core_settings, make_project, serve

from wegweiser.build.run import build
from wegweiser.catalog.project import Project
from wegweiser.content.static_pages import read_page
from wegweiser.i18n.catalogs import translations
from wegweiser.i18n.content import source_hash

LANGUAGES = ["de", "en", "ar"]
SETTINGS = f"WEGWEISER_LANGUAGES = {LANGUAGES!r}\n"
SITE = "https://bildung.example.org"

GERMAN = {
    "barrierefreiheit": "Title: Erklärung zur Barrierefreiheit\nSlug: barrierefreiheit\n\n"
                        "Der Testkreis ist bemüht, seine Website barrierefrei zugänglich zu machen.\n\n"
                        "## Kontakt\n\nSchreiben Sie an [barrierefreiheit@testkreis.example]"
                        "(mailto:barrierefreiheit@testkreis.example).\n",
    "datenschutz": "Title: Datenschutz\n\nDiese Website setzt keine Cookies und speichert keine Daten über Sie.\n",
    "leichte-sprache": "Title: Leichte Sprache\n\nHier finden Sie Bildungs-Angebote.\n",
}
#: (language, slug) -> (header without the hash, body); "{hash}" is the German page's
TRANSLATED = {
    ("en", "barrierefreiheit"): ("Title: Accessibility statement\nSummary: How accessible this website is.\n"
                                 "Method: human\nSource_hash: {hash}\nReviewed: 2026-11-20\nBy: Bildungsbüro\n",
                                 "The district strives to make its website accessible.\n\n## Contact\n\n"
                                 "Write to [barrierefreiheit@testkreis.example](mailto:barrierefreiheit@testkreis.example).\n"),
    ("ar", "barrierefreiheit"): ("Title: بيان إمكانية الوصول\nMethod: human\nSource_hash: {hash}\n",
                                 "تسعى المقاطعة إلى جعل موقعها الإلكتروني متاحًا للجميع دون عوائق.\n\n## التواصل\n\n"
                                 "راسلونا على [barrierefreiheit@testkreis.example](mailto:barrierefreiheit@testkreis.example).\n"),
    # made from an older German text: outdated
    ("en", "datenschutz"): ("Title: Privacy\nMethod: human\nSource_hash: 0123456789ab\n",
                            "This website sets no cookies.\n"),
    # machine made, nobody checked it yet
    ("ar", "datenschutz"): ("Title: حماية البيانات\nMethod: machine\nSource_hash: {hash}\n",
                            "لا يستخدم هذا الموقع ملفات تعريف الارتباط ولا يحفظ أي بيانات عنكم.\n"),
}
OUTDATED = "Diese Übersetzung ist vielleicht nicht mehr aktuell: Der deutsche Text wurde seitdem geändert."
MACHINE = "Maschinell übersetzt und noch nicht von einem Menschen geprüft."


def _german_hash(project: Path, slug: str) -> str:
    path = project / "content" / "pages" / f"{slug}.md"
    return source_hash(read_page(path, path.name).body)


def _write(project: Path, code: str, slug: str, header: str, body: str) -> Path:
    path = project / "content" / "pages" / code / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header.format(hash=_german_hash(project, slug) if (project / "content" / "pages" / f"{slug}.md")
                                  .is_file() else "0123456789ab") + "\n" + body, encoding="utf-8")
    return path


def _project(folder: Path) -> Path:
    project = make_project(folder, FIXTURES / "minimal" / "content", extra=SETTINGS)
    for slug, text in GERMAN.items():
        (project / "content" / "pages" / f"{slug}.md").write_text(text, encoding="utf-8")
    for (code, slug), (header, body) in TRANSLATED.items():
        _write(project, code, slug, header, body)
    return project


def _validate(project: Path):
    return Project.from_settings(core_settings(project, WEGWEISER_LANGUAGES=LANGUAGES)).validate()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return _project(tmp_path_factory.mktemp("page-translations") / "project")


def _built(project: Path, name: str, **overrides) -> Path:
    result = build(project / "pelicanconf.py", project.parent / name, overrides=overrides)
    assert result.ok, [f.as_text() for f in result.findings if f.is_error] or result.error
    return project.parent / name


@pytest.fixture(scope="module")
def site(project) -> Path:
    return _built(project, "site")


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _footer(html: str) -> str:
    return re.search(r'<footer class="ww-footer">.*?</footer>', html, re.S).group(0)


def _switcher(html: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav class="ww-languages".*?</nav>', html, re.S)
    return re.findall(r'<a class="ww-languages__link" href="([^"]+)" lang="(\w+)"', nav.group(0)) if nav else []


def test_a_translation_is_written_under_its_language_in_its_language(site):
    html = _html(site, "en/barrierefreiheit")
    english = translations("en")
    assert '<html lang="en" dir="ltr">' in html
    assert "<title>Accessibility statement – " in html and '<h1 class="ww-title">Accessibility statement</h1>' in html
    assert "<h2>Contact</h2>" in html
    # the interface in English
    for german in ("Zum Inhalt springen", "Hauptnavigation", "Alle Anbieter"):
        assert english.gettext(german) != german and english.gettext(german) in html and german not in html
    # header and footer lead into /en/; pages without a translation to the German page, marked German
    assert '<a class="ww-header__brand" href="/en/">' in html and 'href="/en/suche/"' in html
    footer = _footer(html)
    assert '<a href="/en/anbieter/">' in footer and '<a href="/en/barrierefreiheit/">' in footer
    assert '<a href="/impressum/" hreflang="de">' in footer and '<a href="/leichte-sprache/" hreflang="de">' in footer
    assert OUTDATED not in html and english.gettext(OUTDATED) not in html  # human, made from today's German
    assert '<html lang="ar" dir="rtl">' in _html(site, "ar/barrierefreiheit")


def test_the_switcher_lists_the_languages_a_page_exists_in(site):
    versions = [("/barrierefreiheit/", "de"), ("/en/barrierefreiheit/", "en"), ("/ar/barrierefreiheit/", "ar")]
    for path, current in (("barrierefreiheit", "Deutsch"), ("en/barrierefreiheit", "English"),
                          ("ar/barrierefreiheit", "العربية")):
        html = _html(site, path)
        assert _switcher(html) == versions, path
        assert re.findall(r'aria-current="page">([^<]+)<', html) == [current]
    assert _switcher(_html(site, "impressum")) == []  # German only: nothing to switch to
    assert _switcher(_html(site, "en/datenschutz")) == [("/datenschutz/", "de"), ("/en/datenschutz/", "en"),
                                                        ("/ar/datenschutz/", "ar")]
    assert not (site / "en" / "impressum").exists() and not (site / "en" / "leichte-sprache").exists()


def test_every_page_of_a_language_links_its_translation_and_german_where_there_is_none(site):
    pages = {"de": [p for p in site.rglob("index.html") if p.relative_to(site).parts[0] not in LANGUAGES[1:]]}
    pages.update({code: list((site / code).rglob("index.html")) for code in LANGUAGES[1:]})
    for code, found in pages.items():
        prefix = "" if code == "de" else f"/{code}"
        assert len(found) > 20, code
        for page in found:
            footer = _footer(page.read_text(encoding="utf-8"))
            assert f'<a href="{prefix}/barrierefreiheit/">' in footer, page
            assert f'<a href="{prefix}/datenschutz/">' in footer, page
            german = ' hreflang="de"' if code != "de" else ""
            assert f'<a href="/impressum/"{german}>' in footer, page


def test_an_outdated_translation_warns_and_says_so_on_the_page(project, site):
    validation = _validate(project)
    assert validation.ok
    outdated = [f for f in validation.warnings if f.code == "page-translation-outdated"]
    assert [(f.file, f.field, f.line, f.value) for f in outdated] == [
        ("content/pages/en/datenschutz.md", "source_hash", 3, "0123456789ab")]
    assert "„Datenschutz“" in outdated[0].message and "Englisch" in outdated[0].message
    assert f"Source_hash: {_german_hash(project, 'datenschutz')}" in outdated[0].hint
    html = _html(site, "en/datenschutz")
    assert translations("en").gettext(OUTDATED) in html
    arabic = translations("ar")
    assert arabic.gettext(MACHINE) != MACHINE and arabic.gettext(MACHINE) in _html(site, "ar/datenschutz")
    assert arabic.gettext(MACHINE) not in _html(site, "ar/barrierefreiheit")


def test_a_changed_german_page_makes_its_translations_outdated(tmp_path):
    project = _project(tmp_path / "p")
    assert not [f for f in _validate(project).warnings if f.file == "content/pages/ar/barrierefreiheit.md"]
    german = project / "content" / "pages" / "barrierefreiheit.md"
    german.write_text(german.read_text(encoding="utf-8") + "\nNeu: ein Video in Gebärdensprache.\n", encoding="utf-8")
    assert {(f.file, f.code) for f in _validate(project).warnings if "barrierefreiheit" in f.file} == {
        ("content/pages/en/barrierefreiheit.md", "page-translation-outdated"),
        ("content/pages/ar/barrierefreiheit.md", "page-translation-outdated")}


#: (file below content/pages, its text or None for a valid translation of the German page, finding code, line)
REFUSED = {
    "no-german-page": ("en/agb.md", "Title: Terms\nMethod: human\nSource_hash: 0123456789ab\n\nTerms.\n",
                       "page-translation-no-german", None),
    "no-language": ("xx/barrierefreiheit.md", None, "page-translation-language", None),
    "german-folder": ("de/barrierefreiheit.md", None, "page-translation-source", None),
    "leichte-sprache": ("en/leichte-sprache.md", "Title: Easy German\nMethod: human\nSource_hash: 0123456789ab\n\n"
                        "Here you find offers.\n", "page-translation-easy-language", None),
    "no-method": ("en/impressum.md", "Title: Legal notice\nSource_hash: {hash}\n\nText.\n", "translation-method", 1),
    "bad-method": ("en/impressum.md", "Title: Legal notice\nMethod: deepl\nSource_hash: {hash}\n\nText.\n",
                   "translation-method", 2),
    "no-hash": ("en/impressum.md", "Title: Legal notice\nMethod: human\n\nText.\n", "page-translation-hash", 1),
    "bad-hash": ("en/impressum.md", "Title: Legal notice\nMethod: human\nSource_hash: xyz\n\nText.\n",
                 "page-translation-hash", 3),
    "future-review": ("en/impressum.md", "Title: Legal notice\nMethod: human\nSource_hash: {hash}\nReviewed: 2099-01-01"
                      "\n\nText.\n", "translation-reviewed", 4),
    "slug-header": ("en/impressum.md", "Title: Legal notice\nSlug: legal\nMethod: human\nSource_hash: {hash}\n\nText.\n",
                    "page-unknown-field", 2),
    "no-title": ("en/impressum.md", "Method: human\nSource_hash: {hash}\n\nText.\n", "page-title-missing", 1),
    "nested-folder": ("en/recht/impressum.md", "Title: Legal notice\n\nText.\n", "in-subfolder", None),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_what_is_no_translation_is_a_validation_error(tmp_path, case):
    name, text, code, line = REFUSED[case]
    project = _project(tmp_path / "p")
    path = project / "content" / "pages" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    german = project / "content" / "pages" / f"{path.stem}.md"
    if text is None:
        text = "Title: Translated\nMethod: human\nSource_hash: {hash}\n\nText.\n"
    path.write_text(text.format(hash=_german_hash(project, path.stem) if german.is_file() else ""), encoding="utf-8")
    validation = _validate(project)
    errors = [(f.file, f.code, f.line) for f in validation.errors]
    assert errors == [(f"content/pages/{name}", code, line)]
    assert all(f.message and f.hint for f in validation.errors)
    result = build(project / "pelicanconf.py", tmp_path / "out")
    assert not result.ok and not (tmp_path / "out").exists()  # nothing published


def test_the_messages_say_why_and_what_to_do(tmp_path):
    project = _project(tmp_path / "p")
    _write(project, "en", "leichte-sprache", "Title: Easy German\nMethod: human\nSource_hash: {hash}\n", "Offers.\n")
    _write(project, "en", "barrierefreiheits", "Title: Accessibility\nMethod: human\nSource_hash: {hash}\n", "Text.\n")
    found = {f.file: f for f in _validate(project).errors}
    easy = found["content/pages/en/leichte-sprache.md"]
    assert "Leichte Sprache" in easy.message and "Englisch" in easy.message and "§ 4 BITV 2.0" in easy.hint
    orphan = found["content/pages/en/barrierefreiheits.md"]
    assert "„barrierefreiheits“" in orphan.message and "Meinten Sie „barrierefreiheit“?" in orphan.hint


def test_a_language_the_guide_does_not_publish_is_a_warning_and_not_built(tmp_path):
    project = _project(tmp_path / "p")
    (project / "pelicanconf.py").write_text((project / "pelicanconf.py").read_text(encoding="utf-8").replace(
        SETTINGS, 'WEGWEISER_LANGUAGES = ["de", "en"]\n'), encoding="utf-8")
    result = build(project / "pelicanconf.py", tmp_path / "out")
    assert result.ok, [f.as_text() for f in result.findings if f.is_error] or result.error
    assert {(f.file, f.code) for f in result.findings if f.file.startswith("content/pages/ar/")} == {
        ("content/pages/ar/barrierefreiheit.md", "translation-language-off"),
        ("content/pages/ar/datenschutz.md", "translation-language-off")}
    assert not (tmp_path / "out" / "ar").exists()
    assert (tmp_path / "out" / "en" / "barrierefreiheit" / "index.html").is_file()


HOSTILE = ("Title: Accessibility <b>statement</b>\n"
           "Summary: Summary <img src=x onerror=\"window.__pwned=1\">\nMethod: human\nSource_hash: {hash}\n",
           "Text.\n\n<script>window.__pwned=2</script>\n\n[here](javascript:window.__pwned=3)\n\n"
           "<img src=\"https://evil.example/pixel.png\" alt=\"\">\n")


def test_hostile_html_in_a_translation_is_refused_and_never_published(tmp_path, monkeypatch):
    import wegweiser.checks.validate as validate_module

    project = _project(tmp_path / "p")
    _write(project, "en", "barrierefreiheit", *HOSTILE)
    validation = _validate(project)
    assert {(f.file, f.code, f.field) for f in validation.errors} == {
        ("content/pages/en/barrierefreiheit.md", "html-in-text", "title"),
        ("content/pages/en/barrierefreiheit.md", "unsafe-html", "summary"),
        ("content/pages/en/barrierefreiheit.md", "unsafe-html", None)}
    # published anyway (the checks of the pages switched off): sanitised like a German page
    monkeypatch.setattr(validate_module, "page_findings", lambda *args: [])
    html = _html(_built(project, "hostile"), "en/barrierefreiheit")
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    assert "__pwned" not in html and "evil.example" not in html and "<script>" not in main


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("href", "src") and value]


@pytest.fixture(scope="module")
def relative_site(project) -> Path:
    return _built(project, "relative", RELATIVE_URLS=True)


@pytest.mark.parametrize("path", ["ar/barrierefreiheit", "en/datenschutz", "barrierefreiheit"])
def test_with_relative_urls_every_link_of_a_translated_page_resolves(relative_site, path):
    site = relative_site
    parser = _Links()
    parser.feed(_html(site, path))
    local = [url for url in parser.urls if not url.startswith(("mailto:", "#", "http"))]
    assert len(local) > 10 and not any(url.startswith("/") for url in local)
    for url in local:
        target = site / posixpath.normpath(posixpath.join(path, url.split("#")[0]))
        assert target.is_file() or (target / "index.html").is_file(), url
    prefix = "../.." if "/" in path else ".."
    if path.startswith("ar/"):
        assert f'<a href="{prefix}/ar/datenschutz/">' in _footer(_html(site, path))


def test_sitemaps_and_hreflang_with_an_absolute_address(project):
    site = _built(project, "absolute", SITEURL=SITE)
    sitemaps = {code: (site / prefix / "sitemap.xml").read_text(encoding="utf-8")
                for code, prefix in (("de", ""), ("en", "en"), ("ar", "ar"))}
    for code, sitemap in sitemaps.items():
        prefix = "" if code == "de" else f"{code}/"
        assert f"<loc>{SITE}/{prefix}barrierefreiheit/</loc>" in sitemap
        assert (f"<loc>{SITE}/{prefix}impressum/</loc>" in sitemap) == (code == "de")
        assert (f"<loc>{SITE}/{prefix}leichte-sprache/</loc>" in sitemap) == (code == "de")
    html = _html(site, "ar/barrierefreiheit")
    assert f'<link rel="canonical" href="{SITE}/ar/barrierefreiheit/">' in html
    assert re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html) == [
        ("de", f"{SITE}/barrierefreiheit/"), ("en", f"{SITE}/en/barrierefreiheit/"),
        ("ar", f"{SITE}/ar/barrierefreiheit/"), ("x-default", f"{SITE}/barrierefreiheit/")]
    assert "hreflang" not in re.search(r"<head>.*?</head>", _html(site, "impressum"), re.S).group(0)


@pytest.mark.parametrize("path", ["/ar/barrierefreiheit/", "/ar/datenschutz/"])
def test_the_arabic_translation_has_no_axe_violations_on_a_phone(chromium, site, path):
    with serve(site) as server, phone_page(chromium) as page:
        assert page.goto(server + path).ok
        violations = run_axe(page)
        assert violations == [], describe(violations)
        assert horizontal_overflow(page) <= 0
        assert page.foreign_requests == []
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
        assert page.locator("h1").count() == 1
