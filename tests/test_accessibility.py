"""axe-core in real Chromium at phone width on every page type of the example guide."""

from __future__ import annotations

import pytest
from browser import describe, horizontal_overflow, phone_page, run_axe
from conftest import ROOT

PAGE_TYPES = {
    "home": "/",
    "offer": None,  # first offer of the A–Z list
    "provider": None,  # first provider of the list
    "providers": "/anbieter/",
    "areas": "/bereiche/",
    "area": "/bereiche/weiterbildung/",
    "topic": "/themen/deutsch-integration/",
    "place": "/orte/musterstadt/",
    "list-page-2": "/orte/musterstadt/seite/2/",  # a long list continues on further pages
    "target-group": "/zielgruppen/senioren/",
    "a-z": "/a-z/",
    "offers-overview": "/angebote/",
    "life-situation": "/lebenslagen/deutsch-lernen/",
    "static": "/impressum/",
    "translated-static": "/barrierefreiheit/",  # with translations (content/pages/<code>/barrierefreiheit.md)
    "easy-language": "/leichte-sprache/",
    "not-found": "/404.html",
    "offline": "/offline/",
    "open-data": "/daten/",
    "monitoring": "/bildungsmonitoring/",
    "indicator": "/bildungsmonitoring/betreuungsquote-unter-3/",
    "indicator-groups": "/bildungsmonitoring/angebote-nach-zielgruppe/",
}



#: German pages only (content/pages/: the static pages are written in German, Leichte Sprache is German)
GERMAN_ONLY = {"static", "easy-language"}
#: static pages in the languages they are translated into
TRANSLATED = {"translated-static": "barrierefreiheit"}
LANGUAGES = ["de", "en", "tr", "ar", "uk", "ru", "fa"]  # the example's WEGWEISER_LANGUAGES


def _published(name: str, language: str) -> bool:
    if language == "de":
        return True
    if name in TRANSLATED:
        return (ROOT / "content" / "pages" / language / f"{TRANSLATED[name]}.md").is_file()
    return name not in GERMAN_ONLY


def _resolve(example_site, name, path):
    if path:
        return path
    folder = "angebote" if name == "offer" else "anbieter"
    first = sorted((example_site / folder).glob("*/index.html"))[0]
    return f"/{folder}/{first.parent.name}/"


def _in(language: str, path: str) -> str:
    return path if language == "de" else f"/{language}{path}"


@pytest.mark.parametrize("name,language", [(name, language) for language in LANGUAGES for name in PAGE_TYPES
                                           if _published(name, language)])
def test_page_type_has_no_axe_violations(chromium, example_site, example_server, name, language):
    path = _in(language, _resolve(example_site, name, PAGE_TYPES[name]))
    with phone_page(chromium) as page:
        response = page.goto(example_server + path)
        assert response.ok or name == "not-found"
        violations = run_axe(page)
        assert violations == [], describe(violations)
        assert horizontal_overflow(page) <= 0
        assert page.foreign_requests == []
        assert page.locator("h1").count() == 1
        assert page.locator("main").count() == 1
        assert page.evaluate("document.documentElement.lang") == language


def test_skip_link_is_first_and_targets_main(chromium, example_server):
    with phone_page(chromium) as page:
        page.goto(example_server + "/")
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.textContent, document.activeElement.getAttribute('href')]")
        assert focused == ["Zum Inhalt springen", "#inhalt"]
        assert page.evaluate("document.querySelector('#inhalt').tagName") == "MAIN"


def test_guide_is_browsable_without_javascript(chromium, example_server):
    with phone_page(chromium, java_script=False) as page:
        page.goto(example_server + "/")
        page.get_by_role("link", name="Weiterbildung").first.click()
        page.locator(".ww-card__link").first.click()
        assert page.locator("h1").count() == 1
        assert "/angebote/" in page.url


def test_no_page_overflows_at_320_px(chromium, example_site, example_server):
    """Reflow (WCAG 1.4.10): every page fits a 320 px wide screen without horizontal scrolling."""
    paths = sorted("/" + p.relative_to(example_site).as_posix().removesuffix("index.html")
                   for p in example_site.rglob("*.html"))
    overflowing = []
    with phone_page(chromium, java_script=True) as page:
        page.set_viewport_size({"width": 320, "height": 640})
        for path in paths:
            page.goto(example_server + path, wait_until="domcontentloaded")
            if horizontal_overflow(page) > 0:
                overflowing.append(path)
        assert page.foreign_requests == []
    assert len(paths) > 200
    assert overflowing == []
