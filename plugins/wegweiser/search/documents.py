"""What the search index holds of an offer: what a citizen sees on its page, as index terms.

Four fields, boosted in this order (see ``search_index.BOOSTS``):

- ``t`` the title;
- ``s`` the summary and the summary in Leichte Sprache;
- ``f`` the facts as words: provider and its kind, venue, street (its name, as a citizen writes it:
  „Kollwitzstr. 16“ → „Kollwitzstraße“), place and postcode, area, topics,
  target groups, format, languages, accessibility, funding, "kostenlos" for free offers, the
  cost note and the schedule, with the weekdays and times of day it names (Mo–Fr 18 Uhr:
  montags … freitags, abends);
- ``d`` the Markdown description, without link targets.

Each word is indexed with its stem (:func:`search_text.terms`), the stems of its compound parts
(:mod:`compounds`) and the synonyms of the office's list (:mod:`synonyms`).
"""

from __future__ import annotations

import re

from wegweiser.search.compounds import MIN_HEAD, MIN_MODIFIER, Lexicon, part_stems, part_words, plain_parts
from wegweiser.search.search_text import STOP_WORDS, STREET_WORDS, stem, words
from wegweiser.search.synonyms import Synonyms

_LINK_TARGET = re.compile(r"\]\([^)]*\)|<[^>]*>|(?:https?://|mailto:|www\.)\S+")
_DAYS = ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"]
_DAY_ABBREVIATIONS = {day[:2]: number for number, day in enumerate(_DAYS)}
_DAY = r"(mo|di|mi|do|fr|sa|so)(?:ntag|nstag|ttwoch|nnerstag|eitag|mstag|nntag)?s?\b"
_DAY_RANGE = re.compile(_DAY + r"\s*(?:[–-]|bis)\s*" + _DAY)
_DAY_ONE = re.compile(r"\b" + _DAY)
_TIME = r"\b([012]?\d)(?::[0-5]\d)?"
_TIME_RANGE = re.compile(_TIME + r"\s*[–-]\s*[012]?\d(?::[0-5]\d)?")
_TIME_ONE = re.compile(_TIME + r"\s*uhr")
#: a house number after a street's name: „16“, „16a“, „16-18“, „16 / 18 b“
_HOUSE_NUMBER = re.compile(r"[\s,]*\d+\s*[a-zA-Z]?(?:\s*[-–/+]\s*\d+\s*[a-zA-Z]?)*\s*$")
#: „Str.“ and „str.“ as lists abbreviate „Straße“ (not „Strand“, „Strom“: only with the full stop)
_STREET_ABBREVIATION = re.compile(r"(?<=[a-zäöüß-])str\.|\bStr\.", re.IGNORECASE)


def street_name(street: str | None) -> str:
    """The name of a street as a citizen types it: without its house number, „Str.“ written out; a name of
    two words or more ending in a street word (street_words_de.txt) also with its last two joined."""
    if not street:
        return ""
    name = _STREET_ABBREVIATION.sub(lambda m: "Straße " if m.group(0)[0] == "S" else "straße ", street.strip())
    name = _HOUSE_NUMBER.sub("", name).strip()
    parts = name.split()
    if len(parts) >= 2 and words(parts[-1]) and words(parts[-1])[-1] in STREET_WORDS:
        name += " " + "".join(parts[-2:])  # „Reinickendorfer Straße“ also as one word: the query joins them too
    return name


def schedule_words(schedule: str | None) -> list[str]:
    """The weekdays and times of day a schedule text names, as words a citizen would type."""
    if not schedule:
        return []
    text = schedule.lower()
    days: set[int] = set()
    for first, last in _DAY_RANGE.findall(text):
        a, b = _DAY_ABBREVIATIONS[first], _DAY_ABBREVIATIONS[last]
        days.update(range(a, b + 1) if a <= b else ())
    days.update(_DAY_ABBREVIATIONS[d] for d in _DAY_ONE.findall(text))
    out = [_DAYS[d] for d in sorted(days)]
    if days & {5, 6}:
        out.append("wochenende")
    starts = _TIME_RANGE.findall(text) + _TIME_ONE.findall(_TIME_RANGE.sub(" ", text))
    for hour in sorted({int(h) for h in starts if int(h) <= 23}):
        part = "vormittags" if hour < 12 else "nachmittags" if hour < 17 else "abends"
        if part not in out:
            out.append(part)
    return out


def field_texts(catalog, offer) -> dict[str, str]:
    """The text of each field of an offer, before normalisation."""
    def labels(vocabulary: str, keys) -> str:
        keys = keys if isinstance(keys, list) else [keys] if keys else []
        return " ".join(catalog.labels(vocabulary, keys))

    provider = offer.provider_entry
    facts = [
        provider.name, labels("provider_kinds", provider.kind), offer.venue, street_name(offer.street), offer.postcode,
        labels("municipalities", offer.municipality), labels("areas", offer.area), labels("topics", offer.topics),
        labels("target_groups", offer.target_groups), labels("formats", offer.format),
        labels("languages", [lang for lang in offer.languages or [] if lang != "de"]),
        labels("accessibility", offer.accessibility), labels("funding", offer.funding),
        "kostenlos" if offer.cost_eur == 0 else None, offer.cost_note, offer.schedule,
        " ".join(schedule_words(offer.schedule)),
    ]
    return {
        "t": offer.title or "",
        "s": " ".join(filter(None, [offer.summary, offer.easy_summary])),
        "f": " ".join(filter(None, facts)),
        "d": _LINK_TARGET.sub(" ", offer.body or ""),
    }


def text_terms(text: str, lexicon: Lexicon | None, synonyms: Synonyms, splits: tuple[set, set]) -> list[str]:
    """Index terms of a text: each word's stem, then the stems of its compound parts (without a
    lexicon: none), then the synonyms of both. ``splits`` collects the heads and modifiers the
    compounds rest on."""
    sequence, stems, parts, written = [], [], [], []
    for word in words(text):
        if word in STOP_WORDS:
            continue
        sequence.append(word)
        stems.append(stem(word))
        if lexicon is not None and len(word) >= MIN_MODIFIER + MIN_HEAD:
            tree = lexicon.split(word)
            if tree is not None:
                parts += part_stems(tree)
                written += part_words(tree)
                plain_parts(tree, *splits)
    present = set(stems).union(parts)
    return stems + parts + [t for t in synonyms.expand(sequence, written) if t not in present]


def document_terms(catalog, offer, lexicon: Lexicon, synonyms: Synonyms) -> dict:
    """{field: terms} of an offer, and under ``heads`` and ``modifiers`` what its compounds rest on."""
    heads: set[str] = set()
    modifiers: set[str] = set()
    out: dict = {name: text_terms(text, lexicon, synonyms, (heads, modifiers))
                 for name, text in field_texts(catalog, offer).items()}
    out["heads"], out["modifiers"] = sorted(heads), sorted(modifiers)
    return out
