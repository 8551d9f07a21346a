"""lunr's own serialised index, made from the same counts as the shipped shards: the reference the tests
hold the shipped compact shards (``wegweiser.search.lunr_index.compact_shards``) equal to, and hold
equal to lunr.py's ``Builder`` (whose index lunr.js reads)."""

from __future__ import annotations

from collections.abc import Iterable

from lunr import __TARGET_JS_VERSION__

from wegweiser.search.lunr_index import _counts, _groups, _idf, _pairs, _score, _weight

#: the metadata of every posting: none is kept (one shared empty object; never modified)
_NO_METADATA: dict = {}


def _entry(posting: list[list], fields: list[str], index: int) -> dict:
    """A term's postings as lunr serialises them: refs with empty metadata, then the term's index."""
    entry: dict = {name: dict.fromkeys(flat[0::2], _NO_METADATA) for name, flat in zip(fields, posting)}
    entry["_index"] = index
    return entry


def serialized_index(documents: Iterable[tuple[str, dict[str, list[str]]]], boosts: dict[str, float]) -> dict:
    """``documents``: (ref, {field: terms}) in order; ``boosts``: field name -> boost, in field order."""
    fields = list(boosts)
    postings, norms, field_refs, order, count = _counts(documents, fields)
    vectors: dict[str, list] = {field_ref: [] for field_ref in order}
    for index, posting in enumerate(postings.values()):  # in index order: each vector comes out sorted
        idf = _idf(posting, count)
        for name, flat in zip(fields, posting):
            for ref, n in _pairs(flat):
                vectors[field_refs[name][ref]] += (index, _score(idf, n, norms[name][ref], boosts[name]))
    index_of = {term: index for index, term in enumerate(postings)}
    return {
        "version": __TARGET_JS_VERSION__,
        "fields": fields,
        "fieldVectors": [[field_ref, pairs] for field_ref, pairs in vectors.items()],
        "invertedIndex": [[term, _entry(postings[term], fields, index_of[term])] for term in sorted(postings)],
        "pipeline": [],
    }




def _shard(fields: list[str], inverted: list, vectors: list) -> dict:
    return {"version": __TARGET_JS_VERSION__, "fields": fields, "fieldVectors": vectors,
            "invertedIndex": inverted, "pipeline": []}


def split_index(serialized: dict, shard_bytes: int) -> list[tuple[str, dict]]:
    """Split a serialised index into complete indexes over consecutive term ranges."""
    fields = serialized["fields"]
    entries = {term: postings for term, postings in serialized["invertedIndex"]}  # sorted by term
    groups = _groups(((term, _weight(term, (map(len, p[f]) for f in fields))) for term, p in entries.items()), shard_bytes)
    place = {entries[term]["_index"]: (number, i) for number, group in enumerate(groups) for i, term in enumerate(group)}
    vector_parts: list[list] = [[] for _ in groups]
    for field_ref, elements in serialized["fieldVectors"]:
        pairs: dict[int, list] = {}
        for i in range(0, len(elements), 2):
            number, local = place[elements[i]]
            pairs.setdefault(number, []).append((local, elements[i + 1]))
        for number, found in pairs.items():
            vector_parts[number].append([field_ref, [x for pair in sorted(found) for x in pair]])
    return [(group[0], _shard(fields, [[term, {**entries[term], "_index": place[entries[term]["_index"]][1]}]
                                       for term in group], vector_parts[number]))
            for number, group in enumerate(groups)]


def compact(shard: dict) -> dict:
    """A lunr index (or shard) in the form the browser reads (theme/static/js/search-query.js):
    ``terms`` in order, and for each term ``postings``: one ``[field number, offers, scores]`` per
    field it occurs in, the offers as numbers (the refs in base 10), each the difference to the one
    before, the scores (BM25 with the field boost, as in the field vectors) times 100, rounded.
    lunr's own form repeats every offer's ref in the inverted index and in the field vectors and
    writes scores to three places: five times the bytes for a word in every offer."""
    fields = shard["fields"]
    terms = [term for term, _ in shard["invertedIndex"]]
    slot = {entry["_index"]: i for i, (_, entry) in enumerate(shard["invertedIndex"])}
    number = {name: i for i, name in enumerate(fields)}
    found: list[list[list]] = [[[] for _ in fields] for _ in terms]
    for field_ref, pairs in shard["fieldVectors"]:
        name, ref = field_ref.split("/", 1)
        doc = int(ref, 36)
        for k in range(0, len(pairs), 2):
            found[slot[pairs[k]]][number[name]].append((doc, pairs[k + 1]))
    postings = []
    for lists in found:
        entry = []
        for field, hits in enumerate(lists):
            if hits:
                hits.sort()
                docs = [doc for doc, _ in hits]
                entry.append([field, [docs[0]] + [b - a for a, b in zip(docs, docs[1:])],
                              [round(score * 100) for _, score in hits]])
        postings.append(entry)
    return {"fields": fields, "terms": terms, "postings": postings}
