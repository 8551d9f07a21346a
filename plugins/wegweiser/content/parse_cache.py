"""A cache of parsed and checked content files, keyed by the SHA-256 of their bytes.

Parsing front matter, checking a row against its Table Schema and rendering the
Markdown body are the biggest costs per file; an unchanged file is taken from the
cache with all of that done. The cache lives in ``.cache/wegweiser/`` below the
project root (git-ignored) and is discarded whenever the code that produces its
entries, the schemas or the vocabularies change. Losing it only makes the next
build slower.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from pathlib import Path

from wegweiser.content import frontmatter
from wegweiser.content.digests import hash_folder
from wegweiser.content.frontmatter import SourceFile

VERSION = 6


def cache_key(data_dir: Path) -> str:
    """The guide's code (parsing, checks, their German texts, rendering) plus every schema and
    vocabulary file."""
    h = hashlib.sha256(f"{VERSION}\n".encode())
    hash_folder(h, Path(__file__).resolve().parents[1])
    for folder in ("schemas", "vocabularies"):
        hash_folder(h, Path(data_dir) / folder)
    return h.hexdigest()


class SourceCache:
    """Each file's entry is kept pickled on its own: a build that changed a few files pickles only
    theirs and writes the others' bytes as they were read (pickling all again took 0.13 s at
    5,000 offers, most of a rebuild's time for the cache)."""

    def __init__(self, root: Path, key: str):
        self.path = Path(root) / ".cache" / "wegweiser" / "sources.pickle"
        self.key = key
        #: rel -> (SHA-256, (size, mtime, ctime, inode) when it was read, the parsed file pickled)
        self.entries: dict[str, tuple] = {}
        #: rel -> (SHA-256, signature, parsed file, its pickle as read or None, its derived results then)
        self.used: dict[str, tuple | None] = {}
        self._signatures: dict[str, tuple] = {}
        #: results for the whole data folder (e.g. vocabulary findings), valid as long as the key
        self.extras: dict = {}
        try:
            with self.path.open("rb") as fh:
                stored = pickle.load(fh)
            if isinstance(stored, dict) and stored.get("key") == self.key:
                self.entries, self.extras = dict(stored["entries"]), dict(stored["extras"])
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError, ValueError,
                ImportError, IndexError):
            self.entries, self.extras = {}, {}
        self._loaded_extras = dict(self.extras)

    def lookup(self, path: Path, rel: str) -> SourceFile | None:
        """The cached file if its bytes are unchanged, else None (then :meth:`add` the parsed file).

        A file whose size, modification and change times and inode are those noted when it
        was cached is not read again (the change time moves with every write); otherwise its
        SHA-256 decides.
        """
        try:
            info = path.stat()
            signature = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
            self._signatures[rel] = signature  # taken before reading: a later write changes it
            cached = self.entries.get(rel)
            if cached and cached[1] != signature and info.st_size <= frontmatter.MAX_FILE_BYTES:
                if hashlib.sha256(path.read_bytes()).hexdigest() != cached[0]:
                    cached = None
            if cached:
                src = pickle.loads(cached[2])
                src.path = path
                self.used[rel] = (cached[0], signature, src, cached[2], set(src.derived))
                return src
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError, ImportError):
            pass
        self.used[rel] = None  # its place, kept in the order of the files, for add()
        return None

    def add(self, src: SourceFile) -> None:
        if src.digest:
            self.used[src.rel] = (src.digest, self._signatures.get(src.rel), src, None, set())

    def save(self) -> None:
        """Keep the entries of this run only (deleted files drop out); write atomically, if anything changed.
        A file's entry is pickled again if it is new or has results it had not when read."""
        entries = {}
        for rel, used in self.used.items():
            if used is not None:  # None: an unreadable file
                digest, signature, src, data, derived = used
                if data is None or set(src.derived) != derived:
                    data = pickle.dumps(dataclasses.replace(src, path=None), protocol=pickle.HIGHEST_PROTOCOL)
                entries[rel] = (digest, signature, data)
        if entries == self.entries and self.extras == self._loaded_extras and self.path.is_file():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump({"key": self.key, "extras": self.extras, "entries": entries}, fh,
                            protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only checkout simply builds without the cache
