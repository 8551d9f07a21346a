"""Markdown to safe HTML: provider text and static pages are untrusted.

Raw HTML is reduced to an allowlist with nh3, links may only use http(s) or
mailto (an e-mail link without hidden recipients or text), external links get
``rel="noopener"``, and headings are shifted one level down because the page
title is the only ``<h1>``. Static pages (content/pages) go through the same
sanitiser with a few more elements that legal pages need: tables with captions,
definition lists, and images from the site itself.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, unquote

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "abbr", "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}, "*": {"lang"}}
#: what static pages may hold besides (legal pages: tables, definitions, images from the site)
PAGE_TAGS = ALLOWED_TAGS | {"caption", "dl", "dt", "dd", "sub", "sup", "img"}
PAGE_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "img": {"src", "alt", "title", "width", "height"}}
URL_SCHEMES = {"http", "https", "mailto"}
#: the only header an e-mail link may carry: hidden recipients (cc, bcc, to) or a prepared text
#: (body) would send what the visitor does not see
MAILTO_HEADERS = {"subject"}
#: attributes that load something (an image, a video, a frame): only from the site itself
RESOURCE_ATTRIBUTES = {"src", "poster", "background", "data"}
#: Python-Markdown's settings for static pages, here and in Pelican's reader (pelican_plugin/page_reader.py)
PAGE_MARKDOWN = {"extensions": ["markdown.extensions.tables", "markdown.extensions.sane_lists",
                                "markdown.extensions.meta"], "output_format": "html"}
_HEADING = re.compile(r"<(/?)h([1-6])\b")
#: how deeply lists and quotes may nest: Python-Markdown parses each level with a recursive call,
#: and a few hundred levels (``- - - … x`` on one line, or indented lists) exhaust Python's stack
MAX_NESTING = 20
#: how much work a Markdown text may ask for: Python-Markdown looks for the end of each [ through the
#: rest of its paragraph and for the end of each < (a possible HTML block) through the rest of the
#: text, so the time grows with brackets × length („![“ 10,000 times took 25 s, „<a “ 6,700 times
#: 3.6 s; a 1 MB file would take hours); this much takes at most about 1.5 s and is 250 times what
#: the example's most linked description asks for
MAX_INLINE_WORK = 5_000_000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_CONTAINER = re.compile(r"(?:>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$))[ \t]*")


def _shift_heading(match: re.Match) -> str:
    level = min(int(match.group(2)) + 1, 6)
    return f"<{match.group(1)}h{level}"


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """nh3's last word on an allowed attribute: no link with a hidden e-mail header, nothing loaded
    from elsewhere."""
    if attribute == "href" and link_problem(value):
        return None
    if attribute in RESOURCE_ATTRIBUTES and not site_local(value):
        return None
    return value


def clean_html(html: str, page: bool = False) -> str:
    """``html`` reduced to the allowlist (``page``: that of static pages)."""
    return nh3.clean(
        html,
        tags=PAGE_TAGS if page else ALLOWED_TAGS,
        attributes=PAGE_ATTRIBUTES if page else ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def clean_page_html(html: str) -> str:
    """The HTML Python-Markdown made of a static page (:data:`PAGE_MARKDOWN`), sanitised; a first-level
    heading becomes a second-level one (the page title is the ``<h1>``)."""
    return clean_html(re.sub(r"<(/?)h1\b", r"<\1h2", html), page=True)


def page_markdown() -> markdown.Markdown:
    """A Markdown converter for static pages, as Pelican's reader makes them (``.Meta`` holds the header)."""
    return markdown.Markdown(**PAGE_MARKDOWN)


@functools.cache
def _converter() -> markdown.Markdown:
    """One Markdown converter, reset before each use (creating one per file is slow)."""
    return markdown.Markdown(extensions=["sane_lists"], output_format="html")


def too_deep(text: str) -> int | None:
    """The number (from 1) of the first line of a Markdown text that opens more than
    :data:`MAX_NESTING` lists and quotes (its indentation counting one level per four columns), or None."""
    for number, line in enumerate((text or "").split("\n"), start=1):
        rest = line.lstrip(" \t")
        if not rest or rest[0] not in ">-*+0123456789":
            continue
        depth = len(line[: len(line) - len(rest)].expandtabs(4)) // 4
        while depth <= MAX_NESTING and (match := _CONTAINER.match(rest)):
            depth, rest = depth + 1, rest[match.end():]
        if depth > MAX_NESTING:
            return number
    return None


def too_complex(text: str) -> int | None:
    """The number (from 1) of the first line of the paragraph at which a Markdown text asks for more
    than :data:`MAX_INLINE_WORK` (each [ × the length of its paragraph, each < × the length of the text),
    or None."""
    text, work, start = text or "", 0, 0
    ends = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    for end in ends:
        paragraph = text[start:end]
        work += paragraph.count("[") * len(paragraph) + paragraph.count("<") * len(text)
        if work > MAX_INLINE_WORK:
            return text.count("\n", 0, start) + 1 + (len(paragraph) - len(paragraph.lstrip("\n")))
        start = end
    return None


def markdown_limit(text: str) -> tuple[str, int] | None:
    """(code, line) of the first limit a Markdown text goes beyond (``markdown-too-deep``:
    :func:`too_deep`, ``markdown-too-complex``: :func:`too_complex`), or None."""
    found = [(line, code) for code, line in (("markdown-too-deep", too_deep(text)),
                                              ("markdown-too-complex", too_complex(text))) if line]
    return (min(found)[1], min(found)[0]) if found else None


def shallow_part(text: str) -> str:
    """``text`` up to the line where it goes beyond a limit (:func:`markdown_limit`; validation refuses
    such a text): what Markdown can convert without running out of stack or time."""
    limit = markdown_limit(text)
    return text if limit is None else "\n".join(text.split("\n")[: limit[1] - 1])


@functools.lru_cache(maxsize=2)
def _markdown(text: str) -> str:
    """The raw HTML of a body: validation looks for unsafe markup in it, then renders the same body."""
    return _converter().reset().convert(shallow_part(text))


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
    """True for a link that must not be followed (see :func:`link_problem`)."""
    return link_problem(value) is not None


def link_problem(value: str) -> str | None:
    """What is wrong with a link, as a message names it, or None: a scheme other than
    http(s)/mailto (``javascript:``, ``data:``, …), or an e-mail link with a header other than
    the subject (``mailto:?bcc``) or with more than one recipient.

    Browsers ignore tabs, newlines and control characters in a scheme, so they are removed
    first; entities are already decoded by the HTML parser.
    """
    cleaned = _IGNORED_IN_URL.sub("", value or "")
    match = _SCHEME.match(cleaned.lower())
    if not match:
        return None
    scheme = match.group(1)
    if scheme not in URL_SCHEMES:
        return f"{scheme}:"
    if scheme == "mailto":
        address, _, query = cleaned[match.end():].partition("?")
        headers = sorted({key.lower() for key, _ in parse_qsl(query, keep_blank_values=True)} - MAILTO_HEADERS)
        if headers:
            return f"mailto:?{'&'.join(headers)}"
        address = unquote(address)
        if address.count("@") > 1 or "," in address or ";" in address:
            return "mailto: mehrere Empfänger"
    return None


def web_address(value) -> bool:
    """True for a full web address (``https://…``, ``http://…``): where a value must lead to another
    site, not to an e-mail or a page of this one (an indicator's source or licence)."""
    return isinstance(value, str) and value.startswith(("https://", "http://")) and not unsafe_url(value)


def site_local(value: str) -> bool:
    """True for an address on this site (``/bilder/a.webp``, ``logo.png``), False for one that makes
    the browser ask another server (``https://…``, ``//host/…``, ``\\host\…``, ``data:``)."""
    cleaned = _IGNORED_IN_URL.sub("", value or "").replace("\\", "/")
    return not cleaned.startswith("//") and not _SCHEME.match(cleaned.lower())


class _UnsafeFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in UNSAFE_TAGS:
            self.found.append(f"<{tag}>")
        elif ":" in tag and link_problem(tag):  # an autolink Markdown left as a tag: <javascript:alert(1)>
            self.found.append(link_problem(tag))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}=")
            elif name in ("style", "srcdoc", "formaction", "srcset"):
                self.found.append(f"{name}=")
            elif name in URL_ATTRIBUTES and link_problem(value or ""):
                self.found.append(link_problem(value or ""))
            elif name in RESOURCE_ATTRIBUTES and not site_local(value or ""):
                self.found.append(_shortened(_IGNORED_IN_URL.sub("", value or "")))  # loaded from elsewhere

    handle_startendtag = handle_starttag


def _shortened(url: str, limit: int = 50) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


def find_unsafe(text: str) -> list[str]:
    """The unsafe constructs in an untrusted Markdown body, in order (e.g. ``<script>``, ``onerror=``)."""
    if not text or not text.strip():
        return []
    return unsafe_in_html(_markdown(text))


def unsafe_in_html(html: str) -> list[str]:
    """The unsafe constructs in the HTML Markdown made of an untrusted text, in order, each once."""
    finder = _UnsafeFinder()
    finder.feed(html)
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
