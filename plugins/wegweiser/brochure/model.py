"""What a printed brochure holds, as plain data: the offers grouped by Bildungsbereich and then
municipality, each as a card, and the indexes by place and by topic — in one of the guide's languages.

Made from the catalog (published offers only: ``catalog.offers`` never holds an expired one); the
templates under ``theme/templates/brochure/`` only lay it out. Every card, section and index entry
has an anchor, so that the contents and the indexes can name its page (CSS ``target-counter``).

The texts are those of the site's pages in that language: an offer's translated fields where it has
them (``i18n.content.translated``), the vocabularies' ``label_<code>`` columns, dates and prices after
the CLDR, the words through the interface's gettext catalogs. What is German in a brochure of another
language (a field without translation, a label without one, a contact's name) is a *piece* marked
``"de"``, which the templates write with ``lang="de"``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from wegweiser.brochure.qr import qr_image
from wegweiser.catalog.catalog import Catalog, Entry
from wegweiser.catalog.display import age_range, date_range, local_date
from wegweiser.i18n.catalogs import translations
from wegweiser.i18n.content import translated, translated_label
from wegweiser.i18n.languages import SOURCE, language

#: the group of offers without a municipality (online offers), after the municipalities
ONLINE = "online"

#: a text and the language it is in where that is not the brochure's ("de"), else "" — or DATA
Piece = tuple[str, str]
#: the mark of a piece that is written left to right in every language: a phone number, an e-mail address
DATA = "data"
#: comma and semicolon between the parts of a fact, in Arabic script („،“, „؛“) or Latin and Cyrillic
_SEPARATORS = {"rtl": ("، ", "؛ "), "ltr": (", ", "; ")}


@dataclass
class Card:
    """One offer as printed: ``facts`` are (label, pieces) pairs, shown when there are pieces."""

    anchor: str
    title: str
    #: the title's language where it is not the brochure's
    lang: str
    provider: str
    summary: str
    summary_lang: str
    facts: list[tuple[str, list[Piece]]]
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
    #: the label's language where it is not the brochure's
    label_lang: str = ""

    @property
    def count(self) -> int:
        return sum(len(place.cards) for place in self.places)


@dataclass
class IndexEntry:
    """A line of an index: a place or a topic and the offers filed under it (title, anchor, language)."""

    label: str
    offers: list[tuple[str, str, str]]
    label_lang: str = ""


@dataclass
class Brochure:
    lang: str
    title: str
    subtitle: str
    county: str
    stand: str
    #: lines of the cover's contact, each of pieces
    contact: list[list[Piece]]
    site_url: str
    #: the address of the brochure's language's home page (the site's root for German, else /<code>/)
    home: str
    site_qr: str
    sections: list[Section]
    by_place: list[IndexEntry]
    by_topic: list[IndexEntry]
    #: the area of a brochure of one Bildungsbereich ("" for the whole brochure)
    area: str = ""
    #: "ltr" or "rtl", the writing direction of the brochure's language
    dir: str = "ltr"
    #: the subtitle's language where it is not the brochure's
    subtitle_lang: str = ""

    @property
    def count(self) -> int:
        return sum(section.count for section in self.sections)

    @property
    def indicators(self) -> bool:
        return any(section.indicators for section in self.sections)

    @property
    def german(self) -> str:
        """The mark of a German text in this brochure: "de" in another language, "" in German."""
        return "" if self.lang == SOURCE else SOURCE


def offer_anchor(offer: Entry) -> str:
    return f"angebot-{offer.values['id']}"


def make_brochure(catalog: Catalog, about: dict, area: str = "", lang: str = SOURCE,
                  indicators: bool = True) -> Brochure:
    """The brochure of ``catalog`` (of one area, if given) in language ``lang``.

    ``about``: ``title``, ``subtitle``, ``county``, ``author``, ``email``, ``advice`` (name, phone) and
    ``site_url`` (absolute, without a trailing slash): what the cover says and where the QR codes lead.
    """
    site_url = about["site_url"].rstrip("/")
    german = "" if lang == SOURCE else SOURCE
    home = f"{site_url}/{language(lang).prefix}"
    areas = catalog.vocabularies["areas"].by_id
    sections = []
    for key in [key for key in areas if not area or key == area]:
        offers = catalog.offers_by("area", key)
        if not offers:
            continue
        label = translated_label(areas[key], lang)
        shown = catalog.monitoring.for_area(key) if indicators and catalog.monitoring else []
        sections.append(Section(id=key, anchor=f"bereich-{key}", label=label.text or key, label_lang=_mark(label),
                                description=areas[key].get("description") or "",
                                places=_places(catalog, key, offers, home, lang), indicators=shown))
    printed = {c.anchor for section in sections for place in section.places for c in place.cards}
    published = [o for o in catalog.offers if offer_anchor(o) in printed]
    subtitle, subtitle_lang = _subtitle(catalog, about, area, lang)
    return Brochure(
        lang=lang, area=area, dir=language(lang).direction,
        title=about["title"], subtitle=subtitle, subtitle_lang=subtitle_lang,
        county=about.get("county") or "", stand=local_date(catalog.today, code=lang),
        contact=_contact(about, lang, german), site_url=site_url, home=home, site_qr=qr_image(home), sections=sections,
        by_place=_index(catalog, published, lang, lambda o: [o.municipality or ONLINE],
                        lambda key: (_place_label(catalog, key, lang), "")),
        by_topic=_index(catalog, published, lang, lambda o: o.topics or [],
                        lambda key: _label_piece(catalog, "topics", key, lang)),
    )


def _subtitle(catalog: Catalog, about: dict, area: str, lang: str) -> Piece:
    """The area's label, or the guide's subtitle (SITESUBTITLE through the catalog: German where the
    catalog does not translate it)."""
    if area:
        return _label_piece(catalog, "areas", area, lang)
    german = about.get("subtitle") or ""
    text = translations(lang).gettext(german) if german else ""
    return text, SOURCE if german and lang != SOURCE and text == german else ""


def _contact(about: dict, lang: str, german: str) -> list[list[Piece]]:
    """The office, its e-mail and its advice line's phone: names German, the words translated."""
    t = translations(lang)
    advice = about.get("advice") or {}
    lines = [[(about.get("author") or "", german)], [(about.get("email") or "", DATA)]]
    if advice.get("name") and advice.get("phone"):
        lines.append([(advice["name"], german), (": " + t.gettext("Tel.") + " ", ""), (advice["phone"], DATA)])
    return [line for line in lines if all(text for text, _ in line)]


def _mark(found) -> str:
    """"de" for a German text shown in another language (a fallback), else ""."""
    return SOURCE if found.fallback else ""


def _label_piece(catalog: Catalog, vocabulary: str, key: str, lang: str) -> Piece:
    row = catalog.vocabularies[vocabulary].by_id.get(key) if vocabulary in catalog.vocabularies else None
    if row is None:
        return key, ""
    found = translated_label(row, lang)
    return found.text or key, _mark(found)


def _labels(catalog: Catalog, vocabulary: str, keys, lang: str) -> list[Piece]:
    return _joined(_comma(lang), [_label_piece(catalog, vocabulary, key, lang) for key in keys or []])


def _comma(lang: str, semicolon: bool = False) -> str:
    return _SEPARATORS[language(lang).direction][semicolon]


def _joined(separator: str, pieces: list[Piece]) -> list[Piece]:
    """The pieces that have text, with ``separator`` between them."""
    shown = [piece for piece in pieces if piece[0]]
    result: list[Piece] = []
    for piece in shown:
        if result:
            result.append((separator, ""))
        result.append(piece)
    return result


def _places(catalog: Catalog, area: str, offers: list[Entry], home: str, lang: str) -> list[Place]:
    """The offers of an area by municipality (in the vocabulary's order, online offers last)."""
    groups: dict[str, list[Entry]] = {}
    for offer in offers:
        groups.setdefault(offer.municipality or ONLINE, []).append(offer)
    order = list(catalog.vocabularies["municipalities"].by_id) + [ONLINE]
    return [Place(anchor=f"ort-{area}-{key}", label=_place_label(catalog, key, lang),
                  cards=[card(catalog, offer, home, lang) for offer in groups[key]])
            for key in sorted(groups, key=lambda k: order.index(k) if k in order else len(order))]


def _place_label(catalog: Catalog, key: str, lang: str = SOURCE) -> str:
    """A municipality's name (a name: the same in every language), or „Online“ in the language."""
    if key == ONLINE:
        return catalog.label("formats", ONLINE, lang) if "formats" in catalog.vocabularies else "Online"
    return catalog.label("municipalities", key)


def card(catalog: Catalog, offer: Entry, home: str, lang: str = SOURCE) -> Card:
    """The printed card of an offer: the result card's texts (catalog/card.py) and the facts a reader
    needs without the web page: dates and schedule, cost and funding, accessibility, contact. ``home``:
    the address of the language's home page (with its trailing slash), below which its page is."""
    t = translations(lang)
    german = "" if lang == SOURCE else SOURCE
    texts = catalog.card(offer, lang)
    url = f"{home}{offer.page_url}"
    schedule, cost_note = translated(offer, "schedule", lang), translated(offer, "cost_note", lang)
    # the schedule as written, else the weekdays and times of day („Mo und Mi, abends“)
    when = _joined(_comma(lang, True), [(date_range(offer.start_date, offer.end_date, lang), ""),
                          (schedule.text, _mark(schedule)) if schedule.text else (texts["days"], "")])
    groups = _labels(catalog, "target_groups", offer.target_groups, lang)
    ages = age_range(offer.age_min, offer.age_max, lang)
    audience = groups + [(f" ({ages})" if groups else ages, "")] if ages else groups
    facts = [
        # a provider's name is German („… e. V.“): marked, and so kept in its order in a right-to-left brochure
        (t.pgettext("der Anbieter eines Angebots", "Anbieter"), [(texts["provider"], german)]),
        (t.gettext("Ort"), [(texts["address"], german)] if texts["address"] else [(texts["place"], "")]),
        (t.gettext("Wann"), when),
        (t.gettext("Kosten"), _joined(_comma(lang, True), [(texts["cost"], ""), (cost_note.text or "", _mark(cost_note))])),
        (t.gettext("Förderung"), _labels(catalog, "funding", offer.funding, lang)),
        (t.gettext("Für wen"), audience),
        (t.gettext("Barrierefreiheit"), _labels(catalog, "accessibility", offer.accessibility, lang)),
        (t.gettext("Anmeldung"), _registration(offer, lang)),
        (t.gettext("Kontakt"), _contact_of(offer, lang, german)),
    ]
    return Card(anchor=offer_anchor(offer), title=texts["title"], lang=texts["lang"],
                provider=texts["provider"], summary=texts["summary"] or "", summary_lang=texts["summary_lang"],
                facts=[(label, pieces) for label, pieces in facts if any(text for text, _ in pieces)], url=url,
                qr=qr_codes(catalog, home)[offer.values["id"]],
                qr_alt=t.gettext("QR-Code: Link zur Seite des Angebots „%(title)s“ (%(url)s)")
                % {"title": texts["title"], "url": url})


def _contact_of(offer: Entry, lang: str, german: str) -> list[Piece]:
    """„Frau Yilmaz, Tel. 05141 4711-30, deutsch@…“: the phone and the address left to right in any language."""
    comma = _comma(lang)
    pieces = _joined(comma, [(offer.contact_name or "", german)])
    if offer.contact_phone:
        pieces += [(comma if pieces else "", ""), (translations(lang).gettext("Tel.") + " ", ""),
                   (offer.contact_phone, DATA)]
    if offer.contact_email:
        pieces += [(comma if pieces else "", ""), (offer.contact_email, DATA)]
    return [piece for piece in pieces if piece[0]]


def qr_codes(catalog: Catalog, home: str) -> dict[str, str]:
    """The QR code of every published offer's page (below ``home``, a language's home page) by offer id,
    made once per catalog and language (the whole brochure and the area's hold the same codes; made
    before the workers fork, they share them)."""
    def make() -> dict[str, str]:
        return {o.values["id"]: qr_image(f"{home}{o.page_url}") for o in catalog.offers}
    return catalog.memo(f"brochure-qr:{home}", make)


def _registration(offer: Entry, lang: str) -> list[Piece]:
    link = offer.registration_url or ""
    link = link.removeprefix("mailto:").split("?", 1)[0] if link.startswith("mailto:") else link
    deadline = offer.values.get("registration_deadline")
    until = (translations(lang).gettext("bis %(date)s") % {"date": local_date(deadline, code=lang)}
             if isinstance(deadline, dt.date) else "")
    return _joined(" ", [(link, DATA), (until, "")])


def _index(catalog: Catalog, offers: list[Entry], lang: str, keys_of, label_of) -> list[IndexEntry]:
    """Offers filed under each of their keys, keys sorted by label, offers in catalog order."""
    filed: dict[str, list[tuple[str, str, str]]] = {}
    for offer in offers:
        texts = catalog.card(offer, lang)
        for key in dict.fromkeys(keys_of(offer)):
            filed.setdefault(key, []).append((texts["title"], offer_anchor(offer), texts["lang"]))
    entries = []
    for key, items in filed.items():
        label, label_lang = label_of(key)
        entries.append(IndexEntry(label or key, items, label_lang))
    return sorted(entries, key=lambda e: _folded(e.label))


def _folded(text: str) -> str:
    return text.casefold().translate(str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"}))
