"""A cache of parsed and checked content files, keyed by the SHA-256 of their bytes.

Parsing front matter, checking a row against its Table Schema and rendering the
Markdown body are the biggest costs per file; an unchanged file is taken from the
cache with all of that done. The cache lives in ``.cache/wegweiser/`` below the
project root (git-ignored) and is discarded whenever the code that produces its
entries, the schemas or the vocabularies change. Losing it only makes the next
build slower.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from wegweiser.content import frontmatter
from wegweiser.content.digests import hash_folder
from wegweiser.content.frontmatter import SourceFile

VERSION = 6
#: entries per pickle in the cache file: pickling all at once keeps a note of every object pickled
#: until the end (at 20,000 offers the build process grew by 80 MB, 50 of which it kept)
CHUNK = 500


def cache_key(data_dir: Path) -> str:
    """The guide's code (parsing, checks, their German texts, rendering) plus every schema and
    vocabulary file."""
    h = hashlib.sha256(f"{VERSION}\n".encode())
    hash_folder(h, Path(__file__).resolve().parents[1])
    for folder in ("schemas", "vocabularies"):
        hash_folder(h, Path(data_dir) / folder)
    return h.hexdigest()


class SourceCache:
    def __init__(self, root: Path, key: str):
        self.path = Path(root) / ".cache" / "wegweiser" / "sources.pickle"
        self.key = key
        #: rel -> (SHA-256, parsed file, (size, mtime, ctime, inode) when it was read)
        self.entries: dict[str, tuple] = {}
        self.used: dict[str, tuple | None] = {}
        self._signatures: dict[str, tuple] = {}
        #: results for the whole data folder (e.g. vocabulary findings), valid as long as the key
        self.extras: dict = {}
        #: each chunk as read: where it is in the file and its files (written again as read if they are unchanged)
        self._chunks: list[tuple[int, int, list[str]]] = []
        #: the file read, open until saved: a build replacing it meanwhile does not change what is copied from it
        self._file = None
        try:
            fh = self._file = self.path.open("rb")
            stored = pickle.load(fh)
            if isinstance(stored, dict) and stored.get("key") == self.key:
                for _ in range(int(stored["chunks"])):
                    start, chunk = fh.tell(), pickle.load(fh)
                    self.entries.update(chunk)
                    self._chunks.append((start, fh.tell(), list(chunk)))
                self.extras = dict(stored["extras"])
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError, ValueError,
                ImportError, IndexError):
            self.entries, self.extras, self._chunks = {}, {}, []
        #: what each file had when read (its signature, its derived results), and the extras: what is unchanged
        #: is not written again
        self._read = {rel: (signature, set(src.derived)) for rel, (_, src, signature) in self.entries.items()}
        self._read_extras = dict(self.extras)

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
            if cached and cached[2] != signature and info.st_size <= frontmatter.MAX_FILE_BYTES:
                if hashlib.sha256(path.read_bytes()).hexdigest() != cached[0]:
                    cached = None
            if cached:
                src = cached[1]  # fresh from the pickle; normalising lists later is idempotent
                src.path = path
                self.used[rel] = (cached[0], src, signature)
                return src
        except OSError:
            pass
        self.used[rel] = None  # its place, kept in the order of the files, for add()
        return None

    def add(self, src: SourceFile) -> None:
        if src.digest:
            self.used[src.rel] = (src.digest, src, self._signatures.get(src.rel))

    def save(self) -> None:
        """Keep the entries of this run only (deleted files drop out); write atomically, if anything
        changed. Pickling is the cost of saving: a chunk of unchanged files is copied as it was read
        (after one change at 5,000 offers: 0.03 s instead of 0.2 s)."""
        used = {rel: entry for rel, entry in self.used.items() if entry is not None}  # None: an unreadable file
        try:
            if self.extras == self._read_extras and used.keys() == self._read.keys() and self.path.is_file() \
                    and all(self._unchanged(rel, entry) for rel, entry in used.items()):
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            items = list(used.items())
            chunks = range(0, len(items), CHUNK)
            with tmp.open("wb") as fh:
                pickle.dump({"key": self.key, "extras": self.extras, "chunks": len(chunks)}, fh,
                            protocol=pickle.HIGHEST_PROTOCOL)
                for number, start in enumerate(chunks):
                    fh.write(self._chunk(number, items[start:start + CHUNK]))
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only checkout simply builds without the cache
        finally:
            if self._file is not None:
                self._file.close()
            self._file, self._chunks = None, []

    def _unchanged(self, rel: str, entry: tuple) -> bool:
        _, src, signature = entry
        return self._read.get(rel) == (signature, set(src.derived))

    def _chunk(self, number: int, items: list[tuple[str, tuple]]) -> bytes:
        """Chunk ``number`` pickled, or its bytes as read if it holds the same files, unchanged."""
        if number < len(self._chunks):
            start, end, rels = self._chunks[number]
            if rels == [rel for rel, _ in items] and all(self._unchanged(rel, entry) for rel, entry in items):
                self._file.seek(start)
                data = self._file.read(end - start)
                if len(data) == end - start:
                    return data
        return pickle.dumps(dict(items), protocol=pickle.HIGHEST_PROTOCOL)
