"""An entry's text in another language, for the search in that language: the content translations'
(:func:`wegweiser.i18n.content.translated`), None where there is none (the German text is in the
German index, which every language's search runs through too)."""

from __future__ import annotations

from collections.abc import Callable

from wegweiser.i18n.content import translated as translated_field

#: (entry, field, language code) -> the translated text, or None
Translate = Callable[[object, str, str], "str | None"]


def translated(entry, field: str, lang: str) -> str | None:
    """The entry's translation of ``field`` into ``lang`` (an outdated one too); None where it has none."""
    found = translated_field(entry, field, lang)
    return None if found.fallback or not found.text else found.text
