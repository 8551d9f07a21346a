"""Which PDFs a guide's brochure is, and making them: the whole brochure and one per Bildungsbereich,
in a language and a paper size, on all cores (one document per worker), with progress.

Files (below the output folder): ``broschuere/bildungswegweiser.pdf`` and ``broschuere/<area>.pdf``
in the guide's source language; another language's below its pages' folder, ``<lang>/broschuere/…``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from wegweiser.brochure.model import make_brochure, qr_codes
from wegweiser.brochure.progress import Progress
from wegweiser.brochure.render import BrochureError, environment, html, pdf
from wegweiser.build.workers import run, worker_count
from wegweiser.catalog.catalog import Catalog
from wegweiser.i18n.languages import language

FOLDER = "broschuere"
WHOLE = "bildungswegweiser"


@dataclass(frozen=True)
class Document:
    """One PDF: the whole brochure (``area`` "") or one Bildungsbereich's."""

    path: str
    area: str
    lang: str
    paper: str
    #: its offers: how much work it is (for the progress bar)
    offers: int


def documents(catalog: Catalog, lang: str, paper: str, default_lang: str = "de",
              areas: bool = True) -> list[Document]:
    """The whole brochure, then (``areas``) one per Bildungsbereich with offers, in vocabulary order —
    except for an area holding every offer (a guide of Kitas only): its brochure is the whole one."""
    folder = FOLDER if lang == default_lang else f"{lang}/{FOLDER}"
    result = [Document(f"{folder}/{WHOLE}.pdf", "", lang, paper, len(catalog.offers))]
    if areas:
        for key in catalog.vocabularies["areas"].by_id:
            count = len(catalog.offers_by("area", key))
            if count and count < len(catalog.offers):
                result.append(Document(f"{folder}/{key}.pdf", key, lang, paper, count))
    return result


def about(settings: dict) -> dict:
    """What the cover says, from the guide's settings; the site's public address is required (the QR
    codes lead there)."""
    site_url = (settings.get("SITEURL") or "").rstrip("/")
    if urlsplit(site_url).scheme not in ("http", "https") or not urlsplit(site_url).netloc:
        raise BrochureError(
            "Die Broschüre braucht die öffentliche Adresse der Website (SITEURL, z. B. "
            "https://bildung.landkreis-beispiel.de), denn ihre QR-Codes und Adressen führen dorthin. "
            f"SITEURL ist „{site_url}“. Rufen Sie „wegweiser brochure --publish“ auf (mit publishconf.py) "
            "oder geben Sie --site-url an.")
    return {"title": settings.get("SITENAME") or "Bildungswegweiser", "subtitle": settings.get("SITESUBTITLE") or "",
            "county": settings.get("WEGWEISER_COUNTY") or "", "author": settings.get("AUTHOR") or "",
            "email": settings.get("WEGWEISER_OFFICE_EMAIL") or "", "advice": settings.get("WEGWEISER_ADVICE") or {},
            "site_url": site_url}


def make(catalog: Catalog, cover: dict, template_dirs: list[Path], docs: list[Document],
         progress: Callable[[int, int], None] | None = None, indicators: bool = True,
         settings: dict | None = None) -> dict[str, bytes]:
    """The PDFs of ``docs`` as ``{path: bytes}``; ``progress(done, total)`` counts their offers as each
    document is done. Raises :class:`BrochureError` (German) when one cannot be made."""
    env = environment(template_dirs)
    for code in dict.fromkeys(doc.lang for doc in docs):  # once, here: the workers share them
        qr_codes(catalog, f"{cover['site_url'].rstrip('/')}/{language(code).prefix}")
    # the largest document first, so that the others fill the other cores meanwhile
    docs = sorted(docs, key=lambda doc: -doc.offers)
    bar = Progress([(doc.offers, doc.paper) for doc in docs], progress)

    def one(index: int) -> bytes:
        doc = docs[index]
        brochure = make_brochure(catalog, cover, area=doc.area, lang=doc.lang, indicators=indicators)
        with bar.pages_of(index):
            return pdf(html(brochure, env, doc.paper), doc.path)

    finished = iter(range(len(docs)))  # results arrive in task order
    workers = worker_count({**(settings or {}), "WEGWEISER_PARALLEL_MIN": 2}, len(docs))
    with bar.listening():
        pdfs = run(one, range(len(docs)), workers, lambda _count: bar.finished(next(finished)))
    return {doc.path: data for doc, data in zip(docs, pdfs)}


def size_text(size: int, code: str = "de") -> str:
    """A file's size in the digits of a language: „850 kB“, „1,2 MB“ (German), „1.2 MB“ (English)."""
    from babel.numbers import format_decimal

    from wegweiser.catalog.display import locale

    if size < 1_000_000:
        return f"{format_decimal(max(1, round(size / 1000)), locale=locale(code))} kB"
    return f"{format_decimal(size / 1_000_000, '0.0', locale=locale(code))} MB"


@dataclass(frozen=True)
class Published:
    """A PDF of the brochure on the site: its path below the site's root, its bytes and size."""

    path: str
    data: bytes

    @property
    def size(self) -> str:
        return size_text(len(self.data))

    def size_in(self, code: str) -> str:
        """Its size in the digits of language ``code`` (for the links of that language's pages)."""
        return size_text(len(self.data), code)
