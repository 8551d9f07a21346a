"""The content in the guide's languages: which fields translate, what a reader of a language sees.

An offer or provider file may carry, under the one key ``translations``, the translations of its
text fields, per language and per field, each with its provenance::

    translations:
      en:
        title:
          text: German for beginners (A1), evenings
          method: human            # human | machine
          source_hash: 3f2a9c1d4e5b  # the German text it was made from (see source_hash())
          reviewed: 2026-11-20     # optional: date a person checked it
          by: Bildungsbüro         # optional: who translated or reviewed it

Which fields translate is the schema's word (``"translatable": true`` on a field of
``offer.schema.json`` / ``provider.schema.json``); the Markdown body translates as the field
``description``. Checking the tree is :mod:`wegweiser.i18n.provenance`'s work; this module answers
what a reader of a language sees, and never fails: whatever is missing falls back to German.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass

from wegweiser.content.frontmatter import TRANSLATIONS
from wegweiser.content.schema import TableSchema
from wegweiser.i18n.languages import SOURCE  # the language the content is written in

#: the Markdown body, as a translatable field
DESCRIPTION = "description"
#: how findings name the body
DESCRIPTION_LABEL = "Beschreibung"
#: the schema property that makes a field translatable
TRANSLATABLE = "translatable"
METHODS = ("human", "machine")
#: what each method means, in German (the editor's choice, the schema's description)
METHOD_LABELS = {"human": "von einem Menschen", "machine": "maschinell übersetzt"}
#: the keys of one field's translation, in the order they are written
KEYS = ("text", "method", "source_hash", "reviewed", "by")
#: hex digits of a source hash: 48 bits, enough to tell versions of one field apart
HASH_LENGTH = 12


def normalise(text: str | None) -> str:
    """The German text as its hash sees it: Unicode NFC, whitespace runs as one space, trimmed; so
    re-wrapping a paragraph or a trailing newline does not make a translation outdated."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def source_hash(text: str | None) -> str:
    """The short SHA-256 of a normalised German text, which a translation records."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def translatable_fields(schema: TableSchema) -> list[str]:
    """The schema's translatable fields in schema order, then the description."""
    return [f.name for f in schema.fields if f.descriptor.get(TRANSLATABLE) is True] + [DESCRIPTION]


def field_label(schema: TableSchema, name: str) -> str:
    """The German title of a translatable field (for messages and translators)."""
    if name == DESCRIPTION:
        return DESCRIPTION_LABEL
    fld = schema.by_name.get(name)
    return fld.title if fld else name


class FileEntry:
    """A content file (:class:`~wegweiser.content.frontmatter.SourceFile`) read as an entry by
    :func:`source_text` and :func:`translated`: its values (with the translations) and body."""

    def __init__(self, src):
        self.values, self.body = src.values, src.body


def source_text(entry, name: str) -> str | None:
    """The German text of a field of an entry (anything with ``values`` and ``body``)."""
    if name == DESCRIPTION:
        return getattr(entry, "body", None) or None
    value = entry.values.get(name)
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class Translated:
    """What a reader of language ``wanted`` sees of one field."""

    #: the text to show (the German one when there is no usable translation; None when the
    #: German field is empty too)
    text: str | None
    #: the language ``text`` is in: ``wanted``, or the source language when falling back
    lang: str
    #: "source" (German, as written or as fallback), "human", "machine" (not reviewed),
    #: "reviewed", or "outdated" (the German changed since)
    state: str
    #: the language asked for
    wanted: str = SOURCE
    method: str | None = None
    reviewed: dt.date | None = None
    by: str | None = None

    @property
    def fallback(self) -> bool:
        """German shown to a reader of another language: the page marks it ``lang="de"``."""
        return self.lang != self.wanted

    @property
    def notice(self) -> bool:
        """The page shows a notice: a machine translation not reviewed, or an outdated one."""
        return self.state in ("machine", "outdated")


def translation_item(entry, name: str, lang: str) -> dict | None:
    """The raw translation of a field (``{"text": …, "method": …}``) or None."""
    tree = getattr(entry, TRANSLATIONS, None)
    if tree is None and isinstance(getattr(entry, "values", None), dict):
        tree = entry.values.get(TRANSLATIONS)
    per_language = tree.get(lang) if isinstance(tree, dict) else None
    item = per_language.get(name) if isinstance(per_language, dict) else None
    return item if isinstance(item, dict) else None


def translation_state(item: dict, german: str | None) -> str:
    """"outdated" when the German changed since (or is gone), else "reviewed", else the method."""
    if item.get("source_hash") != source_hash(german) or not german:
        return "outdated"
    if review_date(item.get("reviewed")):
        return "reviewed"
    return item.get("method") if item.get("method") in METHODS else "machine"


def translated(entry, name: str, lang: str, source: str = SOURCE) -> Translated:
    """The text of field ``name`` (or ``description``) for a reader of ``lang``.

    ``entry``: a catalog entry or anything with ``values``, ``body`` and, optionally,
    ``translations`` (else ``values["translations"]``). A translation without text falls back
    to German; an outdated one is still shown (its state says so).
    """
    german = source_text(entry, name)
    if lang == source:
        return Translated(german, source, "source", wanted=lang)
    item = translation_item(entry, name, lang)
    text = item.get("text") if item else None
    if not isinstance(text, str) or not text.strip() or not german:
        return Translated(german, source, "source", wanted=lang)
    return Translated(text.strip("\n") if name == DESCRIPTION else text.strip(), lang,
                      translation_state(item, german), wanted=lang, method=item.get("method"),
                      reviewed=review_date(item.get("reviewed")), by=item.get("by") or None)


def translated_html(entry, lang: str, source: str = SOURCE) -> Translated:
    """The description for a reader of ``lang`` as sanitised HTML (the German one as rendered for
    the entry, ``entry.content``, when it falls back)."""
    from wegweiser.content.sanitize import render_markdown

    found = translated(entry, DESCRIPTION, lang, source)
    if found.fallback or lang == source:
        html = getattr(entry, "content", None)
        return _replace(found, html if html is not None else render_markdown(found.text or ""))
    return _replace(found, render_markdown(found.text or ""))


def _replace(found: Translated, text: str) -> Translated:
    return Translated(text, found.lang, found.state, found.wanted, found.method, found.reviewed, found.by)


def review_date(value) -> dt.date | None:
    """A ``reviewed`` value as a date (YAML gives dates, a page header text), None when it is none."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


# Vocabularies: a label column per language (``label_en``, ``label_ar``, …) beside ``label``.

def label_column(lang: str, source: str = SOURCE) -> str:
    return "label" if lang == source else f"label_{lang}"


def translated_label(row: dict | None, lang: str, source: str = SOURCE) -> Translated:
    """A vocabulary row's label in ``lang``, falling back to the German ``label``."""
    german = (row or {}).get("label")
    own = (row or {}).get(label_column(lang, source))
    if lang != source and isinstance(own, str) and own.strip():
        return Translated(own.strip(), lang, "human", wanted=lang, method="human")
    return Translated(german, source, "source", wanted=lang)


def label(row: dict | None, lang: str, source: str = SOURCE) -> str | None:
    """A vocabulary row's label in ``lang`` (German where the row has none in that language)."""
    return translated_label(row, lang, source).text
