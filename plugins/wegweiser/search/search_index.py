"""The search data the browser loads: a lunr index split into term shards, facets, a result store.

Nothing here is loaded by any page except ``/suche/`` and only once the search is used.
The browser downloads

- ``manifest-<hash>.json``: which shard holds which terms, where facets and store live, the
  fields of a store row and the stop words (the query drops the words the index left out);
- the shard(s) holding the query's terms (each a lunr index over those terms, in compact form);
- ``facets-<hash>.json``: one compact column per filter, for filters and their counts;
- ``filters-<hash>.json``: for each word that names a filter, the offers passing it as a bit set;
- the store chunk(s) holding the rows of the results shown: each offer's result card, its texts
  formatted in Python (catalog/card.py), in the order the manifest's ``card`` names.

Documents are numbered in catalog order (alphabetical); the number in base 36 is the lunr ref.
What is indexed of an offer is :mod:`documents`' business. Texts are normalised by
:mod:`search_text` before indexing, so the index has an empty pipeline and the browser applies
the same normalisation (``search-text.js``) before querying. The manifest also carries the heads
and modifiers the content's compounds rest on (:mod:`compounds`: the browser splits query words
with them) and the words that name a filter (:mod:`filter_words`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from wegweiser.catalog.card import CARD_FIELDS
from wegweiser.catalog.catalog import Catalog, Entry
from wegweiser.i18n.languages import SOURCE
from wegweiser.search import documents
from wegweiser.search.compounds import Lexicon, lexicon
from wegweiser.search.filter_words import filter_sets, filter_words
from wegweiser.search.lunr_index import compact_shards, ref
from wegweiser.search.search_text import REQUEST_WORDS, STOP_WORDS, STREET_WORDS
from wegweiser.search.synonyms import Synonyms

#: where the search data is published, below the site's root (theme/templates/search.html loads it)
SEARCH_FOLDER = "suche/daten"
#: a shard's size in lunr's serialised form; shipped compact (lunr_index.compact_shards), it is about a fifth
SHARD_BYTES = 60_000
STORE_CHUNK = 25
EPOCH = dt.date(1970, 1, 1)
#: title above summary above facts above description (see documents.py)
BOOSTS = {"t": 8, "s": 4, "f": 2, "d": 1}


def word_list(catalog: Catalog) -> Lexicon:
    """The compound splitter's word list, kept next to the entry store when the build has one."""
    folder = catalog.store.folder
    return lexicon(folder.parent if folder else None)


def synonyms(catalog: Catalog) -> Synonyms:
    vocabulary = catalog.vocabularies.get("synonyms")
    return catalog.memo("search-synonyms", lambda: Synonyms.from_rows(vocabulary.rows if vocabulary else []))


def index_documents(catalog: Catalog):
    """(ref, {field: terms}) of every published offer, in catalog order."""
    for number, offer in enumerate(catalog.offers):
        yield ref(number), document_terms(catalog, offer)


def document_terms(catalog: Catalog, offer: Entry) -> dict:
    return catalog.store.get("search-terms", offer, lambda: _document_terms(catalog, offer))


def _document_terms(catalog: Catalog, offer: Entry) -> dict:
    return documents.document_terms(catalog, offer, word_list(catalog), synonyms(catalog))


def _days(value) -> int | None:
    return (value - EPOCH).days if isinstance(value, dt.date) else None


def _facet_keys(catalog: Catalog) -> dict[str, list]:
    """Each filter's vocabulary ids, in vocabulary order, by the filter's URL parameter."""
    return {facet.parameter: list(catalog.vocabularies[facet.vocabulary].by_id) for facet in catalog.facets}


def offer_facets(catalog: Catalog, offer: Entry) -> tuple[list, list]:
    """An offer's filter values (see :func:`_facets`), kept per offer across builds: the
    vocabularies it depends on are part of the store's key."""
    return catalog.store.get("search-facets", offer, lambda: _offer_facets(catalog, offer))


def _offer_facets(catalog: Catalog, offer: Entry) -> tuple[list, list]:
    position, centres = catalog.memo("search-facet-positions", lambda: (
        {name: {key: i for i, key in enumerate(ids)} for name, ids in _facet_keys(catalog).items()},
        {row["id"]: row for row in catalog.vocabularies["municipalities"].rows}))
    return _facets(catalog, offer, position, centres)


def build_facets(catalog: Catalog) -> dict:
    """Column-wise filter data: vocabulary ids once, then one small integer (list) per offer."""
    keys = _facet_keys(catalog)
    columns: dict[str, list] = {name: [] for name in keys}
    cost, age, start, end, geo = [], [], [], [], []
    for offer in catalog.offers:
        values, numbers = offer_facets(catalog, offer)
        for name, value in zip(keys, values):
            columns[name].append(value)
        for column, value in zip((cost, age, start, end, geo), numbers):
            column.append(value)
    return {"n": len(catalog.offers), "keys": keys, "columns": columns,
            "cost": cost, "age": age, "start": start, "end": end, "geo": geo}


def _facets(catalog: Catalog, offer: Entry, position: dict, centres: dict) -> tuple[list, list]:
    """An offer's filter values in the order of the filters (catalog.facets), then cost, age, start, end
    and place."""
    values = []
    for facet in catalog.facets:
        value, ids = offer.values.get(facet.field), position[facet.parameter]
        if isinstance(value, list):
            values.append([ids[v] for v in value if v in ids])
        else:
            values.append(ids.get(value, -1))
    return values, [offer.cost_eur, age_ranges(catalog, offer) or 0, _days(offer.start_date), _days(offer.end_date),
                    location(offer, centres)]


def age_ranges(catalog: Catalog, offer: Entry) -> list[list]:
    """The ages an offer is for, as ``[[min, max], …]`` (``None``: open): its own range, else the ranges
    of its values in the vocabularies that give ages (target groups: „Jugendliche“ 10 to 17); none
    when neither says, so that the age filter passes an offer only when something says it fits."""
    if offer.age_min is not None or offer.age_max is not None:
        return [[offer.age_min, offer.age_max]]
    ranges = []
    for facet in catalog.facets:
        vocabulary = catalog.vocabularies[facet.vocabulary]
        if not {"age_min", "age_max"} <= set(vocabulary.schema.by_name):
            continue
        value = offer.values.get(facet.field)
        for key in value if isinstance(value, list) else [value] if value else []:
            row = vocabulary.by_id.get(key, {})
            low, high = row.get("age_min"), row.get("age_max")
            if isinstance(low, int) or isinstance(high, int):
                ranges.append([low if isinstance(low, int) else None, high if isinstance(high, int) else None])
    return ranges


def location(offer: Entry, centres: dict) -> list | int:
    """[lat, lon, approximate] in thousandths of a degree (about 100 m); 0 for offers without a place.

    Offers without coordinates get their municipality's centre, marked approximate (1).
    """
    if offer.lat is not None and offer.lon is not None:
        return [round(offer.lat * 1000), round(offer.lon * 1000), 0]
    centre = centres.get(offer.municipality) if offer.municipality else None
    if centre and isinstance(centre.get("lat"), float) and isinstance(centre.get("lon"), float):
        return [round(centre["lat"] * 1000), round(centre["lon"] * 1000), 1]
    return 0


def build_store(catalog: Catalog, code: str = SOURCE) -> list[list]:
    """The result cards of all offers in the language of ``code``."""
    return [store_row(catalog, offer, code) for offer in catalog.offers]


def store_row(catalog: Catalog, offer: Entry, code: str = SOURCE) -> list:
    return catalog.store.get(_store_namespace(code), offer, lambda: _store_row(catalog, offer, code))


def _store_namespace(code: str) -> str:
    """Where the entry store keeps an offer's card in a language."""
    return f"search-store:{code}"


def _store_row(catalog: Catalog, offer: Entry, code: str) -> list:
    """The offer's result card, its texts in CARD_FIELDS order (the manifest names them)."""
    card = catalog.card(offer, code)
    return [card[name] for name in CARD_FIELDS]


def compound_parts(catalog: Catalog) -> tuple[list[str], list[str]]:
    """The heads and modifiers that the compounds of all offers rest on, sorted."""
    heads: set[str] = set()
    modifiers: set[str] = set()
    for offer in catalog.offers:
        found = document_terms(catalog, offer)
        heads.update(found["heads"])
        modifiers.update(found["modifiers"])
    return sorted(heads), sorted(modifiers)


def _dump(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _named(prefix: str, data: bytes) -> str:
    return f"{prefix}-{hashlib.sha256(data).hexdigest()[:10]}.json"


@dataclass
class SearchFiles:
    manifest_name: str
    #: name -> bytes of the files to write
    files: dict[str, bytes]
    #: names of files kept as the previous build wrote them (see Incremental.restore_search)
    kept: list[str] = field(default_factory=list)
    #: names of files given out by :meth:`hand_out`
    handed: list[str] = field(default_factory=list)
    #: the manifests of the other languages' search data by language code (search pages name them)
    manifests: dict[str, str] = field(default_factory=dict)

    def names(self) -> list[str]:
        return sorted([*self.files, *self.kept, *self.handed])

    def hand_out(self) -> Iterator[tuple[str, bytes]]:
        """(name, bytes) of each file to write, not kept here once given out (22 MB at 20,000 offers,
        which the files written after these would need on top)."""
        while self.files:
            name = next(iter(self.files))
            self.handed.append(name)
            yield name, self.files.pop(name)


def search_files(catalog: Catalog) -> SearchFiles:
    """All search data as ``{file name: bytes}``, content-addressed, plus the manifest's name."""
    files: dict[str, bytes] = {}
    shard_names, boundaries = [], []
    for first_term, shard in compact_shards(index_documents(catalog), BOOSTS, SHARD_BYTES):
        data = _dump(shard)
        name = _named("s", data)
        files[name] = data
        shard_names.append(name)
        boundaries.append(first_term)
    facet_data = build_facets(catalog)
    facets = _dump(facet_data)
    facets_name = _named("facets", facets)
    files[facets_name] = facets
    words = filter_words(catalog, synonyms(catalog))
    filters = _dump(filter_sets(words, facet_data))
    filters_name = _named("filters", filters)
    files[filters_name] = filters
    store = build_store(catalog)
    store_names = []
    for start in range(0, len(store), STORE_CHUNK):
        data = _dump(store[start:start + STORE_CHUNK])
        name = _named("store", data)
        files[name] = data
        store_names.append(name)
    heads, modifiers = compound_parts(catalog)
    manifest = _dump({
        "n": len(catalog.offers), "boundaries": boundaries, "shards": shard_names,
        "facets": facets_name, "store": store_names, "chunk": STORE_CHUNK, "card": CARD_FIELDS,
        "stop": sorted(STOP_WORDS), "heads": heads, "modifiers": modifiers, "filters": words,
        "filtersets": filters_name, "request": sorted(REQUEST_WORDS), "streets": sorted(STREET_WORDS),
    })
    manifest_name = _named("manifest", manifest)
    files[manifest_name] = manifest
    return SearchFiles(manifest_name, files)


def search_key(catalog: Catalog) -> str:
    """A digest of everything the search data is made from besides code, settings, data folder and
    date: each published offer's terms, filter values and result row, in catalog order. Some
    changes to an offer (its contact, registration link, image, …) leave it unchanged, and the
    previous search data is kept; each offer's part is kept across builds like the values it is
    made from."""
    h = hashlib.sha256(f"{len(catalog.offers)}\n".encode())
    for offer in catalog.offers:
        h.update(catalog.store.get("search-digest", offer, lambda offer=offer: _offer_digest(catalog, offer)))
    return h.hexdigest()


def _offer_digest(catalog: Catalog, offer: Entry) -> bytes:
    """Made from the offer's values, which are kept for this build without reading the stored ones
    (a changed offer whose search values stay the same needs none of the other offers')."""
    parts = (_document_terms(catalog, offer), _offer_facets(catalog, offer), _store_row(catalog, offer, SOURCE))
    for namespace, value in zip(("search-terms", "search-facets", _store_namespace(SOURCE)), parts):
        catalog.store.put(namespace, offer, value)
    return hashlib.sha256(_dump(parts)).digest()


def catalog_search_files(catalog: Catalog, lang: str = SOURCE) -> SearchFiles:
    """The search data of a catalog in a language (German: the source), built once and shared by the
    search page and the file writer. Another language's data stands beside the German data
    (:mod:`language_index`), its texts the content translations (:func:`translated.translated`)."""
    if lang == SOURCE:
        return catalog.memo("search", lambda: search_files(catalog))
    from wegweiser.search import language_index
    from wegweiser.search.translated import translated

    german = catalog_search_files(catalog)
    return catalog.memo(f"search-{lang}", lambda: language_index.search_files(catalog, lang, translated, german))
