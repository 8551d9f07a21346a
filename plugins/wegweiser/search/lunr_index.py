"""A lunr 2.3.9 index built straight into its serialised form.

The same numbers as lunr.py's ``Builder`` (BM25 with k1 = 1.2 and b = 0.75, scores rounded
to three places, terms numbered in order of first appearance, postings in field order),
without its token, vector and token-set objects: many times faster, which counts because
the index is rebuilt whenever an offer changes. The terms come already normalised
(:mod:`search_text`), so there is no pipeline. ``tests/test_search_index.py`` compares the
result with lunr.py's on the example content.

The browser loads the index in shards: complete lunr indexes over consecutive term ranges
(:func:`dumped_shards`, built straight from the documents; :func:`split_index` splits a
whole index the same way and is what the tests compare it with), each shipped in the compact
form of :func:`compact`: the same numbers, a fifth of the bytes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator

from lunr import __TARGET_JS_VERSION__


K1 = 1.2
B = 0.75
#: the metadata of every posting: none is kept, and one shared empty object saves a dict per
#: (term, document) — most of the index's memory; never modified
_NO_METADATA: dict = {}


def _idf(posting: list[list], document_count: int) -> float:
    with_term = sum(len(pairs) for pairs in posting) // 2
    x = (document_count - with_term + 0.5) / (with_term + 0.5)
    return math.log(1 + abs(x))


def _counts(documents: Iterable[tuple[str, dict[str, list[str]]]], fields: list[str]):
    """Each term's count per field and document, and each field vector's BM25 length norm.

    Returns ``postings`` (term -> one flat list per field, in field order: ref, count, ref,
    count, …; terms in order of first appearance, which is lunr's term index, refs in document
    order — lists, not dicts per term and field: a third of the memory), ``norms`` (field ->
    ref -> norm), ``field_refs`` (field -> ref -> "field/ref"), ``order`` ("field/ref" ->
    position in lunr's list of field vectors) and the number of documents.
    """
    postings: dict[str, list[list]] = {}
    lengths = []  # (field, ref, number of terms) in lunr's order of field vectors
    totals = dict.fromkeys(fields, 0)
    count = 0
    for ref, values in documents:
        count += 1
        for position, name in enumerate(fields):
            tokens = values.get(name) or ()
            counted: dict[str, int] = {}  # in order of first appearance
            for term in tokens:
                term = str(term).lower()
                counted[term] = counted.get(term, 0) + 1
            for term, n in counted.items():
                posting = postings.get(term)
                if posting is None:
                    posting = postings[term] = [[] for _ in fields]
                posting[position] += (ref, n)
            lengths.append((name, ref, len(tokens)))
            totals[name] += len(tokens)
    average = {name: totals[name] / count if count else 0 for name in fields}
    norms: dict[str, dict[str, float]] = {name: {} for name in fields}
    field_refs: dict[str, dict[str, str]] = {name: {} for name in fields}
    order: dict[str, int] = {}
    for name, ref, length in lengths:
        norms[name][ref] = K1 * (1 - B + B * (length / average[name])) if average[name] else K1 * (1 - B)
        field_ref = field_refs[name][ref] = f"{name}/{ref}"
        order[field_ref] = len(order)
    return postings, norms, field_refs, order, count


def _pairs(flat: list) -> Iterator[tuple[str, int]]:
    """(ref, count) of one field's postings of a term."""
    return zip(flat[0::2], flat[1::2])


def _score(idf: float, n: int, norm: float, boost: float) -> float:
    score = idf * ((K1 + 1) * n) / (norm + n)
    score *= boost
    score *= 1  # the document boost lunr applies
    return round(score, 3)


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


def _weight(term: str, refs_by_field: Iterable) -> int:
    """About twice the JSON size of a term's postings (postings plus their vector pairs)."""
    return 2 * (len(term) + sum(10 + sum(len(ref) + 5 for ref in refs) for refs in refs_by_field))


def _groups(weights: Iterable[tuple[str, int]], shard_bytes: int) -> list[list[str]]:
    """Consecutive terms, cut before a shard would grow beyond ``shard_bytes``."""
    groups: list[list[str]] = []
    current: list[str] = []
    size = 0
    for term, weight in weights:
        if current and size + weight > shard_bytes:
            groups.append(current)
            current, size = [], 0
        current.append(term)
        size += weight
    if current:
        groups.append(current)
    return groups


def _shard(fields: list[str], inverted: list, vectors: list) -> dict:
    return {"version": __TARGET_JS_VERSION__, "fields": fields, "fieldVectors": vectors,
            "invertedIndex": inverted, "pipeline": []}


def split_index(serialized: dict, shard_bytes: int) -> list[tuple[str, dict]]:
    """Split a serialised index into complete indexes over consecutive term ranges."""
    fields = serialized["fields"]
    entries = {term: postings for term, postings in serialized["invertedIndex"]}  # sorted by term
    groups = _groups(((term, _weight(term, (p[f] for f in fields))) for term, p in entries.items()), shard_bytes)
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


def dumped_shards(documents: Iterable[tuple[str, dict[str, list[str]]]], boosts: dict[str, float],
                  shard_bytes: int, dump: Callable[[dict], bytes],
                  form: Callable[[dict], dict] = lambda shard: shard) -> list[tuple[str, bytes]]:
    """``(first term, dump(form(shard)))`` of each shard of ``split_index(serialized_index(documents,
    boosts), shard_bytes)``, without the whole index in between: each shard made from the counted
    terms and serialised in turn."""
    counted = _Counted(documents, boosts)
    return [(group[0], dump(form(counted.shard(group)))) for group in counted.groups(shard_bytes)]


class _Counted:
    """The documents counted (:func:`_counts`), from which each shard is made alone."""

    def __init__(self, documents, boosts: dict[str, float]):
        self.boosts, self.fields = boosts, list(boosts)
        self.postings, self.norms, self.field_refs, self.order, self.count = _counts(documents, self.fields)

    def groups(self, shard_bytes: int) -> list[list[str]]:
        postings = self.postings
        return _groups(((term, _weight(term, (flat[0::2] for flat in postings[term]))) for term in sorted(postings)),
                       shard_bytes)

    def shard(self, group: list[str]) -> dict:
        fields, boosts, postings, count = self.fields, self.boosts, self.postings, self.count
        inverted, vectors = [], {}
        for local, term in enumerate(group):
            posting = postings[term]
            idf = _idf(posting, count)
            inverted.append([term, _entry(posting, fields, local)])
            for name, flat in zip(fields, posting):
                boost, norm_of, ref_of = boosts[name], self.norms[name], self.field_refs[name]
                scores: dict = {}  # (count, norm) -> score: documents of one length share it
                for ref, n in _pairs(flat):
                    norm = norm_of[ref]
                    score = scores.get((n, norm))
                    if score is None:
                        score = scores[(n, norm)] = _score(idf, n, norm, boost)
                    field_ref = ref_of[ref]
                    pairs = vectors.get(field_ref)
                    if pairs is None:
                        pairs = vectors[field_ref] = []
                    pairs += (local, score)
        return _shard(fields, inverted, [[field_ref, vectors[field_ref]]
                                         for field_ref in sorted(vectors, key=self.order.__getitem__)])
