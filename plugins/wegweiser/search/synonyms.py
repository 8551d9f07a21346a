"""Everyday synonyms from ``data/vocabularies/synonyms.csv``, applied when the index is built.

Each row is one group of words or phrases that mean the same to a citizen (Kita, Kindergarten,
Kindertagesstätte). A document that contains one of them — as a word, as a phrase of
consecutive words, or as a part of a compound — is indexed with the terms of all of them, so a
query needs no expansion in the browser.

Words are compared folded (lower case, umlauts folded), allowing two more or fewer letters at
the end for inflection (Kita/Kitas, Kind/Kinder) — not by their stems: the stemmer cuts
*Wochenende* and *Wochen* to the same stem, and a synonym of one would be given to the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from wegweiser.search.search_text import STOP_WORDS, terms, words

#: letters an inflected form may add to or drop from an entry's word, and which
INFLECTION = 2
ENDINGS = frozenset({"e", "s", "n", "r", "m", "en", "er", "es", "em", "ns"})
#: shorter words must be written exactly (DaF is not dafür, Art not Arten)
MIN_INFLECTED = 4


def similar(word: str, entry: str) -> bool:
    """Whether a text's word is an entry's word, up to an inflection ending (Kita/Kitas, Kind/Kinder)."""
    if word == entry:
        return True
    longer, shorter = (word, entry) if len(word) > len(entry) else (entry, word)
    return (len(shorter) >= MIN_INFLECTED and longer.startswith(shorter)
            and longer[len(shorter):] in ENDINGS)


@dataclass
class Synonyms:
    #: each group's index terms, in entry order
    group_terms: list[list[str]] = field(default_factory=list)
    #: each group's entries as tuples of index terms
    entries: list[list[tuple[str, ...]]] = field(default_factory=list)
    #: the first word of an entry, and its forms without up to INFLECTION letters at the end
    #: -> [(entry's words, group number)]
    starts: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)
    #: word -> its candidates, as found (a guide's texts repeat their words: at 5,000 offers looking
    #: them up again took half of the 5 s that indexing all texts took)
    _found: dict[str, tuple] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_rows(cls, rows: Iterable[dict]) -> Synonyms:
        synonyms = cls()
        for row in rows:
            entries = [tuple(w for w in words(text) if w not in STOP_WORDS) for text in row.get("words") or []]
            entries = list(dict.fromkeys(e for e in entries if e))
            if len(entries) < 2:
                continue
            number = len(synonyms.group_terms)
            synonyms.group_terms.append(list(dict.fromkeys(t for text in row["words"] for t in terms(text))))
            synonyms.entries.append([tuple(terms(text)) for text in row["words"] if terms(text)])
            for entry in entries:
                first = entry[0]
                for key in {first, *(first[:-n] for n in range(1, INFLECTION + 1) if len(first) - n >= MIN_INFLECTED)}:
                    synonyms.starts.setdefault(key, []).append((entry, number))
        return synonyms

    def _candidates(self, word: str) -> tuple:
        """(entry's words, group number) of the entries whose first word may be ``word``."""
        found = self._found.get(word)
        if found is None:
            keys = {word, *(word[:-n] for n in range(1, INFLECTION + 1) if len(word) - n >= MIN_INFLECTED)}
            found = self._found[word] = tuple(c for key in keys for c in self.starts.get(key, ()))
        return found

    def expand(self, sequence: list[str], parts: Iterable[str] = ()) -> list[str]:
        """Terms to add to a field whose words (folded, no stop words) are ``sequence`` and whose
        compounds have the parts ``parts``: the terms of every group one of them belongs to, once."""
        matched: dict[int, None] = {}
        for i, word in enumerate(sequence):
            for entry, number in self._candidates(word):
                following = sequence[i:i + len(entry)]
                if len(following) == len(entry) and all(similar(w, e) for w, e in zip(following, entry)):
                    matched[number] = None
        for part in parts:
            for entry, number in self._candidates(part):
                if len(entry) == 1 and similar(part, entry[0]):
                    matched[number] = None
        return list(dict.fromkeys(t for number in matched for t in self.group_terms[number]))
