"""Digests of folders: what caches and incremental builds compare to notice a change."""

from __future__ import annotations

import hashlib
from pathlib import Path


def hash_folder(h, folder: Path) -> None:
    """Feed the relative path and SHA-256 of every file below ``folder`` into ``h`` (nothing if missing)."""
    folder = Path(folder)
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
