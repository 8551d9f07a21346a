"""What the ``wegweiser`` subcommands share: the settings file, overrides, a progress bar."""

from __future__ import annotations

import sys
import time
from pathlib import Path

DEFAULT_SETTINGS = "pelicanconf.py"


def settings_path(args) -> Path:
    path = Path(args.settings or (args.publish and "publishconf.py") or DEFAULT_SETTINGS)
    if not path.is_file():
        raise SystemExit(f"Einstellungsdatei {path} nicht gefunden. Rufen Sie wegweiser im "
                         "Projektordner auf oder geben Sie --settings an.")
    return path


def overrides(args) -> dict:
    return {"WEGWEISER_TODAY": args.today} if getattr(args, "today", None) else {}


class ProgressBar:
    """A one-line progress bar on stderr for long imports and builds (redrawn on a terminal,
    in steps of 10 % otherwise); with ``delay``, only once that many seconds have passed; for a
    total of at least ``minimum``."""

    MIN_ROWS = 200

    def __init__(self, label: str, stream=None, delay: float = 0.0, minimum: int = MIN_ROWS):
        self.label, self.stream, self.last = label, stream or sys.stderr, -1
        self.shown_after = time.monotonic() + delay
        self.minimum = minimum

    def __call__(self, done: int, total: int) -> None:
        if total < self.minimum or time.monotonic() < self.shown_after:
            return
        tty = self.stream.isatty()
        step = done * 100 // total if tty else done * 10 // total * 10
        if step == self.last:
            return
        self.last = step
        filled = done * 30 // total
        line = f"{self.label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}"
        print(("\r" + line) if tty else line, end="\n" if not tty or done == total else "",
              file=self.stream, flush=True)
