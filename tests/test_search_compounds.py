"""German compounds in the search: one splitter in Python (index) and JavaScript (query), same result
on every word of the example content, and compounds found by their parts and by their heads."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import ROOT

from wegweiser.search.compounds import Lexicon, lexicon, part_stems, split
from wegweiser.search.documents import field_texts
from wegweiser.search.search_index import _dump, search_files
from wegweiser.search.search_text import STOP_WORDS, words

NODE = shutil.which("node")
TEXT_JS = ROOT / "theme" / "static" / "js" / "search-text.js"


@pytest.mark.parametrize("word,parts", [
    ("deutschkurs", ["deutsch", "kur"]), ("sprachkurse", ["sprach", "kur"]), ("abendkurs", ["abend", "kur"]),
    ("elternabend", ["elter", "abend"]), ("kindergarten", ["kind", "gar"]),
    ("waldkindergarten", ["wald", "kindergar", "kind", "gar"]), ("bildungsberatung", ["bildung", "beratung"]),
])
def test_compounds_split_into_their_parts(word, parts):
    assert part_stems(lexicon().split(word)) == parts


@pytest.mark.parametrize("word", ["beratung", "ausbildung", "zusatzlich", "erfolgreich", "kurs", "eichenau"])
def test_simple_words_and_word_endings_are_not_split(word):
    assert lexicon().split(word) is None


def test_the_longest_plain_head_wins_and_heads_may_be_compounds():
    nouns = frozenset({"wirtschaft", "fach", "wirtin", "fachwirtin", "frau", "integration", "kurs"})
    small = Lexicon(nouns)
    assert part_stems(small.split("wirtschaftsfachwirtin"))[:2] == ["wirtschaf", "fachwirti"]
    assert part_stems(small.split("frauenintegrationskurs")) == ["frauenintegratio", "frau", "integratio", "kur"]
    assert split("kurs", small.is_head, small.is_modifier) is None


def _content_words(catalog) -> list[str]:
    found = set()
    for offer in catalog.offers:
        for text in field_texts(catalog, offer).values():
            found.update(w for w in words(text) if w not in STOP_WORDS)
    return sorted(found)


def test_python_and_javascript_split_every_word_of_the_content_the_same(catalog):
    """The browser splits with the heads and modifiers the manifest ships; the index with the word list."""
    assert NODE, "node is required"
    files = search_files(catalog)
    manifest = json.loads(files.files[files.manifest_name])
    vocabulary = _content_words(catalog)
    python = [part_stems(lexicon().split(w)) for w in vocabulary]
    script = f"""
      const T = require({json.dumps(str(TEXT_JS))});
      const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      const heads = new Set(input.heads), modifiers = new Set(input.modifiers);
      const stop = T.stopWords(input.stop);
      const out = input.words.map(w => T.partStems(T.split(w, h => heads.has(h), m => modifiers.has(m), stop), stop));
      process.stdout.write(JSON.stringify(out));
    """
    proc = subprocess.run([NODE, "-e", script], input=_dump({"words": vocabulary, **manifest}).decode(),
                          capture_output=True, text=True, timeout=120, check=True)
    js = json.loads(proc.stdout)
    mismatches = [(w, p, j) for w, p, j in zip(vocabulary, python, js) if p != j]
    assert len(vocabulary) > 2000 and sum(1 for p in python if p) > 500
    assert mismatches == []
