"""Translations of the static pages: ``content/pages/<code>/<slug>.md`` beside the German
``content/pages/<slug>.md``.

Pelican publishes them itself (its own i18n: ``PATH_METADATA`` reads the language and the slug
from the path, ``PAGE_LANG_URL`` puts the page under ``/<code>/<slug>/``); a translation's header
says what it is and where it came from, like a translated field of an offer
(:mod:`wegweiser.i18n.content`)::

    Title: Accessibility statement
    Summary: …                       (optional)
    Method: human                    (human | machine)
    Source_hash: 3f2a9c1d4e5b        (source_hash() of the German page's text)
    Reviewed: 2026-11-20             (optional: date a person checked it)
    By: Bildungsbüro                 (optional: who translated or reviewed it)

Checking the files is :mod:`wegweiser.checks.page_translations`' work; this module answers what a
reader sees of a translation.
"""

from __future__ import annotations

from wegweiser.i18n.content import Translated, review_date, translation_state

#: the header keys of a translation (German names for the findings)
TRANSLATION_KEYS = {"title": "Titel", "summary": "Zusammenfassung", "method": "Art der Übersetzung",
                    "source_hash": "Prüfsumme des deutschen Textes", "reviewed": "Geprüft am",
                    "by": "Übersetzt oder geprüft von"}
#: pages that stay German: Leichte Sprache is a reviewed German text (§ 4 BITV 2.0), never translated
GERMAN_ONLY = frozenset({"leichte-sprache"})


def page_translation(values: dict, german_body: str | None, lang: str) -> Translated:
    """What a reader of ``lang`` sees of a translation with header ``values`` (keys in lower case)
    of the German page whose text is ``german_body``: its title, and its state ("outdated" when the
    German changed since, "reviewed", "human" or "machine")."""
    item = {key: values.get(key) for key in ("source_hash", "method", "reviewed")}
    by = values.get("by")
    return Translated(values.get("title"), lang, translation_state(item, german_body), wanted=lang,
                      method=values.get("method"), reviewed=review_date(values.get("reviewed")),
                      by=by if isinstance(by, str) and by.strip() else None)

