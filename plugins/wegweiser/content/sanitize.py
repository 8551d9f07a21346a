"""Markdown to safe HTML: provider text is untrusted.

Raw HTML is reduced to an allowlist with nh3, links may only use http(s) or
mailto, external links get ``rel="noopener"``, and headings are shifted one
level down because the page title is the only ``<h1>``.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

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


@functools.lru_cache(maxsize=2)
def _markdown(text: str) -> str:
    """The raw HTML of a body: validation looks for unsafe markup in it, then renders the same body."""
    return _converter().reset().convert(text)


def render_markdown(text: str) -> Markup:
    """Render an untrusted Markdown body to sanitised HTML."""
    if not text or not text.strip():
        return Markup("")
    html = _markdown(text)
    html = _HEADING.sub(_shift_heading, html)
    return Markup(clean_html(html))


# --- Finding unsafe markup, so that validation can name it (the sanitiser removes it anyway) ---

#: elements that run code, load or embed other documents, or change the page's style or forms
UNSAFE_TAGS = {
    "script", "style", "svg", "math", "iframe", "frame", "frameset", "object", "embed", "applet",
    "form", "input", "button", "textarea", "select", "base", "meta", "link", "template", "noscript",
    "xmp", "plaintext", "noembed", "noframes", "portal", "audio", "video",
}
#: attributes holding a URL, checked for their scheme
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20]")


def unsafe_url(value: str) -> bool:
    """True for a URL with a scheme other than http(s)/mailto (javascript:, data:, vbscript:, …).

    Browsers ignore tabs, newlines and control characters in a scheme, so they are removed
    first; entities are already decoded by the HTML parser.
    """
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", value or "").lower())
    return bool(match) and match.group(1) not in URL_SCHEMES


class _UnsafeFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in UNSAFE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}=")
            elif name in ("style", "srcdoc", "formaction"):
                self.found.append(f"{name}=")
            elif name in URL_ATTRIBUTES and unsafe_url(value or ""):
                scheme = _IGNORED_IN_URL.sub("", value or "").split(":", 1)[0].lower()
                self.found.append(f"{scheme}:")

    handle_startendtag = handle_starttag


def find_unsafe(text: str) -> list[str]:
    """The unsafe constructs in an untrusted Markdown body, in order (e.g. ``<script>``, ``onerror=``)."""
    if not text or not text.strip():
        return []
    finder = _UnsafeFinder()
    finder.feed(_markdown(text))
    finder.close()
    return list(dict.fromkeys(finder.found))


_TEXT_MARKUP = re.compile(r"<[a-zA-Z/!?]|&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]{1,31});")


def markup_in_text(value: str) -> str | None:
    """The first HTML tag or entity in a plain-text field (``<b``, ``&amp;``), or None."""
    match = _TEXT_MARKUP.search(value or "")
    if not match:
        return None
    if match.group(0).startswith("<"):
        end = re.match(r"<[^\s>]{0,20}", value[match.start():])
        return end.group(0) if end else match.group(0)
    return match.group(0)
