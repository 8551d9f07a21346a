"""German compounds: a word split into modifier and head (Sprach|kurs, Eltern|abend, Wald|kinder|garten).

One algorithm, :func:`split`, decides a split; it is mirrored exactly in
``theme/static/js/search-text.js`` (``split``). It takes two predicates — is this string a
head, is that string a modifier — and works on folded words (before stemming: CISTEM cuts
``elternabend`` to ``elternab`` but ``abend`` to ``abend``). At build time both predicates
come from a word list, the nouns of `german-nouns` (Wiktionary, every inflected form); see
:class:`Lexicon`. Every head and modifier that a split of the content rests on is shipped with
the search data, and in the browser the same function runs with membership in those sets.
For every word of the content both give the same split (a test compares them on every word):
the shipped sets hold each string the word list accepted on the way to a split, and nothing
the word list would reject, so nothing the word list rejected is accepted in the browser.

A head is a noun or itself a compound; a modifier is a noun, a noun with a linking element
(Bildung-s-, Sprach(e)-) or itself a compound. The longest head wins. A word's index terms are
its stem and the stems of all its parts (see :func:`part_stems`).
"""

from __future__ import annotations

import csv
import functools
import pickle
from collections.abc import Callable
from importlib import metadata, resources
from pathlib import Path

from wegweiser.search.search_text import STOP_WORDS, fold, stem

#: the shortest modifier and head; shorter ones split too much wrongly (Abi|tur, Met|all)
MIN_MODIFIER = 4
MIN_HEAD = 4
#: linking elements (Fugenelemente) a modifier may end with: Bildung-s-, Frau-en-
LINKERS = ("s", "es", "n", "en", "er", "ens", "e")
#: nouns in the word list that are mostly word endings when they end a word (zusätz|lich, erfolg|reich)
NOT_HEADS = frozenset({"isch", "lich", "ling", "chen", "lein", "heit", "keit", "reich", "voll", "sam", "bar",
                       "haft", "los", "lose", "losen", "weise", "ung", "ungen", "innen", "erin", "erinnen", "tion", "ende",
                       "enden", "tete", "eren", "ische", "ischen", "ischer", "isches", "liche", "lichen",
                       "licher", "liches", "ling", "linge", "lingen", "schaft", "schaften"})
#: Wiktionary's parts of speech that are no ordinary nouns (as german-nouns' own parser skips them)
_NOT_NOUNS = {"Buchstabe", "Abkürzung", "Wortverbindung", "Vorname", "Nachname", "Familienname", "Eigenname",
              "Straßenname", "Ortsnamengrundwort", "Toponym", "Gebundenes Lexem", "Affix", "Suffix", "Präfix"}

Predicate = Callable[[str], bool]
#: (modifier, head, modifier is a plain noun, modifier's own split or None, head is a plain noun,
#: head's own split or None)
Split = tuple


def split(word: str, is_head: Predicate, is_modifier: Predicate, memo: dict | None = None) -> Split | None:
    """The split of a folded word into modifier and head; None if it is no compound. The longest
    head that is a plain noun wins, else the longest head that is itself a compound. Plain parts
    are split again where they are compounds themselves (Kinder|garten). ``memo`` keeps the splits
    of parts tried on the way."""
    memo = {} if memo is None else memo
    if word not in memo:
        memo[word] = None  # a word is never its own part
        memo[word] = _split(word, is_head, is_modifier, memo, True) or _split(word, is_head, is_modifier, memo, False)
    return memo[word]


def _split(word: str, is_head: Predicate, is_modifier: Predicate, memo: dict, plain_head: bool) -> Split | None:
    for cut in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
        modifier, head = word[:cut], word[cut:]
        if head in NOT_HEADS or head in STOP_WORDS or modifier in STOP_WORDS or is_head(head) != plain_head:
            continue
        head_split = split(head, is_head, is_modifier, memo)
        if not plain_head and head_split is None:
            continue
        plain_modifier = is_modifier(modifier)
        modifier_split = _modifier_split(modifier, is_head, is_modifier, memo)
        if not plain_modifier and modifier_split is None:
            continue
        return modifier, head, plain_modifier, modifier_split, plain_head, head_split
    return None


def _modifier_split(modifier: str, is_head: Predicate, is_modifier: Predicate, memo: dict) -> Split | None:
    """A compound as modifier, with or without a linking element (Frauenintegration-s-)."""
    found = split(modifier, is_head, is_modifier, memo)
    for linker in LINKERS:
        if found is None and modifier.endswith(linker) and len(modifier) - len(linker) >= MIN_MODIFIER:
            found = split(modifier[:-len(linker)], is_head, is_modifier, memo)
    return found


def part_stems(tree: Split | None) -> list[str]:
    """Stems of every part of a split, the parts' own parts included (wald, kindergart, kind, gart)."""
    if tree is None:
        return []
    modifier, head, _, modifier_split, _, head_split = tree
    out = [stem(modifier), *part_stems(modifier_split), stem(head), *part_stems(head_split)]
    return list(dict.fromkeys(p for p in out if p not in STOP_WORDS))


def part_words(tree: Split | None) -> list[str]:
    """Every part of a split as it is written (bildungs, beratung), the parts' own parts included."""
    if tree is None:
        return []
    modifier, head, _, modifier_split, _, head_split = tree
    return [modifier, *part_words(modifier_split), head, *part_words(head_split)]


def plain_parts(tree: Split | None, heads: set, modifiers: set) -> None:
    """Collect the heads and modifiers that ``tree`` took for plain nouns (what the browser needs)."""
    if tree is None:
        return
    modifier, head, plain_modifier, modifier_split, plain_head, head_split = tree
    if plain_modifier:
        modifiers.add(modifier)
    if plain_head:
        heads.add(head)
    plain_parts(modifier_split, heads, modifiers)
    plain_parts(head_split, heads, modifiers)


class Lexicon:
    """The nouns of german-nouns, folded, as the predicates of :func:`split`."""

    def __init__(self, nouns: frozenset[str]):
        self.nouns = nouns
        self.memo: dict = {}

    def is_head(self, text: str) -> bool:
        return text in self.nouns

    def is_modifier(self, text: str) -> bool:
        nouns = self.nouns
        if text in nouns or text + "e" in nouns:
            return True
        return any(text.endswith(linker) and text[:-len(linker)] in nouns for linker in LINKERS)

    def split(self, word: str) -> Split | None:
        return split(word, self.is_head, self.is_modifier, self.memo)


def _read_nouns() -> frozenset[str]:
    nouns = set()  # as written: the forms repeat, and folding each once saves a third (1.4 s → 1.0 s)
    with resources.files("german_nouns").joinpath("nouns.csv").open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        header = next(rows)
        pos = header.index("pos")
        skip = {pos, *(i for i, name in enumerate(header) if name.startswith("genus"))}
        for row in rows:
            if _NOT_NOUNS.intersection(row[pos].split(",")):
                continue
            nouns.update(cell for i, cell in enumerate(row) if cell and i not in skip and cell.isalpha())
    return frozenset(map(fold, nouns))


@functools.lru_cache(maxsize=1)
def lexicon(cache_dir: Path | None = None) -> Lexicon:
    """The word list, read once per process; kept as a pickle in ``cache_dir`` (0.5 s → 0.05 s)."""
    path = cache_dir / f"nouns-{metadata.version('german-nouns')}.pickle" if cache_dir else None
    if path is not None:
        try:
            return Lexicon(pickle.loads(path.read_bytes()))
        except (OSError, pickle.UnpicklingError, EOFError):
            pass
    nouns = _read_nouns()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps(nouns, protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(path)
        except OSError:
            pass
    return Lexicon(nouns)
