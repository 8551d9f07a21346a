"""What a printed brochure holds, as plain data: the offers grouped by Bildungsbereich and then
municipality, each as a card of German texts, and the indexes by place and by topic.

Made from the catalog (published offers only: ``catalog.offers`` never holds an expired one); the
templates under ``theme/templates/brochure/`` only lay it out. Every card, section and index entry
has an anchor, so that the contents and the indexes can name its page (CSS ``target-counter``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from wegweiser.brochure.qr import qr_image
from wegweiser.catalog.catalog import Catalog, Entry
from wegweiser.catalog.display import age_range, date_range, de_date

#: the group of offers without a municipality (online offers), after the municipalities
ONLINE = "online"


@dataclass
class Card:
    """One offer as printed: ``facts`` are (label, text) pairs, shown when the text is not empty."""

    anchor: str
    title: str
    lang: str
    provider: str
    summary: str
    facts: list[tuple[str, str]]
    url: str
    qr: str
    qr_alt: str


@dataclass
class Place:
    anchor: str
    label: str
    cards: list[Card]


@dataclass
class Section:
    """A Bildungsbereich: its offers by municipality and (optionally) its indicators."""

    id: str
    anchor: str
    label: str
    description: str
    places: list[Place]
    indicators: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(place.cards) for place in self.places)


@dataclass
class IndexEntry:
    """A line of an index: a place or a topic and the offers filed under it (title, anchor)."""

    label: str
    offers: list[tuple[str, str]]


@dataclass
class Brochure:
    lang: str
    title: str
    subtitle: str
    county: str
    stand: str
    contact: list[str]
    site_url: str
    site_qr: str
    sections: list[Section]
    by_place: list[IndexEntry]
    by_topic: list[IndexEntry]
    #: the area of a brochure of one Bildungsbereich ("" for the whole brochure)
    area: str = ""

    @property
    def count(self) -> int:
        return sum(section.count for section in self.sections)

    @property
    def indicators(self) -> bool:
        return any(section.indicators for section in self.sections)


def offer_anchor(offer: Entry) -> str:
    return f"angebot-{offer.values['id']}"


def make_brochure(catalog: Catalog, about: dict, area: str = "", lang: str = "de",
                  indicators: bool = True) -> Brochure:
    """The brochure of ``catalog`` (of one area, if given) in language ``lang``.

    ``about``: ``title``, ``subtitle``, ``county``, ``contact`` (lines) and ``site_url`` (absolute,
    without a trailing slash): what the cover says and where the QR codes lead.
    """
    site_url = about["site_url"].rstrip("/")
    areas = catalog.vocabularies["areas"].by_id
    chosen = [key for key in areas if not area or key == area]
    sections = []
    for key in chosen:
        offers = catalog.offers_by("area", key)
        if not offers:
            continue
        row = areas[key]
        shown = catalog.monitoring.for_area(key) if indicators and catalog.monitoring else []
        sections.append(Section(id=key, anchor=f"bereich-{key}", label=row.get("label") or key,
                                description=row.get("description") or "",
                                places=_places(catalog, key, offers, site_url), indicators=shown))
    printed = {c.anchor for section in sections for place in section.places for c in place.cards}
    published = [o for o in catalog.offers if offer_anchor(o) in printed]
    area_label = areas[area].get("label") if area else ""
    return Brochure(
        lang=lang, area=area,
        title=about["title"], subtitle=area_label or about.get("subtitle") or "",
        county=about.get("county") or "", stand=de_date(catalog.today), contact=list(about.get("contact") or []),
        site_url=site_url, site_qr=qr_image(site_url + "/"), sections=sections,
        by_place=_index(published, lambda o: [o.municipality or ONLINE],
                        lambda key: _place_label(catalog, key)),
        by_topic=_index(published, lambda o: o.topics or [], lambda key: catalog.label("topics", key)),
    )


def _places(catalog: Catalog, area: str, offers: list[Entry], site_url: str) -> list[Place]:
    """The offers of an area by municipality (in the vocabulary's order, online offers last)."""
    groups: dict[str, list[Entry]] = {}
    for offer in offers:
        groups.setdefault(offer.municipality or ONLINE, []).append(offer)
    order = list(catalog.vocabularies["municipalities"].by_id) + [ONLINE]
    return [Place(anchor=f"ort-{area}-{key}", label=_place_label(catalog, key),
                  cards=[card(catalog, offer, site_url) for offer in groups[key]])
            for key in sorted(groups, key=lambda k: order.index(k) if k in order else len(order))]


def _place_label(catalog: Catalog, key: str) -> str:
    return "Online" if key == ONLINE else catalog.label("municipalities", key)


def card(catalog: Catalog, offer: Entry, site_url: str) -> Card:
    """The printed card of an offer: the result card's texts (catalog/card.py) and the facts a reader
    needs without the web page: dates and schedule, cost and funding, accessibility, contact."""
    texts = catalog.card(offer)
    url = f"{site_url}/{offer.page_url}"
    cost = "; ".join(filter(None, [texts["cost"], offer.cost_note]))
    funding = ", ".join(catalog.labels("funding", offer.funding))
    contact = [offer.contact_name, offer.contact_phone and f"Tel. {offer.contact_phone}", offer.contact_email]
    # the schedule as written, else the weekdays and times of day („Mo und Mi, abends“)
    when = "; ".join(filter(None, [date_range(offer.start_date, offer.end_date), offer.schedule or texts["days"]]))
    audience = texts["audience"] or age_range(offer.age_min, offer.age_max)
    facts = [
        ("Anbieter", texts["provider"]),
        ("Ort", texts["address"] or texts["place"]),
        ("Wann", when),
        ("Kosten", cost),
        ("Förderung", funding),
        ("Für wen", audience.removeprefix("Für ")),
        ("Barrierefreiheit", ", ".join(catalog.labels("accessibility", offer.accessibility))),
        ("Anmeldung", _registration(offer)),
        ("Kontakt", ", ".join(filter(None, contact))),
    ]
    return Card(anchor=offer_anchor(offer), title=offer.title, lang=offer.title_lang or "",
                provider=texts["provider"], summary=offer.summary or "",
                facts=[(label, text) for label, text in facts if text], url=url,
                qr=qr_codes(catalog, site_url)[offer.values["id"]],
                qr_alt=f"QR-Code: Link zur Seite des Angebots „{offer.title}“ ({url})")


def qr_codes(catalog: Catalog, site_url: str) -> dict[str, str]:
    """The QR code of every published offer's page by offer id, made once per catalog (the whole
    brochure and the area's hold the same codes; made before the workers fork, they share them)."""
    def make() -> dict[str, str]:
        return {o.values["id"]: qr_image(f"{site_url}/{o.page_url}") for o in catalog.offers}
    return catalog.memo(f"brochure-qr:{site_url}", make)


def _registration(offer: Entry) -> str:
    link = offer.registration_url or ""
    link = link.removeprefix("mailto:").split("?", 1)[0] if link.startswith("mailto:") else link
    deadline = offer.values.get("registration_deadline")
    until = f"bis {de_date(deadline)}" if isinstance(deadline, dt.date) else ""
    return " ".join(filter(None, [link, until]))


def _index(offers: list[Entry], keys_of, label_of) -> list[IndexEntry]:
    """Offers filed under each of their keys, keys sorted by label, offers in catalog order."""
    filed: dict[str, list[tuple[str, str]]] = {}
    for offer in offers:
        for key in dict.fromkeys(keys_of(offer)):
            filed.setdefault(key, []).append((offer.title, offer_anchor(offer)))
    entries = [IndexEntry(label_of(key) or key, items) for key, items in filed.items()]
    return sorted(entries, key=lambda e: _folded(e.label))


def _folded(text: str) -> str:
    return text.casefold().translate(str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"}))

