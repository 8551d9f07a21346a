"""German text normalisation for search, identical in Python and in the browser.

``theme/static/js/search-text.js`` implements exactly the same steps; a test runs
both over the example content and compares every token. The stop words are one data file,
``stop_words_de.txt`` next to this module; the browser gets them with the search data.

Steps: lower-case → fold umlauts and ß (ä/ae → a, ö/oe → o, ü/ue → u, ß → ss) →
split on anything that is not a letter or digit → drop stop words → stem with
CISTEM (Weissweiler & Fraser 2017), a small German stemmer that is easy to
mirror exactly in JavaScript.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

_FOLD = (("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss"), ("ae", "a"), ("oe", "o"), ("ue", "u"))
_SPLIT = re.compile(r"[^a-z0-9]+")
#: accents and the letters of Turkish, Polish, Czech … words written in Latin script (yüzme, kreş, ağ, ılık)
_ACCENTS = str.maketrans("àáâãåçèéêëìíîïñòóôõùúûýÿşğıćčśšźžłńřě", "aaaaaceeeeiiiinoooouuuyysgiccsszzlnre")


def fold(text: str) -> str:
    """Lower-case and fold umlauts, ß and common accents."""
    text = text.lower()
    for old, new in _FOLD:
        text = text.replace(old, new)
    return text.translate(_ACCENTS)


def read_stop_words(path: Path) -> frozenset[str]:
    """The folded words of a stop-word file (words separated by white space, ``#`` lines are comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(w) for line in lines if not line.lstrip().startswith("#") for w in line.split())


#: the stop words, from one data file; the browser gets them with the search data (search_index.py)
STOP_WORDS = read_stop_words(Path(__file__).with_name("stop_words_de.txt"))
#: words of a request around the need (gesucht, gibt, Angebote), left out of queries only (the browser's)
REQUEST_WORDS = read_stop_words(Path(__file__).with_name("request_words_de.txt"))
#: the last words of streets' names (Straße, Allee, …): see the file
STREET_WORDS = read_stop_words(Path(__file__).with_name("street_words_de.txt"))


def words(text: str) -> list[str]:
    """Folded words of a text, in order (before stop words and stemming)."""
    return [w for w in _SPLIT.split(fold(text)) if w]


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """CISTEM on a folded, lower-case word (case-insensitive variant)."""
    if len(word) <= 3:
        return word
    if word.startswith("ge") and len(word) >= 6:
        word = word[2:]
    word = word.replace("sch", "$").replace("ei", "%").replace("ie", "&")
    word = re.sub(r"(.)\1", r"\1*", word)
    while len(word) > 3:
        if len(word) > 5 and word[-2:] in ("em", "er", "nd"):
            word = word[:-2]
        elif word[-1] in "tesn":
            word = word[:-1]
        else:
            break
    word = re.sub(r"(.)\*", r"\1\1", word)
    return word.replace("&", "ie").replace("%", "ei").replace("$", "sch")


def terms(text: str) -> list[str]:
    """Index terms of a text: folded words without stop words, stemmed."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]
