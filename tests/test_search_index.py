"""Search data built in Python: German normalisation, shards, and parity with lunr.js in Node."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from conftest import ROOT
from lunr.index import Index

from lunr_form import compact, serialized_index, split_index

from wegweiser.search.lunr_index import compact_shards
from wegweiser.search.search_index import BOOSTS, SHARD_BYTES, _dump, index_documents, ref, search_files
from wegweiser.search.search_text import STOP_WORDS, fold, read_stop_words, stem, terms, words

NODE = shutil.which("node")
TEXT_JS = ROOT / "theme" / "static" / "js" / "search-text.js"
LUNR_JS = ROOT / "node_modules" / "lunr" / "lunr.js"
STOP_WORDS_FILE = ROOT / "plugins" / "wegweiser" / "search" / "stop_words_de.txt"


def build_index(catalog) -> dict:
    """lunr's serialised index of every offer."""
    return serialized_index(index_documents(catalog), BOOSTS)



@pytest.mark.parametrize("a,b", [
    ("Kurse", "Kurs"), ("Kindern", "Kinder"), ("Führung", "Fuehrung"), ("Führung", "fuhrung"),
    ("Straße", "Strasse"), ("Deutschkurse", "Deutschkurs"), ("Schulabschlüsse", "Schulabschluss"),
])
def test_german_variants_share_a_term(a, b):
    assert terms(a) == terms(b) != []


def test_stop_words_and_folding():
    assert terms("für die Kinder und Eltern") == [stem("kinder"), stem("eltern")]
    assert fold("Café Über Größe") == "cafe uber grosse"
    assert all(w == fold(w) for w in STOP_WORDS)


def _js(script: str, payload) -> object:
    proc = subprocess.run([NODE, "-e", script], input=json.dumps(payload), capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(proc.stdout)


def _manifest_stop_words(catalog) -> list[str]:
    """The stop words as the browser gets them: with the search data."""
    files = search_files(catalog)
    return json.loads(files.files[files.manifest_name])["stop"]


def test_stop_words_are_read_from_one_data_file_and_shipped_with_the_search_data(catalog, tmp_path):
    assert STOP_WORDS == read_stop_words(STOP_WORDS_FILE)
    assert sorted(STOP_WORDS) == _manifest_stop_words(catalog)
    assert {"und", "fur", "uber"} <= STOP_WORDS  # folded as the words they stand for
    own = tmp_path / "stop.txt"
    own.write_text("# eine Liste\nUnd  Für\n\nÜBER\n", encoding="utf-8")
    assert read_stop_words(own) == {"und", "fur", "uber"}


def test_python_and_javascript_normalise_every_word_the_same(catalog):
    assert NODE, "node is required"
    texts = [f"{o.title} {o.summary} {o.body}" for o in catalog.offers]
    vocabulary = sorted({w for t in texts for w in words(t)} | {"Führung", "Fuehrung", "Straße", "GROSSE"})
    script = f"""
      const T = require({json.dumps(str(TEXT_JS))});
      const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      const stop = T.stopWords(input.stop);
      process.stdout.write(JSON.stringify(input.words.map(w => [T.words(w), T.terms(w, stop)])));
    """
    js = _js(script, {"words": vocabulary, "stop": _manifest_stop_words(catalog)})
    python = [[words(w), terms(w)] for w in vocabulary]
    mismatches = [(w, p, j) for w, p, j in zip(vocabulary, python, js) if p != j]
    assert len(vocabulary) > 1000
    assert mismatches == []


def test_shards_partition_the_index_and_answer_like_the_whole(catalog):
    whole = build_index(catalog)
    shards = split_index(whole, shard_bytes=4000)
    assert len(shards) > 3
    shard_terms = [t for _, s in shards for t, _ in s["invertedIndex"]]
    assert shard_terms == [t for t, _ in whole["invertedIndex"]]
    full = Index.load(whole)
    for first, shard in shards:
        index = Index.load(shard)
        for term, _ in shard["invertedIndex"][:5]:
            assert {r["ref"] for r in index.search(term)} == {r["ref"] for r in full.search(term)}
        assert shard["invertedIndex"][0][0] == first


@pytest.mark.parametrize("shard_bytes", [1, 4000, 24_000, 10**9])
def test_shards_built_straight_from_the_documents_are_the_split_lunr_index_compacted(catalog, shard_bytes):
    expected = [(first, compact(shard)) for first, shard in split_index(build_index(catalog), shard_bytes)]
    assert compact_shards(index_documents(catalog), BOOSTS, shard_bytes) == expected
    assert len(expected) > 1 or shard_bytes == 10**9


def test_refs_are_compact_and_unique():
    refs = [ref(n) for n in range(5000)]
    assert len(set(refs)) == 5000
    assert max(len(r) for r in refs) == 3
    assert [int(r, 36) for r in refs] == list(range(5000))


def test_search_files_handed_out_are_no_longer_kept_but_still_named(catalog):
    files = search_files(catalog)
    names, contents = files.names(), dict(files.files)
    handed = dict(files.hand_out())
    assert handed == contents and len(handed) > 3
    assert files.files == {} and files.names() == names and files.manifest_name in names


QUERIES = ["deutsch", "kur", "kind", "kita", "yoga", "fuhrung", "strass", "musik", "schulabschluss", "ausbildung"]


def test_shipped_shards_are_the_compact_form_of_lunr_py_s_numbers(catalog):
    files = search_files(catalog)
    manifest = json.loads(files.files[files.manifest_name])
    shipped = [json.loads(files.files[name]) for name in manifest["shards"]]
    whole = [compact(shard) for _, shard in split_index(build_index(catalog), SHARD_BYTES)]
    assert shipped == json.loads(_dump(whole)) and len(shipped) > 3
    assert manifest["boundaries"] == [shard["terms"][0] for shard in shipped]
    import gzip

    lunr_size = sum(len(gzip.compress(_dump(shard))) for _, shard in split_index(build_index(catalog), SHARD_BYTES))
    assert sum(len(gzip.compress(files.files[name])) for name in manifest["shards"]) < lunr_size / 2  # as sent


def test_python_lunr_and_lunr_js_give_the_same_hits(catalog, tmp_path):
    """Each query term is run on every shard with lunr.py and with lunr.js; the hits must agree."""
    assert NODE and LUNR_JS.is_file(), "node and npm ci are required"
    shards = {str(i): shard for i, (_, shard) in enumerate(split_index(build_index(catalog), SHARD_BYTES))}
    python = {}
    for query in QUERIES:
        hits = set()
        for shard in shards.values():
            index = Index.load(shard)
            hits |= {r["ref"] for r in index.query(index.create_query().term(query, use_pipeline=False))}
            hits |= {r["ref"] for r in index.query(index.create_query().term(
                query, use_pipeline=False, wildcard=index.create_query().WILDCARD_TRAILING))}
        python[query] = sorted(hits)
    script = f"""
      const lunr = require({json.dumps(str(LUNR_JS))});
      const {{shards, queries}} = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      const indexes = Object.values(shards).map(s => lunr.Index.load(s));
      const out = {{}};
      for (const q of queries) {{
        const hits = new Set();
        for (const idx of indexes) {{
          idx.query(b => b.term(q, {{usePipeline: false}})).forEach(h => hits.add(h.ref));
          idx.query(b => b.term(q, {{usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING}})).forEach(h => hits.add(h.ref));
        }}
        out[q] = [...hits].sort();
      }}
      process.stdout.write(JSON.stringify(out));
    """
    js = _js(script, {"shards": shards, "queries": QUERIES})
    assert all(python[q] for q in ("deutsch", "kita", "yoga"))
    assert js == python


def test_search_data_is_only_referenced_by_the_search_page(example_site):
    for page in example_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        uses = bool(re.search(r"suche/daten/|lunr\.min\.js|search\.js", html))
        assert uses == (page.parent.name == "suche"), page


def _lunr_py_index(documents, boosts):
    from lunr.builder import Builder

    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("r")
    for name, boost in boosts.items():
        builder.field(name, boost=boost)
    for key, fields in documents:
        builder.add({"r": key, **fields})
    return builder.build().serialize()


def test_our_index_builder_gives_lunr_py_s_index(catalog):
    documents = [(key, {name: fields[name] for name in BOOSTS}) for key, fields in index_documents(catalog)]
    ours = serialized_index(documents, BOOSTS)
    assert json.dumps(ours) == json.dumps(_lunr_py_index(documents, BOOSTS))  # same keys, order and numbers
    assert len(ours["fieldVectors"]) == len(BOOSTS) * len(catalog.offers)


def test_our_index_builder_handles_repeats_and_empty_fields():
    documents = [("0", {"t": ["kurs", "kurs", "deutsch"], "b": []}), ("1", {"t": [], "b": ["kurs"]}),
                 ("2", {"t": ["yoga"], "b": ["yoga", "abend", "kurs"]})]
    boosts = {"t": 4, "b": 1}
    assert json.dumps(serialized_index(documents, boosts)) == json.dumps(_lunr_py_index(documents, boosts))


def test_the_search_page_reads_the_shards_as_lunr_js_does(catalog):
    """search-query.js reads the compact shards itself: for exact terms, prefixes and one typo it finds
    the offers lunr.js finds in lunr's form of the same index."""
    assert NODE and LUNR_JS.is_file(), "node and npm ci are required"
    files = search_files(catalog)
    manifest = json.loads(files.files[files.manifest_name])
    shipped = [json.loads(files.files[name]) for name in manifest["shards"]]
    lunr_shards = [shard for _, shard in split_index(build_index(catalog), SHARD_BYTES)]
    query_js = ROOT / "theme" / "static" / "js" / "search-query.js"
    script = f"""
      const lunr = require({json.dumps(str(LUNR_JS))});
      const Q = require({json.dumps(str(query_js))});
      const {{shipped, lunrShards, queries}} = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      const indexes = lunrShards.map(s => lunr.Index.load(s)), mine = shipped.map(Q.prepare);
      const out = [];
      for (const [q, how] of queries) {{
        const theirs = new Set(), ours = new Set();
        for (const idx of indexes) {{
          const opts = how === 'prefix' ? {{wildcard: lunr.Query.wildcard.TRAILING}} : how === 'typo' ? {{editDistance: 1}} : {{}};
          idx.query(b => b.term(q, Object.assign({{usePipeline: false}}, opts))).forEach(h => theirs.add(parseInt(h.ref, 36)));
        }}
        for (const shard of mine) {{
          shard.terms.forEach((t, i) => {{
            const hit = how === 'prefix' ? t.startsWith(q) : how === 'typo' ? Q.near(q, t, 1) : t === q;
            if (hit) {{ const p = shard.postings(i); for (let k = 1; k < p.length; k += 3) ours.add(p[k]); }}
          }});
        }}
        out.push([[...theirs].sort(), [...ours].sort()]);
      }}
      process.stdout.write(JSON.stringify(out));
    """
    queries = [[q, how] for q in QUERIES + ["schulabschlus", "kindrgar", "deustch"] for how in ("exact", "prefix", "typo")]
    found = _js(script, {"shipped": shipped, "lunrShards": lunr_shards, "queries": queries})
    assert all(theirs == ours for theirs, ours in found), [q for q, (t, o) in zip(queries, found) if t != o]
    assert sum(1 for theirs, _ in found if theirs) > 20
