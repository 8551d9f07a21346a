"""Producers of the open-data files: Data Package, calendars, Atom feed, sitemap, robots.txt.

Thin wrappers around :mod:`wegweiser.outputs.exports`, :mod:`~wegweiser.outputs.ical`
and :mod:`~wegweiser.outputs.feeds`; listed in ``files.PRODUCERS``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from wegweiser.outputs import exports
from wegweiser.outputs import feeds
from wegweiser.outputs import ical
from wegweiser.outputs.offline import OFFLINE_URL
from wegweiser.catalog.catalog import Catalog
from wegweiser.pelican_plugin.incremental import EntryFile


def open_data(catalog: Catalog, settings: dict):
    """The frictionless Data Package under /daten/."""
    for path, data in exports.data_package(catalog, settings):
        yield f"{exports.FOLDER}/{path}", data


def calendars(catalog: Catalog, settings: dict):
    """One .ics per dated offer and one per Bildungsbereich, each made only when its offers changed.

    Area by area: the offers' calendars, then the area's, which reuses their events; an area's
    events are freed before the next area's (all at once were 27 MB at 20,000 offers)."""
    site_url = settings.get("SITEURL") or ""
    done = set()
    for path, dated, name in ical.area_calendars(catalog):
        events: dict = {}
        for offer in dated:
            done.add(offer.page_url)
            yield _offer_calendar(catalog, offer, site_url, events)
        yield path, EntryFile(dated, functools.partial(ical.calendar, catalog, dated, name, site_url, events))
    for offer in catalog.offers:  # dated offers in no area's calendar
        if ical.is_dated(offer) and offer.page_url not in done:
            yield _offer_calendar(catalog, offer, site_url, None)


def _offer_calendar(catalog: Catalog, offer, site_url: str, events: dict | None):
    return f"{offer.page_url}{ical.FILE_NAME}", EntryFile(
        offer, functools.partial(ical.calendar, catalog, [offer], offer.title, site_url, events))


def atom_feed(catalog: Catalog, settings: dict):
    yield feeds.ATOM_PATH, feeds.atom(catalog, settings)


def sitemap_and_robots(catalog: Catalog, settings: dict):
    """robots.txt and, with an absolute SITEURL, one sitemap per language (``sitemap.xml`` for the source
    language, ``en/sitemap.xml`` …, each with the static pages in its language), each named in robots.txt."""
    from wegweiser.i18n.languages import languages

    site_url = settings.get("SITEURL") or ""
    guide_languages = languages(settings)
    names = [f"{language.prefix}sitemap.xml" for language in guide_languages]
    yield "robots.txt", feeds.robots(site_url, names)
    if feeds.is_absolute(site_url):
        paths = list(_page_paths(catalog))
        for language, name in zip(guide_languages, names):
            pages = [(f"{language.prefix}{path}", lastmod) for path, lastmod in paths]
            yield name, feeds.sitemap(pages + [(path, None) for path in _static_pages(settings, language)], site_url)


def _page_paths(catalog: Catalog):
    """(path, lastmod) of every page of the guide in the source language (Pelican's static pages aside)."""
    from wegweiser.pelican_plugin.pages import site_pages  # pages uses this module's neighbours; import late

    for page in site_pages(catalog):
        if page.url in ("404.html", OFFLINE_URL):
            continue
        entry = page.variables.get("offer") or page.variables.get("provider")
        yield page.url, entry.reviewed if entry is not None else None


def _static_pages(settings: dict, language):
    """URLs of the Markdown pages under content/pages in ``language``: the German pages (their ``Slug:``
    or file name), or the translations in content/pages/<code>/ (their file name)."""
    folders = settings.get("PAGE_PATHS") or ["pages"]
    if language.is_source:
        pattern, below = settings.get("PAGE_URL") or "{slug}/", ""
    else:
        pattern, below = settings.get("PAGE_LANG_URL") or "{lang}/{slug}/", language.code
    for folder in folders:
        for path in sorted((Path(settings.get("PATH", "content")) / folder / below).glob("*.md")):
            meta = _metadata(path)
            if meta.get("status", "published") in ("hidden", "draft"):
                continue
            yield pattern.format(slug=(meta.get("slug") if language.is_source else None) or path.stem,
                                 lang=language.code)


def _metadata(path: Path) -> dict:
    meta = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z_]+):\s*(.*)", line)
        if not match:
            break
        meta[match.group(1).lower()] = match.group(2).strip()
    return meta


def data_page_variables(catalog: Catalog) -> dict:
    """Template variables of the /daten/ page."""
    return {
        "tables": exports.tables(catalog),
        "license_info": exports.license_info,
        "attribution": exports.attribution,
        "atom_path": feeds.ATOM_PATH,
        "area_calendars": [row for row in catalog.vocabularies["areas"].rows
                           if ical.area_has_calendar(catalog, row["id"])],
        "calendar_file": ical.FILE_NAME,
        "list_delimiter": exports.LIST_DELIMITER,
        "spreadsheet_note": exports.SPREADSHEET_NOTE,
    }
