"""The brochure in the build (``WEGWEISER_BROCHURE = True``): its PDFs under /broschuere/, linked with
their size from the area pages.

The PDFs are made before the pages (the links name their size) and kept in
``.cache/wegweiser/brochure/<key>/``, the key being every page's inputs (templates, settings, data,
code, date) and the whole catalog: a build without a change takes them from there, a change of any
offer makes them anew (half a minute at a few hundred offers, which is why it is a setting).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from wegweiser.brochure.command import chosen_languages, template_dirs, write_file
from wegweiser.brochure.documents import Published, about, documents, make
from wegweiser.catalog.catalog import Catalog
from wegweiser.catalog.project import Project
from wegweiser.pelican_plugin.incremental import global_digest


def published_brochures(catalog: Catalog, settings: dict, project: Project) -> dict[str, dict[str, Published]]:
    """``{language: {area ("" for the whole brochure): Published}}`` for the languages of
    ``WEGWEISER_BROCHURE_LANGUAGES`` (default: the source language only), in the paper size
    ``WEGWEISER_BROCHURE_PAPER``. The documents of every language not kept from the last build are made
    together, the largest first, on all cores."""
    default = settings.get("DEFAULT_LANG") or "de"
    paper = settings.get("WEGWEISER_BROCHURE_PAPER") or "A4"
    codes = chosen_languages(settings, list(settings.get("WEGWEISER_BROCHURE_LANGUAGES") or [default]))
    key = hashlib.sha256(f"{global_digest(settings, project.data_dir, catalog.today)}:{catalog.digest}:{paper}"
                         .encode()).hexdigest()[:32]
    cache = project.root / ".cache" / "wegweiser" / "brochure"
    docs = {code: documents(catalog, code, paper, default) for code in codes}
    pdfs = {code: _cached(cache / key / code, docs[code]) for code in codes}
    missing = [doc for code in codes if pdfs[code] is None for doc in docs[code]]
    if missing:
        made = make(catalog, about(settings), template_dirs(settings), missing, settings=settings)
        for code in codes:
            if pdfs[code] is None:
                pdfs[code] = {doc.path: made[doc.path] for doc in docs[code]}
                _keep(cache, key, cache / key / code, pdfs[code])
    result = {}
    for code in codes:
        by_area = {doc.area: Published(doc.path, pdfs[code][doc.path]) for doc in docs[code]}
        for area in catalog.vocabularies["areas"].by_id:  # an area of every offer: the whole brochure
            if area not in by_area and catalog.offers_by("area", area):
                by_area[area] = by_area[""]
        result[code] = by_area
    return result


def _cached(folder: Path, docs) -> dict[str, bytes] | None:
    try:
        return {doc.path: (folder / doc.path).read_bytes() for doc in docs}
    except OSError:
        return None


def _keep(cache: Path, key: str, folder: Path, pdfs: dict[str, bytes]) -> None:
    """Keep this build's PDFs (only the latest key's: a brochure is a few MB)."""
    try:
        for old in cache.iterdir() if cache.is_dir() else ():
            if old.name != key:
                shutil.rmtree(old, ignore_errors=True)
        for path, data in pdfs.items():
            write_file(folder / path, data)
    except OSError:
        pass  # a read-only checkout makes them each time
