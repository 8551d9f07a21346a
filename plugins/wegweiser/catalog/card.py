"""The result card of an offer: what a list page and a search result show, formatted once.

``theme/templates/components/offer_card.html`` renders a card from these texts on list pages;
the search page holds the same macro as a ``<template>`` which ``theme/static/js/search.js``
fills from the search store, whose rows are these texts in :data:`CARD_FIELDS` order (the search
manifest names them). Prices, dates and the like are thus formatted here only, in German.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wegweiser.catalog.display import de_date, euro

if TYPE_CHECKING:
    from wegweiser.catalog.catalog import Catalog, Entry

#: the texts of a card, in the order of a search store row (the search manifest's ``card``):
#: url (the offer page, below the site's root), title, lang (of the title, if not German),
#: summary, provider, place (municipality, else the format: „Online“), when, cost, soon
CARD_FIELDS = ("url", "title", "lang", "summary", "provider", "place", "when", "cost", "soon")


def card_texts(catalog: Catalog, offer: Entry) -> dict[str, str]:
    """The card of a published offer as ``{field: text}`` (an empty text: not shown)."""
    return {
        "url": offer.page_url,
        "title": offer.title,
        "lang": offer.title_lang or "",
        "summary": offer.summary,
        "provider": offer.provider_entry.name,
        "place": (catalog.label("municipalities", offer.municipality) if offer.municipality
                  else catalog.label("formats", offer.format)),
        "when": f"ab {de_date(offer.start_date, 'short')}" if offer.start_date else "",
        "cost": euro(offer.cost_eur),
        "soon": "beginnt bald" if offer.soon else "",
    }

