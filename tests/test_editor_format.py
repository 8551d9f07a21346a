"""The editor's file format (plugins/wegweiser/editor/static/wegweiser-cms.js), run in Node: it reads
what Python reads, writes what `wegweiser new` writes, and keeps every line it was not asked to change."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess

import pytest
from conftest import ROOT

from wegweiser.content.entry_file import render_entry
from wegweiser.content.frontmatter import read_source
from wegweiser.content.new_entry import _yaml_value
from wegweiser.content.schema import KIND_FOLDERS, load_schemas
from wegweiser.editor.admin_files import STATIC_DIR
from wegweiser.editor.config import field_types

NODE = shutil.which("node")
SCRIPT = STATIC_DIR / "wegweiser-cms.js"
SCHEMAS = load_schemas(ROOT / "data")
TYPES = field_types(SCHEMAS)


def _node(code: str, payload):
    assert NODE, "node is required"
    prelude = (f"const W = require({str(SCRIPT)!r}); const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
               f" module.paths.push({str(ROOT / 'node_modules')!r});")
    out = subprocess.run([NODE, "-e", prelude + code], input=json.dumps(payload), capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _files(kind: str) -> list:
    return sorted((ROOT / "content" / KIND_FOLDERS.get(kind, "pages")).glob("*.md"))


def _python_values(path, kind: str):
    table = SCHEMAS.for_kind(kind)
    src = read_source(path, path.name, {f.name for f in table.fields if f.type == "string" or f.is_list})
    values = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in src.values.items()}
    return values, src.body


TRICKY = ["yes", "No", "on", "null", "~", "", " lead", "trail ", "29313", "0123", "1e3", "1_000", "12:30",
          "2027-02-01", "2027-2-1 10:00:00", "a: b", "a:b", "Zehn: Minuten", "x #y", "x#y", "#x", "- a", "-a", "?x",
          "it's", "'q'", '"d"', "[a]", "{a}", "a, b", "a,b", "@x", "`x", "%x", "!x", "&x", "*x", "|x", ">x", "=",
          "<<", "---x", "...x", "a\tb", "a\nb", "a\n\nb c", "a \nb", "a\n b", "Straße – Nr. 5", "😀 Kurs",
          "\u00a0x", "x\u2028y", "back\\slash", "ctrl\x07", "https://example.org/a?b=c#d", "mailto:a@b.example",
          ".5", "+1", "0x1F", "0o17", ".inf", ".NaN", "True", "FALSE", "Off", "y", "n"]


def _random_strings(count: int, seed: int = 27) -> list[str]:
    rng = random.Random(seed)
    alphabet = "abcXYZ019 -:#,'\"[]{}!&*?|>%@`\t\näöüß–„“😀\\./=<~"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(count)]


def test_values_are_written_as_pythons_yaml_writes_them():
    strings = TRICKY + _random_strings(3000)
    example = {str(v) for kind in ("offer", "provider") for path in _files(kind)
               for v in _python_values(path, kind)[0].values() if isinstance(v, str)}
    cases = [[s, "string"] for s in strings + sorted(example)]
    cases += [[["de", "yes", "a,b", "a b", "x: y"], "array"], [12.5, "number"], [0, "number"], [52.6102, "number"],
              [16, "integer"], ["2027-02-01", "date"], ["2027-13-01", "date"], [1.5e-07, "number"], [1e20, "number"]]
    js = _node("process.stdout.write(JSON.stringify(input.map(([v, t]) => W.yamlValue(v, t))))", cases)
    for (value, kind), written in zip(cases, js):
        python_value = dt.date.fromisoformat(value) if kind == "date" and value == "2027-02-01" else value
        assert written == _yaml_value(python_value), (value, kind)


@pytest.mark.parametrize("kind", ["offer", "provider", "page"])
def test_every_example_file_is_written_back_byte_for_byte(kind):
    files = [p.read_text(encoding="utf-8") for p in _files(kind)]
    assert len(files) >= 4
    read, write = ("readPage", "writePage") if kind == "page" else ("readFrontMatter", "writeFrontMatter")
    types = {} if kind == "page" else TYPES[kind]
    order = ["title", "slug", "summary", "body"] if kind == "page" else SCHEMAS.for_kind(kind).field_names + ["body"]
    written = _node(f"process.stdout.write(JSON.stringify(input.files.map(t => W.{write}(W.{read}(t, input.types), "
                    f"input.order, input.types))))", {"files": files, "types": types, "order": order})
    assert written == files


@pytest.mark.parametrize("kind", ["offer", "provider"])
def test_read_as_python_reads_and_new_files_as_wegweiser_new_writes(kind):
    paths = _files(kind)
    table = SCHEMAS.for_kind(kind)
    js = _node("""process.stdout.write(JSON.stringify(input.files.map(t => {
        const data = W.readFrontMatter(t, input.types); delete data[W.SOURCE];
        return [data, W.writeFrontMatter(data, input.order, input.types)]; })))""",
               {"files": [p.read_text(encoding="utf-8") for p in paths], "types": TYPES[kind],
                "order": table.field_names + ["body"]})
    for path, (data, fresh) in zip(paths, js):
        values, body = _python_values(path, kind)
        assert {k: v for k, v in data.items() if k != "body"} == values, path.name
        assert data["body"] == body
        python = {k: dt.date.fromisoformat(v) if TYPES[kind].get(k) == "date" else v for k, v in values.items()}
        assert fresh == render_entry(table, python, body), path.name


def _other(value, kind: str):
    if kind == "array":
        return value + ["neu"]
    if kind in ("integer", "number"):
        return value + 1
    if kind == "date":
        return "2030-01-02"
    return value + " (geändert)"


@pytest.mark.parametrize("kind", ["offer", "provider"])
def test_changing_any_field_changes_its_line_only(kind, tmp_path):
    paths = _files(kind)[:12]
    table = SCHEMAS.for_kind(kind)
    cases = []
    for path in paths:
        values, _ = _python_values(path, kind)
        for name, value in values.items():
            cases.append([path.read_text(encoding="utf-8"), name, _other(value, TYPES[kind][name])])
    js = _node("""process.stdout.write(JSON.stringify(input.cases.map(([t, name, value]) => {
        const data = W.readFrontMatter(t, input.types); data[name] = value;
        return W.writeFrontMatter(data, input.order, input.types); })))""",
               {"cases": cases, "types": TYPES[kind], "order": table.field_names + ["body"]})
    assert len(cases) > 100
    for (before, name, value), after in zip(cases, js):
        old, new = before.split("\n"), after.split("\n")
        assert len(old) == len(new), name
        changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
        assert len(changed) == 1 and new[changed[0]].startswith(f"{name}: "), (name, changed)
        path = tmp_path / "entry.md"
        path.write_text(after, encoding="utf-8")
        read, _ = _python_values(path, kind)
        assert read[name] == value, name


def test_a_new_value_goes_where_the_schema_puts_it_and_comments_stay():
    text = "---\n# Titel (Pflichtfeld)\ntitle: Kurs\n# venue: …\nreviewed: 2026-11-01\n---\nText\n"
    order = SCHEMAS.offer.field_names + ["body"]
    after = _node("""const d = W.readFrontMatter(input.text, input.types); d.summary = 'Kurz: und gut';
        d.valid_until = '2027-01-01'; d.id = 'kurs'; process.stdout.write(JSON.stringify(W.writeFrontMatter(d, input.order, input.types)))""",
                  {"text": text, "types": TYPES["offer"], "order": order})
    assert after == ("---\nid: kurs\n# Titel (Pflichtfeld)\ntitle: Kurs\nsummary: 'Kurz: und gut'\n# venue: …\n"
                     "reviewed: 2026-11-01\nvalid_until: 2027-01-01\n---\nText\n")


def test_unusual_yaml_is_read_by_the_full_parser():
    headers = [["title: 'it''s'", "topics:", "- a", "- b"], ["title: \"a\\tb\""], ["title: a", "  continued"],
               ["title: [a, 'b, c']"], ["title: x #comment"], ["title: 'x'"], ["topics: [a, null, b]"]]
    js = _node("process.stdout.write(JSON.stringify(input.map(h => [W.quickLoad(h) === undefined ? null : "
               "W.quickLoad(h), W.yamlLoad(h.join('\\n'))])))", headers)
    for quick, full in js:
        assert quick is None or quick == full
    assert [quick is None for quick, _ in js] == [True, True, True, True, True, False, False]
    assert js[0][1] == {"title": "it's", "topics": ["a", "b"]} and js[6][0] == {"topics": ["a", None, "b"]}
