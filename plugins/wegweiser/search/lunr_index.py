"""The search index: lunr 2.3.9's numbers, shipped in shards of a compact form.

The numbers are lunr.py's ``Builder``'s (BM25 with k1 = 1.2 and b = 0.75, scores rounded to
three places); the terms come already normalised (:mod:`search_text`), so there is no pipeline.
The browser loads the index in shards over consecutive term ranges, each in the form
``theme/static/js/search-query.js`` reads (:func:`compact_shards`): lunr's own serialised form
repeats every offer's ref in the inverted index and in the field vectors and writes scores to
three places, five times the bytes for a word in every offer.

The shards are made straight from the counted terms, without lunr's objects or its serialised
form in between: the index is rebuilt whenever an offer's text changes, and at 5,000 offers going
through lunr's form took 3.5 of the 5.5 seconds a changed description cost. ``tests/lunr_form.py``
builds lunr's form and splits it; ``tests/test_search_index.py`` holds it equal to lunr.py's
index and the shipped shards equal to it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator



K1 = 1.2
B = 0.75
def ref(number: int) -> str:
    """Document ``number``'s ref in lunr's form: the number in base 36."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if number == 0:
            return out


def _idf(posting: list[list], document_count: int) -> float:
    with_term = sum(len(pairs) for pairs in posting) // 2
    x = (document_count - with_term + 0.5) / (with_term + 0.5)
    return math.log(1 + abs(x))


def _counts(documents: Iterable[tuple[str, dict[str, list[str]]]], fields: list[str]):
    """Each term's count per field and document, and each field vector's BM25 length norm. The terms
    come normalised (lower case: :mod:`search_text`).

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
            for term, n in Counter(tokens).items():  # in order of first appearance
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


def _weight(term: str, ref_lengths_by_field: Iterable[Iterable[int]]) -> int:
    """About twice the JSON size of a term's postings in lunr's form (postings plus their vector pairs)."""
    return 2 * (len(term) + sum(10 + sum(length + 5 for length in lengths) for lengths in ref_lengths_by_field))


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


def compact_shards(documents: Iterable[tuple[str, dict[str, list[str]]]], boosts: dict[str, float],
                   shard_bytes: int) -> list[tuple[str, dict]]:
    """``(first term, shard)`` for consecutive term ranges of about ``shard_bytes`` in lunr's form.

    ``documents``: (ref, {field: terms}), the refs base-36 numbers in increasing order
    (``search_index.ref``); ``boosts``: field name -> boost, in field order. A shard holds
    ``fields``, its ``terms`` in order and for each term its ``postings``: one ``[field number,
    offers, scores]`` per field the term occurs in, the offers as numbers, each the difference to
    the one before, the scores (BM25 with the field boost) times 100, rounded.
    """
    fields = list(boosts)
    # counted with the refs as numbers: what the shards hold
    postings, norms, _, _, count = _counts(((int(ref, 36), values) for ref, values in documents), fields)
    ref_length = [len(ref(number)) for number in range(count)]  # the shards' sizes are measured in lunr's form
    weights = ((term, _weight(term, (map(ref_length.__getitem__, flat[0::2]) for flat in postings[term])))
               for term in sorted(postings))
    shards = []
    for group in _groups(weights, shard_bytes):
        entries = []
        for term in group:
            posting = postings[term]
            idf = _idf(posting, count)
            entry = []
            for position, (name, flat) in enumerate(zip(fields, posting)):
                if not flat:
                    continue
                boost, norm_of = boosts[name], norms[name]
                docs, scores, known = flat[0::2], [], {}  # known: (count, norm) -> score; documents of one length share it
                for doc, n in _pairs(flat):
                    key = (n, norm_of[doc])
                    score = known.get(key)
                    if score is None:
                        score = known[key] = round(_score(idf, n, key[1], boost) * 100)
                    scores.append(score)
                entry.append([position, [docs[0]] + [b - a for a, b in zip(docs, docs[1:])], scores])
            entries.append(entry)
        shards.append((group[0], {"fields": fields, "terms": group, "postings": entries}))
    return shards
