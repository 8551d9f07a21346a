"""Static pages (content/pages): the same rules as offers and providers, and the pages a public
body's site must have.

A page is untrusted content like a description: its body and summary may not hold unsafe
markup (scripts, event handlers, foreign schemes, images from other servers, …), its texts
no control or bidi characters, and its header only the keys that say what the page is
(title, slug, summary) — not where or how Pelican writes it. The folder holds nothing that
would hang or loop the build (see content/loading.py). Its only subfolders are the languages'
(content/pages/en/: translations, checked the same way and by checks/page_translations.py).
Pelican reads only what passes.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import NamedTuple

from wegweiser.checks.findings import WARNING, Finding
from wegweiser.checks.messages import finding
from wegweiser.checks.page_translations import misplaced, translation_findings
from wegweiser.checks.rules import body_line, character_findings, markdown_finding, unsafe_finding
from wegweiser.content.loading import relative_path, scan_folder
from wegweiser.content.parse_cache import SourceCache
from wegweiser.i18n.languages import SOURCE, is_language_folder
from wegweiser.i18n.page_translations import TRANSLATION_KEYS
from wegweiser.i18n.provenance import LANGUAGE_MARKS
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


def page_findings(root: Path, content_dir: Path, cache: SourceCache | None = None, languages=(SOURCE,),
                  today: dt.date | None = None) -> list[Finding]:
    """Every finding about content/pages: each page's (placeholders left by ``wegweiser init`` are
    warnings), then each translation's (``languages``: WEGWEISER_LANGUAGES; ``today`` for their
    review dates), then a warning for each required page missing.
    A page ``cache`` knows unchanged is not read again."""
    folder = Path(content_dir) / PAGES_FOLDER
    # Pelican reads hidden pages too; folders named like a language hold translations
    files, refused = scan_folder(folder, root, hidden=True, own_folders=is_language_folder)
    findings = [problem for _, problem in refused] + _other_files(folder, root)
    german: dict[str, object] = {}
    for path in files:
        src = _read(path, relative_path(path, root), cache, PAGE_KEYS)
        findings += src.findings + src.derived.get("rules", [])
        if "rules" not in src.derived:
            continue  # unreadable: its finding says why
        slug = src.values.get("slug") or path.stem
        if slug in RESERVED_SLUGS or is_language_folder(slug):
            findings.append(finding("page-slug-reserved", src.rel, field="slug", value=slug, line=src.line_of("slug")))
        elif slug in german:
            findings.append(finding("page-duplicate-slug", src.rel, field="slug", value=slug,
                                    line=src.line_of("slug"), other=german[slug].rel))
        german.setdefault(slug, src)
    findings += _translations(folder, root, cache, german, languages, today or dt.date.today())
    return findings + [finding("page-missing", relative_path(folder / f"{slug}.md", root), page=page.title,
                               why=page.why, severity=WARNING)
                       for slug, page in REQUIRED_PAGES.items() if slug not in german]


def _translations(folder: Path, root: Path, cache, german: dict, languages, today: dt.date) -> list[Finding]:
    """The findings of every language's folder: the translations of a language the guide publishes,
    an error for each page in any other folder named like a language (or in German's)."""
    findings = []
    for sub in sorted(p for p in folder.iterdir() if is_language_folder(p.name) and p.is_dir()
                      and not p.is_symlink()) if folder.is_dir() else []:
        files, refused = scan_folder(sub, root, hidden=True)
        findings += [problem for _, problem in refused] + _other_files(sub, root)
        for path in files:
            rel = relative_path(path, root)
            if sub.name == SOURCE or sub.name not in languages:
                findings.append(misplaced(sub.name, rel, languages))
                continue
            src = _read(path, rel, cache, TRANSLATION_KEYS, LANGUAGE_MARKS)
            findings += src.findings + src.derived.get("rules", [])
            if "rules" in src.derived:
                findings += translation_findings(src, sub.name, german, today)
    return findings


def _read(path: Path, rel: str, cache: SourceCache | None, keys: dict, marks: frozenset = frozenset()):
    """A page (``keys``: the header keys it may have, ``marks``: invisible characters its texts may
    hold), from ``cache`` if unchanged."""
    src = cache.lookup(path, rel) if cache is not None else None
    if src is None:
        src = _checked_page(path, rel, keys, marks)
        if cache is not None:
            cache.add(src)
    return src


def _checked_page(path: Path, rel: str, keys: dict, marks: frozenset):
    """The page read, with the findings about it alone (``derived["rules"]``; its HTML is not kept)."""
    src = read_page(path, rel)
    if src.derived.get("html") is not None:
        src.derived = {"rules": _page(src, keys, marks)}
    return src


def _page(src, keys: dict, marks: frozenset) -> list[Finding]:
    """A page's findings; ``keys``: the header keys it may have (with German names), ``marks``: the
    invisible characters its texts may hold (a translation's: the joiners and direction marks Arabic
    and Persian need)."""
    rel, values = src.rel, src.values
    found = []
    for key, line in src.derived["repeated"]:
        found.append(finding("duplicate-key", rel, field=key, line=line, first_line=src.lines[key]))
    for key in values:
        if key not in keys:
            close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
            found.append(finding("page-unknown-field", rel, field=key, line=src.line_of(key),
                                 suggestion=f"Meinten Sie „{close[0].capitalize()}“? " if close else "",
                                 allowed=", ".join(f"„{k.capitalize()}“" for k in keys)))
    title = values.get("title", "")
    if not title.strip():
        found.append(finding("page-title-missing", rel, field="title", line=1))
    elif markup_in_text(title):
        found.append(finding("html-in-text", rel, field="title", value=markup_in_text(title),
                             line=src.line_of("title"), label=keys["title"]))
    slug = values.get("slug")
    if slug is not None and "slug" in keys and not SLUG.fullmatch(slug):
        found.append(finding("page-slug", rel, field="slug", value=slug, line=src.line_of("slug")))
    for key in keys:
        if key in values:
            found += character_findings(rel, values[key], False, field=key, label=keys[key],
                                        line=src.line_of(key), allowed=marks)
    found += character_findings(rel, src.body, True, label="Text der Seite", line=src.body_line, in_text=True,
                                allowed=marks)
    unsafe = unsafe_in_html(src.derived.get("summary_html") or "")
    if unsafe:
        found.append(unsafe_finding(rel, unsafe, src.line_of("summary"), field="summary",
                                    part="Die Zusammenfassung (Summary)"))
    unsafe = unsafe_in_html(src.derived["html"])
    if unsafe:
        found.append(unsafe_finding(rel, unsafe, body_line(src.body, src.body_line, unsafe[0]),
                                    part="Der Text der Seite"))
    for limit in (markdown_finding(rel, values.get("summary", ""), src.line_of("summary"), field="summary",
                                 part="Die Zusammenfassung (Summary)"),
                 markdown_finding(rel, src.body, src.body_line, part="Der Text der Seite")):
        found += [limit] if limit else []
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
