"""The editor's file format (plugins/wegweiser/editor/static/wegweiser-cms.js), run in Node: it reads
what Python reads, writes what `wegweiser new` and `wegweiser translate import` write, keeps every line
it was not asked to change, also inside the translations, and records what a translation was made from."""

from __future__ import annotations

import datetime as dt
import json
import random
import runpy
import shutil
import subprocess
from types import SimpleNamespace

import pytest
from conftest import ROOT

from wegweiser.content.entry_file import render_entry
from wegweiser.content.frontmatter import read_source
from wegweiser.content.new_entry import _yaml_value
from wegweiser.content.schema import KIND_FOLDERS, load_schemas
from wegweiser.editor.admin_files import STATIC_DIR
from wegweiser.editor.config import script_settings
from wegweiser.i18n.content import TRANSLATIONS, source_hash, source_text, translatable_fields
from wegweiser.i18n.translation_writer import merge, ordered, render_block, replace_block

NODE = shutil.which("node")
SCRIPT = STATIC_DIR / "wegweiser-cms.js"
SCHEMAS = load_schemas(ROOT / "data")
LANGUAGES = runpy.run_path(str(ROOT / "pelicanconf.py"))["WEGWEISER_LANGUAGES"]
SETTINGS = script_settings(SCHEMAS, LANGUAGES)
TYPES = SETTINGS["types"]
#: writeFrontMatter's settings of the translations, per kind (as static/wegweiser-cms.js makes them)
TREES = {kind: {"languages": SETTINGS["translations"]["languages"], "fields": SETTINGS["translations"]["fields"][kind],
                "keys": SETTINGS["translations"]["keys"], "dates": SETTINGS["translations"]["dates"],
                "description": SETTINGS["translations"]["description"],
                "hashLength": SETTINGS["translations"]["hash_length"], "method": SETTINGS["translations"]["method"]}
         for kind in ("offer", "provider")}


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


def _translated(kind: str) -> list:
    return [p for p in _files(kind) if f"\n{TRANSLATIONS}:" in p.read_text(encoding="utf-8")]


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


def _python_file(kind: str, values: dict, body: str, tree: dict | None = None) -> str:
    """The file as Python writes it: `wegweiser new`'s fields, then `translate import`'s block."""
    table = SCHEMAS.for_kind(kind)
    python = {k: dt.date.fromisoformat(v) if TYPES[kind].get(k) == "date" else v for k, v in values.items()}
    text = render_entry(table, python, body)
    tree = values.get(TRANSLATIONS) if tree is None else tree
    return replace_block(text, render_block(ordered(tree, LANGUAGES, translatable_fields(table)))) if tree else text


def _made_now(values: dict, body: str) -> dict:
    """The translations with every item's source hash that of today's German text."""
    entry = SimpleNamespace(values=values, body=body)
    return {lang: {name: {**item, "source_hash": source_hash(source_text(entry, name))} for name, item in items.items()}
            for lang, items in values[TRANSLATIONS].items()}


@pytest.mark.parametrize("kind", ["offer", "provider"])
def test_read_as_python_reads_and_new_files_as_wegweiser_new_writes(kind):
    """A new entry is written in the layout of `wegweiser new`, its translations as `translate import`
    writes them, each recorded as made from today's German text."""
    paths = _files(kind)
    table = SCHEMAS.for_kind(kind)
    js = _node("""process.stdout.write(JSON.stringify(input.files.map(t => {
        const data = W.readFrontMatter(t, input.types); delete data[W.SOURCE];
        return [data, W.writeFrontMatter(data, input.order, input.types, input.tree)]; })))""",
               {"files": [p.read_text(encoding="utf-8") for p in paths], "types": TYPES[kind],
                "order": table.field_names + ["body"], "tree": TREES[kind]})
    translated = 0
    for path, (data, fresh) in zip(paths, js):
        values, body = _python_values(path, kind)
        assert {k: v for k, v in data.items() if k != "body"} == values, path.name
        assert data["body"] == body
        translated += TRANSLATIONS in values
        tree = _made_now(values, body) if TRANSLATIONS in values else None
        assert fresh == _python_file(kind, values, body, tree), path.name
    assert translated >= (3 if kind == "offer" else 0)


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
    paths = _files(kind)[:12] + _translated(kind)[1:]
    table = SCHEMAS.for_kind(kind)
    cases = []
    for path in paths:
        values, _ = _python_values(path, kind)
        for name, value in values.items():
            if name in TYPES[kind]:  # a field of the schema (the translations: below)
                cases.append([path.read_text(encoding="utf-8"), name, _other(value, TYPES[kind][name])])
    js = _node("""process.stdout.write(JSON.stringify(input.cases.map(([t, name, value]) => {
        const data = W.readFrontMatter(t, input.types); data[name] = value;
        return W.writeFrontMatter(data, input.order, input.types, input.tree); })))""",
               {"cases": cases, "types": TYPES[kind], "order": table.field_names + ["body"], "tree": TREES[kind]})
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


# --- translations ----------------------------------------------------------------------------------

def test_the_source_hash_is_pythons():
    texts = TRICKY + _random_strings(2000, seed=26) + [
        "Stra\u00dfe", "Stras\u0301se", "a\u00a0 b\u2003c", " lead\n\ttrail\u3000", "\x1c\x1dx\x1e\x1fy\x85z",
        "\ufeffbom", "a\u2028b\u2029c", "كورس اللغة\u200c", "😀 Kurs", ""]
    texts += [p.read_text(encoding="utf-8") for p in _files("offer")]
    js = _node("process.stdout.write(JSON.stringify(input.map(t => W.sourceHash(t, 12))))", texts)
    assert js == [source_hash(text) for text in texts]


def _leaves(tree: dict):
    for lang, items in tree.items():
        for name, item in items.items():
            yield lang, name, item


def _edit(kind: str, cases: list) -> list[str]:
    """Each case [file text, language, field, item or null]: the file read, that translation replaced
    (as the editor's form does; null: its text emptied), written."""
    return _node("""process.stdout.write(JSON.stringify(input.cases.map(([t, lang, name, item]) => {
        const data = W.readFrontMatter(t, input.types);
        const tree = JSON.parse(JSON.stringify(data.translations || {}));
        tree[lang] = tree[lang] || {};
        tree[lang][name] = item === null ? Object.assign({}, tree[lang][name], {text: ''}) : item;
        data.translations = tree;
        return W.writeFrontMatter(data, input.order, input.types, input.tree); })))""",
                 {"cases": cases, "types": TYPES[kind], "order": SCHEMAS.for_kind(kind).field_names + ["body"],
                  "tree": TREES[kind]})


def test_changing_a_translation_changes_its_line_and_records_the_german_it_was_made_from(tmp_path):
    cases, expected = [], []
    for path in _translated("offer"):
        text = path.read_text(encoding="utf-8")
        values, body = _python_values(path, "offer")
        for lang, name, item in _leaves(values[TRANSLATIONS]):
            new = item["text"] + " (neu)" if "\n" not in item["text"] else item["text"].replace("\n\n", "\n\nNeu. ", 1)
            cases.append([text, lang, name, {**item, "text": new}])
            current = source_hash(source_text(SimpleNamespace(values=values, body=body), name))
            expected.append((path, lang, name, new, current, item.get("source_hash") == current))
    assert len(cases) >= 10 and any(e[5] for e in expected) and not all(e[5] for e in expected)
    for (before, *_), after, (path, lang, name, new, current, was_current) in zip(cases, _edit("offer", cases), expected):
        changed = [(a, b) for a, b in zip(before.split("\n"), after.split("\n")) if a != b]
        assert len(before.split("\n")) == len(after.split("\n")), (path.name, lang, name)
        assert len(changed) == (1 if was_current else 2), (path.name, lang, name, changed)  # the text (and the hash)
        assert "(neu)" in changed[0][1] or "Neu. " in changed[0][1], changed  # the text's line (in a block: one of its)
        assert was_current or changed[1][1].lstrip() == f"source_hash: {current}", changed
        (tmp_path / path.name).write_text(after, encoding="utf-8")
        read, _ = _python_values(tmp_path / path.name, "offer")
        assert read[TRANSLATIONS][lang][name]["text"] == new
        assert read[TRANSLATIONS][lang][name]["source_hash"] == current


def test_new_and_removed_translations_are_written_as_translate_import_writes_them():
    paths = _files("offer")
    plain = next(p for p in paths if p not in _translated("offer"))
    new_item = {"text": "Evening course: German A1 – part 2", "method": "machine"}
    cases = [[plain.read_text(encoding="utf-8"), "ar", "title", new_item],
             [plain.read_text(encoding="utf-8"), "en", "description", {"text": "First line.\n\n  Indented: yes\n",
                                                                        "method": "human", "reviewed": "2026-11-20"}]]
    for path in _translated("offer"):
        values, _ = _python_values(path, "offer")
        (lang, name, _), *_ = _leaves(values[TRANSLATIONS])
        cases += [[path.read_text(encoding="utf-8"), "fa", "cost_note", new_item],
                  [path.read_text(encoding="utf-8"), lang, name, None]]
    for (text, lang, name, item), after in zip(cases, _edit("offer", cases)):
        path = ROOT / "content" / "offers" / "x.md"
        values, body = _python_values_of(text)
        entry = SimpleNamespace(values=values, body=body)
        if item is None:  # its text emptied: the item goes, and a language left without items
            tree = {k: dict(v) for k, v in values[TRANSLATIONS].items()}
            del tree[lang][name]
            tree = {k: v for k, v in tree.items() if v}
        else:
            made = {**item, "text": item["text"].strip("\n"), "source_hash": source_hash(source_text(entry, name))}
            tree = merge(values.get(TRANSLATIONS), {lang: {name: made}})
        python = replace_block(text, render_block(ordered(tree, LANGUAGES, translatable_fields(SCHEMAS.offer))))
        assert after == python, (path.name, lang, name)


def _python_values_of(text: str):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "entry.md"
        path.write_text(text, encoding="utf-8")
        return _python_values(path, "offer")


def test_a_literal_block_with_empty_lines_stays_whole_when_another_key_changes():
    text = ("---\nid: kurs\ntitle: Kurs\nreviewed: 2026-11-01\ntranslations:\n  en:\n    description:\n"
            "      text: |-\n        One.\n\n        Two.\n      method: human\n      source_hash: 0123456789ab\n\n"
            "# next\nzz_unknown: 1\n---\nText\n")
    after = _node("""const d = W.readFrontMatter(input.text, input.types); d.title = 'Kurs neu'; d.zz_unknown = '2';
        process.stdout.write(JSON.stringify(W.writeFrontMatter(d, input.order, input.types, input.tree)))""",
                  {"text": text, "types": TYPES["offer"], "order": SCHEMAS.offer.field_names + ["body"],
                   "tree": TREES["offer"]})
    assert after == text.replace("title: Kurs\n", "title: Kurs neu\n").replace("zz_unknown: 1", "zz_unknown: '2'")
