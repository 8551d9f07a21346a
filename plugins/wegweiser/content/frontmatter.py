"""Split a content file into YAML front matter and Markdown body.

Front matter is composed node by node so that every key keeps its line, and so
that text fields keep the exact characters written (``01234`` stays a postcode,
``no`` stays a word). Everything that goes wrong becomes a finding.
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wegweiser.checks.findings import Finding
from wegweiser.checks.messages import finding

MAX_FILE_BYTES = 1_000_000
# libyaml's parser when PyYAML has it (it does in the official wheels): ten times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DELIMITER = "---"
_NULLS = {"", "~", "null", "Null", "NULL"}
#: the one key whose value is a tree: the translations of the text fields, per language and field
#: (checked by wegweiser.i18n.provenance); each of its keys keeps its line as a dotted path
#: (``translations.en.title.text``)
TRANSLATIONS = "translations"


@dataclass
class SourceFile:
    """One parsed content file."""

    path: Path
    rel: str
    values: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 0
    dropped: set = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    digest: str = ""  # SHA-256 of the file's bytes: what incremental builds compare
    #: results computed from this file alone (row checks, rendered body), cached with it
    derived: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(f.is_error for f in self.findings)

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)


class _Constructor(yaml.constructor.SafeConstructor):
    """Safe constructor with YAML 1.2-like booleans (only true/false)."""


def _construct(node):
    constructor = _Constructor()
    return constructor.construct_object(node, deep=True)


def read_source(path: Path, rel: str, string_fields: set[str] | frozenset = frozenset()) -> SourceFile:
    """Read ``path``; ``string_fields`` keep their literal text instead of YAML's guess."""
    src = SourceFile(path=path, rel=rel)
    text = read_text(src)
    if text is not None:
        _split(src, text, string_fields)
    return src


def read_text(src: SourceFile) -> str | None:
    """The text of ``src.path`` with Unix line ends (its digest noted), or None with a finding on
    ``src`` when it is too large, unreadable or not UTF-8."""
    path, rel = src.path, src.rel
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            size = f"{path.stat().st_size / 1_000_000:.1f} MB"
            src.findings.append(finding("too-large", rel, value=size, limit="1 MB"))
            return None
        raw = path.read_bytes()
        src.digest = hashlib.sha256(raw).hexdigest()
    except OSError as exc:
        src.findings.append(finding("unreadable", rel, value=exc.strerror or str(exc)))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        src.findings.append(
            finding("encoding", rel, value=f"0x{raw[exc.start]:02x}", position=exc.start, line=line)
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split(src: SourceFile, text: str, string_fields) -> None:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != DELIMITER:
        src.findings.append(finding("front-matter-missing", src.rel, line=1))
        return
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (DELIMITER, "...")), None)
    if end is None:
        src.findings.append(finding("front-matter-unclosed", src.rel, line=len(lines)))
        return
    header = "\n".join(lines[1:end])
    src.body = "\n".join(lines[end + 1 :]).strip("\n")
    src.body_line = end + 2
    _parse_header(src, header, string_fields)


def _parse_header(src: SourceFile, header: str, string_fields) -> None:
    offset = 1  # the header starts on line 2 of the file
    for number, line in enumerate(header.split("\n"), start=offset + 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            src.findings.append(finding("yaml-tab", src.rel, line=number, column=indent.index("\t") + 1))
            return
    deep = _too_deep(header)
    if deep is not None:  # composing it would overflow the stack and crash the process
        src.findings.append(finding("yaml-too-deep", src.rel, line=deep + offset, limit=MAX_DEPTH))
        return
    try:
        node = yaml.compose(header, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        unclosed = _unclosed_quote(header)
        if unclosed:
            number, quote = unclosed
            src.findings.append(finding("yaml-unclosed-quote", src.rel, value=quote, line=number + offset))
            return
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "unbekannter Fehler"
        src.findings.append(
            finding("yaml-syntax", src.rel, value=_german_problem(problem), line=line, column=column)
        )
        return
    except yaml.YAMLError as exc:
        # e.g. a reader error (control character): it knows the position, not the line
        position = getattr(exc, "position", None)
        line = header[:position].count("\n") + 1 + offset if isinstance(position, int) else offset + 1
        src.findings.append(finding("yaml-syntax", src.rel, value=_german_problem(str(exc)), line=line))
        return
    if node is None:
        src.findings.append(finding("front-matter-empty", src.rel, line=offset + 1))
        return
    if not isinstance(node, yaml.MappingNode):
        src.findings.append(finding("front-matter-not-mapping", src.rel, line=node.start_mark.line + 1 + offset))
        return
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1 + offset
        if not isinstance(key_node, yaml.ScalarNode):
            src.findings.append(finding("front-matter-not-mapping", src.rel, line=line))
            continue
        key = sys.intern(key_node.value)  # the same few field names in every file: stored once
        if key in src.lines:
            src.findings.append(
                finding("duplicate-key", src.rel, field=key, line=line, first_line=src.lines[key])
            )
            continue
        src.lines[key] = line
        try:
            if key == TRANSLATIONS:
                value = _tree(src, value_node, key, offset)
            else:
                value = _value(value_node, key in string_fields)
        except _Nested:
            src.dropped.add(key)
            src.findings.append(finding("nested-value", src.rel, field=key, line=line))
            continue
        if isinstance(value, float) and not math.isfinite(value):  # .nan, .inf: no limit can judge them
            src.dropped.add(key)
            src.findings.append(finding("not-finite", src.rel, field=key, value=value_node.value, line=line))
            continue
        src.values[key] = value


#: nesting deeper than this is refused before composing (front matter is flat anyway)
MAX_DEPTH = 20
_NESTING = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_NESTING_END = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _too_deep(header: str) -> int | None:
    """Line (within the header) where nesting exceeds MAX_DEPTH, or None.

    libyaml's parser is iterative, its composer recursive: a few kilobytes of ``[[[[…``
    would crash the process. Only headers with many brackets or dashes are parsed twice.
    """
    if header.count("[") + header.count("{") + header.count("-") + header.count("?") < 4 * MAX_DEPTH:
        return None
    depth = 0
    try:
        for event in yaml.parse(header, Loader=_LOADER):
            if isinstance(event, _NESTING):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, _NESTING_END):
                depth -= 1
    except yaml.YAMLError:
        return None  # composing reports the syntax error
    return None


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+|[\w-]+:\s+)(["'])(.*)$""")


def _unclosed_quote(header: str):
    """(line within header, quote) of a quoted value that does not end on its line."""
    for number, line in enumerate(header.split("\n"), start=1):
        match = _QUOTED_VALUE.match(line)
        if not match:
            continue
        quote, rest = match.groups()
        rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in rest:
            return number, quote
    return None


class _Nested(Exception):
    pass


def _value(node, literal: bool):
    """Plain value of a node: scalar, or a flat list of scalars."""
    if isinstance(node, yaml.SequenceNode):
        items = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode):
                raise _Nested
            items.append(_scalar(item, literal=True))
        return [i for i in items if i is not None]
    if isinstance(node, yaml.MappingNode):
        raise _Nested
    return _scalar(node, literal)


def _tree(src: SourceFile, node, path: str, offset: int):
    """A tree of mappings, lists and literal texts (every scalar as written, ``None`` for null); each
    key's line noted under its dotted path, a repeated key a finding (its later value ignored)."""
    if isinstance(node, yaml.MappingNode):
        tree = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            line = key_node.start_mark.line + 1 + offset
            if key in tree:
                src.findings.append(finding("duplicate-key", src.rel, field=f"{path}.{key}", line=line,
                                            first_line=src.lines.get(f"{path}.{key}")))
                continue
            src.lines[f"{path}.{key}"] = line
            tree[key] = _tree(src, value_node, f"{path}.{key}", offset)
        return tree
    if isinstance(node, yaml.SequenceNode):
        return [_tree(src, item, path, offset) for item in node.value]
    return _scalar(node, literal=True)


#: short texts (ids of providers and vocabulary entries, dates as text) repeat across files:
#: interned, they are kept once in memory and in the parse cache
_INTERN_UP_TO = 40


def _scalar(node, literal: bool):
    if node.tag == "tag:yaml.org,2002:null" or (not node.style and node.value in _NULLS):
        return None
    if literal:
        return sys.intern(node.value) if len(node.value) <= _INTERN_UP_TO else node.value
    if node.tag == "tag:yaml.org,2002:bool" and node.value not in ("true", "false", "True", "False", "TRUE", "FALSE"):
        return node.value  # YAML 1.1 "yes/no/on/off" stay words
    try:
        return _construct(node)
    except (yaml.YAMLError, ValueError, OverflowError):
        return node.value  # e.g. 2027-13-01: left as text for the type check to report


_PROBLEMS = {
    "found character '\\t' that cannot start any token": "Tabulatorzeichen sind nicht erlaubt",
    "mapping values are not allowed here": "Doppelpunkt an unerwarteter Stelle (Text mit „:“ in Anführungszeichen setzen)",
    "found unexpected end of stream": "Datei endet mitten in einem Wert (Anführungszeichen nicht geschlossen?)",
    "could not find expected ':'": "Doppelpunkt nach dem Feldnamen fehlt",
    "expected <block end>, but found '<block mapping start>'": "Einrückung stimmt nicht",
    "found undefined alias": "unbekannter Verweis mit *",
    # libyaml's wording of the same and further problems
    "mapping values are not allowed in this context": "Doppelpunkt an unerwarteter Stelle (Text mit „:“ in Anführungszeichen setzen)",
    "did not find expected ',' or ']'": "eine Liste [a, b] wird nicht mit „]“ geschlossen",
    "did not find expected ',' or '}'": "geschweifte Klammer „{“ wird nicht geschlossen",
    "did not find expected key": "Einrückung stimmt nicht oder ein Feldname fehlt",
    "did not find expected '-' indicator": "Einrückung einer Liste stimmt nicht",
    "did not find expected <document start>": "unerwarteter Inhalt (z. B. eine Zeile, die mit „%“ beginnt)",
    "did not find expected node content": "ein Wert fehlt oder beginnt mit einem nicht erlaubten Zeichen",
    "found character that cannot start any token": "ein Wert beginnt mit @ oder `: setzen Sie ihn in Anführungszeichen",
    "found a tab character": "Tabulatorzeichen sind nicht erlaubt",
    "found unknown escape character": "unbekanntes Zeichen nach „\\“ in Anführungszeichen",
    "found invalid Unicode character escape code": "ungültiger Zeichencode nach „\\u“ in Anführungszeichen",
    "found undefined tag handle": "unbekannte Markierung mit „!“",
    "found duplicate anchor": "ein Anker mit „&“ ist doppelt",
    "block sequence entries are not allowed in this context": "Listenpunkt „- “ an unerwarteter Stelle",
    "unacceptable character": "die Datei enthält Steuerzeichen (z. B. ein Nullbyte)",
}


def _german_problem(problem: str) -> str:
    for english, german in _PROBLEMS.items():
        if problem.startswith(english):
            return german
    return f"Syntaxfehler ({problem})"
