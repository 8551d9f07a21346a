"""Everyday synonyms from ``data/vocabularies/synonyms.csv``, applied when the index is built.

Each row is one group of words or phrases that mean the same to a citizen (Kita, Kindergarten,
Kindertagesstätte). A document that contains one of them — as a word, as a phrase of
consecutive words, or as a part of a compound — is indexed with all of them, so a query needs
no expansion in the browser. Entries are normalised like every indexed text
(:func:`search_text.terms`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from wegweiser.search.search_text import terms


@dataclass
class Synonyms:
    #: each group's entries as tuples of terms
    groups: list[tuple[tuple[str, ...], ...]] = field(default_factory=list)
    #: first term of an entry -> [(entry, group number)], longest entries first
    starts: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[dict]) -> Synonyms:
        synonyms = cls()
        for row in rows:
            words = row.get("words") or []
            entries = tuple(dict.fromkeys(t for t in (tuple(terms(w)) for w in words) if t))
            if len(entries) < 2:
                continue
            number = len(synonyms.groups)
            synonyms.groups.append(entries)
            for entry in entries:
                synonyms.starts.setdefault(entry[0], []).append((entry, number))
        for found in synonyms.starts.values():
            found.sort(key=lambda pair: -len(pair[0]))
        return synonyms

    def expand(self, sequence: list[str], extra: Iterable[str] = ()) -> list[str]:
        """Terms to add to a field whose words are ``sequence`` (in order) and whose compounds
        have the parts ``extra``: every entry of every group one of them belongs to, once."""
        matched: dict[int, None] = {}
        for i, term in enumerate(sequence):
            for entry, number in self.starts.get(term, ()):
                if tuple(sequence[i:i + len(entry)]) == entry:
                    matched[number] = None
        for term in extra:
            for entry, number in self.starts.get(term, ()):
                if len(entry) == 1:
                    matched[number] = None
        return [t for number in matched for entry in self.groups[number] for t in entry]
