"""Atom feed of new and changed offers, sitemap.xml and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET


from wegweiser.build.run import build
from wegweiser.outputs.feeds import FEED_ENTRIES

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"



def test_atom_feed_lists_newest_offers_first(example_site, catalog):
    feed = ET.parse(example_site / "angebote.atom").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == min(FEED_ENTRIES, len(catalog.offers))
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == updated[0]
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:bildungswegweiser:") for i in ids)
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert (example_site / href.lstrip("/") / "index.html").is_file()
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}summary")
    newest = catalog.recently_reviewed[0]
    assert entries[0].findtext(f"{ATOM}title") == newest.title
    assert 'type="application/atom+xml"' in (example_site / "index.html").read_text(encoding="utf-8")


def test_local_build_has_robots_but_no_sitemap(example_site):
    assert (example_site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    assert not (example_site / "sitemap.xml").exists()


def test_publish_build_has_sitemap_of_every_page(minimal_project, tmp_path):
    site = "https://example.org/bildung"
    result = build(minimal_project / "pelicanconf.py", tmp_path / "out", {"SITEURL": site})
    assert result.ok, result.error
    out = tmp_path / "out"
    robots = (out / "robots.txt").read_text()
    assert f"Sitemap: {site}/sitemap.xml" in robots
    # one sitemap per language, each named in robots.txt: together every page
    names = [line.split(f"{site}/", 1)[1] for line in robots.splitlines() if line.startswith("Sitemap: ")]
    urls = [u for name in names for u in ET.parse(out / name).getroot().findall(f"{SITEMAP}url")]
    locs = {u.findtext(f"{SITEMAP}loc") for u in urls}
    pages = {f"{site}/" + p.relative_to(out).as_posix().removesuffix("index.html")
             for p in out.rglob("*.html") if p.name != "404.html" and p.parent.name != "offline"}  # offline: noindex
    assert locs == pages
    lastmod = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in urls}
    assert lastmod[f"{site}/angebote/deutschkurs-a1/"] == "2026-11-01"
    feed = ET.parse(out / "angebote.atom").getroot()
    assert feed.find(f"{ATOM}link").get("href") == f"{site}/angebote.atom"
    assert feed.find(f"{ATOM}entry").findtext(f"{ATOM}id").startswith(f"{site}/angebote/")
