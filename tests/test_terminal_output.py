"""Whatever a value holds, what ``wegweiser`` prints cannot steer the terminal or a CI log.

Control characters reach messages through values, field names and file names: an OSC sequence
would retitle the terminal, ``ESC[2J`` clear the screen, a newline start a GitHub workflow
command of its own, U+202E reorder the line. Printed, they are escaped (``\\x1b``).
"""

from __future__ import annotations

import re

import pytest
from conftest import run_cli

#: raw characters that must not reach the terminal (newlines separate the printed lines)
RAW = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

OFFER = (
    '---\nid: boese\ntitle: "Kurs \\e]0;gehackt\\a\\e[2J"\nsummary: "Ein Kurs\\nfür alle \\u202Eund jeden."\n'
    'provider: vhs-test\narea: weiterbildung\ntarget_groups: [erwachsene]\nformat: online\nreviewed: 2026-11-01\n'
    '"x\\e[31m": rot\n---\nText mit \x1b[5m blinkendem Escape.\n'
)


@pytest.fixture
def hostile(minimal_project):
    (minimal_project / "content" / "offers" / "boese.md").write_text(OFFER, encoding="utf-8")
    (minimal_project / "content" / "pages" / "seite\x1b[2J.md").write_text("Title: A\x1b]0;x\x07\n\nText.\n",
                                                                          encoding="utf-8")
    return minimal_project


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_validate_prints_no_raw_control_characters(hostile, capsys, fmt):
    assert run_cli(hostile, "validate", "--format", fmt) == 1
    out = capsys.readouterr().out
    assert not RAW.search(out), RAW.search(out)
    assert "x\\x1b[31m" in out  # the unknown field's name: shown, not obeyed
    if fmt == "github":  # each finding stays one workflow command
        assert all(line.startswith("::") for line in out.splitlines()[:-1])
    else:
        assert "content/pages/seite\\x1b[2J.md" in out


def test_build_prints_no_raw_control_characters(hostile, capsys):
    assert run_cli(hostile, "build") == 1
    captured = capsys.readouterr()
    assert not RAW.search(captured.out + captured.err)


def test_import_prints_no_raw_control_characters(minimal_project, tmp_path, capsys):
    """Column names come from the table: a mapping naming a missing column lists those there are."""
    table = tmp_path / "liste.csv"
    table.write_text("id,Name\x1b]0;x\x07,kind\nverein-x,Verein,verein\n", encoding="utf-8")
    mapping = tmp_path / "zuordnung.yaml"
    mapping.write_text("fields:\n  id: id\n  name: Vereinsname\n", encoding="utf-8")
    assert run_cli(minimal_project, "import", str(table), "--kind", "providers", "--mapping", str(mapping)) == 1
    captured = capsys.readouterr()
    assert "Name\\x1b]0;x\\x07" in captured.err
    assert not RAW.search(captured.out + captured.err), captured.err
