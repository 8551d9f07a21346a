"""Babel extractor for the texts a Table Schema shows readers: the titles and descriptions of the
schema and its fields, and the search filters' legends and browse-page titles (``filter``).

Registered in ``babel.cfg`` for the schemas shipped with the package, so ``make messages`` puts
them into the catalogs like any other interface text; the registry (content/facets.py) and the
form (submissions/form_model.py) hand them to the pages as :class:`~wegweiser.i18n.texts.UIText`.
A county's own schema texts that no catalog holds are shown in German.
"""

from __future__ import annotations

import json

from wegweiser.submissions.form_model import form_hint


def schema_texts(schema: dict):
    """(text, note for translators) of every reader-facing text of a schema, in schema order."""
    for key in ("title", "description"):
        if isinstance(schema.get(key), str):
            yield schema[key], f"schema {key}"
    for field in schema.get("fields", []):
        name = field.get("name", "?")
        for key in ("title", "description"):
            if isinstance(field.get(key), str):
                yield field[key], f"field {name}: {key}"
        if isinstance(field.get("description"), str):
            hint = form_hint(field["description"])
            if hint and hint != field["description"]:
                yield hint, f"field {name}: hint in the form (the description without notes about files)"
        spec = field.get("filter")
        if isinstance(spec, dict):
            if isinstance(spec.get("legend"), str):
                yield spec["legend"], f"field {name}: legend of its search filter"
            pages = spec.get("pages")
            if isinstance(pages, dict):
                for key, what in (("title", "title of its browse pages"), ("link", "link to its browse pages")):
                    if isinstance(pages.get(key), str):
                        yield pages[key], f"field {name}: {what}"


def extract(fileobj, keywords, comment_tags, options):
    """Babel extraction method: (line, function, message, comments) per text."""
    schema = json.load(fileobj)
    for text, note in schema_texts(schema):
        yield 1, None, text, [note]
