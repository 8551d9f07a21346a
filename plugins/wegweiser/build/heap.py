"""Keeping a build's memory compact where the C library allows it.

glibc's ``malloc`` serves large blocks (from 128 KB) from fresh memory maps and returns them
when freed — but after the first such block is freed it raises that limit to the block's size
(up to 32 MB), and from then on large transient buffers (pickled results from the workers, the
chunks of the parse cache being written) come from the heap, where the long-lived objects
allocated after them keep the freed space from being given back. At 20,000 offers that left
the build process 30–50 MB larger, and every process forked from it (rendering, the search
data) starts that large. Fixing the limit keeps it where it was. Elsewhere (another C library,
no ctypes) nothing changes.
"""

from __future__ import annotations

_M_MMAP_THRESHOLD = -3  # glibc's malloc.h
_LARGE = 128 * 1024  # glibc's default


def keep_large_blocks_apart() -> bool:
    """Large blocks from their own memory maps for the rest of the process (and those it forks);
    whether that could be set."""
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (ImportError, OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, _LARGE))
