"""Line numbers of the keys and items in a JSON text, so findings can name a line.

``key_lines('{\\n "a": [1, {"b": 2}]}')`` gives ``{("a",): 2, ("a", 0): 2,
("a", 1): 2, ("a", 1, "b"): 2}``. The text must be valid JSON (parse it with
:func:`json.loads` first); a failure here simply yields fewer lines.
"""

from __future__ import annotations

import bisect
from json.decoder import scanstring

_WHITESPACE = " \t\r\n"


def key_lines(text: str) -> dict[tuple, int]:
    scanner = _Scanner(text)
    try:
        scanner.value(())
    except (IndexError, ValueError):
        pass
    return scanner.lines


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.lines: dict[tuple, int] = {}
        self._newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def line(self, pos: int) -> int:
        return bisect.bisect_left(self._newlines, pos) + 1

    def skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in _WHITESPACE:
            self.pos += 1

    def value(self, path: tuple) -> None:
        self.skip()
        char = self.text[self.pos]
        if char == "{":
            self._object(path)
        elif char == "[":
            self._array(path)
        elif char == '"':
            self._string()
        else:
            while self.pos < len(self.text) and self.text[self.pos] not in ",]}" + _WHITESPACE:
                self.pos += 1

    def _string(self) -> str:
        text, self.pos = scanstring(self.text, self.pos + 1)
        return text

    def _object(self, path: tuple) -> None:
        self.pos += 1
        self.skip()
        if self.text[self.pos] == "}":
            self.pos += 1
            return
        while True:
            self.skip()
            start = self.pos
            key = self._string()
            self.lines[path + (key,)] = self.line(start)
            self.skip()
            self.pos += 1  # the colon
            self.value(path + (key,))
            self.skip()
            char = self.text[self.pos]
            self.pos += 1
            if char == "}":
                return

    def _array(self, path: tuple) -> None:
        self.pos += 1
        self.skip()
        if self.text[self.pos] == "]":
            self.pos += 1
            return
        index = 0
        while True:
            self.skip()
            self.lines[path + (index,)] = self.line(self.pos)
            self.value(path + (index,))
            self.skip()
            char = self.text[self.pos]
            self.pos += 1
            if char == "]":
                return
            index += 1
