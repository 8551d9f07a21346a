"""Transforms of a cell's text on its way into a field, for lists as offices keep them.

A mapping rule (see :mod:`.mapping`) may name any of these; they run in this order:

- ``split: ","`` with ``part: 2`` — the second part (``part: -1`` the last); parts are trimmed.
  "Lindenstraße 1, 04207, Leipzig" → part 2 → "04207"
- ``match: "\\d{5}"`` — the first match of a regular expression (its first group if it has one),
  empty if there is none. "Lindenstraße 1, 04207 Leipzig" → "04207"
- ``replace: {"^Tel\\.?:?\\s*": ""}`` — each regular expression replaced, in the order written
- ``strip: true`` — spaces at both ends removed (``strip: ".;"`` also those characters)
- ``url: true`` — a web address repaired: "http//…", "https//…", "http:/…" get their colon and
  slashes, "www.…" and "schule.de/…" get "https://"

Each transform is a plain function of text; :func:`steps` turns a rule's options into the
list to apply, reporting a bad option in German.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

#: option names in the order their transforms run
ORDER = ("split", "match", "replace", "strip", "url")
OPTIONS = frozenset(ORDER) | {"part"}

Step = Callable[[str], str]

_SCHEME_TYPO = re.compile(r"(?i)^(https?)\s*[:;.]?\s*/{1,3}\s*")
_BARE_HOST = re.compile(r"(?i)^(www\d?\.)?[a-z0-9äöüß]([a-z0-9äöüß-]*[a-z0-9äöüß])?(\.[a-z0-9äöüß-]+)*\.[a-z]{2,}([/?#:].*)?$")


class TransformError(ValueError):
    """A rule's transform option cannot be used (German message without the file name)."""


def split_part(text: str, separator: str, part: int) -> str:
    parts = text.split(separator)
    index = part - 1 if part > 0 else part
    return parts[index].strip() if -len(parts) <= index < len(parts) else ""


def first_match(text: str, pattern: re.Pattern) -> str:
    found = pattern.search(text)
    if not found:
        return ""
    return (found.group(1) if pattern.groups else found.group(0)).strip()


def replace_all(text: str, replacements: tuple[tuple[re.Pattern, str], ...]) -> str:
    for pattern, replacement in replacements:
        text = pattern.sub(replacement, text)
    return text


def strip_text(text: str, characters: str = "") -> str:
    return text.strip().strip(characters).strip() if characters else text.strip()


def repair_url(text: str) -> str:
    """A web address as lists write it, made usable; text that is no address is left as it is
    (validation then reports it)."""
    text = text.strip()
    if text.lower().startswith("mailto:"):
        return text
    typo = _SCHEME_TYPO.match(text)
    if typo:
        return f"{typo.group(1).lower()}://{text[typo.end():]}"
    if _BARE_HOST.match(text):
        return f"https://{text}"
    return text


def steps(spec: dict, where: str) -> list[Step]:
    """The transforms a rule's options ask for, in :data:`ORDER`; raises TransformError."""
    out: list[Step] = []
    if "part" in spec and "split" not in spec:
        raise TransformError(f"„part“ bei {where} gehört zu „split“, z. B. „split: \",\"“ und „part: 2“.")
    if "split" in spec:
        separator, part = spec["split"], spec.get("part")
        if not isinstance(separator, str) or not separator:
            raise TransformError(f"„split“ bei {where} braucht ein Trennzeichen, z. B. „split: \",\"“.")
        if not isinstance(part, int) or isinstance(part, bool) or part == 0:
            raise TransformError(f"„split“ bei {where} braucht „part“: welcher Teil, gezählt ab 1 "
                                 "(-1 ist der letzte), z. B. „part: 2“.")
        out.append(functools.partial(split_part, separator=separator, part=part))
    if "match" in spec:
        out.append(functools.partial(first_match, pattern=_regex(spec["match"], "match", where)))
    if "replace" in spec:
        pairs = spec["replace"]
        if not isinstance(pairs, dict) or not pairs:
            raise TransformError(f"„replace“ bei {where} ordnet Muster Ersetzungen zu, "
                                 "z. B. „replace: {\"^Tel\\\\.?:?\\\\s*\": \"\"}“.")
        compiled = tuple((_regex(k, "replace", where), "" if v is None else str(v)) for k, v in pairs.items())
        out.append(functools.partial(replace_all, replacements=compiled))
    if "strip" in spec:
        chars = spec["strip"]
        if chars is not True and not isinstance(chars, str):
            raise TransformError(f"„strip“ bei {where} ist „true“ oder die Zeichen, die wegsollen, z. B. „strip: \".;\"“.")
        out.append(functools.partial(strip_text, characters="" if chars is True else chars))
    if "url" in spec:
        if not isinstance(spec["url"], bool):
            raise TransformError(f"„url“ bei {where} ist „true“ oder „false“.")
        if spec["url"]:
            out.append(repair_url)
    return out


def apply(text: str, transforms: list[Step]) -> str:
    for transform in transforms:
        text = transform(text)
    return text


def _regex(pattern, option: str, where: str) -> re.Pattern:
    if not isinstance(pattern, str) or not pattern:
        raise TransformError(f"„{option}“ bei {where} braucht einen regulären Ausdruck als Text.")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise TransformError(f"Der reguläre Ausdruck „{pattern}“ bei {where} ist fehlerhaft ({exc}).") from None
