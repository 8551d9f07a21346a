"""Write translations into an entry file's front matter, leaving every other line as it was.

Only the ``translations:`` block is rewritten (where it stood, or at the end of the front matter
when the file had none): the other keys keep their order, spelling and comments, the body stays
byte for byte. Inside the block languages follow WEGWEISER_LANGUAGES, fields the schema, and each
field's keys :data:`~wegweiser.i18n.content.KEYS`; a comment inside the old block is not kept.
"""

from __future__ import annotations

import datetime as dt

import yaml

from wegweiser.i18n.content import KEYS, TRANSLATIONS


class _Dumper(yaml.SafeDumper):
    """Texts spanning lines as literal blocks (``|``), as a person would write a description."""


def _text(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def merge(tree: dict | None, updates: dict[str, dict[str, dict]]) -> dict:
    """``tree`` (the file's translations) with ``updates`` (language → field → item) replacing the
    items they name; the others are kept."""
    merged = {lang: dict(fields) if isinstance(fields, dict) else fields for lang, fields in (tree or {}).items()}
    for lang, fields in updates.items():
        own = merged.get(lang)
        merged[lang] = {**(own if isinstance(own, dict) else {}), **fields}
    return merged


def ordered(tree: dict, languages, fields) -> dict:
    """The tree in the order the block is written: languages of the setting, fields of the schema,
    keys of :data:`KEYS` (anything unknown after them, for validation to report)."""
    def rank(order, key):
        return (order.index(key), "") if key in order else (len(order), str(key))

    out = {}
    for lang in sorted(tree, key=lambda code: rank(list(languages), code)):
        per_field = tree[lang]
        if not isinstance(per_field, dict):
            out[lang] = per_field
            continue
        out[lang] = {}
        for name in sorted(per_field, key=lambda n: rank(list(fields), n)):
            item = per_field[name]
            if isinstance(item, dict):
                item = {key: _value(key, item[key]) for key in sorted(item, key=lambda k: rank(list(KEYS), k))
                        if item[key] is not None}
            out[lang][name] = item
    return out


def _value(key: str, value):
    if key == "reviewed" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)  # written as a date, not a quoted text
        except ValueError:
            return value
    if key == "text" and isinstance(value, str):
        return value.strip("\n") if "\n" in value.strip("\n") else value.strip()
    return value


def render_block(tree: dict) -> str:
    """The ``translations:`` block, each line ending in a newline (empty for an empty tree)."""
    if not tree:
        return ""
    return yaml.dump({TRANSLATIONS: tree}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100_000, indent=2)


def _span(lines: list[str]) -> tuple[int, int | None, int]:
    """(end of the front matter, first line of the translations block or None, line after the block).

    The block is the line ``translations:`` at the start of a line and the lines after it that are
    indented or empty (up to the next key or comment at the line's start)."""
    if not lines or lines[0].rstrip() != "---":
        raise ValueError("front matter missing")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise ValueError("front matter unclosed")
    start = next((i for i in range(1, end) if lines[i].split(":", 1)[0] == TRANSLATIONS and ":" in lines[i]), None)
    if start is None:
        return end, None, end
    stop = start + 1
    while stop < end and (lines[stop] == "" or lines[stop][:1] in (" ", "\t")):
        stop += 1
    while stop > start + 1 and lines[stop - 1].strip() == "":
        stop -= 1  # blank lines before the next key stay where they are
    return end, start, stop


def replace_block(text: str, block: str) -> str:
    """The file's ``text`` with its translations block replaced by ``block`` (a front matter without
    one gets ``block`` before its closing ``---``)."""
    lines = text.split("\n")
    end, start, stop = _span(lines)
    new = block.rstrip("\n").split("\n") if block else []
    if start is None:
        return "\n".join(lines[:end] + new + lines[end:])
    return "\n".join(lines[:start] + new + lines[stop:])


def existing_block(text: str) -> str:
    """The translations block of a file's text as written (comments and all), or ""."""
    lines = text.split("\n")
    try:
        _, start, stop = _span(lines)
    except ValueError:
        return ""
    return "" if start is None else "\n".join(lines[start:stop]) + "\n"


def keep_translations(path, new_text: str) -> str:
    """``new_text`` for the file at ``path`` with the translations block the file has now (a file
    rewritten from a list, ``wegweiser import --overwrite``, keeps its translations)."""
    try:
        block = existing_block(path.read_text(encoding="utf-8").replace("\r\n", "\n"))
    except (OSError, UnicodeDecodeError):
        return new_text
    return replace_block(new_text, block) if block else new_text
