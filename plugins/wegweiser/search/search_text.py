"""German text normalisation for search, identical in Python and in the browser.

``theme/static/js/search-text.js`` implements exactly the same steps; a test runs
both over the example content and compares every token.

Steps: lower-case → fold umlauts and ß (ä/ae → a, ö/oe → o, ü/ue → u, ß → ss) →
split on anything that is not a letter or digit → drop stop words → stem with
CISTEM (Weissweiler & Fraser 2017), a small German stemmer that is easy to
mirror exactly in JavaScript.
"""

from __future__ import annotations

import functools
import re

# Snowball's German stop-word list (as in lunr-languages' lunr.de.js), folded.
_STOP_WORDS_DE = """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
anderm andern anderr anders auch auf aus bei bin bis bist da damit dann das dasselbe dazu dass
dein deine deinem deinen deiner deines dem demselben den denn denselben der derer derselbe
derselben des desselben dessen dich die dies diese dieselbe dieselben diesem diesen dieser
dieses dir doch dort du durch ein eine einem einen einer eines einig einige einigem einigen
einiger einiges einmal er es etwas euch euer eure eurem euren eurer eures fur gegen gewesen
hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer
ihres im in indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann
kein keine keinem keinen keiner keines konnen konnte machen man manche manchem manchen mancher
manches mein meine meinem meinen meiner meines mich mir mit muss musste nach nicht nichts noch
nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie sind so solche
solchem solchen solcher solches soll sollte sondern sonst uber um und uns unse unsem unsen unser
unses unter viel vom von vor wahrend war waren warst was weg weil weiter welche welchem welchen
welcher welches wenn werde werden wie wieder will wir wird wirst wo wollen wollte wurde wurden
zu zum zur zwar zwischen
"""
_FOLD = (("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss"), ("ae", "a"), ("oe", "o"), ("ue", "u"))
_SPLIT = re.compile(r"[^a-z0-9]+")
_ACCENTS = str.maketrans("àáâãåçèéêëìíîïñòóôõùúûýÿ", "aaaaaceeeeiiiinoooouuuyy")


def fold(text: str) -> str:
    """Lower-case and fold umlauts, ß and common accents."""
    text = text.lower()
    for old, new in _FOLD:
        text = text.replace(old, new)
    return text.translate(_ACCENTS)


STOP_WORDS = frozenset(fold(w) for w in _STOP_WORDS_DE.split())


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
