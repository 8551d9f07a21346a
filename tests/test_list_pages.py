"""Long lists of offers (an area, a place, a topic …) are split into pages of LIST_PAGE_SIZE."""

from __future__ import annotations

import json
import re

import pytest
from browser import phone_page
from conftest import ROOT, make_project

from wegweiser.build.run import build
from wegweiser.pelican_plugin import pages
from wegweiser.pelican_plugin.pages import LIST_PAGE_SIZE, list_pages, site_pages


def _hrefs(raw: str) -> list[str]:
    return re.findall(r'<a class="ww-card__link" href="/([^"]+)"', raw)


def test_list_pages_split_a_list_in_order():
    offers = list(range(2 * LIST_PAGE_SIZE + 3))
    split = list_pages("orte/x/", offers)
    assert [url for url, _ in split] == ["orte/x/", "orte/x/seite/2/", "orte/x/seite/3/"]
    assert [offer for _, chunk in split for offer in chunk] == offers
    assert [len(chunk) for _, chunk in split] == [LIST_PAGE_SIZE, LIST_PAGE_SIZE, 3]
    assert list_pages("orte/x/", []) == [("orte/x/", [])]  # an empty list still has its page


def test_every_offer_of_a_long_list_is_on_exactly_one_of_its_pages(example_site, example_catalog):
    offers = example_catalog.offers_by("municipality", "musterstadt")
    assert len(offers) > LIST_PAGE_SIZE  # the example has a list long enough to be split
    first = (example_site / "orte" / "musterstadt" / "index.html").read_text(encoding="utf-8")
    second = (example_site / "orte" / "musterstadt" / "seite" / "2" / "index.html").read_text(encoding="utf-8")
    assert _hrefs(first) + _hrefs(second) == [offer.page_url for offer in offers]
    assert not (example_site / "orte" / "musterstadt" / "seite" / "3").exists()
    assert f"{len(offers)} Angebote, Seite 2 von 2 (Nr. {LIST_PAGE_SIZE + 1} bis {len(offers)})" in second
    assert "<title>Musterstadt – Seite 2 von 2 –" in second
    assert 'href="/orte/musterstadt/seite/2/" aria-current="page"' in second and 'rel="prev"' in second
    assert 'href="/orte/musterstadt/seite/2/" rel="next"' in first
    assert "orte/musterstadt/seite/2/" in [page.url for page in site_pages(example_catalog)]  # so in the sitemap
    short = (example_site / "themen" / "gesundheit" / "index.html").read_text(encoding="utf-8")
    assert "ww-pagination" not in short and "seite/2" not in short


def test_a_page_links_its_neighbours_first_and_last_page(tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "LIST_PAGE_SIZE", 10)  # Musterstadt's 93 offers on 10 pages
    project = make_project(tmp_path / "example")
    (project / "content").symlink_to(ROOT / "content")
    result = build(project / "pelicanconf.py", project / "output")
    assert result.ok, result.error
    area = project / "output" / "orte" / "musterstadt"
    count = 1 + len(list((area / "seite").iterdir()))
    assert count == 10
    for number in range(1, count + 1):
        page = area / ("index.html" if number == 1 else f"seite/{number}/index.html")
        nav = re.search(r'<nav class="ww-pagination".*?</nav>', page.read_text(encoding="utf-8"), re.S).group(0)
        shown = [int(n) for n in re.findall(r'Seite </span>(\d+)</a>', nav)]
        assert shown == sorted({1, count} | {n for n in (number - 1, number, number + 1) if 1 <= n <= count})
        gaps = nav.count('class="ww-pagination__gap"')
        assert gaps == (number - 1 > 2) + (count - number > 2)  # "…" where pages are left out
        assert ('rel="prev"' in nav) == (number > 1) and ('rel="next"' in nav) == (number < count)


def test_the_a_z_list_continues_on_further_pages_and_each_letter_links_where_it_begins(tmp_path, monkeypatch,
                                                                                       example_catalog):
    monkeypatch.setattr(pages, "A_Z_PAGE_SIZE", 40)
    monkeypatch.setattr(pages, "PROVIDERS_PAGE_SIZE", 10)
    project = make_project(tmp_path / "example")
    (project / "content").symlink_to(ROOT / "content")
    result = build(project / "pelicanconf.py", project / "output")
    assert result.ok, result.error
    out = project / "output"
    files = [out / "a-z" / "index.html"] + sorted((out / "a-z" / "seite").glob("*/index.html"))
    raws = [f.read_text(encoding="utf-8") for f in files]
    assert len(raws) == 4  # 157 offers
    listed = [href for raw in raws for href in re.findall(r'<li><a href="/(angebote/[^"]+)"', raw)]
    assert sorted(listed) == sorted(offer.page_url for offer in example_catalog.offers)  # each once
    links = re.findall(r'class="ww-letters__link" href="/(a-z/[^"#]*)#([^"]+)"', raws[0])
    assert links and all(re.findall(r'class="ww-letters__link" href="/(a-z/[^"#]*)#([^"]+)"', raw) == links
                         for raw in raws)
    for page_url, anchor in links:  # the heading is on the page the letter links to
        assert f'id="{anchor}"' in (out / page_url / "index.html").read_text(encoding="utf-8")
    assert "<title>Alle Angebote von A bis Z – Seite 2 von 4 –" in raws[1]
    provider_pages = [out / "anbieter" / "index.html"] + sorted((out / "anbieter" / "seite").glob("*/index.html"))
    assert len(provider_pages) == -(-len(example_catalog.providers) // 10)
    listed = [href for page in provider_pages
              for href in re.findall(r'class="ww-terms__link" href="/([^"]+)"', page.read_text(encoding="utf-8"))]
    assert listed == [provider.page_url for provider in example_catalog.providers]


def test_a_provider_with_many_offers_is_paged_like_every_list(tmp_path, monkeypatch, example_catalog):
    """A provider's offers continue on …/seite/2/ (5,028 offers once made one 2.2 MB page); the details
    of the provider stand on the first page only."""
    monkeypatch.setattr(pages, "LIST_PAGE_SIZE", 10)
    project = make_project(tmp_path / "example")
    (project / "content").symlink_to(ROOT / "content")
    assert build(project / "pelicanconf.py", project / "output").ok
    provider = max(example_catalog.providers, key=lambda p: len(p.offers))
    assert len(provider.offers) > 2 * 10
    folder = project / "output" / provider.page_url
    files = [folder / "index.html"] + sorted((folder / "seite").glob("*/index.html"),
                                             key=lambda p: int(p.parent.name))
    raws = [f.read_text(encoding="utf-8") for f in files]
    assert len(raws) == -(-len(provider.offers) // 10)
    assert [href for raw in raws for href in _hrefs(raw)] == [offer.page_url for offer in provider.offers]
    assert all(len(_hrefs(raw)) <= 10 for raw in raws)
    assert f"<title>{provider.name} – Seite 2 von {len(raws)} –" in raws[1]
    assert f'href="/{provider.page_url}seite/2/" aria-current="page"' in raws[1]
    assert "Zuletzt geprüft am" in raws[0] and "Zuletzt geprüft am" not in raws[1]
    assert f"Angebote ({len(provider.offers)})" in raws[1]


def test_a_changed_offer_re_renders_only_the_list_pages_it_is_on(tmp_path, monkeypatch):
    """Only a list's first page shows the area's indicators (which read the whole catalog)."""
    monkeypatch.setattr(pages, "LIST_PAGE_SIZE", 5)
    project = make_project(tmp_path / "example", ROOT / "content")
    out = project / "output"
    assert build(project / "pelicanconf.py", out).ok
    before = json.loads((out / ".buildinfo.json").read_text(encoding="utf-8"))["pages"]
    source = project / "content" / "offers" / "vhs-deutsch-a1-abendkurs.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nEin neuer Satz.\n", encoding="utf-8")
    assert build(project / "pelicanconf.py", out).ok
    after = json.loads((out / ".buildinfo.json").read_text(encoding="utf-8"))["pages"]
    changed = {path for path in after if before.get(path) != after[path]}
    area = sorted(path for path in after if path.startswith("bereiche/weiterbildung/"))
    assert len(area) > 3
    on = {path for path in area if "/angebote/vhs-deutsch-a1-abendkurs/" in (out / path).read_text(encoding="utf-8")}
    assert on and {path for path in area if path in changed} <= on | {"bereiche/weiterbildung/index.html"}


def test_pages_a_shorter_list_no_longer_has_disappear(tmp_path, monkeypatch, example_catalog):
    monkeypatch.setattr(pages, "LIST_PAGE_SIZE", 10)
    project = make_project(tmp_path / "example", ROOT / "content")
    out = project / "output"
    assert build(project / "pelicanconf.py", out).ok
    place = out / "orte" / "musterstadt"
    assert (place / "seite" / "10" / "index.html").is_file()  # 93 offers
    for offer in example_catalog.offers_by("municipality", "musterstadt")[:4]:
        (project / offer.source).unlink()
    assert build(project / "pelicanconf.py", out).ok
    assert (place / "seite" / "9" / "index.html").is_file()  # 89 offers
    assert not (place / "seite" / "10").exists()  # the page and its folder are gone


@pytest.mark.parametrize("width", [320, 390])
def test_page_links_are_big_enough_to_tap(chromium, example_server, width):
    with phone_page(chromium) as page:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{example_server}/orte/musterstadt/seite/2/")
        links = page.locator(".ww-pagination__link")
        assert links.count() == 3
        for i in range(links.count()):
            box = links.nth(i).bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44


def test_the_home_page_lists_the_offers_beginning_soon_and_the_newest(example_site, example_catalog):
    """Under „Beginnt bald“ the five offers starting soonest (within the guide's days of „soon“), under
    „Neu oder aktualisiert“ the five reviewed last — each linked to its page."""
    home = (example_site / "index.html").read_text(encoding="utf-8")
    soon = sorted((o for o in example_catalog.offers if o.soon), key=lambda o: (o.start_date, o.id))[:5]
    newest = sorted(example_catalog.offers, key=lambda o: (o.reviewed, o.id), reverse=True)[:5]
    assert soon and newest
    sections = {heading: home.split(f">{heading}</h2>", 1)[1].split("</section>", 1)[0]
                for heading in ("Beginnt bald", "Neu oder aktualisiert")}
    for heading, offers in (("Beginnt bald", soon), ("Neu oder aktualisiert", newest)):
        linked = re.findall(r'href="[^"]*/angebote/([^/"]+)/"', sections[heading])
        assert list(dict.fromkeys(linked)) == [o.id for o in offers], heading
