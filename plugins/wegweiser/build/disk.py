"""A build that fails because of the disk it writes to says so in German, naming the disk.

Writing a page fails the same way for every page when the disk is full: the page that happened
to be written then is not to blame. Whatever a failed build raised (also an error a worker
process passed on as its type name and message, see build/workers.py), a disk error in it
becomes one finding about the disk: where it is mounted, how much is free, what to do.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

from wegweiser.checks.findings import Finding
from wegweiser.checks.messages import finding

#: errno -> (what happened to the disk, what to do)
DISK_ERRORS = {
    errno.ENOSPC: ("ist kein Platz mehr frei", "Schaffen Sie Platz auf diesem Datenträger, z. B. indem Sie alte "
                   "Ausgabeordner, Sicherungen oder den Ordner .cache im Projekt löschen."),
    errno.EDQUOT: ("ist Ihr Speicherkontingent (Quota) erschöpft", "Löschen Sie nicht mehr gebrauchte Dateien "
                   "oder bitten Sie die IT um ein größeres Kontingent."),
    errno.EROFS: ("kann nicht geschrieben werden: er ist schreibgeschützt eingehängt", "Wählen Sie mit --output "
                  "einen Ordner auf einem beschreibbaren Datenträger oder bitten Sie die IT, ihn beschreibbar "
                  "einzuhängen."),
    errno.EIO: ("ist ein Lese- oder Schreibfehler aufgetreten", "Der Datenträger ist vielleicht defekt oder "
                "nicht mehr verbunden: Prüfen Sie ihn und wählen Sie notfalls mit --output einen anderen Ordner."),
}
#: how an OSError's text begins, also when only its text came back from a worker process
_ERRNO = re.compile(r"^\[Errno (\d+)\]")


def disk_errno(exc: BaseException | None) -> int | None:
    """The errno of a disk error in ``exc`` or what caused it, or None."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        number = exc.errno if isinstance(exc, OSError) else None
        if number is None:
            match = _ERRNO.match(str(exc))
            number = int(match.group(1)) if match else None
        if number in DISK_ERRORS:
            return number
        passed_on = getattr(exc, "error", None)  # a worker's error (build/workers.py TaskFailed)
        exc = passed_on if isinstance(passed_on, BaseException) else (exc.__cause__ or exc.__context__)
    return None


def disk_finding(exc: BaseException, folder: Path) -> Finding | None:
    """The finding for a disk error in ``exc`` while writing into ``folder``, or None."""
    number = disk_errno(exc)
    if number is None:
        return None
    mount = mount_point(folder)
    try:
        free = f"{_size(shutil.disk_usage(mount).free)} frei"
    except OSError:
        free = "freier Platz unbekannt"
    what, fix = DISK_ERRORS[number]
    return finding("disk-error", str(folder), value=str(mount), what=what, fix=fix, free=free)


def _size(size: int) -> str:
    """``size`` bytes in German: „12,3 MB“, „78,5 GB“."""
    number, unit = (size / 1e9, "GB") if size >= 1e9 else (size / 1e6, "MB")
    return f"{number:.1f} {unit}".replace(".", ",")


def mount_point(path: Path) -> Path:
    """The mount point of the file system holding ``path`` (or the nearest folder of it that exists)."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path != path.parent:
        path = path.parent
    while not os.path.ismount(path) and path != path.parent:
        path = path.parent
    return path
