"""Static pages (content/pages): the same rules as offers and providers, and the pages a public
body's site must have.

A page is untrusted content like a description: its body and summary may not hold unsafe
markup (scripts, event handlers, foreign schemes, images from other servers, …), its texts
no control or bidi characters, and its header only the keys that say what the page is
(title, slug, summary) — not where or how Pelican writes it. The folder holds nothing that
would hang or loop the build (see content/loading.py). Pelican reads only what passes.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import NamedTuple

from wegweiser.checks.findings import WARNING, Finding
from wegweiser.checks.messages import finding
from wegweiser.checks.rules import body_line, character_findings, unsafe_finding
from wegweiser.content.loading import relative_path, scan_folder
from wegweiser.content.parse_cache import SourceCache
from wegweiser.i18n.languages import is_language_folder
from wegweiser.i18n.texts import UIText
from wegweiser.content.sanitize import markup_in_text, unsafe_in_html
from wegweiser.content.static_pages import PAGE_KEYS, PAGES_FOLDER, read_page

#: What a page made by ``wegweiser init`` asks the office to replace: "[[BITTE ERGÄNZEN: Telefon]]".
PLACEHOLDER = re.compile(r"\[\[\s*BITTE ERGÄNZEN:?\s*([^\]]*)\]\]", re.IGNORECASE)
#: a page's address below the site (Pelican: PAGE_URL = "{slug}/")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
#: the guide's own folders (pelican_plugin/pages.py and the outputs): a page there would be
#: overwritten without a word (a test compares this with a built site)
RESERVED_SLUGS = {"a-z", "anbieter", "angebote", "bereiche", "bestandsaufnahme", "bilder", "bildungsmonitoring",
                  "daten", "lebenslagen", "mitmachen", "offline", "orte", "suche", "theme", "themen", "zielgruppen"}


class RequiredPage(NamedTuple):
    title: str  # suggested as the page's title
    link: str  # the footer's link text
    why: str


#: pages a public body's website must have (content/pages/<slug>.md), in the footer's order
REQUIRED_PAGES = {
    "impressum": RequiredPage("Impressum", UIText("Impressum"), "Anbieterkennzeichnung nach § 5 Digitale-Dienste-Gesetz."),
    "datenschutz": RequiredPage("Datenschutz", UIText("Datenschutz"), "Informationspflichten nach Art. 13 DSGVO."),
    "barrierefreiheit": RequiredPage("Erklärung zur Barrierefreiheit", UIText("Barrierefreiheit"),
                                     "Pflicht öffentlicher Stellen nach BITV 2.0 und den Landesgesetzen."),
    "leichte-sprache": RequiredPage("Leichte Sprache", UIText("Leichte Sprache"),
                                    "Erläuterungen in Leichter Sprache nach § 4 BITV 2.0."),
}


def page_findings(root: Path, content_dir: Path, cache: SourceCache | None = None) -> list[Finding]:
    """Every finding about content/pages: each page's (placeholders left by ``wegweiser init`` are
    warnings), then a warning for each required page missing.
    A page ``cache`` knows unchanged is not read again."""
    folder = Path(content_dir) / PAGES_FOLDER
    files, refused = scan_folder(folder, root, hidden=True)  # Pelican reads hidden pages too
    findings = [problem for _, problem in refused] + _other_files(folder, root)
    slugs: dict[str, str] = {}
    for path in files:
        rel = relative_path(path, root)
        src = cache.lookup(path, rel) if cache is not None else None
        if src is None:
            src = _checked_page(path, rel)
            if cache is not None:
                cache.add(src)
        findings += src.findings + src.derived.get("rules", [])
        if "rules" not in src.derived:
            continue  # unreadable: its finding says why
        slug = src.values.get("slug") or path.stem
        if slug in RESERVED_SLUGS or is_language_folder(slug):
            findings.append(finding("page-slug-reserved", rel, field="slug", value=slug, line=src.line_of("slug")))
        elif slug in slugs:
            findings.append(finding("page-duplicate-slug", rel, field="slug", value=slug, line=src.line_of("slug"),
                                    other=slugs[slug]))
        slugs.setdefault(slug, rel)
    return findings + [finding("page-missing", relative_path(folder / f"{slug}.md", root), page=page.title,
                               why=page.why, severity=WARNING)
                       for slug, page in REQUIRED_PAGES.items() if slug not in slugs]


def _checked_page(path: Path, rel: str):
    """The page read, with the findings about it alone (``derived["rules"]``; its HTML is not kept)."""
    src = read_page(path, rel)
    if src.derived.get("html") is not None:
        src.derived = {"rules": _page(src)}
    return src


def _page(src) -> list[Finding]:
    rel, values = src.rel, src.values
    found = []
    for key, line in src.derived["repeated"]:
        found.append(finding("duplicate-key", rel, field=key, line=line, first_line=src.lines[key]))
    for key in values:
        if key not in PAGE_KEYS:
            close = difflib.get_close_matches(key, PAGE_KEYS, n=1, cutoff=0.6)
            found.append(finding("page-unknown-field", rel, field=key, line=src.line_of(key),
                                 suggestion=f"Meinten Sie „{close[0].capitalize()}“? " if close else "",
                                 allowed=", ".join(f"„{k.capitalize()}“" for k in PAGE_KEYS)))
    title = values.get("title", "")
    if not title.strip():
        found.append(finding("page-title-missing", rel, field="title", line=1))
    elif markup_in_text(title):
        found.append(finding("html-in-text", rel, field="title", value=markup_in_text(title),
                             line=src.line_of("title"), label=PAGE_KEYS["title"]))
    slug = values.get("slug")
    if slug is not None and not SLUG.fullmatch(slug):
        found.append(finding("page-slug", rel, field="slug", value=slug, line=src.line_of("slug")))
    for key in ("title", "slug", "summary"):
        if key in values:
            found += character_findings(rel, values[key], False, field=key, label=PAGE_KEYS[key],
                                        line=src.line_of(key))
    found += character_findings(rel, src.body, True, label="Text der Seite", line=src.body_line, in_text=True)
    unsafe = unsafe_in_html(src.derived.get("summary_html") or "")
    if unsafe:
        found.append(unsafe_finding(rel, unsafe, src.line_of("summary"), field="summary",
                                    part="Die Zusammenfassung (Summary)"))
    unsafe = unsafe_in_html(src.derived["html"])
    if unsafe:
        found.append(unsafe_finding(rel, unsafe, body_line(src.body, src.body_line, unsafe[0]),
                                    part="Der Text der Seite"))
    text = src.derived["text"]
    found += [finding("page-placeholder", rel, value=m.group(1).strip(), line=text.count("\n", 0, m.start()) + 1,
                      severity=WARNING) for m in PLACEHOLDER.finditer(text)]
    return found


def _other_files(folder: Path, root: Path) -> list[Finding]:
    """A warning for each file in the folder that is not a Markdown page (Pelican's HTML and
    reStructuredText pages are not read: their raw HTML would be published as it is)."""
    try:
        paths = sorted(p for p in Path(folder).iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError:
        return []
    return [finding("page-not-markdown", relative_path(path, root), value=path.suffix or path.name, severity=WARNING)
            for path in paths if path.suffix != ".md"]
