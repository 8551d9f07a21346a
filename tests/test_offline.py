"""Offline use in real Chromium: after one visit the search, the offers opened before and an offline page
work without a connection; a new build offers to reload; the guide works with service workers blocked."""

from __future__ import annotations

import contextlib
import gzip
import shutil
from pathlib import Path

import pytest
from browser import PHONE, describe, run_axe
from conftest import FIXTURES, ROOT, edit, make_project, serve

from wegweiser.build.run import build
from wegweiser.outputs.offline import SCRIPT_NAME, plan

OFFER = "deutschkurs-a1"  # opened while online
OTHER = "kita-sonnenblume"  # never opened

READY = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return registration.scope;
}"""
CACHED = """async (url) => {
  for (const name of await caches.keys()) {
    if (await (await caches.open(name)).match(url)) return true;
  }
  return false;
}"""


def _build(project: Path, output: Path):
    result = build(project / "pelicanconf.py", output)
    assert result.ok, [f.as_text() for f in result.findings if f.is_error] or result.error
    return result


@pytest.fixture
def project(tmp_path) -> Path:
    """The minimal guide with a content folder of its own (a test changes an offer)."""
    return make_project(tmp_path / "project", FIXTURES / "minimal" / "content")


@pytest.fixture
def context(chromium):
    """A phone-sized browser with service workers allowed and the page's own policy in force."""
    context = chromium.new_context(viewport=PHONE, locale="de-DE", service_workers="allow")
    context.errors = []
    yield context
    context.close()
    assert context.errors == []


def _page(context):
    page = context.new_page()
    page.on("pageerror", lambda e: context.errors.append(str(e)))
    return page


def _visit(page, url: str) -> None:
    """Open ``url`` online and wait until the service worker has kept it and the images shown."""
    page.goto(url)
    page.wait_for_load_state("load")
    for kept in [url, *page.locator("main img").evaluate_all("els => els.map(e => e.currentSrc)")]:
        _wait_until_kept(page, kept)


def _wait_until_kept(page, url: str) -> None:
    for _ in range(100):
        if page.evaluate(CACHED, url):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{url} was not kept")


def _first_visit(page, server: str, root: str = "/") -> str:
    page.goto(f"{server}{root}")
    return page.evaluate(READY)  # resolves when the worker is active, i.e. everything ahead is kept


def _results(page) -> list[str]:
    page.wait_for_selector("[data-results] a.ww-card__link", timeout=10_000)
    return page.locator("[data-results] a.ww-card__link").evaluate_all("els => els.map(e => e.href)")


def test_the_guide_works_offline_after_one_visit(project, context):
    edit(project / "content" / "offers" / f"{OFFER}.md", "reviewed:",
         "image: kurs.png\nimage_alt: Menschen lernen zusammen Deutsch\nreviewed:")
    output = project / "output"
    _build(project, output)
    with serve(output) as server:
        page = _page(context)
        assert _first_visit(page, server) == f"{server}/"
        _visit(page, f"{server}/angebote/{OFFER}/")
        context.set_offline(True)

        page.goto(f"{server}/suche/?q=Deutschkurs")
        assert f"{server}/angebote/{OFFER}/" in _results(page)

        page.goto(f"{server}/angebote/{OFFER}/")
        assert page.text_content("h1") == "Deutschkurs A1 am Abend"
        # its image, seen when the page was opened, is kept too
        page.wait_for_function("() => [...document.querySelectorAll('main img')].every(i => i.complete)")
        assert page.locator("main img").evaluate_all("els => els.map(e => e.naturalWidth > 0)") == [True]
        assert "Stand: 23. November 2026" in page.text_content("footer")

        page.goto(f"{server}/angebote/{OTHER}/")
        assert page.text_content("h1") == "Sie sind offline"
        assert page.url == f"{server}/angebote/{OTHER}/"  # in place: back online, a reload shows the offer
        page.wait_for_selector("[data-offline-list] a")
        assert page.locator("[data-offline-list] a").evaluate_all("els => els.map(e => [e.href, e.textContent])") \
            == [[f"{server}/angebote/{OFFER}/", "Deutschkurs A1 am Abend"]]
        assert page.locator("main a[href='/suche/']").is_visible()
        violations = run_axe(page)
        assert violations == [], describe(violations)
        assert page.evaluate("getComputedStyle(document.querySelector('.ww-header')).display") != "inline"  # styled


def test_a_new_build_offers_to_reload_and_shows_the_change(project, context):
    output = project / "output"
    _build(project, output)
    with serve(output) as server:
        page = _page(context)
        _first_visit(page, server)
        _visit(page, f"{server}/angebote/{OFFER}/")
        assert page.locator("[data-update]").count() == 0

        edit(project / "content" / "offers" / f"{OFFER}.md", "title: Deutschkurs A1 am Abend",
             "title: Deutschkurs A1 am Dienstagabend")
        _build(project, output)
        page.goto(f"{server}/angebote/{OFFER}/")
        page.wait_for_selector("[data-update] button", timeout=10_000)
        assert "neue Fassung" in page.text_content("[data-update]")
        violations = run_axe(page)
        assert violations == [], describe(violations)
        with page.expect_navigation():
            page.click("[data-update] button")
        page.wait_for_load_state()
        assert page.text_content("h1") == "Deutschkurs A1 am Dienstagabend"
        assert page.locator("[data-update]").count() == 0

        # the new search data is what is kept now: it finds the new title without a connection
        page.evaluate(READY)
        context.set_offline(True)
        page.goto(f"{server}/suche/?q=Dienstagabend")
        assert _results(page) == [f"{server}/angebote/{OFFER}/"]


@contextlib.contextmanager
def _offline(project, context, setting: str, output: Path, served: Path, site: str = "/", start: str = ""):
    """Build with ``setting``, open the page ``start`` below the site's root ``site`` once, go offline and
    search there; yields the page and the server."""
    with (project / "pelicanconf.py").open("a") as settings:
        settings.write(setting + "\n")
    _build(project, output)
    with serve(served) as server:
        page = _page(context)
        assert _first_visit(page, server, site + start) == f"{server}{site}"  # the worker's scope: the site
        context.set_offline(True)
        page.goto(f"{server}{site}{start}suche/?q=Kita")
        assert f"{server}{site}{start}angebote/{OTHER}/" in _results(page)
        yield page, server


def test_offline_below_a_sub_path(project, context, tmp_path):
    with _offline(project, context, 'SITEURL = "/bildung"', tmp_path / "host" / "bildung", tmp_path / "host",
                  "/bildung/") as (page, server):
        page.goto(f"{server}/bildung/angebote/{OFFER}/")
        assert page.text_content("h1") == "Sie sind offline"


def test_each_language_keeps_its_own_pages(project, context):
    """A page in English registers the worker for English: its home, search and offline page are kept."""
    output = project / "output"
    with _offline(project, context, 'WEGWEISER_LANGUAGES = ["de", "en"]', output, output, start="en/") as (page, server):
        page.goto(f"{server}/en/angebote/{OFFER}/")
        assert page.text_content("h1") == "You are offline"
        assert page.locator("main a[href='/en/suche/']").is_visible()


def test_switching_language_keeps_the_new_language_and_says_nothing_of_a_new_version(project, context):
    """The worker registered from another language's page is taken at once: its language's pages are kept,
    and no banner claims a new version (there is none)."""
    with (project / "pelicanconf.py").open("a") as settings:
        settings.write('WEGWEISER_LANGUAGES = ["de", "en"]\n')
    output = project / "output"
    _build(project, output)
    with serve(output) as server:
        page = _page(context)
        _first_visit(page, server)
        page.goto(f"{server}/en/")
        page.wait_for_function("navigator.serviceWorker.controller && "
                               "navigator.serviceWorker.controller.scriptURL.endsWith('sprache=en')", timeout=15_000)
        _visit(page, f"{server}/en/angebote/{OFFER}/")
        page.wait_for_timeout(500)
        assert page.locator("[data-update]").count() == 0
        context.set_offline(True)
        page.goto(f"{server}/en/angebote/{OTHER}/")
        assert page.text_content("h1") == "You are offline"


def test_offline_with_relative_urls(project, context):
    output = project / "output"
    with _offline(project, context, "RELATIVE_URLS = True", output, output) as (page, server):
        page.goto(f"{server}/angebote/{OFFER}/")  # relative links work at the offline page's own address only
        assert page.url == f"{server}/offline/"
        assert page.text_content("h1") == "Sie sind offline"
        assert page.evaluate("getComputedStyle(document.querySelector('.ww-header')).display") != "inline"


def test_search_data_beyond_the_budget_is_kept_once_a_search_used_it(project, context):
    (project / "pelicanconf.py").open("a").write("WEGWEISER_OFFLINE_BUDGET_KB = 1\n")  # the shell alone is more
    output = project / "output"
    assert "Suchdaten 0 KB von" in _build(project, output).offline
    with serve(output) as server:
        page = _page(context)
        _first_visit(page, server)
        page.goto(f"{server}/suche/?q=Kita")
        found = _results(page)
        context.set_offline(True)
        page.goto(f"{server}/suche/?q=Kita")
        assert _results(page) == found


def test_the_guide_works_with_service_workers_blocked(example_server, chromium):
    context = chromium.new_context(viewport=PHONE, locale="de-DE", service_workers="block")
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{example_server}/")
        page.wait_for_load_state("load")
        assert page.evaluate("navigator.serviceWorker === undefined || navigator.serviceWorker.controller === null")
        page.goto(f"{example_server}/suche/?q=Yoga")
        assert _results(page)
        assert page.locator("[data-update]").count() == 0
        assert errors == []
    finally:
        context.close()


def test_the_precache_keeps_to_its_budget_in_the_order_of_use(example_site):
    full = plan(example_site, "", {"de": ""})
    language = full.languages["de"]
    assert language.left == [] and language.data[0].startswith("suche/daten/manifest-")
    assert {"theme/css/main.css", "theme/js/search.js", "theme/js/offline.js"} <= set(full.shell)
    assert language.pages == ["", "suche/", "offline/"]

    budget = (full.shell_bytes + language.pages_bytes + language.data_bytes // 2) // 1000
    half = plan(example_site, "", {"de": ""}, budget)
    kept, left = half.languages["de"].data, half.languages["de"].left
    assert kept and left and sorted(kept + left) == sorted(language.data)
    sizes = sum(len(gzip.compress((example_site / path).read_bytes(), 6, mtime=0)) for path in kept)
    assert half.shell_bytes + half.languages["de"].pages_bytes + sizes <= budget * 1000
    assert half.gzip_bytes == half.shell_bytes + half.languages["de"].pages_bytes + half.languages["de"].data_bytes
    assert [p.split("/")[-1].split("-")[0] for p in kept[:3]] == ["manifest", "filters", "facets"]
    assert "Suchdaten" in half.summary() and "Suchdaten" not in full.summary()

    both = plan(example_site, "", {"de": "", "en": "en/"})  # English pages name their own search data
    english = both.languages["en"].data
    assert both.languages["en"].pages == ["en/", "en/suche/", "en/offline/"]
    assert english[0].startswith("suche/daten/en-manifest-") and english[1] == language.data[0]  # then the German
    assert {"theme/js/snowball/base-stemmer.js", "theme/js/snowball/english-stemmer.js"} <= set(english)
    assert {p for p in language.data if "/s-" in p} <= set(english)  # the German shards, for German words
    assert "je Sprache" in both.summary()


def test_the_build_prints_the_precache_and_writes_the_worker(project, capsys):
    from wegweiser.cli import main

    assert main(["build", "--settings", str(project / "pelicanconf.py")]) == 0
    assert "Offline-Vorrat:" in capsys.readouterr().out
    script = (project / "output" / SCRIPT_NAME).read_text(encoding="utf-8")
    assert script.startswith("// Written by the Bildungswegweiser build")
    assert (ROOT / "plugins" / "wegweiser" / "outputs" / "service_worker.js").read_text(encoding="utf-8") in script
    shutil.rmtree(project / "output")
