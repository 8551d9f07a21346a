"""Incremental output: render only pages whose inputs changed, never rewrite unchanged files.

Each page gets a fingerprint of everything it is made from. Offer and provider pages
depend on their own files (and the provider, or the provider's offers); every other page
depends on the whole catalog. All pages depend on the templates, the settings, the data
folder, the guide's code and the build date. The fingerprints of the published output are
kept in ``.buildinfo.json`` next to its pages (as Sphinx does); a new build in its staging
folder hard-links the previous file of every page whose fingerprint is unchanged, and
writes everything else — so the result is byte-identical to a clean build.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

from ..core.catalog import Catalog, Entry

BUILDINFO = ".buildinfo.json"
NARROW_TEMPLATES = {"offer": "offer", "provider": "provider"}
_IGNORED_SETTINGS = {"OUTPUT_PATH", "PATH", "THEME_STATIC_PATHS"}


def _hash_tree(h, folder: Path) -> None:
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())


def _plain(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return repr(type(value))


def global_digest(settings: dict, data_dir: Path, today) -> str:
    """What every page depends on: templates, settings, data folder, code, date."""
    h = hashlib.sha256(str(today).encode())
    h.update(json.dumps({k: _plain(v) for k, v in sorted(settings.items())
                         if k.isupper() and not k.startswith("_") and k not in _IGNORED_SETTINGS},
                        sort_keys=True, default=str).encode())
    _hash_tree(h, Path(settings["THEME"]) / "templates")
    _hash_tree(h, Path(data_dir))
    _hash_tree(h, Path(__file__).resolve().parents[1])  # the guide's code
    return h.hexdigest()


def _entry_inputs(entry: Entry) -> list[str]:
    inputs = [entry.source, entry.digest]
    if entry.provider_entry is not None:
        inputs += [entry.provider_entry.source, entry.provider_entry.digest]
    for offer in entry.offers:
        inputs += [offer.source, offer.digest]
    return inputs


def fingerprint(page, catalog: Catalog, global_hash: str) -> str:
    h = hashlib.sha256(f"{global_hash}\n{page.template}\n{page.url}\n".encode())
    variable = NARROW_TEMPLATES.get(page.template)
    if variable and isinstance(page.variables.get(variable), Entry):
        h.update("\n".join(_entry_inputs(page.variables[variable])).encode())
    else:
        h.update(catalog.digest.encode())
    return h.hexdigest()


class Incremental:
    """Reuses files of the previous output in a new staging folder."""

    def __init__(self, previous: Path | None, staging: Path):
        self.previous = Path(previous) if previous else None
        self.staging = Path(staging)
        self.old, self.old_search = {}, {}
        if self.previous and (self.previous / BUILDINFO).is_file():
            try:
                info = json.loads((self.previous / BUILDINFO).read_text(encoding="utf-8"))
                self.old, self.old_search = info["pages"], info.get("search") or {}
            except (ValueError, KeyError, OSError, AttributeError):
                self.old, self.old_search = {}, {}
        self.new: dict[str, str] = {}
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
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
        return True

    def reuse_page(self, relative: str, print_: str) -> bool:
        """Link the previous file if the page's fingerprint is unchanged."""
        self.new[relative] = print_
        if self.old.get(relative) == print_ and self.previous and self._link(relative):
            self.reused += 1
            return True
        self.written += 1
        return False

    def write_file(self, relative: str, data: bytes) -> None:
        """Write a non-page file, or link the previous one when its bytes are identical."""
        if self.previous:
            old = self.previous / relative
            try:
                if old.is_file() and old.stat().st_size == len(data) and old.read_bytes() == data:
                    if self._link(relative):
                        self.reused += 1
                        return
            except OSError:
                pass
        target = self.staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.written += 1

    def restore_search(self, catalog: Catalog, key: str) -> None:
        """Reuse the previous search data when nothing it is built from changed."""
        from ..core.search_index import SearchFiles

        self.search_key = key
        info = self.old_search
        folder = self.previous / "suche" / "daten" if self.previous else None
        if not info or info.get("key") != key or folder is None:
            return
        try:
            files = {name: (folder / name).read_bytes() for name in info["files"]}
        except OSError:
            return
        catalog.derived["search"] = SearchFiles(info["manifest"], files)

    def save(self, catalog: Catalog | None = None) -> None:
        data = {"pages": self.new, "stats": {"written": self.written, "unchanged": self.reused}}
        search = getattr(self, "search_key", None)
        if catalog is not None and search and "search" in catalog.derived:
            found = catalog.derived["search"]
            data["search"] = {"key": search, "manifest": found.manifest_name, "files": sorted(found.files)}
        (self.staging / BUILDINFO).write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
