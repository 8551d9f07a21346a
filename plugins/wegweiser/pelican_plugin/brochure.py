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

from wegweiser.brochure.command import template_dirs, write_file
from wegweiser.brochure.documents import Published, about, documents, make
from wegweiser.catalog.catalog import Catalog
from wegweiser.catalog.project import Project
from wegweiser.pelican_plugin.incremental import global_digest


def published_brochures(catalog: Catalog, settings: dict, project: Project) -> dict[str, dict[str, Published]]:
    """``{language: {area ("" for the whole brochure): Published}}`` for every language of the guide
    (today: its ``DEFAULT_LANG``), in the paper size ``WEGWEISER_BROCHURE_PAPER``."""
    default = settings.get("DEFAULT_LANG") or "de"
    paper = settings.get("WEGWEISER_BROCHURE_PAPER") or "A4"
    key = hashlib.sha256(f"{global_digest(settings, project.data_dir, catalog.today)}:{catalog.digest}:{paper}"
                         .encode()).hexdigest()[:32]
    cache = project.root / ".cache" / "wegweiser" / "brochure"
    result = {}
    for lang in [default]:
        docs = documents(catalog, lang, paper, default)
        folder = cache / key / lang
        pdfs = _cached(folder, docs)
        if pdfs is None:
            pdfs = make(catalog, about(settings), template_dirs(settings), docs, settings=settings)
            _keep(cache, key, folder, pdfs)
        by_area = {doc.area: Published(doc.path, pdfs[doc.path]) for doc in docs}
        for area in catalog.vocabularies["areas"].by_id:  # an area of every offer: the whole brochure
            if area not in by_area and catalog.offers_by("area", area):
                by_area[area] = by_area[""]
        result[lang] = by_area
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
