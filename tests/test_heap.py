"""The build fixes glibc's threshold for large blocks (core/heap.py), and goes on where it cannot."""

from __future__ import annotations

import ctypes
import platform
import subprocess
import sys

import pytest

from wegweiser.build import heap


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_the_threshold_is_set_with_glibc():
    script = "from wegweiser.build.heap import keep_large_blocks_apart; print(keep_large_blocks_apart())"
    assert subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True).stdout.strip() == "True"


def test_without_mallopt_nothing_changes(monkeypatch):
    def missing(name):
        raise OSError("no such library")

    monkeypatch.setattr(ctypes, "CDLL", missing)
    assert heap.keep_large_blocks_apart() is False
