"""The guide in the county's languages: pages per language, switcher, hreflang, right-to-left layout and the
interface catalogs (issue 26). The example ships de, en, tr, ar, uk, ru, fa."""

from __future__ import annotations

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from browser import phone_page
from conftest import ROOT, make_project

from wegweiser.i18n.catalogs import LOCALES, catalog_path, translations
from wegweiser.i18n.languages import LanguageSettingError, languages
from wegweiser.i18n.script_texts import script_messages

LANGUAGES = ["de", "en", "tr", "ar", "uk", "ru", "fa"]
AUTONYMS = {"de": "Deutsch", "en": "English", "tr": "Türkçe", "ar": "العربية", "uk": "Українська", "ru": "Русский",
            "fa": "فارسی"}
RTL = {"ar", "fa"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")


def _html(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_the_setting_names_languages_in_themselves_and_german_comes_first():
    found = languages({"WEGWEISER_LANGUAGES": LANGUAGES})
    assert [(l.code, l.name, l.direction, l.prefix) for l in found][:4] == [
        ("de", "Deutsch", "ltr", ""), ("en", "English", "ltr", "en/"), ("tr", "Türkçe", "ltr", "tr/"),
        ("ar", "العربية", "rtl", "ar/")]
    assert languages({}) == languages({"WEGWEISER_LANGUAGES": ["de"]})
    with pytest.raises(LanguageSettingError, match="erste Sprache"):
        languages({"WEGWEISER_LANGUAGES": ["en", "de"]})
    with pytest.raises(LanguageSettingError, match="kein bekannter Sprachcode"):
        languages({"WEGWEISER_LANGUAGES": ["de", "xx-nonsense"]})


def test_every_page_of_the_guide_exists_in_every_language(example_site):
    german = {p.relative_to(example_site).as_posix() for p in example_site.rglob("*.html")
              if p.relative_to(example_site).parts[0] not in LANGUAGES}
    static = {"impressum/index.html", "datenschutz/index.html", "barrierefreiheit/index.html",
              "leichte-sprache/index.html"}  # content/pages/: German pages at the root
    assert static <= german
    for code in LANGUAGES[1:]:
        theirs = {p.relative_to(example_site / code).as_posix() for p in (example_site / code).rglob("*.html")}
        # and those translated (content/pages/<code>/<slug>.md: tests/test_page_translations.py)
        translated = {f"{p.stem}/index.html" for p in (ROOT / "content" / "pages" / code).glob("*.md")}
        assert translated <= static
        assert theirs == (german - static) | translated, code


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_s_pages_say_their_language_and_direction_and_link_the_others(example_site, code):
    prefix = "" if code == "de" else f"{code}/"
    html = _html(example_site, f"{prefix}angebote/index.html")
    assert f'<html lang="{code}" dir="{"rtl" if code in RTL else "ltr"}">' in html
    switcher = re.search(r'<nav class="ww-languages".*?</nav>', html, re.S).group(0)
    links = re.findall(r'<a class="ww-languages__link" href="([^"]+)" lang="(\w+)" hreflang="\w+" dir="(\w+)"'
                       r'( aria-current="page")?>([^<]+)</a>', switcher)
    assert [(lang, name) for _, lang, _, _, name in links] == [(c, AUTONYMS[c]) for c in LANGUAGES]
    assert [lang for _, lang, _, current, _ in links if current] == [code]
    for href, lang, direction, _, _ in links:
        assert direction == ("rtl" if lang in RTL else "ltr")
        assert (example_site / href.lstrip("/") / "index.html").is_file(), href  # the same page in that language


def test_german_pages_link_static_pages_at_the_root_and_other_languages_say_they_are_german(example_site):
    html = _html(example_site, "en/index.html")
    assert re.search(r'<a class="ww-nav__link" href="/leichte-sprache/" lang="de" hreflang="de">Leichte Sprache</a>', html)
    assert re.search(r'<a href="/impressum/" hreflang="de">', html)
    assert 'href="/theme/css/main.css"' in html and 'href="/en/theme/' not in html  # the theme is at the root


def test_hreflang_alternates_with_an_absolute_address(tmp_path):
    from wegweiser.build.run import build

    project = make_project(tmp_path / "p", ROOT / "tests" / "fixtures" / "minimal" / "content",
                           extra='SITEURL = "https://bildung.example.org"\nWEGWEISER_LANGUAGES = ["de", "en", "ar"]')
    result = build(project / "pelicanconf.py", tmp_path / "out")
    assert result.ok, result.error
    html = (tmp_path / "out" / "ar" / "angebote" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://bildung.example.org/ar/angebote/">' in html
    alternates = re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html)
    assert alternates == [("de", "https://bildung.example.org/angebote/"), ("en", "https://bildung.example.org/en/angebote/"),
                          ("ar", "https://bildung.example.org/ar/angebote/"),
                          ("x-default", "https://bildung.example.org/angebote/")]
    assert not (tmp_path / "out" / "tr").exists()
    robots = (tmp_path / "out" / "robots.txt").read_text(encoding="utf-8")
    assert re.findall(r"Sitemap: (\S+)", robots) == ["https://bildung.example.org/sitemap.xml",
                                                     "https://bildung.example.org/en/sitemap.xml",
                                                     "https://bildung.example.org/ar/sitemap.xml"]
    arabic = (tmp_path / "out" / "ar" / "sitemap.xml").read_text(encoding="utf-8")
    german = (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://bildung.example.org/ar/angebote/</loc>" in arabic and "/en/" not in arabic
    assert arabic.count("<loc>") == german.count("<loc>") - german.count("/impressum/") > 5


def _positions(page, selector: str) -> list[float]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.getBoundingClientRect().left)")


@pytest.mark.parametrize("code", ["de", "ar", "fa"])
def test_right_to_left_pages_are_laid_out_from_the_right(chromium, example_site, example_server, code):
    """Element positions, not only the dir attribute: breadcrumbs, the language list and the navigation run
    from the right in Arabic and Farsi, their marked boxes stand at the right edge, and tables align to the
    right."""
    offer = sorted((example_site / "angebote").glob("*/index.html"))[0].parent.name
    prefix = "" if code == "de" else f"/{code}"
    rtl = code in RTL
    with phone_page(chromium) as page:
        page.goto(f"{example_server}{prefix}/angebote/{offer}/")
        for selector in (".ww-breadcrumbs__item", ".ww-languages__list > li", ".ww-nav__list > li"):
            lefts = _positions(page, selector)
            assert len(lefts) >= 2, selector
            assert (lefts[0] > lefts[1]) == rtl, (selector, lefts)
        width = page.evaluate("document.documentElement.clientWidth")
        text_box = ("e => { const r = document.createRange(); r.selectNodeContents(e);"
                    " const b = r.getBoundingClientRect(); return [b.left, b.right]; }")
        # the offer has no translation into this language: its German title runs left to right, isolated
        title_lang = page.eval_on_selector("h1", "e => e.closest('[lang]').getAttribute('lang')")
        assert title_lang == ("de" if code in ("de", "fa") or title_lang == "de" else code)
        heading = page.eval_on_selector("h1", text_box)
        assert heading[0] < width - heading[1], heading  # German starts at the left, also on an Arabic page
        assert page.eval_on_selector("h1", "e => getComputedStyle(e).direction") == "ltr"
        register = page.eval_on_selector(".ww-register", "e => [getComputedStyle(e).borderRightWidth,"
                                                          " getComputedStyle(e).borderLeftWidth]")
        assert register == (["6px", "0px"] if rtl else ["0px", "6px"])
        page.goto(f"{example_server}{prefix}/suche/")
        heading = page.eval_on_selector("h1", text_box)  # a title in the page's language
        if rtl:
            assert width - heading[1] < heading[0], heading  # the title's text starts at the right
        else:
            assert heading[0] < width - heading[1], heading
        page.goto(f"{example_server}{prefix}/bildungsmonitoring/betreuungsquote-unter-3/")
        align = page.eval_on_selector(".ww-table th", "e => getComputedStyle(e).textAlign")
        assert align == "start"
        # the county's figures are a German table (lang="de"): its columns run left to right in every language
        cell, table = page.eval_on_selector(".ww-table th", "e => [e.getBoundingClientRect().left,"
                                                             " e.closest('table').getBoundingClientRect().left]")
        assert abs(cell - table) < 1
        toc_lefts = _positions(page, ".ww-breadcrumbs__item")
        assert (toc_lefts[0] > toc_lefts[1]) == rtl  # the page around it still runs from the right


def _catalogs():
    return [(code, read_po(catalog_path(code).open("rb"), locale=code)) for code in LANGUAGES[1:]]


def test_every_shipped_catalog_is_complete_and_keeps_the_placeholders():
    """msgfmt --statistics: 0 untranslated, 0 fuzzy in every shipped catalog; a translation keeps the
    placeholders of its German text (a lost %(count)s would show the wrong page)."""
    problems = []
    for code, catalog in _catalogs():
        for message in catalog:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy or not all(strings):
                problems.append((code, ids[0], "fuzzy" if message.fuzzy else "untranslated"))
                continue
            wanted = sorted(set(PLACEHOLDER.findall(ids[-1])) - {"num"})
            for string in strings:
                found = sorted(set(PLACEHOLDER.findall(string)) - {"num"})
                if found != wanted:
                    problems.append((code, ids[0], string))
    assert problems == []


def test_the_catalogs_hold_every_text_of_the_templates_code_and_scripts():
    """make messages was run: every text marked in the sources is in the template and every catalog."""
    import babel.messages.extract as extract

    method_map = [("plugins/wegweiser/**.py", "python"), ("theme/templates/**.html", "jinja2"),
                  ("theme/static/js/search.js", "javascript"), ("theme/static/js/offer.js", "javascript"),
                  ("plugins/wegweiser/defaults/schemas/*.json", "wegweiser.i18n.schema_messages:extract")]
    options = {"theme/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    keywords = {**extract.DEFAULT_KEYWORDS, "UIText": None, "ngettext": (1, 2)}
    marked = {message if isinstance(message, str) else message[0]
              for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, options, keywords)}
    assert len(marked) > 200
    template = read_po((LOCALES / "messages.pot").open("rb"))
    assert marked <= {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    for code, catalog in _catalogs():
        assert marked <= {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}, code


@pytest.mark.parametrize("code", LANGUAGES[1:])
def test_the_interface_speaks_the_page_s_language(example_site, code):
    german = _html(example_site, "index.html")
    theirs = _html(example_site, f"{code}/index.html")

    def texts(html):
        nav = re.search(r'<nav class="ww-nav".*?</nav>', html, re.S).group(0)
        return [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r'class="ww-nav__link"[^>]*>(.*?)</a>', nav)]

    assert texts(theirs) == [translations(code).gettext(t) if t != "Leichte Sprache" else t for t in texts(german)]
    assert [t for t in texts(theirs)[:5] if t in texts(german)[:5]] == []  # Suche, Bereiche, Themen, Orte, Angebote
    skip = re.search(r'<a class="ww-skip-link" href="#inhalt">([^<]+)</a>', theirs).group(1)
    assert skip == translations(code).gettext("Zum Inhalt springen") != "Zum Inhalt springen"


@pytest.mark.parametrize("code", ["en", "ar", "ru"])
def test_the_search_page_s_script_speaks_the_page_s_language_with_its_plural_forms(checked_page, example_server, code):
    """The result count comes from the same catalog as the pages, in the form the language takes for that
    number (Arabic has six, Russian three)."""
    page = checked_page
    page.goto(f"{example_server}/{code}/suche/?q=deutsch")
    status = page.locator("[data-status]")
    status.wait_for(state="visible")
    page.wait_for_function("document.querySelector('[data-status]').textContent.length > 0")
    page.locator("[data-results] > li").first.wait_for()  # the list may be filled just after the count is said
    count = page.locator("[data-results] > li").count()
    assert count > 1
    total = int(re.search(r"\d+", status.text_content()).group(0))
    expected = translations(code).ngettext("%(num)s Angebot gefunden", "%(num)s Angebote gefunden", total)
    assert status.text_content() == (expected % {"num": total}) + "."
    texts = page.evaluate("JSON.parse(document.getElementById('ww-texte').textContent).texts")
    assert {m if isinstance(m, str) else m[0] for m in script_messages()} == set(texts)


def _visible(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment)).strip()


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_filters_and_the_form_speak_the_page_s_language(example_site, catalog, code):
    """The schema's texts (filter legends, field titles, hints) and the vocabularies' labels come from the
    catalogs and the label columns, not in German."""
    from wegweiser.i18n.content import label

    texts = translations(code)
    search = _html(example_site, f"{code}/suche/index.html")
    legends = [_visible(m) for m in re.findall(r'<legend class="ww-filter__legend">(.*?)</legend>', search, re.S)]
    for facet in catalog.schemas.facets:
        assert texts.gettext(facet.legend) != facet.legend, facet.field  # the catalog has it
        assert texts.gettext(facet.legend) in legends
    for facet in catalog.schemas.facets:
        for row in catalog.vocabularies[facet.vocabulary].rows:
            shown = re.search(rf'for="f-{facet.parameter}-{re.escape(row["id"])}">([^<]*)<', search).group(1).strip()
            assert shown == label(row, code)
    form = _html(example_site, f"{code}/mitmachen/index.html")
    labels = [_visible(m) for m in re.findall(r'<(?:label class="ww-field__label"|legend class="ww-fieldset__legend")'
                                              r'[^>]*>(.*?)</(?:label|legend)>', form, re.S)]
    titles = [f.title for f in catalog.schemas.offer.fields if f.name != "id"]
    assert sum(texts.gettext(t) != t for t in titles) == len(titles)
    assert sum(any(l.startswith(texts.gettext(t)) for l in labels) for t in titles) >= len(titles) - 3
    german_titles = set(titles) - {texts.gettext(t) for t in titles}
    assert not [l for l in labels if l.split(" (")[0] in german_titles]


def test_indicator_pages_mark_the_county_s_german_figures_on_other_languages_pages(example_site):
    german = _html(example_site, "bildungsmonitoring/betreuungsquote-unter-3/index.html")
    english = _html(example_site, "en/bildungsmonitoring/betreuungsquote-unter-3/index.html")
    note = translations("en").gettext("Die Zahlen des Bildungsmonitorings und ihre Beschreibungen gibt es nur auf Deutsch.")
    assert note in english and "gibt es nur auf Deutsch" not in german
    assert re.search(r'<h1 class="ww-title" lang="de">Betreuungsquote', english)
    assert re.search(r'<figure class="ww-chart" lang="de">', english) and re.search(r'<table class="ww-table"[^>]* lang="de"', english)
    assert 'lang="de"' not in german.split("<main", 1)[1]  # on the German page nothing needs marking
    facts = re.findall(r'<dt class="ww-facts__label">([^<]*)</dt>', english)
    assert translations("en").gettext("Einheit") in facts and "Einheit" not in facts
    listing = _html(example_site, "en/bildungsmonitoring/index.html")
    assert re.search(r'class="ww-indicators__link" href="[^"]+"\s*lang="de"', listing)


def test_the_open_data_page_explains_the_columns_in_the_page_s_language(example_site, catalog):
    """The columns' titles and descriptions come from the catalogs; what no catalog holds stays German and
    says so (lang="de")."""
    english = _html(example_site, "en/daten/index.html")
    texts = translations("en")
    for fld in catalog.schemas.offer.fields[:6]:
        assert texts.gettext(fld.title) != fld.title
        assert f"<span>{texts.gettext(fld.title)}</span>" in english
    rows = re.findall(r'– (<span[^>]*>[^<]*</span>) \((\d+) (rows?)\)', english)
    assert len(rows) >= 3 and all((n == "1") == (word == "row") for _, n, word in rows)
    german_titles = [span for span, _, _ in rows if 'lang="de"' in span]
    assert all(re.sub(r"<[^>]+>", "", span) == texts.gettext(re.sub(r"<[^>]+>", "", span)) for span in german_titles)
