"""Words that name a filter: a place, "kostenlos", "online", "barrierefrei" and the accessibility labels.

The browser recognises them in a query (as terms, normalised like the index) and applies the
filter instead of requiring the word as text; the filter is shown as a tag that removes the
word. Synonyms of the office's list count too (umsonst, gratis → kostenlos).
"""

from __future__ import annotations

import base64

from wegweiser.search.search_text import terms
from wegweiser.search.synonyms import Synonyms

#: (vocabulary of the filter, or "kostenlos"; words; values; tag text) of words that are no label
FIXED = [
    ("kostenlos", ["kostenlos", "kostenfrei"], [], "kostenlos"),
    ("formats", ["online"], ["online", "hybrid"], "online"),
    ("accessibility", ["barrierefrei"], ["rollstuhlgerecht"], "barrierefrei"),
]


def _with_synonyms(entry: tuple[str, ...], synonyms: Synonyms) -> list[tuple[str, ...]]:
    found = [entry]
    for group in synonyms.entries:
        if entry in group:
            found += [e for e in group if e not in found]
    return found


def filter_words(catalog, synonyms: Synonyms) -> list[list]:
    """[terms joined by spaces, filter (its URL parameter), values, tag text, vocabulary or "kostenlos"]
    of every filter word, longest first; only for filters the offer schema has (catalog.facets)."""
    out: dict[str, list] = {}
    parameter = {facet.vocabulary: facet.parameter for facet in catalog.facets}
    parameter["kostenlos"] = "kostenlos"

    def add(words: tuple[str, ...], vocabulary: str, values: list[str], text: str) -> None:
        for entry in _with_synonyms(words, synonyms):
            out.setdefault(" ".join(entry), [" ".join(entry), parameter[vocabulary], values, text, vocabulary])

    if "municipalities" in parameter:
        for row in catalog.vocabularies["municipalities"].rows:
            label_terms = tuple(terms(row["label"]))
            if label_terms:
                add(label_terms, "municipalities", [row["id"]], f"Ort: {row['label']}")
                add(label_terms[:1], "municipalities", [row["id"]], f"Ort: {row['label']}")
    if "accessibility" in parameter:
        for row in catalog.vocabularies["accessibility"].rows:
            label_terms = tuple(terms(row["label"]))
            if label_terms:
                add(label_terms, "accessibility", [row["id"]], row["label"])
    for vocabulary, words, values, text in FIXED:
        if vocabulary in parameter:
            for word in words:
                add(tuple(terms(word)), vocabulary, values, text)
    return sorted(out.values(), key=lambda item: (-len(item[0].split()), item[0]))


def filter_sets(entries: list[list], facets: dict) -> dict[str, str]:
    """{filter:values → the offers passing it as a bit set (bit i of byte i // 8 for offer i), base64}
    of the filter words ``entries``, from the filter data (``search_index.build_facets``): the browser
    applies a filter word with a few bytes per thousand offers instead of loading the filter data."""
    out = {}
    for _, name, values, _, _ in entries:
        key = filter_key(name, values)
        if key in out:
            continue
        bits = bytearray((facets["n"] + 7) // 8)
        if name == "kostenlos":
            passing = [doc for doc, cost in enumerate(facets["cost"]) if cost == 0]
        else:
            wanted = {facets["keys"][name].index(v) for v in values if v in facets["keys"][name]}
            passing = [doc for doc, value in enumerate(facets["columns"][name])
                       if (set(value) if isinstance(value, list) else {value}) & wanted]
        for doc in passing:
            bits[doc // 8] |= 1 << (doc % 8)
        out[key] = base64.b64encode(bytes(bits)).decode("ascii")
    return out


def filter_key(name: str, values: list[str]) -> str:
    return f"{name}={','.join(values)}"
