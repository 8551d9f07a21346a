"""A lunr 2.3.9 index built straight into its serialised form.

The same numbers as lunr.py's ``Builder`` (BM25 with k1 = 1.2 and b = 0.75, scores rounded
to three places, terms numbered in order of first appearance, postings in field order),
without its token, vector and token-set objects: many times faster, which counts because
the index is rebuilt whenever an offer changes. The terms come already normalised
(:mod:`search_text`), so there is no pipeline. ``tests/test_search_index.py`` compares the
result with lunr.py's on the example content.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from lunr import __TARGET_JS_VERSION__

K1 = 1.2
B = 0.75
#: the metadata of every posting: none is kept, and one shared empty object saves a dict per
#: (term, document) — most of the index's memory; never modified
_NO_METADATA: dict = {}


def _idf(posting: dict, fields: Iterable[str], document_count: int) -> float:
    with_term = sum(len(posting[name]) for name in fields)
    x = (document_count - with_term + 0.5) / (with_term + 0.5)
    return math.log(1 + abs(x))


def serialized_index(documents: Iterable[tuple[str, dict[str, list[str]]]], boosts: dict[str, float]) -> dict:
    """``documents``: (ref, {field: terms}) in order; ``boosts``: field name -> boost, in field order."""
    fields = list(boosts)
    postings: dict[str, dict] = {}
    frequencies = []  # (field ref, field, number of terms, {term: count}) in lunr's order
    totals = dict.fromkeys(fields, 0)
    count = 0
    for ref, values in documents:
        count += 1
        for name in fields:
            tokens = [str(term).lower() for term in values.get(name) or ()]
            tf: dict[str, int] = {}
            for term in tokens:
                tf[term] = tf.get(term, 0) + 1
                posting = postings.get(term)
                if posting is None:
                    posting = postings[term] = {field: {} for field in fields}
                    posting["_index"] = len(postings) - 1
                posting[name].setdefault(ref, _NO_METADATA)
            frequencies.append((f"{name}/{ref}", name, len(tokens), tf))
            totals[name] += len(tokens)
    average = {name: totals[name] / count if count else 0 for name in fields}
    idf: dict[str, float] = {}
    vectors = []
    for field_ref, name, length, tf in frequencies:
        pairs = []
        norm = K1 * (1 - B + B * (length / average[name])) if average[name] else K1 * (1 - B)
        for term, n in tf.items():
            if term not in idf:
                idf[term] = _idf(postings[term], fields, count)
            score = idf[term] * ((K1 + 1) * n) / (norm + n)
            score *= boosts[name]
            score *= 1  # the document boost lunr applies
            pairs.append((postings[term]["_index"], round(score, 3)))
        pairs.sort()
        vectors.append([field_ref, [round(x, 3) for pair in pairs for x in pair]])
    return {
        "version": __TARGET_JS_VERSION__,
        "fields": fields,
        "fieldVectors": vectors,
        "invertedIndex": [[term, postings[term]] for term in sorted(postings)],
        "pipeline": [],
    }
