"""The interface texts of the browser scripts (theme/static/js), in a page's language.

The scripts write German texts through ``_("…")`` and ``ngettext("…", "…", n)`` (texts.js); the
same catalogs translate them (``make messages`` extracts them with Babel's JavaScript
extractor). A page in another language than German carries the translations its scripts need
as JSON (base.html). Plurals: the browser knows each number's CLDR plural category
(``Intl.PluralRules``); :func:`script_texts` says which of the catalog's plural forms each
category takes.
"""

from __future__ import annotations

import functools
from pathlib import Path

from babel import Locale
from babel.messages.extract import extract_from_file

from wegweiser.i18n.catalogs import translations

SCRIPTS = Path(__file__).resolve().parents[1] / "theme" / "static" / "js"
#: the scripts with interface texts (the form's messages come with its configuration, made in Python)
SCRIPT_FILES = ("search.js", "offer.js")
KEYWORDS = {"_": None, "ngettext": (1, 2)}
CATEGORIES = ("zero", "one", "two", "few", "many", "other")


@functools.lru_cache(maxsize=1)
def script_messages() -> tuple:
    """Each text of the scripts: a message id, or (singular, plural)."""
    found: dict = {}
    for name in SCRIPT_FILES:
        for _, message, _, _ in extract_from_file("javascript", str(SCRIPTS / name), keywords=KEYWORDS):
            found[message] = None
    return tuple(found)


@functools.lru_cache(maxsize=None)
def script_texts(code: str) -> dict:
    """``{"lang", "plural": {category: form index}, "texts": {id: text or [forms]}}`` for ``code``."""
    catalog = translations(code)
    locale = Locale.parse(code)
    plural_of = getattr(catalog, "plural", lambda n: int(n != 1))
    categories = {}
    for n in range(1000):  # a sample number of each category the language has
        categories.setdefault(locale.plural_form(n), plural_of(n))
    texts: dict = {}
    for message in script_messages():
        if isinstance(message, tuple):
            singular, plural = message
            forms = max(categories.values(), default=1) + 1
            texts[singular] = [catalog.ngettext(singular, plural, _sample(categories, plural_of, i)) for i in range(forms)]
        else:
            texts[message] = catalog.gettext(message)
    return {"lang": code, "plural": {c: categories[c] for c in CATEGORIES if c in categories}, "texts": texts}


def _sample(categories: dict, plural_of, index: int) -> int:
    """A number whose plural form is ``index``."""
    return next((n for n in range(1000) if plural_of(n) == index), 1)
