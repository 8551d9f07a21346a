"""The published site and the next one: ``output/`` and ``.output.next/`` beside it.

``output/`` is the published site and ``.output.next/`` the site before it. A build turns the
next site into the new one, replacing only the files whose fingerprint changed, and exchanges
the two folders in one step, so that ``.output.next/`` then holds the site before again.

- The exchange is one ``renameat2(RENAME_EXCHANGE)`` call on Linux: whenever a build is killed,
  ``output/`` is the old or the new site, never missing or half-written. Elsewhere (or on file
  systems without the call) three renames are used, with a gap of microseconds.
- Files are never changed in place — always unlinked and created anew — since a file of the
  next site may be a hard link to the same file of the published site.
- Each site's ``.buildinfo.json`` holds the guide's fingerprints (pelican_plugin/incremental.py)
  and the files Pelican wrote itself (``other``). A build first removes the next site's build
  information and Pelican's files (Pelican writes them afresh, and in place); a next site without
  build information — left by a killed build — is emptied, and a failed build removes it.
- One build at a time uses the next site: meanwhile it holds a lock on the folder that holds both.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: builds into the same folder are not kept apart there
    fcntl = None

BUILDINFO = ".buildinfo.json"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM}


def next_of(target: Path) -> Path:
    return target.with_name(f".{target.name}.next")


@contextlib.contextmanager
def one_build_at_a_time(target: Path):
    """Wait until no other build uses ``target``'s next site, and hold it until the block ends."""
    if fcntl is None:
        yield
        return
    parent = os.open(target.parent, os.O_RDONLY)
    try:
        fcntl.flock(parent, fcntl.LOCK_EX)  # released when closed (or when the process ends)
        yield
    finally:
        os.close(parent)


def read_info(folder: Path) -> dict | None:
    try:
        info = json.loads((folder / BUILDINFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def prepare_next(target: Path) -> tuple[Path, dict]:
    """The next site's folder, ready for a build, and the files it holds ({path: fingerprint}).

    Its build information and Pelican's own files are removed, so that it holds only files with a
    known fingerprint; without usable build information it is emptied.
    """
    folder = next_of(target)
    info = read_info(folder)
    holds = _holds(info)
    if holds is None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        return folder, {}
    for relative in [BUILDINFO, *info["other"]]:  # the build information first: a killed build leaves none
        _unlink(folder, relative)
    return folder, holds


def _holds(info: dict | None) -> dict | None:
    try:
        holds = {path: print_[0] for path, print_ in info["pages"].items()}
        holds.update(info.get("files") or {})
        if all(is_site_path(path) for path in [*holds, *info["other"]]):  # never unlink anything else
            return holds
    except (KeyError, TypeError, IndexError, AttributeError):
        pass
    return None


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
    """Remove files the next site held that no page makes any more, and folders left empty."""
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


def finish(folder: Path, fingerprints: dict, pelican_files: set[str], theme_static: str = "theme") -> int:
    """Write the new site's build information — the guide's ``fingerprints`` and Pelican's own files — and
    return the number of pages.

    Pelican's own files are those it reported writing (``pelican_files``: absolute paths, noted through
    its signals by pelican_plugin/plugin.py, so that no build has to list its output) plus its copy of
    the theme's static files (``theme_static``: THEME_STATIC_DIR), made without a signal.
    """
    managed = set(fingerprints.get("pages") or ()) | set(fingerprints.get("files") or ()) | {BUILDINFO}
    root = os.path.abspath(folder) + os.sep
    found = {path[len(root):].replace(os.sep, "/") for path in pelican_files if path.startswith(root)}
    for walked, _, names in os.walk(folder / theme_static):
        relative_folder = os.path.relpath(walked, folder).replace(os.sep, "/")
        found.update(f"{relative_folder}/{name}" for name in names)
    other = sorted(found - managed)
    pages = sum(1 for path in [*(fingerprints.get("pages") or ()), *other] if path.endswith(".html"))
    (folder / BUILDINFO).write_text(json.dumps({**fingerprints, "other": other}, sort_keys=True), encoding="utf-8")
    return pages


def publish(folder: Path, target: Path) -> None:
    """Exchange the finished next site with the published one, which becomes the next site."""
    if not target.exists():
        os.replace(folder, target)
    elif not exchange(folder, target):
        aside = target.with_name(f".{target.name}.exchanging")
        shutil.rmtree(aside, ignore_errors=True)  # left by a build killed right here
        os.replace(target, aside)
        os.replace(folder, target)
        os.replace(aside, folder)


def exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two existing paths; False when the system cannot."""
    try:
        function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    except OSError:
        function = None
    if function is None:
        return False
    result = function(_AT_FDCWD, os.fsencode(str(a)), _AT_FDCWD, os.fsencode(str(b)), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))
