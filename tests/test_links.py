"""Every link of every page leads to a file of the site — with absolute and with relative addresses.

With ``RELATIVE_URLS = True`` Pelican gives each page its own SITEURL (``..``, ``../..``), so a
piece of HTML made for one page and reused on a page at another depth would lead nowhere.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import phone_page
from conftest import ROOT, make_project, serve

from wegweiser.build.run import build

#: attributes holding one address, and those holding a list of them (srcset)
URL_ATTRIBUTES = {"href", "src", "action", "data-manifest", "poster"}
SRCSET = "srcset"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                self.urls.append(value)
            elif name == SRCSET:
                self.urls += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def _links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.urls


def _target(site: Path, page: Path, url: str) -> Path | None:
    """The file a link of ``page`` leads to, or None for links off the site (other hosts, e-mail, phone)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("#"):
        return None
    path = unquote(parts.path)
    if not path:  # „?q=…“: this page
        return page
    here = "/" + page.relative_to(site).parent.as_posix()
    resolved = posixpath.normpath(posixpath.join(here, path)) + ("/" if path.endswith("/") else "")
    assert not resolved.startswith("/.."), (page, url)
    target = site / resolved.lstrip("/")
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def _broken(site: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """(pages without a link into the site, (page, link) of every link leading to no file)."""
    unlinked, broken = [], []
    for page in sorted(site.rglob("*.html")):
        name, followed = page.relative_to(site).as_posix(), 0
        for url in _links(page):
            target = _target(site, page, url)
            if target is None:
                continue
            followed += 1
            if not target.is_file():
                broken.append((name, url))
        if not followed:
            unlinked.append(name)
    return unlinked, broken


@pytest.fixture(scope="module")
def relative_site(tmp_path_factory) -> Path:
    """The example guide built with RELATIVE_URLS = True."""
    folder = make_project(tmp_path_factory.mktemp("relative"), extra="RELATIVE_URLS = True\n")
    (folder / "content").symlink_to(ROOT / "content")
    result = build(folder / "pelicanconf.py", folder / "output")
    assert result.ok, [f.as_text() for f in result.findings if f.is_error] or result.error
    return folder / "output"


def test_every_link_resolves_with_relative_urls(relative_site):
    unlinked, broken = _broken(relative_site)
    assert unlinked == [] and broken == []


def test_pages_at_every_depth_use_relative_addresses(relative_site):
    for page, prefix in (("index.html", "./"), ("angebote/index.html", "../"),
                         ("angebote/vhs-yoga-einsteiger/index.html", "../../"),
                         ("themen/kultur-musik/index.html", "../../"), ("orte/musterstadt/seite/2/index.html", "../../../../")):
        links = [u for u in _links(relative_site / page) if not urlsplit(u).scheme and not u.startswith("#")]
        assert links and all(not u.startswith("/") for u in links), page
        assert any(u.startswith(prefix + "angebote/") or u.startswith(prefix.removesuffix("./") + "angebote/")
                   for u in links), page


def test_every_link_resolves_with_absolute_urls(example_site):
    unlinked, broken = _broken(example_site)
    assert unlinked == [] and broken == []


def test_search_results_lead_to_their_offers_with_relative_urls(relative_site, chromium, catalog):
    """The search page fills its card template in the browser: its links must resolve there too."""
    with serve(relative_site) as server, phone_page(chromium) as page:
        page.goto(f"{server}/suche/?kostenlos=1")
        page.wait_for_function("document.querySelectorAll('[data-results] > li').length > 0")
        hrefs = page.locator("[data-results] a.ww-card__link").evaluate_all("els => els.map(e => e.href)")
        free = {f"{server}/{o.page_url}" for o in catalog.offers if o.cost_eur == 0}
        assert hrefs and set(hrefs) <= free
        for href in hrefs:
            assert (relative_site / urlsplit(href).path.lstrip("/") / "index.html").is_file(), href
        page.locator("[data-results] a.ww-card__link").first.click()
        page.wait_for_url(hrefs[0])
        assert page.locator("h1").first.is_visible()
