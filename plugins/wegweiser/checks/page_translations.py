"""Checks of the static pages' translations (``content/pages/<code>/<slug>.md``, see
:mod:`wegweiser.i18n.page_translations`).

A translation is read and checked like a German page (checks/pages.py: header keys, characters —
the joiners and direction marks Arabic and Persian need are allowed —, unsafe markup, placeholders);
here is what makes it a translation. Errors: a folder named like a language that is none, or German's
(a language the guide does not publish is a warning, its pages are not published); no German page with the translation's slug; a translation of Leichte Sprache; a method
other than human or machine; a source hash that is missing or not 12 hex digits; a review date
that is none or in the future. A warning: the German page changed since (outdated).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator

from wegweiser.checks.findings import WARNING, Finding
from wegweiser.checks.messages import finding
from wegweiser.content.frontmatter import SourceFile
from wegweiser.i18n.content import METHODS, source_hash
from wegweiser.i18n.languages import SOURCE
from wegweiser.i18n.page_translations import GERMAN_ONLY
from wegweiser.i18n.provenance import HASH, is_language, language_name, meta_findings


def misplaced(code: str, rel: str, languages) -> Finding:
    """The finding for a page in the folder ``code`` that is no language the guide publishes: an error
    for German's and for a name that is no language, a warning for a language the guide does not
    publish (switching a language off must not break the build; Pelican leaves the folder alone,
    pelican_plugin/page_languages.py)."""
    if code == SOURCE:
        return finding("page-translation-source", rel, value=code)
    allowed = ", ".join(other for other in languages if other != SOURCE) or "keine (die Einstellung nennt nur Deutsch)"
    if is_language(code):
        return finding("translation-language-off", rel, value=code, severity=WARNING, allowed=allowed)
    return finding("page-translation-language", rel, value=code, allowed=allowed)


def translation_findings(src: SourceFile, code: str, german: dict[str, SourceFile],
                         today: dt.date) -> Iterator[Finding]:
    """What makes ``src`` (read from ``content/pages/<code>/``) a translation of the German page of its
    name; ``german``: the German pages by slug."""
    rel, values, slug = src.rel, src.values, src.path.stem
    where = {"language": language_name(code), "language_code": code}
    if slug in GERMAN_ONLY:
        yield finding("page-translation-easy-language", rel, value=slug, **where)
        return
    page = german.get(slug)
    if page is None:
        close = difflib.get_close_matches(slug, list(german), n=1, cutoff=0.6)
        yield finding("page-translation-no-german", rel, value=slug, allowed=", ".join(sorted(german)) or "(keine)",
                      suggestion=f"Meinten Sie „{close[0]}“? " if close else "", **where)
        return
    where["label"] = page.values.get("title") or slug
    method = values.get("method")
    if method not in METHODS:
        yield finding("translation-method", rel, field="method", value=method or "(fehlt)",
                      line=src.line_of("method") or 1, **where)
    recorded, current = values.get("source_hash"), source_hash(page.body)
    line = src.line_of("source_hash") or 1
    if not recorded or not HASH.fullmatch(recorded):
        yield finding("page-translation-hash", rel, field="source_hash", value=recorded or "(fehlt)", line=line,
                      german=page.rel, current=current, **where)
    elif recorded != current:
        yield finding("page-translation-outdated", rel, field="source_hash", value=recorded, line=line,
                      severity=WARNING, german=page.rel, current=current, **where)
    yield from meta_findings(src, values, "", 1, today, where)
