"""A full (or read-only, or failing) disk is reported in German, naming the disk — not an offer."""

from __future__ import annotations

import errno
import os
import re

import pytest

from wegweiser.build.disk import mount_point
from wegweiser.build.run import build
from wegweiser.pelican_plugin import generators


def _full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _read_only(*args, **kwargs):
    raise OSError(errno.EROFS, os.strerror(errno.EROFS))


@pytest.mark.parametrize("where,fault,overrides,what", [
    # a file made from the catalog (CSV, calendar, search data), written in the build process
    ("write_new", _full, {}, "ist kein Platz mehr frei"),
    # a page, rendered and written by a worker process, which passes on only the error's text
    ("page", _full, {"WEGWEISER_WORKERS": 2, "WEGWEISER_PARALLEL_MIN": 1}, "ist kein Platz mehr frei"),
    ("page", _read_only, {}, "kann nicht geschrieben werden: er ist schreibgeschützt"),
])
def test_a_disk_error_names_the_disk_not_an_offer(minimal_project, monkeypatch, where, fault, overrides, what):
    if where == "write_new":
        monkeypatch.setattr(generators, "write_new", fault)
    else:
        monkeypatch.setattr(generators.GuideGenerator, "_write_page", fault)
    output = minimal_project / "output"
    result = build(minimal_project / "pelicanconf.py", output, overrides)
    assert not result.ok
    assert [f.code for f in result.findings] == ["disk-error"], [f.as_text() for f in result.findings]
    finding = result.findings[0]
    assert finding.file == str(output.resolve())
    assert f"Auf dem Datenträger unter {mount_point(output)} {what}" in finding.message
    assert re.search(r"\(\d+,\d [MG]B frei\)", finding.message)
    assert "An den Inhalten liegt es nicht" in finding.hint and "technische Team" not in finding.hint
    assert "content/offers" not in finding.as_text() and "Errno" not in result.error
    assert result.error == finding.message
    assert not output.exists() and not list(minimal_project.glob(".output*"))
