"""A file's bytes in pieces, written one after another.

The open-data CSV of 20,000 offers is 26 MB made of rows kept per entry; joined into one
``bytes`` it needed those 26 MB a second time in the process that writes it. Producers may
yield ``Pieces`` for such files instead of ``bytes`` (see pelican_plugin/files.py).
"""

from __future__ import annotations


class Pieces(tuple):
    """The parts (``bytes``) of one file, in order."""

    def joined(self) -> bytes:
        return b"".join(self)
