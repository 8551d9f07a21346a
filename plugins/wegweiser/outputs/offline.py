"""Offline use: what the service worker keeps ahead of a visit, its version and its size.

After every other file of a build, ``sw.js`` is written to the site's root (pelican_plugin/plugin.py,
on Pelican's ``finalized`` signal): the build's ``PRECACHE`` (with its version) followed by
``service_worker.js`` beside this module. Kept ahead of a visit, per language of the guide:

- the shell: the home page, the search page, the offline page and every stylesheet, script and
  icon these pages name (read from the built pages, so a changed template needs no list here);
- the search data the language's search page names (its ``data-manifest``) and the files its
  manifest names, as far as ``WEGWEISER_OFFLINE_BUDGET_KB`` (gzip) allows: first the manifest,
  the filter sets, the facets and the result rows, then the index shards holding the most words
  per byte. The rest is kept once a search has used it.

The version is a digest of every precached file and of the fingerprints of every page, so that it
changes with each build that changes something (the page then offers to reload).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

SCRIPT_NAME = "sw.js"
OFFLINE_URL = "offline/"
SEARCH_URL = "suche/"
SOURCE = Path(__file__).with_name("service_worker.js")
DEFAULT_BUDGET_KB = 1000
#: gzip level the sizes are measured with (what web servers commonly use)
GZIP_LEVEL = 6
_HOST = "http://site.invalid"


@dataclass
class LanguagePlan:
    """What is kept of one language: its pages, its search data ahead of a visit and the rest."""

    pages: list[str]
    offline: str
    pages_bytes: int = 0
    data: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    data_bytes: int = 0
    left_bytes: int = 0


@dataclass
class Precache:
    """What ``sw.js`` keeps: the shell's stylesheets, scripts and icon (paths relative to the site's
    root, ``shell_bytes`` gzip) and each language's plan."""

    shell: list[str]
    languages: dict[str, LanguagePlan]
    #: folders whose files are content-addressed: a name is never reused for other content
    named: list[str]
    shell_bytes: int
    version: str

    def _largest(self) -> LanguagePlan | None:
        return max(self.languages.values(), key=lambda plan: plan.pages_bytes + plan.data_bytes, default=None)

    @property
    def files(self) -> int:
        """How many files a visitor's browser keeps ahead: the shell and one language's pages and data."""
        largest = self._largest()
        return len(self.shell) + (len(largest.pages) + len(largest.data) if largest else 0)

    @property
    def gzip_bytes(self) -> int:
        """What a visitor's browser keeps ahead (the language that needs most)."""
        largest = self._largest()
        return self.shell_bytes + (largest.pages_bytes + largest.data_bytes if largest else 0)

    def script(self, default: str, relative: bool) -> bytes:
        """``sw.js``: the precache list and version before the service worker's code."""
        data = {"version": self.version, "default": default, "relative": relative, "shell": self.shell,
                "named": self.named, "languages": {code: {"pages": plan.pages, "offline": plan.offline,
                                                          "data": plan.data, "later": plan.left}
                                                   for code, plan in self.languages.items()}}
        head = ("// Written by the Bildungswegweiser build (wegweiser/outputs/offline.py); do not edit.\n"
                f"var PRECACHE = {json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n")
        return head.encode("utf-8") + SOURCE.read_bytes()

    def summary(self) -> str:
        """One German line for the build's output."""
        line = f"Offline-Vorrat: {_kb(self.gzip_bytes)} (gzip) in {self.files} Dateien"
        if len(self.languages) > 1:
            line += " je Sprache"
        largest = self._largest()
        if largest is not None and largest.left:
            total = largest.data_bytes + largest.left_bytes
            line += (f"; Suchdaten {_kb(largest.data_bytes)} von {_kb(total)}, die übrigen {len(largest.left)} "
                     "Dateien werden gespeichert, wenn eine Suche sie braucht")
        return line + "."


def _kb(size: int) -> str:
    return f"{size / 1000:,.0f} KB".replace(",", ".")


class _Links(HTMLParser):
    """The stylesheets, scripts and icons a page names, and its search data's manifest."""

    def __init__(self):
        super().__init__()
        self.assets: list[str] = []
        self.manifest: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        elif tag == "link" and attrs.get("href") and {"stylesheet", "icon"} & set((attrs.get("rel") or "").split()):
            self.assets.append(attrs["href"])
        if attrs.get("data-manifest") and self.manifest is None:
            self.manifest = attrs["data-manifest"]


def site_path(value: str, page: str, siteurl: str) -> str | None:
    """The path inside the site (``theme/css/main.css``) of a link on the page at ``page``
    (``suche/``), whatever form ``SITEURL`` gave it; None for a link off the site."""
    site = urlsplit(siteurl or "")
    base = site.path.rstrip("/") + "/"
    link = urlsplit(urljoin(f"{_HOST}{base}{page}", value))
    if f"{link.scheme}://{link.netloc}" not in (_HOST, f"{site.scheme}://{site.netloc}") or not link.path.startswith(base):
        return None
    return posixpath.normpath(link.path[len(base):]) if link.path != base else ""


def _file(output: Path, path: str) -> Path:
    target = output / path
    return target / "index.html" if path == "" or path.endswith("/") else target


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL, mtime=0))


def plan(output: Path, siteurl: str, languages: dict[str, str], budget_kb: int = DEFAULT_BUDGET_KB,
         extra: bytes = b"", known: dict | None = None) -> Precache:
    """What ``sw.js`` keeps of the site in ``output``; ``languages``: code -> the folder of its pages
    (``""`` for the guide's main language); ``extra``: further input of the version; ``known``: the
    measures (:func:`measure`) of search data files by path, from an earlier build — updated here."""
    version = hashlib.sha256(extra)
    assets: dict[str, int] = {}
    plans, manifests = {}, {}
    for code, prefix in languages.items():
        pages = [prefix, f"{prefix}{SEARCH_URL}", f"{prefix}{OFFLINE_URL}"]
        manifest = None
        for page in pages:
            parser = _Links()
            parser.feed(_file(output, page).read_text(encoding="utf-8"))
            for asset in parser.assets:
                path = site_path(asset, page, siteurl)
                if path is not None and path not in assets and _file(output, path).is_file():
                    assets[path] = 0
            if parser.manifest and manifest is None:
                manifest = site_path(parser.manifest, page, siteurl)
        plans[code], manifests[code] = LanguagePlan(pages, f"{prefix}{OFFLINE_URL}"), manifest
    sizes = {path: _measure_page(output, path, version) for path in assets}
    for code, manifest in manifests.items():  # the budget holds for the shell and one language's pages and data
        language = plans[code]
        language.pages_bytes = sum(_measure_page(output, path, version) for path in language.pages)
        if manifest is not None:
            _plan_data(output, manifest, language, budget_kb * 1000, sum(sizes.values()) + language.pages_bytes,
                       version, {} if known is None else known)
    named = sorted({posixpath.dirname(manifest) + "/" for manifest in manifests.values() if manifest is not None})
    return Precache(list(assets), plans, named, sum(sizes.values()), version.hexdigest()[:16])


def _measure_page(output: Path, path: str, version) -> int:
    """The gzip size of a file of the shell; its content goes into the version."""
    data = _file(output, path).read_bytes()
    version.update(f"{path}\0{hashlib.sha256(data).hexdigest()}\n".encode())
    return _gzip_size(data)


def measure(data: bytes) -> list[int]:
    """[gzip bytes, words] of a search data file (words: the terms of an index shard, else 0)."""
    terms = json.loads(data).get("terms") if data.startswith(b'{"fields"') else None
    return [_gzip_size(data), len(terms) if isinstance(terms, list) else 0]


def _plan_data(output: Path, manifest: str, plan_: LanguagePlan, budget: int, spent: int, version,
               known: dict) -> None:
    """Fill ``plan_.data`` and ``plan_.left`` with the search data, in the order of use, as far as
    ``budget`` allows (``spent`` of it is taken already). Each file's name says what it holds."""
    folder = posixpath.dirname(manifest)
    content = json.loads((output / manifest).read_bytes())
    # another language's manifest names the German data its search also runs on (search/language_index.py)
    # and the Snowball stemmer its page imports (theme/js/snowball/, not named in the page's HTML)
    german = json.loads((output / folder / content["german"]).read_bytes()) if content.get("german") else {}
    stemmer = (content.get("text") or {}).get("stemmer")
    scripts = [f"theme/js/snowball/{name}.js" for name in ("base-stemmer", f"{stemmer}-stemmer")] if stemmer else []
    first = [manifest, *([f"{folder}/{content['german']}"] if german else []),
             *(path for path in scripts if (output / path).is_file()),
             *(f"{folder}/{content[key]}" for key in ("filtersets", "facets") if content.get(key)),
             *(f"{folder}/{name}" for name in content.get("store", []))]
    shards = [f"{folder}/{name}" for name in [*content.get("shards", []), *german.get("shards", [])]]
    sizes = {}
    for path in [*first, *shards]:
        if not (isinstance(known.get(path), list) and len(known[path]) == 2):
            known[path] = measure((output / path).read_bytes())
        sizes[path] = known[path][0]
        version.update(f"{path}\n".encode())
    # The shards holding the most words per byte first. At 5,000 offers this keeps 94 % of the words, and
    # 17 of 30 typical one-word queries (Yoga, Schwimmkurs, …) find their offers; weighting the words by
    # the offers (or titles) holding them kept 8 (17) of the 30 (benchmarks/README.md).
    shards.sort(key=lambda path: -known[path][1] / max(sizes[path], 1))
    for path in [*first, *shards]:
        if spent + sizes[path] <= budget:
            plan_.data.append(path)
            plan_.data_bytes += sizes[path]
            spent += sizes[path]
        else:
            plan_.left.append(path)
            plan_.left_bytes += sizes[path]
