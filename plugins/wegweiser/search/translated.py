"""An entry's text in another language, for the search in that language.

A stand-in for the content translations' own function (issue 26, item 2): it reads the
``translations`` of an entry's front matter as the design names them (per language, per field:
the text, or a mapping whose ``text`` is it) and gives None for a missing translation. When the
translations land, :data:`translated` becomes theirs; nothing else here changes.
"""

from __future__ import annotations

from collections.abc import Callable

#: (entry, field, language code) -> the translated text, or None
Translate = Callable[[object, str, str], "str | None"]


def from_front_matter(entry, field: str, lang: str) -> str | None:
    """The entry's translation of ``field`` into ``lang``; None where it has none."""
    translations = entry.values.get("translations")
    texts = translations.get(lang) if isinstance(translations, dict) else None
    value = texts.get(field) if isinstance(texts, dict) else None
    if isinstance(value, dict):
        value = value.get("text")
    return value if isinstance(value, str) and value.strip() else None


translated: Translate = from_front_matter
