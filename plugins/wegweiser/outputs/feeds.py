"""Atom feed of new and changed offers, ``sitemap.xml`` and ``robots.txt``.

An offer counts as new or changed on the date the office last confirmed it
(``reviewed``). Sitemaps need absolute addresses: without an absolute SITEURL
(local builds) no sitemap is written and ``robots.txt`` does not point to one.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from wegweiser.catalog.catalog import Catalog

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
ATOM_PATH = "angebote.atom"
FEED_ENTRIES = 50


def is_absolute(site_url: str) -> bool:
    return (site_url or "").startswith(("http://", "https://"))


def _url(site_url: str, path: str) -> str:
    return f"{site_url}/{path}" if site_url else f"/{path}"


def _timestamp(day) -> str:
    return f"{day.isoformat()}T00:00:00Z" if isinstance(day, dt.date) else ""


def atom(catalog: Catalog, settings: dict) -> bytes:
    """The newest :data:`FEED_ENTRIES` offers by review date, newest first."""
    site_url = settings.get("SITEURL") or ""
    county = settings.get("WEGWEISER_COUNTY") or settings.get("SITENAME") or "Bildungswegweiser"
    offers = catalog.recently_reviewed[:FEED_ENTRIES]
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "de"})

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    sub(feed, "id", _id(site_url, "angebote/"))
    sub(feed, "title", f"Neue und geänderte Bildungsangebote – {county}")
    sub(feed, "updated", _timestamp(offers[0].reviewed if offers else catalog.today))
    sub(feed, "link", rel="self", href=_url(site_url, ATOM_PATH), type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=_url(site_url, "angebote/"), type="text/html")
    author = sub(feed, "author")
    sub(author, "name", settings.get("AUTHOR") or county)
    sub(feed, "generator", "Bildungswegweiser")
    for offer in offers:
        entry = sub(feed, "entry")
        sub(entry, "id", _id(site_url, offer.page_url))
        sub(entry, "title", offer.title)
        sub(entry, "updated", _timestamp(offer.reviewed))
        sub(entry, "link", rel="alternate", href=_url(site_url, offer.page_url), type="text/html")
        sub(entry, "summary", offer.summary)
        sub(entry, "category", term=offer.area, label=catalog.label("areas", offer.area))
        entry_author = sub(entry, "author")
        sub(entry_author, "name", offer.provider_entry.name)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


def _id(site_url: str, path: str) -> str:
    """A permanent IRI: the page address when it is absolute, a URN otherwise."""
    if is_absolute(site_url):
        return f"{site_url}/{path}"
    return "urn:bildungswegweiser:" + path.strip("/").replace("/", ":")


def sitemap(pages, site_url: str) -> bytes:
    """``pages`` are ``(path, lastmod date or None)``; paths relative to the site."""
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for path, lastmod in pages:
        url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = f"{site_url}/{path}"
        if isinstance(lastmod, dt.date):
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = lastmod.isoformat()
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def robots(site_url: str, sitemaps: list[str] = ("sitemap.xml",)) -> bytes:
    """``sitemaps``: the sitemaps' paths (one per language), named when the site's address is absolute."""
    lines = ["User-agent: *", "Allow: /"]
    if is_absolute(site_url):
        lines += [f"Sitemap: {site_url}/{name}" for name in sitemaps]
    return ("\n".join(lines) + "\n").encode("utf-8")
