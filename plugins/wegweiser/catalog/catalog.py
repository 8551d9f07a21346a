"""The validated, linked whole: offers, providers and vocabularies.

Built only from a validation without errors. Templates read entries through
attribute access (``offer.title``) and resolved labels (``offer.area_label``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from wegweiser.catalog import freshness
from wegweiser.catalog.card import card_texts
from wegweiser.catalog.entry_store import EntryStore
from wegweiser.content.frontmatter import SourceFile
from wegweiser.content.sanitize import render_markdown
from wegweiser.content.facets import Facet
from wegweiser.content.schema import Schemas, TableSchema, Vocabulary
from wegweiser.checks.validate import Validation
from wegweiser.i18n.content import TRANSLATIONS, Translated, translated, translated_html
from wegweiser.i18n.languages import SOURCE

URL_PATTERNS = {"offer": "angebote/{id}/", "provider": "anbieter/{id}/"}


class Entry:
    """An offer or a provider: its schema values plus what the site derives.

    Schema fields read as attributes (``offer.title``, through ``__getattr__``); what the
    site derives (``page_url``, ``entry_type``, ``provider_entry``, ``content``, …) is a real
    attribute and wins over a field of the same name, which stays in ``values``.
    """

    def __init__(self, kind: str, schema: TableSchema, src: SourceFile):
        self.entry_type = kind
        self.source = src.rel
        self.digest = src.digest
        self.values = {name: src.values.get(name) for name in schema.field_names}
        self.body = src.body
        #: per language and field: text and provenance (i18n/content.py); checked by validation
        self.translations = src.values.get(TRANSLATIONS) or {}
        html = src.derived.get("html")  # rendered during validation and cached with the file
        self.content = html if html is not None else render_markdown(src.body)
        self.page_url = URL_PATTERNS[kind].format(id=self.values["id"])
        self.provider_entry: Entry | None = None
        self.offers: list[Entry] = []
        self.stale = False
        self.soon = False

    def __getattr__(self, name):
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        raise AttributeError(name)

    def translated(self, name: str, lang: str) -> Translated:
        """Field ``name`` (or ``"description"``, the Markdown source) for a reader of ``lang``:
        text, the language it is really in (German as fallback) and its state."""
        return translated(self, name, lang)

    def translated_content(self, lang: str) -> Translated:
        """The description for a reader of ``lang`` as sanitised HTML."""
        return translated_html(self, lang)

    @property
    def save_as(self) -> str:
        return self.page_url + "index.html"

    @property
    def display_title(self) -> str:
        return self.values.get("title") or self.values.get("name") or self.values["id"]

    @property
    def letter(self) -> str:
        """Initial for the A–Z list; umlauts sort with their base letter, digits under „#“."""
        first = self.display_title[:1].upper()
        first = {"Ä": "A", "Ö": "O", "Ü": "U"}.get(first, first)
        return first if "A" <= first <= "Z" else "#"

    def __repr__(self) -> str:
        return f"<{self.entry_type} {self.values['id']}>"


@dataclass
class Catalog:
    schemas: Schemas
    today: dt.date
    offers: list[Entry] = field(default_factory=list)
    expired: list[Entry] = field(default_factory=list)
    providers: list[Entry] = field(default_factory=list)
    #: the indicator appendix (core.indicators.Monitoring), set by Project.load
    monitoring: object = None
    #: the offer images and provider logos (core.image_variants.ImageSet), set by Project.load
    images: object = None
    #: the brochure's PDFs ({language: {area or "": brochure.documents.Published}}), set by the build
    #: when WEGWEISER_BROCHURE is on
    brochures: dict = field(default_factory=dict)
    derived: dict = field(default_factory=dict, repr=False)
    #: values computed from one entry, kept across builds when the build sets a stored one
    store: EntryStore = field(default_factory=EntryStore, repr=False)
    #: WEGWEISER_LANGUAGES: the codes of the guide's languages, the source language first
    languages: tuple = (SOURCE,)

    @property
    def digest(self) -> str:
        """Changes whenever any published or expired entry changes, appears or disappears."""
        def compute():
            h = hashlib.sha256(self.today.isoformat().encode())
            for entry in self.providers + self.offers + self.expired:
                h.update(f"{entry.source}:{entry.digest}\n".encode())
            return h.hexdigest()
        return self.memo("digest", compute)

    def memo(self, key: str, compute):
        """Compute a derived artefact (search data, exports, …) once per catalog."""
        if key not in self.derived:
            self.derived[key] = compute()
        return self.derived[key]

    def card(self, offer: Entry, code: str = SOURCE) -> dict[str, str]:
        """The texts of an offer's result card in the language of ``code`` (catalog/card.py), made
        once per process and language: an offer appears in many lists."""
        cards = self.memo("cards", dict)
        key = (code, offer.values["id"])
        texts = cards.get(key)
        if texts is None:
            texts = cards[key] = card_texts(self, offer, code)
        return texts

    @property
    def vocabularies(self) -> dict[str, Vocabulary]:
        return self.schemas.vocabularies

    @property
    def facets(self) -> tuple[Facet, ...]:
        """The search filters, read from the offer schema (content/facets.py)."""
        return self.schemas.facets

    def label(self, vocabulary: str, key, lang: str = SOURCE) -> str:
        """A vocabulary value's label in ``lang`` (German where the vocabulary has none in it)."""
        vocab = self.vocabularies.get(vocabulary)
        return vocab.label(key, lang) if vocab and key else (key or "")

    def labels(self, vocabulary: str, keys, lang: str = SOURCE) -> list[str]:
        return [self.label(vocabulary, k, lang) for k in keys or []]

    def offers_by(self, field_name: str, key: str) -> list[Entry]:
        """Published offers whose (list) field contains ``key``, in catalog order."""
        def index():
            found: dict = {}
            for offer in self.offers:
                value = offer.values.get(field_name)
                for item in dict.fromkeys(value) if isinstance(value, list) else [value]:
                    try:
                        found.setdefault(item, []).append(offer)
                    except TypeError:  # not a valid key: never asked for
                        pass
            return found
        return list(self.memo(f"offers-by:{field_name}", index).get(key, []))

    def offers_for_life_situation(self, row: dict) -> list[Entry]:
        """Offers matching one of the row's target groups (if any) and topics (if any)."""
        groups, topics = set(row.get("target_groups") or []), set(row.get("topics") or [])

        def matching():
            return [
                o for o in self.offers
                if (not groups or not groups.isdisjoint(o.values.get("target_groups") or ()))
                and (not topics or not topics.isdisjoint(o.values.get("topics") or ()))
            ]
        return list(self.memo(f"life-situation:{sorted(groups)}:{sorted(topics)}", matching))

    @property
    def recently_reviewed(self) -> list[Entry]:
        """Offers newest first by their review date (new or updated entries)."""
        return sorted(self.offers, key=lambda o: (o.reviewed, o.id), reverse=True)

    @property
    def starting_soon(self) -> list[Entry]:
        return sorted((o for o in self.offers if o.soon), key=lambda o: (o.start_date, o.id))

    def place_of(self, entry: Entry) -> tuple[float, float, bool] | None:
        """(lat, lon, approximate) of an entry; without coordinates its municipality's centre."""
        if entry.lat is not None and entry.lon is not None:
            return entry.lat, entry.lon, False
        row = self.vocabularies["municipalities"].by_id.get(entry.municipality or "")
        if row and isinstance(row.get("lat"), float) and isinstance(row.get("lon"), float):
            return row["lat"], row["lon"], True
        return None

    def provider(self, key: str) -> Entry | None:
        return next((p for p in self.providers if p.values["id"] == key), None)


_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def _sort_key(entry: Entry):
    return (entry.display_title.casefold().translate(_FOLD), entry.values["id"])


def build_catalog(validation: Validation, schemas: Schemas, today: dt.date,
                  stale_months: int = freshness.DEFAULT_STALE_MONTHS,
                  soon_days: int = freshness.DEFAULT_SOON_DAYS) -> Catalog:
    """Link the entries of an error-free validation.

    Each file's values become its entry's (schema fields only, in schema order), so that the
    values as parsed are freed while the entries are made, not afterwards: the entries' values
    then take their place (a larger guide's build process kept 18 MB more at 20,000 offers).
    """
    if not validation.ok:
        raise ValueError("build_catalog needs a validation without errors")
    catalog = Catalog(schemas=schemas, today=today)
    providers = {}
    for src in validation.sources["provider"]:
        entry = Entry("provider", schemas.provider, src)
        src.values = entry.values
        entry.stale = freshness.is_stale(entry.values, today, stale_months)
        providers[entry.values["id"]] = entry
    for src in validation.sources["offer"]:
        entry = Entry("offer", schemas.offer, src)
        src.values = entry.values
        entry.provider_entry = providers[entry.values["provider"]]
        entry.stale = freshness.is_stale(entry.values, today, stale_months)
        entry.soon = freshness.is_soon(entry.values, today, soon_days)
        if freshness.expiry(entry.values, today):
            catalog.expired.append(entry)
            continue
        catalog.offers.append(entry)
        entry.provider_entry.offers.append(entry)
    catalog.offers.sort(key=_sort_key)
    catalog.providers = sorted(providers.values(), key=_sort_key)
    for provider in catalog.providers:
        provider.offers.sort(key=_sort_key)
    return catalog
