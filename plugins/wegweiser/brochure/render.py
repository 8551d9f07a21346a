"""A brochure as a PDF: the templates under ``brochure/`` of the theme give HTML and a print
stylesheet, WeasyPrint lays them out as PDF/UA-1 (tagged, with language, title and alt texts).

A reference of the contents or an index without a target, and an image without a text
alternative, make :class:`BrochureError` with a German message: a brochure with a gap is never
written. Nothing is fetched: the QR codes and charts are ``data:`` images, anything else is refused.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from wegweiser.brochure.model import Brochure
from wegweiser.catalog.display import FILTERS, GLOBALS
from wegweiser.i18n.catalogs import translations
from wegweiser.i18n.languages import language

PAPERS = ("A4", "A5")
#: where the templates live inside a theme's templates folder
FOLDER = "brochure"


class BrochureError(Exception):
    """The brochure could not be made; the message is German and says what to do."""


def environment(template_dirs: list[Path]) -> Environment:
    """Jinja for the brochure's templates; a guide's own templates come first, as for the site. Their texts
    go through the interface's gettext catalogs (``_()``, ``ngettext``), installed for each brochure's
    language by :func:`html`."""
    env = Environment(loader=FileSystemLoader([str(d) for d in template_dirs]),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    env.filters.update(FILTERS, css_string=css_string)
    env.globals.update(GLOBALS)
    return env


def css_string(text: str) -> Markup:
    """A text as a CSS string (``content: …``) inside the template's ``<style>``: quoted, with quotes,
    backslashes and angle brackets escaped the CSS way, not as HTML entities (which CSS would print)."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,;:-–()" or ord(ch) > 127 else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{escaped}"')


def html(brochure: Brochure, env: Environment, paper: str) -> str:
    if paper not in PAPERS:
        raise BrochureError(f"Unbekanntes Papierformat „{paper}“; möglich sind {' und '.join(PAPERS)}.")
    from wegweiser.brochure.charts import figures

    # one brochure at a time per process (the workers are processes): its language's texts, then render
    env.install_gettext_translations(translations(brochure.lang), newstyle=True)
    return env.get_template(f"{FOLDER}/brochure.html").render(brochure=brochure, paper=paper, figures=figures,
                                                              lang=language(brochure.lang))


def pdf(source: str, name: str) -> bytes:
    """The PDF/UA-1 of the brochure's HTML ``source``; ``name`` (its file) is named in errors."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    problems = _Problems()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(problems)
    try:
        source = HTML(string=source, base_url=".", url_fetcher=URLFetcher(allowed_protocols=["data"]))
        document = source.render(pdf_variant="pdf/ua-1")
        _check_links(document, name)
        data = document.write_pdf(pdf_variant="pdf/ua-1")
    finally:
        logger.removeHandler(problems)
    problems.raise_for(name)
    return data


def _check_links(document, name: str) -> None:
    """Every link inside the brochure (contents, indexes) leads to an anchor of it."""
    anchors = {anchor for page in document.pages for anchor in page.anchors}
    missing = sorted({target for page in document.pages for kind, target, *_ in page.links
                      if kind == "internal" and target not in anchors})
    if missing:
        raise BrochureError(_unresolved(name, missing))


def _unresolved(name: str, targets) -> str:
    shown = ", ".join(f"„#{t}“" for t in list(targets)[:5])
    return (f"{name}: das Inhaltsverzeichnis oder ein Register verweist auf {shown}, das es in der Broschüre "
            "nicht gibt, also fehlte eine Seitenzahl. Prüfen Sie die Vorlagen unter theme/templates/brochure/ "
            "(jeder Verweis braucht ein Element mit dieser id). Es wurde keine PDF-Datei geschrieben.")


class _Problems(logging.Handler):
    """WeasyPrint's errors while laying out: an anchor without target, an image without alt text."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.anchors: list[str] = []
        self.images: list[str] = []
        self.other: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if "undefined anchor" in text:
            self.anchors.append(text.rsplit("'", 2)[-2] if text.count("'") >= 2 else text)
        elif "alt description" in text:
            self.images.append(text)
        elif record.levelno >= logging.ERROR:
            self.other.append(text)

    def raise_for(self, name: str) -> None:
        if self.anchors:
            raise BrochureError(_unresolved(name, dict.fromkeys(self.anchors)))
        if self.images:
            raise BrochureError(f"{name}: ein Bild der Broschüre hat keinen Alternativtext (alt); ein barrierefreies "
                                "PDF braucht ihn für jedes Bild. Prüfen Sie die Vorlagen unter "
                                "theme/templates/brochure/. Es wurde keine PDF-Datei geschrieben.")
        if self.other:
            raise BrochureError(f"{name}: WeasyPrint meldet einen Fehler: {self.other[0]}. "
                                "Es wurde keine PDF-Datei geschrieben.")

