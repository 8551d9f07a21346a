"""Search normalisation for the guide's languages besides German, identical in Python and in the browser.

German keeps its own (:mod:`search_text`: folding, CISTEM, compounds). Every other language goes
through the same few steps, with its own rules (:func:`rules`):

Unicode NFC (NFD where accents are dropped) → the language's replacements (Turkish dotted and
dotless I, Arabic and Persian letter variants and digits, Ukrainian apostrophes) → lower-case →
combining marks dropped (Arabic and Persian vowel signs, accents) → words: runs of letters and
digits (Persian's zero-width non-joiner parts words, as in Lucene's Persian analyser) → stop words
dropped → the Snowball stemmer of the language where Snowball has one (en, tr, ar, ru, fa); none
otherwise (uk: folded words only).

The rules are data: the language's manifest carries them (:meth:`LanguageText.manifest`), and
``theme/static/js/search-language.js`` applies them with the JavaScript Snowball 3.1.1 makes of
the same algorithms (``theme/static/js/snowball/``); the Python stemmers are the pinned
``snowballstemmer`` 3.1.1. ``tests/test_search_languages.py`` compares both on every word of the
CLDR's texts in each language.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import snowballstemmer

#: language code -> Snowball algorithm, for the stemmers shipped to the browser (theme/static/js/snowball/)
SNOWBALL = {"en": "english", "tr": "turkish", "ar": "arabic", "ru": "russian", "fa": "persian"}
_TATWEEL = "\u0640"
_EASTERN_DIGITS = [(chr(0x0660 + n), str(n)) for n in range(10)] + [(chr(0x06F0 + n), str(n)) for n in range(10)]
#: (from, to) in order, applied before lower-casing
REPLACEMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    # Turkish lower-cases I to ı and İ to i
    "tr": (("I", "ı"), ("İ", "i")),
    "ar": ((_TATWEEL, ""), *_EASTERN_DIGITS),
    # Persian ye and kaf, also where they are typed with the Arabic letters
    "fa": ((_TATWEEL, ""), ("ي", "ی"), ("ى", "ی"), ("ك", "ک"), *_EASTERN_DIGITS),
    "ru": (("ё", "е"), ("Ё", "Е")),
    # the apostrophe of м'ясо, сім'я, written in four ways (or left out)
    "uk": (("'", ""), ("\u2019", ""), ("\u02bc", ""), ("`", "")),
}
#: languages whose accents are dropped (café → cafe)
DECOMPOSED = frozenset({"en"})
STOP_WORDS_FILE = "stop_words_{code}.txt"


@dataclass(frozen=True)
class LanguageText:
    code: str
    #: the Snowball algorithm, None for a language without one
    stemmer: str | None
    replacements: tuple[tuple[str, str], ...]
    decompose: bool
    stop: frozenset[str]

    def fold(self, text: str) -> str:
        text = unicodedata.normalize("NFD" if self.decompose else "NFC", text)
        for old, new in self.replacements:
            text = text.replace(old, new)
        return "".join(c for c in text.lower() if not _is_mark(c))

    def words(self, text: str) -> list[str]:
        """Folded words of a text, in order (before stop words and stemming)."""
        return "".join(c if _is_word(c) else " " for c in self.fold(text)).split()

    def stem(self, word: str) -> str:
        return _stem(self.stemmer, word) if self.stemmer else word

    def terms(self, text: str) -> list[str]:
        """Index terms of a text: folded words without stop words, stemmed."""
        return [self.stem(w) for w in self.words(text) if w not in self.stop]

    def manifest(self) -> dict:
        """The rules as the browser gets them (search-language.js)."""
        return {"code": self.code, "stemmer": self.stemmer, "replace": [list(r) for r in self.replacements],
                "decompose": self.decompose, "stop": sorted(self.stop)}


@functools.lru_cache(maxsize=4096)
def _is_mark(c: str) -> bool:
    return unicodedata.category(c)[0] == "M"


@functools.lru_cache(maxsize=4096)
def _is_word(c: str) -> bool:
    """A letter or digit: JavaScript's ``[\\p{L}\\p{N}]``."""
    return unicodedata.category(c)[0] in "LN"


@functools.lru_cache(maxsize=16)
def _stemmer(algorithm: str):
    return snowballstemmer.stemmer(algorithm)


@functools.lru_cache(maxsize=65536)
def _stem(algorithm: str, word: str) -> str:
    return _stemmer(algorithm).stemWord(word)


@functools.lru_cache(maxsize=32)
def rules(code: str) -> LanguageText:
    """The normalisation of a language (ISO 639-1 code) other than German."""
    text = LanguageText(code, SNOWBALL.get(code), REPLACEMENTS.get(code, ()), code in DECOMPOSED, frozenset())
    path = Path(__file__).with_name(STOP_WORDS_FILE.format(code=code))
    if not path.exists():
        return text
    lines = path.read_text(encoding="utf-8").splitlines()
    stop = frozenset(w for line in lines if not line.lstrip().startswith("#") for word in line.split()
                     for w in text.words(word))
    return LanguageText(code, text.stemmer, text.replacements, text.decompose, stop)
