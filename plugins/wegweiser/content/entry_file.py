"""Write an entry file (front matter + Markdown body) in the format of ``wegweiser new``.

One key per line in schema order, lists in flow style (``[a, b]``), then the
Markdown body. Values are rendered by the same YAML dumper as the skeleton.
"""

from __future__ import annotations

import re
import unicodedata

from wegweiser.content.schema import TableSchema
from wegweiser.content.new_entry import _yaml_value

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def render_entry(schema: TableSchema, values: dict, body: str = "") -> str:
    """The text of a content file; empty values and empty lists are left out."""
    lines = ["---"]
    for field in schema.fields:
        value = values.get(field.name)
        if value is None or value == "" or value == []:
            continue
        lines.append(f"{field.name}: {_yaml_value(value)}")
    lines.append("---")
    text = "\n".join(lines) + "\n"
    body = (body or "").strip("\n")
    return text + ("\n" + body + "\n" if body else "")


def slugify(text: str, max_length: int | None = 80) -> str:
    """An id for ``text``: lowercase ASCII, umlauts spelt out, words joined by ``-``; a longer one
    ends at the last word boundary within ``max_length`` (``None``: no limit)."""
    text = str(text).translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug if max_length is None else shorten_slug(slug, max_length)


def shorten_slug(slug: str, max_length: int) -> str:
    """``slug`` cut to ``max_length`` at a word boundary; a first word longer than that is cut."""
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length + 1].rsplit("-", 1)[0] if "-" in slug[:max_length + 1] else ""
    return cut.rstrip("-") or slug[:max_length].rstrip("-")
