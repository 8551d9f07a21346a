"""Non-HTML files of the guide (CSV, JSON, iCalendar, feeds, …).

Each producer takes ``(catalog, settings)`` and yields ``(path, bytes)`` with a
path relative to the output folder. Producers are plain functions, usually thin
wrappers around a core module; add new ones to ``PRODUCERS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

from ..core.catalog import Catalog

Producer = Callable[[Catalog, dict], Iterable[tuple[str, bytes]]]

PRODUCERS: tuple[Producer, ...] = ()


def site_files(catalog: Catalog, settings: dict) -> Iterable[tuple[str, bytes]]:
    for producer in PRODUCERS:
        for path, data in producer(catalog, settings):
            clean = PurePosixPath(path)
            if clean.is_absolute() or ".." in clean.parts:
                raise ValueError(f"{producer.__name__} tried to write outside the output folder: {path}")
            yield clean.as_posix(), data
