"""Static pages are read by the guide's reader only: Markdown with the guide's settings, sanitised.

Pelican would publish a page's raw HTML as it is (and HTML or reStructuredText pages
unchanged). Here every reader but this one is switched off, and this one converts with
:data:`~wegweiser.content.sanitize.PAGE_MARKDOWN` — the settings validation reads the pages
with (content/static_pages.py), whatever ``MARKDOWN`` says — and passes the body and the
summary through the sanitiser of descriptions.
"""

from __future__ import annotations

import copy

from pelican.readers import MarkdownReader

from wegweiser.content.sanitize import PAGE_MARKDOWN, clean_page_html


class PageReader(MarkdownReader):
    file_extensions = ["md"]

    def __init__(self, settings):
        super().__init__({**settings, "MARKDOWN": copy.deepcopy(PAGE_MARKDOWN)})

    def read(self, source_path):
        content, metadata = super().read(source_path)
        if isinstance(metadata.get("summary"), str):
            metadata["summary"] = clean_page_html(metadata["summary"])
        return clean_page_html(content), metadata


def only_page_reader(readers) -> None:
    """``readers_init``: Markdown files (``.md``) are read by :class:`PageReader`, nothing else is read."""
    for extension in list(readers.reader_classes):
        readers.reader_classes[extension] = None
    readers.reader_classes["md"] = PageReader
