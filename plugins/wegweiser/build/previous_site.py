"""Keep the site before the published one as a spare, and build the next site in it.

Building into an empty folder means hard-linking every unchanged file of the published
site into it (tens of thousands of links and folders for a large guide — seconds on slow
disks). Instead, the site that the last build replaced is kept beside the output as
``.<output>.spare``; the next build renames it to its staging folder and only touches the
files that differ: those whose fingerprint in the spare's ``.buildinfo.json`` is not the
new one (linked from the published site or written), the spare's own files that no page
makes any more (removed) and the files Pelican writes itself (removed first, so Pelican
writes them afresh). The published folder is still swapped in one step (atomic.py).

Files are never changed in place — always unlinked and created anew — since a file of
the spare may be a hard link to the same file of the published site.

``.buildinfo.json`` of every finished site names the site (``id``), the site it was
built next to (``previous``) and the files Pelican wrote itself (``other``); a spare is
used only when it is the site the published one was built next to.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

from wegweiser.build.atomic import discard

BUILDINFO = ".buildinfo.json"


def spare_of(target: Path) -> Path:
    return target.with_name(f".{target.name}.spare")


def read_info(folder: Path) -> dict | None:
    try:
        info = json.loads((folder / BUILDINFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def take_spare(target: Path, staging: Path, background: bool = False, published: dict | None = None) -> dict | None:
    """Rename the spare to ``staging`` and return what it holds ({path: fingerprint}), or None.
    ``published``: the build information of the published site (:func:`read_info` of ``target``).

    Pelican's own files and the spare's build information are removed, so that the
    staging folder holds only files with a known fingerprint. An unusable spare is moved
    aside and removed (in a detached process when ``background``, see atomic.discard).
    """
    spare = spare_of(target)
    if not spare.is_dir():
        return None
    info = read_info(spare)
    usable = (published is not None and info is not None and info.get("id")
              and info.get("id") == published.get("previous") and isinstance(info.get("other"), list))
    if not usable:
        aside = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(spare, aside)
        discard(aside, background)
        return None
    os.replace(spare, staging)
    try:
        holds = {path: print_[0] for path, print_ in info["pages"].items()}
        holds.update(info.get("files") or {})
        if not all(is_site_path(path) for path in [*holds, *info["other"]]):
            raise ValueError("a path outside the site")  # never unlink anything else
        for relative in [*info["other"], BUILDINFO]:
            _unlink(staging, relative)
    except (OSError, KeyError, TypeError, IndexError, AttributeError, ValueError):
        shutil.rmtree(staging, ignore_errors=True)
        return None
    return holds


def is_site_path(path) -> bool:
    """A plain path inside the site: relative, without empty, ``.`` or ``..`` parts."""
    return (isinstance(path, str) and not path.startswith("/") and "\\" not in path
            and all(part not in ("", ".", "..") for part in path.split("/")))


def _unlink(root: Path, relative: str) -> None:
    try:
        os.unlink(os.path.join(root, relative))
    except FileNotFoundError:
        pass


def remove_files(root: Path, relatives) -> None:
    """Remove files of a reused spare that no page makes any more, and folders left empty."""
    folders = set()
    for relative in relatives:
        _unlink(root, relative)
        folders.add(os.path.dirname(relative))
    for folder in sorted(folders, key=lambda f: f.count("/"), reverse=True):
        while folder:
            try:
                os.rmdir(os.path.join(root, folder))
            except OSError:
                break  # not empty (or gone)
            folder = os.path.dirname(folder)


def finish(staging: Path, target: Path, info: dict, written: set[str], theme_static: str = "theme",
           published: dict | None = None) -> int:
    """Write the new site's build information: the guide's fingerprints (``info``), the site's
    identity (and the published one's, from its build information ``published``) and Pelican's own
    files; return the number of pages.

    Pelican's own files are those it reported writing (``written``: absolute paths, noted through
    its signals by pelican_plugin/plugin.py, so that no build has to list its output) plus its
    copy of the theme's static files (``theme_static``: THEME_STATIC_DIR), made without a signal.
    """
    managed = set(info.get("pages") or ()) | set(info.get("files") or ()) | {BUILDINFO}
    root = os.path.abspath(staging) + os.sep
    found = {path[len(root):].replace(os.sep, "/") for path in written if path.startswith(root)}
    for folder, _, names in os.walk(staging / theme_static):
        relative_folder = os.path.relpath(folder, staging).replace(os.sep, "/")
        found.update(f"{relative_folder}/{name}" for name in names)
    other = sorted(found - managed)
    pages = sum(1 for path in info.get("pages") or () if path.endswith(".html"))
    pages += sum(1 for path in other if path.endswith(".html"))
    info.update({"id": uuid.uuid4().hex, "previous": (published or {}).get("id"), "other": other})
    _unlink(staging, BUILDINFO)  # never written in place (see the module's docstring)
    (staging / BUILDINFO).write_text(json.dumps(info, sort_keys=True), encoding="utf-8")
    return pages
