"""The interface's translations: one gettext catalog (``.po``) per language.

The catalogs live in ``locales/<code>/LC_MESSAGES/messages.po`` beside this module and are
compiled when a build reads them (Babel), so no compiled ``.mo`` file is kept in the repository.
German is the source language: its texts are the message ids and need no catalog. ``make
messages`` extracts the texts from the templates, the Python code and the scripts
(``babel.cfg``) into ``messages.pot`` and brings every catalog up to date.
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"


def catalog_path(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.lru_cache(maxsize=None)
def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalog of ``code``; the source language (and a language without a catalog,
    which ``checks`` reports) shows the German texts."""
    path = catalog_path(code)
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
