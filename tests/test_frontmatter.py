"""Reading front matter: literal text, line numbers, encodings, YAML pitfalls."""

from __future__ import annotations

import datetime as dt

from wegweiser.content.frontmatter import read_source


def _read(tmp_path, text: str | bytes, string_fields=("postcode", "title", "id")):
    path = tmp_path / "x.md"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_source(path, "content/offers/x.md", set(string_fields))


def test_keys_keep_their_line_numbers(tmp_path):
    src = _read(tmp_path, "---\nid: a\n\ntitle: B\nreviewed: 2026-01-02\n---\nText\n")
    assert src.lines == {"id": 2, "title": 4, "reviewed": 5}
    assert src.values["reviewed"] == dt.date(2026, 1, 2)
    assert src.body == "Text"


def test_text_fields_keep_what_was_written(tmp_path):
    src = _read(tmp_path, "---\npostcode: 01234\ntitle: no\nid: 0815\n---\n")
    assert src.values == {"postcode": "01234", "title": "no", "id": "0815"}


def test_yes_and_no_are_not_booleans_in_other_fields(tmp_path):
    src = _read(tmp_path, "---\nflag: no\nother: true\n---\n", string_fields=())
    assert src.values == {"flag": "no", "other": True}


def test_bom_and_windows_line_endings_are_accepted(tmp_path):
    src = _read(tmp_path, "\ufeff---\r\nid: a\r\ntitle: B\r\n---\r\nText\r\n".encode("utf-8"))
    assert src.ok
    assert src.values == {"id": "a", "title": "B"}
    assert src.lines["title"] == 3


def test_empty_value_is_none(tmp_path):
    src = _read(tmp_path, "---\ntitle:\nid: ''\n---\n")
    assert src.values == {"title": None, "id": ""}


def test_unclosed_front_matter(tmp_path):
    src = _read(tmp_path, "---\nid: a\n")
    assert [f.code for f in src.findings] == ["front-matter-unclosed"]


def test_syntax_error_reports_line_and_column(tmp_path):
    src = _read(tmp_path, "---\nid: a\ntitle: [unclosed\n---\n")
    (finding,) = src.findings
    assert finding.code == "yaml-syntax"
    assert finding.line and finding.line >= 3
    assert finding.column


def test_front_matter_that_is_a_list(tmp_path):
    src = _read(tmp_path, "---\n- a\n- b\n---\n")
    assert [f.code for f in src.findings] == ["front-matter-not-mapping"]


def test_oversized_file_is_refused_without_reading(tmp_path):
    src = _read(tmp_path, b"---\n" + b"x" * 1_100_000)
    assert [f.code for f in src.findings] == ["too-large"]
