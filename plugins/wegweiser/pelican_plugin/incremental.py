"""Incremental output: render only pages whose inputs changed, never rewrite unchanged files.

Each page gets a fingerprint of everything it is made from:

- what every page depends on: templates, settings, the data folder, the image folder, the
  guide's code and the build date (:func:`global_digest`);
- the page's own description: template, address, title, description, breadcrumbs and
  template variables. An offer or provider in the variables counts with its file, its
  provider's file and its offers' files (all a template can reach from it); a variable of
  any other kind (a function, an object) makes the page depend on the whole catalog;
- the whole catalog (:attr:`Catalog.digest`) if the page, when it was last rendered,
  read more from ``guide`` than :data:`CATALOG_LOOKUPS` (say ``guide.offers``).
  Rendering is deterministic, so a page that did not read the catalog last time will
  not read it this time unless its other inputs changed — and then it is rendered anyway.

The fingerprints of the published output are kept in ``.buildinfo.json`` next to its
pages (as Sphinx does); a new build keeps the file the folder it builds in holds (the site
before the published one, see wegweiser/build/site_folders.py) or hard-links the published
file of every page whose fingerprint is unchanged, and writes everything else — so the result
is byte-identical to a clean build. One changed offer thus re-renders its own page, its
provider's, the lists it appears in and the pages that summarise the whole catalog.
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from wegweiser.catalog.catalog import Catalog, Entry
from wegweiser.content.digests import hash_folder
from wegweiser.i18n.content import label
from wegweiser.build.site_folders import remove_files
from wegweiser.build.state import BuildState

#: settings that do not change what a page looks like
_IGNORED_SETTINGS = {"OUTPUT_PATH", "PATH", "THEME_STATIC_PATHS", "WEGWEISER_WORKERS", "WEGWEISER_PARALLEL_MIN"}


def _plain(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return repr(type(value))


def _stat_tree(h, folder: Path) -> None:
    """Names, sizes and modification times: enough to notice a changed image without reading it."""
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        info = path.stat()
        h.update(f"{path.relative_to(folder).as_posix()}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())


def global_digest(settings: dict, data_dir: Path, today, static_urls: list[str] = ()) -> str:
    """What every page depends on: templates, settings, data folder, images, code, date, and which
    static pages exist (the footer links those)."""
    h = hashlib.sha256(str(today).encode())
    h.update(json.dumps(sorted(static_urls)).encode())
    h.update(json.dumps({k: _plain(v) for k, v in sorted(settings.items())
                         if k.isupper() and not k.startswith("_") and k not in _IGNORED_SETTINGS},
                        sort_keys=True, default=str).encode())
    for folder in [*settings.get("THEME_TEMPLATES_OVERRIDES", []), Path(settings["THEME"]) / "templates"]:
        hash_folder(h, Path(folder))  # the guide's own templates first, as Pelican looks them up
    hash_folder(h, Path(data_dir))
    _stat_tree(h, Path(settings.get("PATH") or "content") / "images")
    hash_folder(h, Path(__file__).resolve().parents[1])  # the guide's code
    return h.hexdigest()


#: what a template may read from ``guide`` without depending on the other offers and providers:
#: these answer from their arguments, the data folder, the images and the date (global_digest)
CATALOG_LOOKUPS = frozenset({"label", "labels", "vocabularies", "images", "today", "schemas", "place_of", "facets",
                             "card"})


class CatalogView:
    """The catalog as templates see it (``guide``), noting whether a page reads more than lookups; its
    vocabularies' labels in the page's language (``code``)."""

    def __init__(self, catalog: Catalog, code: str = "de"):
        self._catalog = catalog
        self._code = code
        self.wide = False

    def __getattr__(self, name):
        if name not in CATALOG_LOOKUPS:
            self.wide = True
        return getattr(self._catalog, name)

    @property
    def vocabularies(self) -> dict:
        """The vocabularies, each row's ``label`` in the page's language (German where it has none)."""
        if self._code == "de":
            return self._catalog.vocabularies
        return self._catalog.memo(f"vocabularies-{self._code}", lambda: {
            name: replace(vocabulary, rows=[{**row, "label": label(row, self._code)} for row in vocabulary.rows])
            for name, vocabulary in self._catalog.vocabularies.items()})

    def label(self, vocabulary: str, key, lang: str | None = None) -> str:
        return self._catalog.label(vocabulary, key, lang or self._code)

    def labels(self, vocabulary: str, keys, lang: str | None = None) -> list[str]:
        return self._catalog.labels(vocabulary, keys, lang or self._code)


def _entry_inputs(entry: Entry) -> list[str]:
    inputs = [entry.source, entry.digest]
    if entry.provider_entry is not None:
        inputs += [entry.provider_entry.source, entry.provider_entry.digest]
    for offer in entry.offers:
        inputs += [offer.source, offer.digest]
    return inputs


class EntryFile(NamedTuple):
    """A file made from one offer or provider alone (its calendar, its form data) — or from a
    list of them (an area's calendar): made only when these entries (with their providers and
    offers), their order or what every page depends on changed."""

    entry: Entry | list[Entry]
    make: Callable[[], bytes]


class _Opaque(Exception):
    """A template variable whose inputs cannot be told: the page depends on the whole catalog."""


def _entry_keys(catalog: Catalog) -> dict:
    """What each entry contributes to a fingerprint, computed once per build."""
    return catalog.memo("fingerprint-entries", dict)


def _entry_key(entry: Entry, entries: dict) -> str:
    key = entries.get(id(entry))
    if key is None:
        key = entries[id(entry)] = "E" + "\n".join(_entry_inputs(entry)) + "\n"
    return key


#: type -> tag of the values written as their repr
_SCALARS = {int: "i", float: "f", bool: "b", type(None): "n", dt.date: "d", dt.datetime: "t"}


def _feed(h, value, entries: dict) -> None:
    """Add ``value`` (plain data and entries) to the hash ``h``, unambiguously; raise _Opaque for
    anything else. The parts are collected and hashed once (this runs for every page of every build)."""
    parts: list[str] = []
    _parts(value, parts.append, entries)
    h.update("".join(parts).encode())


def _parts(value, out, entries: dict) -> None:
    kind = type(value)
    if kind is str:
        out(f"s{len(value)}:")
        out(value)
    elif kind is list or kind is tuple:
        out(f"[{len(value)}\n")
        for item in value:
            _parts(item, out, entries)
    elif kind is dict:
        out(f"{{{len(value)}\n")
        for key in sorted(value, key=str):
            out(f"{key!r}=")
            _parts(value[key], out, entries)
    elif kind in _SCALARS:
        out(f"{_SCALARS[kind]}{value!r}\n")
    elif isinstance(value, Entry):
        out(_entry_key(value, entries))
    elif isinstance(value, str):  # Markup and other text
        _parts(str(value), out, entries)
    else:
        raise _Opaque(kind.__name__)


def fingerprint(page, catalog: Catalog, global_hash: str, wide: bool = False) -> str:
    """The fingerprint of a page (see the module's docstring); ``wide``: it read the catalog."""
    h = hashlib.sha256(f"{global_hash}\n{page.template}\n{page.url}\n".encode())
    try:
        _feed(h, [page.title, page.description, page.breadcrumbs, page.variables], _entry_keys(catalog))
    except _Opaque:
        wide = True
    if wide:
        h.update(f"catalog:{catalog.digest}".encode())
    return h.hexdigest()


def write_new(staging: Path, relative: str, data: bytes) -> None:
    """Write a file whose place :meth:`Incremental.clear` has made (no file is there), creating its
    folder if need be — here, in the process that writes it, not while the build plans."""
    target = os.path.join(staging, relative)
    try:
        fh = open(target, "wb")
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fh = open(target, "wb")
    with fh:
        fh.write(data)


class Incremental:
    """Reuses files of the previous output in the folder a build makes the new site in.

    ``holds``: what that folder already holds ({path: fingerprint}): the site before the published
    one (see wegweiser/build/site_folders.py); files are unlinked before they are made, never
    changed in place, and its files that no page makes any more are removed.
    """

    def __init__(self, staging: Path, state: BuildState):
        """``staging``: the folder the new site is made in; ``state``: the build's (published site,
        its build information, what ``staging`` holds)."""
        self.previous, self.staging, self.holds = state.published, Path(staging), state.holds
        self.old, self.old_search, self.old_files = {}, {}, {}
        info = state.published_info if self.previous else None
        try:
            if info is not None:
                self.old, self.old_search = dict(info["pages"]), dict(info.get("search") or {})
                self.old_files = dict(info.get("files") or {})
        except (ValueError, KeyError, TypeError, AttributeError):
            self.old, self.old_search, self.old_files = {}, {}, {}
        self.new: dict[str, str] = {}
        self.new_files: dict[str, str] = {}
        self.search_key: str | None = None  # what the search data was made from (restore_search)
        self._folders: set[str] = set()
        self.reused = 0
        self.written = 0

    def _link(self, relative: str) -> bool:
        source = os.path.join(self.previous, relative)
        target = os.path.join(self.staging, relative)
        try:
            if not stat.S_ISREG(os.lstat(source).st_mode):  # no symlinks, folders or devices
                return False
        except OSError:
            return False
        self.clear(relative)
        self._make_folder(target)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
        return True

    def clear(self, relative: str) -> None:
        """Make way for a new file: remove what the staging folder holds there. Its folder is
        created by whoever writes the file (a render worker: creating thousands of folders is slow
        on some disks, and would otherwise happen one by one before rendering starts)."""
        if relative in self.holds:
            try:
                os.unlink(os.path.join(self.staging, relative))
            except FileNotFoundError:
                pass

    def _reuse(self, relative: str, print_: str, previous: str | None) -> bool:
        """Keep the file the staging folder holds, or link the previous one, when its fingerprint is unchanged."""
        if self.holds.get(relative) == print_:
            self.reused += 1
            return True
        if previous == print_ and self.previous and self._link(relative):
            self.reused += 1
            return True
        return False

    def was_wide(self, relative: str) -> bool:
        """Whether the page read the whole catalog when it was last rendered."""
        old = self.old.get(relative)
        return bool(old[1]) if isinstance(old, list) and len(old) == 2 else False

    def reuse_page(self, relative: str, print_: str) -> bool:
        """Keep or link the previous file if the page's fingerprint is unchanged."""
        old = self.old.get(relative)
        if self._reuse(relative, print_, old[0] if isinstance(old, list) and len(old) == 2 else None):
            self.new[relative] = [print_, self.was_wide(relative)]
            return True
        return False

    def rendered(self, relative: str, print_: str, wide: bool) -> None:
        """Note a page just rendered, with whether it read the whole catalog."""
        self.new[relative] = [print_, wide]
        self.written += 1

    def entry_file(self, relative: str, item: EntryFile, catalog: Catalog, global_hash: str) -> str | None:
        """Keep or link the previous file if its entry and the global inputs are unchanged.

        Otherwise return its fingerprint: the caller makes the file (``item.make()``), writes
        it with :func:`write_new` and reports it with :meth:`made`.
        """
        h = hashlib.sha256(f"{global_hash}\n{relative}\n".encode())
        _feed(h, item.entry, _entry_keys(catalog))
        print_ = h.hexdigest()
        self.new_files[relative] = print_
        if self._reuse(relative, print_, self.old_files.get(relative)):
            return None
        self.clear(relative)
        return print_

    def branch(self) -> "Incremental":
        """The same previous output and staging folder with nothing recorded yet: for work done
        elsewhere (another process) and then added with :meth:`merge`."""
        other = copy.copy(self)
        other.new, other.new_files, other._folders = {}, {}, set()
        other.reused = other.written = 0
        return other

    def merge(self, new_files: dict, written: int, reused: int) -> None:
        self.new_files.update(new_files)
        self.written += written
        self.reused += reused

    def made(self, relative: str) -> None:
        """Note a file just made for :meth:`entry_file`."""
        self.written += 1

    def write_file(self, relative: str, data: bytes) -> None:
        """Write a non-page file, or keep or link the previous one when its bytes are identical."""
        print_ = "sha256:" + hashlib.sha256(data).hexdigest()
        self.new_files[relative] = print_
        if not self._reuse(relative, print_, self.old_files.get(relative)):
            self._write(relative, data)

    def _make_folder(self, target: str) -> None:
        """Create the folder of ``target`` once per build (creating folders is slow on some disks)."""
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)

    def _write(self, relative: str, data: bytes) -> None:
        self.clear(relative)
        write_new(self.staging, relative, data)
        self.written += 1

    def restore_search(self, catalog: Catalog, key: str) -> None:
        """Keep the previous search data when nothing it is built from changed: its files are kept
        or linked by their recorded fingerprints, unread (their names are content hashes)."""
        from wegweiser.search.search_index import SEARCH_FOLDER, SearchFiles

        self.search_key = key
        info = self.old_search
        if not info or info.get("key") != key or self.previous is None:
            return
        try:
            names = [str(name) for name in info["files"]]
            manifest = str(info["manifest"])
        except (KeyError, TypeError):
            return
        if all(self.keep(f"{SEARCH_FOLDER}/{name}") for name in names):
            catalog.derived["search"] = SearchFiles(manifest, {}, kept=names)

    def keep(self, relative: str) -> bool:
        """Keep a file of the previous build as it is (by its recorded fingerprint), if it is there."""
        old = self.old_files.get(relative)
        if not old:
            return False
        self.new_files[relative] = old
        return self._reuse(relative, old, old)

    def save(self, catalog: Catalog | None = None) -> dict:
        """Remove what the folder held that no page makes any more; return the fingerprints (for
        ``.buildinfo.json``, written by wegweiser.build)."""
        remove_files(self.staging, [p for p in self.holds if p not in self.new and p not in self.new_files])
        data = {"pages": self.new, "files": self.new_files}
        search = self.search_key
        if catalog is not None and search and "search" in catalog.derived:
            found = catalog.derived["search"]
            data["search"] = {"key": search, "manifest": found.manifest_name, "files": found.names()}
        return data
