"""Markdown to safe HTML: provider text is untrusted.

Raw HTML is reduced to an allowlist with nh3, links may only use http(s) or
mailto, external links get ``rel="noopener"``, and headings are shifted one
level down because the page title is the only ``<h1>``.
"""

from __future__ import annotations

import functools
import re

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "abbr", "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}, "*": {"lang"}}
URL_SCHEMES = {"http", "https", "mailto"}
_HEADING = re.compile(r"<(/?)h([1-6])\b")


def _shift_heading(match: re.Match) -> str:
    level = min(int(match.group(2)) + 1, 6)
    return f"<{match.group(1)}h{level}"


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


@functools.cache
def _converter() -> markdown.Markdown:
    """One Markdown converter, reset before each use (creating one per file is slow)."""
    return markdown.Markdown(extensions=["sane_lists"], output_format="html")


def render_markdown(text: str) -> Markup:
    """Render an untrusted Markdown body to sanitised HTML."""
    if not text or not text.strip():
        return Markup("")
    html = _converter().reset().convert(text)
    html = _HEADING.sub(_shift_heading, html)
    return Markup(clean_html(html))
