"""Texts of the interface written in Python (page titles, breadcrumbs), as opposed to content.

They are German message ids, translated when a page shows them (the template filter ``ui``) in
the page's language; content (an offer's title) passes unchanged. ``babel.cfg`` extracts them
by the name ``UIText``.
"""

from __future__ import annotations

from jinja2 import pass_context

from wegweiser.i18n.catalogs import translations


class UIText(str):
    """A German text of the interface, translated when shown; ``params`` fill its ``%(name)s``."""

    params: dict

    def __new__(cls, message: str, **params):
        text = super().__new__(cls, message % params if params else message)
        text.message, text.params = message, params
        return text

    def __reduce__(self):
        return _ui_text, (self.message, self.params)

    def translated(self, code: str) -> str:
        if not self.message:
            return ""  # gettext("") is the catalog's header
        text = translations(code).gettext(self.message)
        if not self.params:
            return text
        return text % {name: value.translated(code) if isinstance(value, (UIText, VocabularyLabel)) else value
                       for name, value in self.params.items()}


def _ui_text(message: str, params: dict) -> UIText:
    return UIText(message, **params)


class VocabularyLabel(str):
    """A vocabulary row's German label (a term page's title), shown in the page's language from the
    row's ``label_<code>`` column."""

    def __new__(cls, row: dict):
        text = super().__new__(cls, row.get("label") or "")
        text.row = row
        return text

    def __reduce__(self):
        return VocabularyLabel, (self.row,)

    def translated(self, code: str) -> str:
        from wegweiser.i18n.content import label

        return label(self.row, code) or str(self)


@pass_context
def ui(context, value):
    """Template filter: a :class:`UIText` or :class:`VocabularyLabel` in the page's language, anything
    else as it is."""
    language = context.get("lang")
    if isinstance(value, (UIText, VocabularyLabel)) and language is not None:
        return value.translated(language.code)
    return value


def _code(context) -> str:
    language = context.get("lang")
    return language.code if language is not None else "de"


@pass_context
def translated_text(context, entry, name: str):
    """Template global ``tr(entry, field)``: the field in the page's language (i18n.content.translated)."""
    from wegweiser.i18n.content import translated

    return translated(entry, name, _code(context))


@pass_context
def translated_description(context, entry):
    """Template global ``tr_html(entry)``: the description in the page's language, as sanitised HTML."""
    from wegweiser.i18n.content import translated_html

    return translated_html(entry, _code(context))


@pass_context
def catalog_text(context, text):
    """Template global ``catalog_text(text)``: a German text that may be in the catalogs (a schema's field
    title or description, see i18n/schema_messages.py) for the page's language, as a
    :class:`~wegweiser.i18n.content.Translated`: ``fallback`` (shown in German, marked ``lang="de"``)
    when the catalog has no translation of it (a county's own schema text)."""
    from wegweiser.i18n.content import Translated
    from wegweiser.i18n.languages import SOURCE

    code = _code(context)
    if not text or code == SOURCE:
        return Translated(text or None, SOURCE, "source", wanted=code)
    shown = translations(code).gettext(text)
    return Translated(shown, SOURCE if shown == text else code, "source" if shown == text else "human", wanted=code)
