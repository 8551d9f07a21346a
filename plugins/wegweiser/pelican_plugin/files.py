"""Non-HTML files of the guide (CSV, JSON, iCalendar, feeds, …).

Each producer takes ``(catalog, settings)`` and yields ``(path, bytes)`` with a path relative
to the output folder (``PRODUCERS``: files made from the whole catalog) —
or ``(path, EntryFile)`` for a file made from one offer or provider alone (or a list of
them), which is then made only when these entries changed (``ENTRY_PRODUCERS``).
Producers are plain functions, usually thin wrappers around a core module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

from wegweiser.catalog.catalog import Catalog
from wegweiser.build.site_folders import is_site_path
from wegweiser.pelican_plugin.incremental import EntryFile

Producer = Callable[[Catalog, dict], Iterable[tuple[str, object]]]  # bytes or EntryFile


def office_report(catalog: Catalog, settings: dict):
    """The inventory report, only when WEGWEISER_PUBLISH_REPORT is set (it names people and gaps)."""
    if not settings.get("WEGWEISER_PUBLISH_REPORT", False):
        return
    from wegweiser.report.report import build_report
    from wegweiser.report.formats import as_html

    html = as_html(build_report(catalog), settings.get("SITEURL", ""), settings.get("AUTHOR", ""))
    yield "bestandsaufnahme/index.html", html.encode("utf-8")


def search_data(catalog: Catalog, settings: dict):
    """Search index shards, facets and result store under /suche/daten/ (read by search-query.js), for
    each of the guide's languages (the same file once)."""
    from wegweiser.i18n.languages import languages
    from wegweiser.search.search_index import SEARCH_FOLDER, catalog_search_files

    written = set()
    for language in languages(settings):
        for name, data in catalog_search_files(catalog, language.code).hand_out():
            if name not in written:
                written.add(name)
                yield f"{SEARCH_FOLDER}/{name}", data


def indicator_data(catalog: Catalog, settings: dict):
    """CSV files and datapackage.json of the indicator appendix under /bildungsmonitoring/daten/."""
    if catalog.monitoring is not None:
        yield from catalog.monitoring.download_files()


def images(catalog: Catalog, settings: dict):
    """Offer images and provider logos under /bilder/: resized WebP + JPEG/PNG, metadata stripped."""
    if catalog.images is None:
        return
    used = [(entry.values.get(name), name) for entries in (catalog.offers, catalog.providers)
            for entry in entries for name in ("image", "logo") if entry.values.get(name)]
    yield from catalog.images.files(used)


def brochure(catalog: Catalog, settings: dict):
    """The printed brochure's PDFs under /broschuere/ (made before the pages, with WEGWEISER_BROCHURE)."""
    for by_area in catalog.brochures.values():
        for published in by_area.values():
            yield published.path, published.data


def server_config(catalog: Catalog, settings: dict):
    """.htaccess with the security headers for Apache (nginx: docs/hosting.md)."""
    from urllib.parse import urlsplit

    from wegweiser.outputs.security import htaccess

    from wegweiser.i18n.languages import languages

    others = tuple(language.code for language in languages(settings) if not language.is_source)
    yield ".htaccess", htaccess(urlsplit(settings.get("SITEURL") or "").path, others).encode("utf-8")


def editor(catalog: Catalog, settings: dict):
    """The office's editor at /admin/ (Decap CMS configured from the schemas), when WEGWEISER_CMS is on."""
    from wegweiser.editor.admin_files import admin_files

    yield from admin_files(catalog.schemas, settings)


from wegweiser.pelican_plugin.open_data import atom_feed, calendars, open_data, sitemap_and_robots  # noqa: E402
from wegweiser.pelican_plugin.submission import prefill_files, submission_files  # noqa: E402

PRODUCERS: tuple[Producer, ...] = (office_report, search_data, indicator_data,
                                   open_data, atom_feed, sitemap_and_robots,
                                   images, server_config, submission_files, brochure, editor)
ENTRY_PRODUCERS: tuple[Producer, ...] = (calendars, prefill_files)


def site_files(catalog: Catalog, settings: dict) -> Iterable[tuple[str, bytes]]:
    """The files made from the whole catalog."""
    yield from _checked(PRODUCERS, catalog, settings, bytes)


def entry_files(catalog: Catalog, settings: dict) -> Iterable[tuple[str, EntryFile]]:
    """The files made from one entry (or a list of them)."""
    yield from _checked(ENTRY_PRODUCERS, catalog, settings, EntryFile)


def _checked(producers, catalog: Catalog, settings: dict, kind: type):
    for producer in producers:
        for path, data in producer(catalog, settings):
            if not is_site_path(path):  # most are plain: pathlib only for the others
                clean = PurePosixPath(path)
                if clean.is_absolute() or ".." in clean.parts:
                    raise ValueError(f"{producer.__name__} tried to write outside the output folder: {path}")
                path = clean.as_posix()
            if not isinstance(data, kind):
                raise TypeError(f"{producer.__name__} yielded {type(data).__name__} for {path}, not {kind.__name__}")
            yield path, data

