"""Characters that do not belong in a text, found by one check for every text of the content.

Front-matter values, Markdown bodies and static pages are all checked here (see
checks/rules.py and checks/pages.py), and every message printed to a terminal is escaped
with :func:`visible`:

- control characters (NUL, ESC, vertical tab, DEL, C1 controls, line and paragraph
  separators, lone surrogates, the noncharacters U+FFFE/U+FFFF …) are refused; tab and
  newline only where a text may span lines (the body, long text fields);
- bidirectional overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069) are
  refused: they make a browser show text in another order than it is written;
- other invisible formatting characters (zero-width space and joiners, word joiner,
  byte order mark, tag characters …) are flagged, except the soft hyphen, which German
  texts use for hyphenation.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

CONTROL = "control-character"
BIDI = "bidi-control"
INVISIBLE = "invisible-character"
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: where a text may span lines, these two belong in it
LINE_CHARACTERS = frozenset("\t\n")
SOFT_HYPHEN = "\u00ad"

#: German names of the characters people meet most; the rest are named by Unicode
NAMES = {
    "\x00": "Nullbyte", "\t": "Tabulator", "\n": "Zeilenumbruch", "\x0b": "vertikaler Tabulator",
    "\x0c": "Seitenvorschub", "\r": "Wagenrücklauf", "\x1b": "Escape-Zeichen", "\x7f": "Löschzeichen",
    "\u2028": "Zeilentrenner", "\u2029": "Absatztrenner", "\u200b": "Leerzeichen ohne Breite",
    "\u200c": "Bindehemmer ohne Breite", "\u200d": "Verbinder ohne Breite", "\u2060": "Wortverbinder",
    "\ufeff": "Byte-Order-Mark", "\u202e": "Rechts-nach-links-Umkehrung", "\u202d": "Links-nach-rechts-Umkehrung",
}


@dataclass(frozen=True)
class CharacterProblem:
    code: str  # CONTROL, BIDI or INVISIBLE
    char: str
    position: int  # 1-based, in characters
    line: int  # 1-based line of the text it is on
    column: int  # 1-based, in characters of that line

    @property
    def shown(self) -> str:
        """How a message names the character, e.g. „Escape-Zeichen (U+001B)“."""
        code_point = f"U+{ord(self.char):04X}"
        name = NAMES.get(self.char) or unicodedata.name(self.char, "")
        return f"{name} ({code_point})" if name else code_point


def kind_of(char: str, multiline: bool = False) -> str | None:
    """CONTROL, BIDI, INVISIBLE or None for one character."""
    if multiline and char in LINE_CHARACTERS:
        return None
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Zl", "Zp") or _noncharacter(ord(char)):
        return CONTROL
    if char in BIDI_CONTROLS:
        return BIDI
    if category == "Cf" and char != SOFT_HYPHEN:
        return INVISIBLE
    return None


def _noncharacter(value: int) -> bool:
    """U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE, …)."""
    return 0xFDD0 <= value <= 0xFDEF or value & 0xFFFE == 0xFFFE


def _plain(text: str, multiline: bool) -> bool:
    """A quick answer for the usual text: nothing but printable characters (and spaces, lines)."""
    if multiline:
        text = text.replace("\n", "").replace("\t", "")
    return text.isprintable()


def character_problems(text: str, multiline: bool = False, allowed: frozenset = frozenset()) -> list[CharacterProblem]:
    """The first problem of each kind in ``text`` (at most one per code), in order of position;
    characters in ``allowed`` are none."""
    if not text or _plain(text, multiline):
        return []
    found: dict[str, CharacterProblem] = {}
    line, line_start = 1, 0
    for index, char in enumerate(text):
        code = None if char in allowed else kind_of(char, multiline)
        if code and code not in found:
            found[code] = CharacterProblem(code, char, index + 1, line, index - line_start + 1)
        if char == "\n":
            line, line_start = line + 1, index + 1
    return sorted(found.values(), key=lambda p: p.position)


_ESCAPED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def visible(text: str) -> str:
    """``text`` with every control, bidi or invisible character written as an escape (``\\x1b``,
    ``\\u202e``), so that printing it cannot move the cursor, retitle or clear a terminal, inject a
    CI log command or reorder the line. For one-line output: newlines are escaped too."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(_escape(char) if kind_of(char) else char for char in text)


def _escape(char: str) -> str:
    if char in _ESCAPED:
        return _ESCAPED[char]
    value = ord(char)
    return f"\\x{value:02x}" if value < 0x100 else f"\\u{value:04x}" if value < 0x10000 else f"\\U{value:08x}"
