"""Swap a finished build in for the published folder without a moment without a site.

On Linux both folders are exchanged in one ``renameat2(RENAME_EXCHANGE)`` call:
whenever the process is killed, the published folder is either the old or the new
site, never missing or half-written. Elsewhere (or on file systems without the
call) two renames are used, with a gap of microseconds.

Folders left behind by a killed build (``.output.building-<pid>``) are removed
by the next build once that process no longer runs.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM}


def _renameat2():
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    except OSError:
        return None


def exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two existing paths; False when the system cannot."""
    function = _renameat2()
    if function is None:
        return False
    result = function(_AT_FDCWD, os.fsencode(str(a)), _AT_FDCWD, os.fsencode(str(b)), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def swap_in(staging: Path, target: Path, background: bool = False, keep: Path | None = None) -> None:
    """Publish ``staging`` as ``target``; the previous ``target`` is removed afterwards.

    ``background``: remove the previous site in a detached process, so that the command
    returns as soon as the new site is in place (deleting thousands of files is slow on
    some disks). Should that process die, the next build removes the folder.
    ``keep``: move the previous site there instead of removing it (see spare.py).
    """
    staging, target = Path(staging), Path(target)
    if target.exists() and exchange(staging, target):
        _retire(staging, background, keep)  # now holds the previous site
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    if old.exists():
        _retire(old, background, keep)


def _retire(previous: Path, background: bool, keep: Path | None) -> None:
    if keep is None or keep.exists():  # (a spare kept by another build meanwhile stays as it is)
        discard(previous, background)
        return
    os.replace(previous, keep)


def discard(folder: Path, background: bool) -> None:
    if background:
        try:
            subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)",
                              str(folder)], start_new_session=True, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)


def remove_stale(target: Path) -> list[Path]:
    """Remove ``.<name>.building-<pid>`` / ``.old-<pid>`` folders of builds that no longer run."""
    target = Path(target)
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(building|old)-(\d+)$")
    removed = []
    if not target.parent.is_dir():
        return removed
    for path in target.parent.iterdir():
        match = pattern.match(path.name)
        if match and not _running(int(match.group(2))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
