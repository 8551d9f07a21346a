"""Static pages (content/pages/*.md), read the way Pelican reads them, for validation.

Pelican publishes the pages itself, through the guide's reader (pelican_plugin/page_reader.py):
a header of ``Key: value`` lines (Python-Markdown's meta extension), then Markdown converted
with :data:`~wegweiser.content.sanitize.PAGE_MARKDOWN` and sanitised. Here a page is read with
the same extension and settings, so that validation judges the HTML that would be published;
each header key keeps its line for the findings.
"""

from __future__ import annotations

from pathlib import Path

import markdown
from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE

from wegweiser.content.frontmatter import SourceFile, read_text
from wegweiser.content.sanitize import PAGE_MARKDOWN, page_markdown, shallow_part

PAGES_FOLDER = "pages"
#: header keys a page may have: anything else either does nothing or changes where or how
#: Pelican writes the page (save_as, url, template, status …)
PAGE_KEYS = {"title": "Titel", "slug": "Adresse (Slug)", "summary": "Zusammenfassung"}


def read_page(path: Path, rel: str) -> SourceFile:
    """A page as a :class:`SourceFile`: ``values`` holds the header (keys in lower case, as Pelican
    reads them; repeated keys in ``derived["repeated"]``), ``derived["text"]`` the whole text,
    ``derived["html"]`` the unsanitised HTML of the body and ``derived["summary_html"]`` that of the
    summary."""
    src = SourceFile(path=path, rel=rel)
    text = read_text(src)
    if text is None:
        return src
    converter = page_markdown()
    src.derived["text"] = text
    src.derived["html"] = converter.convert(shallow_part(text))  # the meta extension takes the header off, as in Pelican
    meta = getattr(converter, "Meta", {})
    src.values = {key: "\n".join(lines) for key, lines in meta.items()}
    _header_lines(src, text.split("\n"))
    summary = src.values.get("summary")
    if summary:
        src.derived["summary_html"] = markdown.Markdown(**_without_meta()).convert(shallow_part(summary))
    return src


def _without_meta() -> dict:
    """Pelican converts formatted header values with the meta extension switched off."""
    return {**PAGE_MARKDOWN, "extensions": [e for e in PAGE_MARKDOWN["extensions"] if not e.endswith(".meta")]}


def _header_lines(src: SourceFile, lines: list[str]) -> None:
    """The line of each header key (repeated keys: their later lines) and where the body starts,
    following the meta extension's reading of the header."""
    index, key = 0, None
    repeated = src.derived.setdefault("repeated", [])
    if lines and BEGIN_RE.match(lines[0]):
        index = 1
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.strip() == "" or END_RE.match(line):
            break
        match = META_RE.match(line)
        if match:
            key = match.group("key").lower().strip()
            if key in src.lines:
                repeated.append((key, index))
            else:
                src.lines[key] = index
        elif not (META_MORE_RE.match(line) and key):
            index -= 1  # the body starts here
            break
    body = lines[index:]
    while body and not body[0].strip():
        body, index = body[1:], index + 1
    src.body = "\n".join(body).rstrip("\n")
    src.body_line = index + 1
