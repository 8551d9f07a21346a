"""A cache of parsed content files, keyed by the SHA-256 of their bytes.

Parsing front matter is the biggest fixed cost of a rebuild; an unchanged file is
taken from the cache instead. The cache lives in ``.cache/wegweiser/`` below the
project root (git-ignored) and is discarded whenever the parser's code or the
schemas change. Losing it only makes the next build slower.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from . import frontmatter, messages
from .frontmatter import SourceFile, read_source

VERSION = 1


def _code_key(extra: str) -> str:
    h = hashlib.sha256(f"{VERSION}\n{extra}".encode())
    for module in (frontmatter, messages):  # parsing code and the German texts of its findings
        h.update(Path(module.__file__).read_bytes())
    return h.hexdigest()


class SourceCache:
    def __init__(self, root: Path, schema_key: str):
        self.path = Path(root) / ".cache" / "wegweiser" / "sources.pickle"
        self.key = _code_key(schema_key)
        self.entries: dict[str, tuple[str, SourceFile]] = {}
        self.used: dict[str, tuple[str, SourceFile]] = {}
        self.hits = 0
        try:
            with self.path.open("rb") as fh:
                stored = pickle.load(fh)
            if isinstance(stored, dict) and stored.get("key") == self.key:
                self.entries = stored["entries"]
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError, ValueError):
            self.entries = {}

    def read(self, path: Path, rel: str, string_fields) -> SourceFile:
        try:
            if path.stat().st_size <= frontmatter.MAX_FILE_BYTES:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                cached = self.entries.get(rel)
                if cached and cached[0] == digest:
                    self.hits += 1
                    src = cached[1]  # fresh from the pickle; normalising lists later is idempotent
                    src.path = path
                    self.used[rel] = cached
                    return src
        except OSError:
            pass
        src = read_source(path, rel, string_fields)
        if src.digest:
            self.used[rel] = (src.digest, src)
        return src

    def save(self) -> None:
        """Keep the entries of this run only (deleted files drop out); write atomically."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump({"key": self.key, "entries": self.used}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only checkout simply builds without the cache
