"""The search data of a language besides German: an index of the offers' texts in that language,
with the German index beside it.

The offers are written in German, and a citizen reading Arabic may still know the German word
(Deutschkurs, Kita, VHS): the page of every language searches both. Its manifest
(``<code>-manifest-<hash>.json``) names the German manifest (``german``); the browser runs the
query through both and takes the offers either finds (``search-query.js``: ``combine``). The
German index is thus shipped once, not again inside each language's index: a first search from
the Arabic page loads the Arabic manifest and shard beside the German ones it would load anyway.

The language's own index holds, per offer, what is translated (:mod:`translated`): the title
(``t``), the summary (``s``), the schedule and cost note with the translated labels of its area,
topics, target groups and format (``f``) and the description (``d``), normalised with the
language's rules (:mod:`language_text`).
An offer without translations has an empty document there, and is found by its German words.
Filters and their counts are the German index's (one file for all languages); the result store is
the language's, its cards with the translated title and summary where there are (the title marked
``lang="de"`` where it is German).
"""

from __future__ import annotations

from wegweiser.catalog.card import CARD_FIELDS
from wegweiser.catalog.catalog import Catalog, Entry
from wegweiser.search.language_text import LanguageText, rules
from wegweiser.search.lunr_index import compact_shards, ref
from wegweiser.search.search_index import BOOSTS, SHARD_BYTES, STORE_CHUNK, SearchFiles, _dump, _named
from wegweiser.search.translated import Translate

#: the translated fields of an offer, by index field (see search_index.BOOSTS)
TRANSLATED = {"t": ("title",), "s": ("summary",), "f": ("schedule", "cost_note"), "d": ("description",)}


def field_texts(catalog: Catalog, offer: Entry, lang: str, translate: Translate) -> dict[str, str]:
    """The texts of an offer in ``lang``, by index field; empty where nothing is translated. The facts
    hold the labels of its area, topics, target groups and format where the vocabularies have them in
    ``lang``, and, for an offer with a translated title, its provider's name and its place."""
    texts = {name: " ".join(filter(None, (translate(offer, f, lang) for f in fields)))
             for name, fields in TRANSLATED.items()}
    facts = [own for vocabulary, keys in _labelled(offer)
             for key in keys if (own := catalog.label(vocabulary, key, lang)) != catalog.label(vocabulary, key)]
    if texts["t"]:  # the names are the same in every language
        place = catalog.label("municipalities", offer.municipality) if offer.municipality else ""
        facts = [offer.provider_entry.name, place, *facts]
    texts["f"] = " ".join(filter(None, [*facts, texts["f"]]))
    return texts


def _labelled(offer: Entry) -> list[tuple[str, list]]:
    """(vocabulary, keys) of the offer's values whose labels are translated."""
    def keys(value) -> list:
        return value if isinstance(value, list) else [value] if value else []

    return [("areas", keys(offer.area)), ("topics", keys(offer.topics)),
            ("target_groups", keys(offer.target_groups)), ("formats", keys(offer.format))]


def index_documents(catalog: Catalog, text: LanguageText, translate: Translate):
    """(ref, {field: terms}) of every published offer in catalog order, its texts in ``text``'s language."""
    for number, offer in enumerate(catalog.offers):
        texts = field_texts(catalog, offer, text.code, translate)
        yield ref(number), {name: text.terms(value) for name, value in texts.items()}


def store_row(catalog: Catalog, offer: Entry, lang: str, translate: Translate) -> list:
    """The offer's result card with its title and summary in ``lang`` where they are translated."""
    card = dict(catalog.card(offer, lang))
    title, summary = translate(offer, "title", lang), translate(offer, "summary", lang)
    card["title"], card["lang"] = (title, "") if title else (card["title"], card["lang"] or "de")
    if summary:
        card["summary"] = summary
    return [card[name] for name in CARD_FIELDS]


def _german_file(german: SearchFiles, prefix: str) -> str:
    return next(name for name in german.names() if name.startswith(prefix + "-"))


def search_files(catalog: Catalog, lang: str, translate: Translate, german: SearchFiles) -> SearchFiles:
    """The search data of ``lang`` as ``{file name: bytes}`` beside the German data ``german``."""
    text = rules(lang)
    files: dict[str, bytes] = {}
    shard_names, boundaries = [], []
    for first_term, shard in compact_shards(index_documents(catalog, text, translate), BOOSTS, SHARD_BYTES):
        data = _dump(shard)
        files[_named("s", data)] = data
        shard_names.append(_named("s", data))
        boundaries.append(first_term)
    store = [store_row(catalog, offer, lang, translate) for offer in catalog.offers]
    store_names = []
    for start in range(0, len(store), STORE_CHUNK):
        data = _dump(store[start:start + STORE_CHUNK])
        files[_named("store", data)] = data
        store_names.append(_named("store", data))
    manifest = _dump({
        "lang": lang, "text": text.manifest(), "german": german.manifest_name,
        "n": len(catalog.offers), "boundaries": boundaries, "shards": shard_names,
        "facets": _german_file(german, "facets"), "store": store_names, "chunk": STORE_CHUNK, "card": CARD_FIELDS,
        "stop": sorted(text.stop), "heads": [], "modifiers": [], "filters": [],
        "filtersets": _german_file(german, "filters"),
    })
    name = _named(f"{lang}-manifest", manifest)
    files[name] = manifest
    return SearchFiles(name, files)
