"""Values computed from one entry alone, kept across builds (search terms, CSV rows, …).

A large guide rebuilds its search data and its CSV export whenever one offer changes; the
per-entry part of that work is done again only for the entries that changed. Values are
found by the entry's file and digest (and its provider's), and the whole store is valid
while ``key`` — everything else these values may depend on: the guide's code, settings,
templates, data folder and date — is unchanged. It lives in ``.cache/wegweiser/entries/``,
one file per kind of value (namespace), each read only when a build asks for one of its
values: a build that keeps the previous search data never loads the search terms (at 20,000
offers they would cost the process writing the search data 90 MB). Losing it only makes the
next build slower.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from pathlib import Path


class EntryStore:
    def __init__(self, folder: Path | None = None, key: str = ""):
        self.folder, self.key = (Path(folder) if folder else None), key
        #: namespace -> {identity: value} as read (only namespaces asked for)
        self._read: dict[str, dict] = {}
        #: namespace -> {identity: value} used in this build
        self.used: dict[str, dict] = {}
        self._added: set[str] = set()  # namespaces with values computed in this build

    @classmethod
    def of_project(cls, root: Path, key: str) -> EntryStore:
        cache = Path(root) / ".cache" / "wegweiser"
        try:
            (cache / "entries.pickle").unlink()  # the store of earlier versions, in one file
        except OSError:
            pass
        return cls(cache / "entries", key)

    def _path(self, namespace: str) -> Path:
        return self.folder / (re.sub(r"[^A-Za-z0-9_-]", "-", namespace) + ".pickle")

    def stored(self, namespace: str) -> dict:
        """The values of one namespace as read from disk ({identity: value}), read on first use."""
        found = self._read.get(namespace)
        if found is None:
            found = self._read[namespace] = self._load(namespace)
        return found

    def _load(self, namespace: str) -> dict:
        if self.folder is None:
            return {}
        try:
            with self._path(namespace).open("rb") as fh:
                stored = pickle.load(fh)
            if isinstance(stored, dict) and stored.get("key") == self.key and isinstance(stored.get("values"), dict):
                return stored["values"]
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError, ImportError,
                IndexError, KeyError):
            pass
        return {}

    @staticmethod
    def _identity(entry) -> bytes:
        """An entry's file and digest, with its provider's digest (an offer counts with its provider),
        as 16 bytes: each namespace read has a key per entry, and three strings each took 50 MB at
        20,000 offers for six namespaces. Made once per entry and build."""
        identity = getattr(entry, "_store_identity", None)
        if identity is None:
            provider = getattr(entry, "provider_entry", None)
            text = f"{entry.source}\0{entry.digest}\0{provider.digest if provider is not None else ''}"
            identity = entry._store_identity = hashlib.blake2b(text.encode(), digest_size=16).digest()
        return identity

    def get(self, namespace: str, entry, compute):
        """``compute()``'s value for this entry (an offer counts with its provider)."""
        identity = self._identity(entry)
        used = self.used.setdefault(namespace, {})
        value = self.stored(namespace).get(identity)
        if value is None:
            value = used.get(identity)  # put() in this build
        if value is None:
            value = compute()
            self._added.add(namespace)
        used[identity] = value
        return value

    def put(self, namespace: str, entry, value) -> None:
        """A value computed anyway, for :meth:`get` in this build — without reading the namespace. It is
        kept across builds only if the namespace is read in this build (else it is computed again the
        next time it is needed: put() is for the values of the few entries that changed)."""
        self.used.setdefault(namespace, {})[self._identity(entry)] = value
        self._added.add(namespace)

    def save(self, entries=None) -> None:
        """For each namespace read in this build: keep the values it used and, given the build's
        ``entries``, the stored values of those entries it did not need this time (say, the CSV
        rows of the offers a build with a failed page never reached); drop everything else.
        Namespaces not read stay as they are. Written atomically, and only if anything changed."""
        if self.folder is None:
            return
        live = {self._identity(entry) for entry in entries} if entries is not None else None
        for namespace, stored in self._read.items():
            keep = dict(self.used.get(namespace, {}))
            if live is not None:
                keep.update((identity, value) for identity, value in stored.items()
                            if identity in live and identity not in keep)
            if namespace not in self._added and keep.keys() == stored.keys():
                continue
            self._write(namespace, keep)

    def _write(self, namespace: str, values: dict) -> None:
        path = self._path(namespace)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump({"key": self.key, "values": values}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only checkout simply builds without it
