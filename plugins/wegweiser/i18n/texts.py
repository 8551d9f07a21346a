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
        text = translations(code).gettext(self.message)
        if not self.params:
            return text
        return text % {name: value.translated(code) if isinstance(value, UIText) else value
                       for name, value in self.params.items()}


def _ui_text(message: str, params: dict) -> UIText:
    return UIText(message, **params)


@pass_context
def ui(context, value):
    """Template filter: a :class:`UIText` in the page's language, anything else as it is."""
    language = context.get("lang")
    if isinstance(value, UIText) and language is not None:
        return value.translated(language.code)
    return value
