"""Values computed from one entry alone, kept across builds (search terms, CSV rows, …).

A large guide rebuilds its search data and its CSV export whenever one offer changes; the
per-entry part of that work is done again only for the entries that changed. Values are
found by the entry's file and digest (and its provider's), and the whole store is valid
while ``key`` — everything else these values may depend on: the guide's code, settings,
templates, data folder and date — is unchanged. It lives in ``.cache/wegweiser/``;
losing it only makes the next build slower.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path


class EntryStore:
    def __init__(self, path: Path | None = None, key: str = ""):
        self.path, self.key = (Path(path) if path else None), key
        self._values: dict | None = None  # read on first use: only the process that needs it pays
        self.used: dict = {}
        self.added = 0

    @property
    def values(self) -> dict:
        if self._values is None:
            self._values = self._read()
        return self._values

    def _read(self) -> dict:
        if self.path is None:
            return {}
        try:
            with self.path.open("rb") as fh:
                stored = pickle.load(fh)
            if isinstance(stored, dict) and stored.get("key") == self.key and isinstance(stored.get("values"), dict):
                return stored["values"]
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError, ImportError,
                IndexError, KeyError):
            pass
        return {}

    @classmethod
    def of_project(cls, root: Path, key: str) -> EntryStore:
        return cls(Path(root) / ".cache" / "wegweiser" / "entries.pickle", key)

    @staticmethod
    def _identity(entry) -> tuple[str, str, str]:
        """An entry's file and digest, with its provider's digest (an offer counts with its provider)."""
        provider = getattr(entry, "provider_entry", None)
        return entry.source, entry.digest, provider.digest if provider is not None else ""

    def get(self, namespace: str, entry, compute):
        """``compute()``'s value for this entry (an offer counts with its provider)."""
        key = (namespace, *self._identity(entry))
        value = self.values.get(key)
        if value is None:
            value = compute()
            self.added += 1
        self.used[key] = value
        return value

    def save(self, entries=None) -> None:
        """Keep the values used in this build and, given the build's ``entries``, the stored values
        of those entries it did not need this time (a build that reuses the previous search data
        computes no search terms: the next one still wants them); drop everything else. Written
        atomically, and only if anything changed."""
        if self.path is None or self._values is None:
            return
        keep = dict(self.used)
        if entries is not None:
            live = {self._identity(entry) for entry in entries}
            keep.update((key, value) for key, value in self._values.items() if key[1:] in live and key not in keep)
        if not self.added and keep.keys() == self._values.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump({"key": self.key, "values": keep}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only checkout simply builds without it
