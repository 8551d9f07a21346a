"""Checks of an entry's translations (the ``translations`` tree, see :mod:`wegweiser.i18n.content`).

Errors: a shape other than language → field → text/method/source_hash/reviewed/by, a code that is no
language (a language the guide does not publish is a warning: switching one off must not break the
build), a field the schema does not mark translatable, a method other than human or
machine, a source hash that is not 12 hex digits, a review date that is none or in the future, and
in the texts what the German texts may not hold either (markup, unsafe Markdown, control and bidi
characters, more than the field's maximum length). Warnings: a translation of a German text that
changed since (outdated), or of a field whose German text is empty.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from babel import Locale, UnknownLocaleError

from wegweiser.checks.findings import ERROR, WARNING
from wegweiser.checks.messages import finding
from wegweiser.content.characters import character_problems
from wegweiser.content.sanitize import MAX_NESTING, find_unsafe, markdown_limit, markup_in_text
from wegweiser.content.schema import TableSchema
from wegweiser.i18n.content import (
    DESCRIPTION, HASH_LENGTH, KEYS, METHODS, SOURCE, TRANSLATIONS, FileEntry, field_label, source_hash,
    source_text, translatable_fields,
)

#: a source hash as written: 12 lowercase hex digits
HASH = re.compile(rf"[0-9a-f]{{{HASH_LENGTH}}}")
#: invisible characters Arabic and Persian need: zero-width non-joiner and joiner, left-to-right and
#: right-to-left marks, the Arabic letter mark (bidi overrides and isolates stay refused)
LANGUAGE_MARKS = frozenset("\u200c\u200d\u200e\u200f\u061c")


def language_name(code: str) -> str:
    """„Englisch, en“: the language's German name (CLDR) and its code."""
    name = Locale.parse(SOURCE).languages.get(code)
    return f"{name}, {code}" if name else code


def is_language(code) -> bool:
    """A language code CLDR knows (``en``, ``ti``), whether the guide publishes it or not."""
    if not isinstance(code, str) or not re.fullmatch(r"[a-z]{2,3}", code):
        return False
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def translation_findings(kind: str, src, schema: TableSchema, languages, today: dt.date):
    """The findings on ``src.values["translations"]``; ``languages``: the guide's codes, source first."""
    tree = src.values.get(TRANSLATIONS)
    if tree is None:
        return
    rel = src.rel
    if not isinstance(tree, dict):
        yield finding("translation-shape", rel, field=TRANSLATIONS, line=src.line_of(TRANSLATIONS),
                      expected="je Sprache ein Abschnitt wie „en:“")
        return
    targets = [code for code in languages if code != SOURCE]
    fields = translatable_fields(schema)
    entry = FileEntry(src)
    for code, per_field in tree.items():
        path = f"{TRANSLATIONS}.{code}"
        line = src.line_of(path)
        if code == SOURCE:
            yield finding("translation-source-language", rel, field=path, value=code, line=line)
            continue
        if code not in targets:
            known = is_language(code)
            yield finding("translation-language-off" if known else "translation-language", rel, field=path,
                          value=code, line=line, severity=WARNING if known else ERROR,
                          allowed=", ".join(targets) or "keine (die Einstellung nennt nur Deutsch)")
            continue
        if not isinstance(per_field, dict):
            yield finding("translation-shape", rel, field=path, line=line,
                          expected="je übersetztem Feld ein Abschnitt wie „title:“")
            continue
        for name, item in per_field.items():
            yield from _field_findings(src, schema, fields, entry, code, name, item, today)


def _field_findings(src, schema, fields, entry, code, name, item, today):
    rel, path = src.rel, f"{TRANSLATIONS}.{code}.{name}"
    line = src.line_of(path)
    if name not in fields:
        close = difflib.get_close_matches(str(name), fields, n=1, cutoff=0.6)
        yield finding("translation-field", rel, field=path, value=name, line=line,
                      suggestion=f"Meinten Sie „{close[0]}“? " if close else "", allowed=", ".join(fields),
                      schema_file=f"data/schemas/{'offer' if schema.name == 'offers' else 'provider'}.schema.json")
        return
    where = {"language": language_name(code), "label": field_label(schema, name), "language_code": code}
    if not isinstance(item, dict):
        yield finding("translation-shape", rel, field=path, line=line, expected="„text:“, „method:“ und "
                      "„source_hash:“, je eine Zeile darunter, eingerückt", **where)
        return
    for key in item:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1, cutoff=0.6)
            yield finding("translation-key", rel, field=path, value=key, line=src.line_of(f"{path}.{key}") or line,
                          suggestion=f"Meinten Sie „{close[0]}“? " if close else "", **where)
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        yield finding("translation-text", rel, field=path, line=src.line_of(f"{path}.text") or line, **where)
    else:
        yield from _text_findings(src, schema, name, path, text, **where)
    method = item.get("method")
    if method not in METHODS:
        yield finding("translation-method", rel, field=f"{path}.method", value=method if method is not None else "(fehlt)",
                      line=src.line_of(f"{path}.method") or line, **where)
    german = source_text(entry, name)
    recorded = item.get("source_hash")
    if not isinstance(recorded, str) or not HASH.fullmatch(recorded):
        yield finding("translation-hash", rel, field=f"{path}.source_hash", value=recorded or "(fehlt)",
                      line=src.line_of(f"{path}.source_hash") or line, current=source_hash(german), **where)
    elif not german:
        yield finding("translation-orphan", rel, field=path, line=line, severity=WARNING, **where)
    elif recorded != source_hash(german):
        yield finding("translation-outdated", rel, field=path, value=recorded, line=line, severity=WARNING,
                      current=source_hash(german), **where)
    yield from meta_findings(src, item, path, line, today, where)


def meta_findings(src, item: dict, path: str, line, today: dt.date, where: dict):
    """The findings on a translation's ``reviewed`` and ``by`` (keys of ``item``): ``path`` is where
    they stand in ``src`` ("translations.en.title"; "" for a page's header), ``where`` names the
    language and the text for the messages."""
    def at(key: str) -> str:
        return f"{path}.{key}" if path else key

    reviewed = item.get("reviewed")
    if reviewed is not None:
        problem, date = None, reviewed if isinstance(reviewed, dt.date) else None
        if isinstance(reviewed, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", reviewed):
            try:
                date = dt.date.fromisoformat(reviewed)
            except ValueError:
                pass
        if date is None:
            problem = "kein Datum im Format JJJJ-MM-TT"
        elif date > today:
            problem = "ein Datum nach dem heutigen Tag"
        if problem:
            yield finding("translation-reviewed", src.rel, field=at("reviewed"), value=reviewed, problem=problem,
                          line=src.line_of(at("reviewed")) or line, **where)
    by = item.get("by")
    if by is not None and (not isinstance(by, str) or not by.strip() or "\n" in by):
        yield finding("translation-by", src.rel, field=at("by"), line=src.line_of(at("by")) or line, **where)


def _text_findings(src, schema, name, path, text, **where):
    rel, line = src.rel, src.line_of(f"{path}.text") or src.line_of(path)
    multiline = name == DESCRIPTION or bool(schema.by_name.get(name) and schema.by_name[name].multiline)
    for problem in character_problems(text, multiline):
        if problem.char not in LANGUAGE_MARKS:
            yield finding("translation-character", rel, field=path, value=problem.shown, line=line, **where)
    if name == DESCRIPTION:
        unsafe = find_unsafe(text)
        if unsafe:
            yield finding("translation-unsafe", rel, field=path, value=", ".join(unsafe[:5]), line=line, **where)
        if markdown_limit(text):
            yield finding(markdown_limit(text)[0], rel, field=path, line=line, limit=MAX_NESTING,
                          part=f"Die Übersetzung ({where['language']}) der Beschreibung")
        return
    found = markup_in_text(text)
    if found:
        yield finding("translation-markup", rel, field=path, value=found, line=line, **where)
    limit = schema.by_name[name].constraints.get("maxLength")
    if limit and len(text.strip()) > limit:
        yield finding("translation-too-long", rel, field=path, line=line, actual=len(text.strip()), limit=limit,
                      **where)
