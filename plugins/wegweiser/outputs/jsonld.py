"""schema.org structured data (JSON-LD) for offer, provider and list pages.

Offers become an ``EducationEvent`` when they happen on one day, a ``Course``
with a ``CourseInstance`` when they run over several days, and a ``Service``
when they are ongoing (Kita, counselling, open groups). Providers are an
``EducationalOrganization``, or an ``Organization`` for offices and agencies.
:func:`script` serialises safely for a ``<script>`` element.
"""

from __future__ import annotations

import json

from wegweiser.catalog.catalog import Catalog, Entry
from wegweiser.i18n.content import translated
from wegweiser.i18n.languages import SOURCE

CONTEXT = "https://schema.org"
#: format vocabulary id -> (Course.courseMode, Event.eventAttendanceMode)
FORMATS = {
    "praesenz": ("Onsite", "https://schema.org/OfflineEventAttendanceMode"),
    "online": ("Online", "https://schema.org/OnlineEventAttendanceMode"),
    "hybrid": ("Blended", "https://schema.org/MixedEventAttendanceMode"),
}
#: provider kinds that are not educational organisations
ORGANIZATION_KINDS = {"kommune": "GovernmentOrganization", "arbeitsagentur": "GovernmentOrganization"}


def absolute(site_url: str, path: str) -> str:
    """``path`` below the site: absolute when SITEURL is, root-relative otherwise."""
    return f"{site_url}/{path}" if site_url else f"/{path}"


def _clean(data):
    """Drop empty values (None, "", empty lists and objects, also once cleaned) so that the output
    has no ``null`` or empty lists. Runs on every page's structured data: one pass, no comparisons
    of every value with each kind of empty one."""
    if isinstance(data, dict):
        cleaned = {}
        for key, value in data.items():
            value = _cleaned(value)
            if value is not _EMPTY:
                cleaned[key] = value
        return cleaned
    if isinstance(data, list):
        return [c for c in map(_cleaned, data) if c is not _EMPTY]
    return data


_EMPTY = object()


def _cleaned(value):
    """``value`` cleaned, or _EMPTY if it is empty (then dropped)."""
    if isinstance(value, (dict, list)):
        value = _clean(value)
        return value if value else _EMPTY
    if value is None or isinstance(value, str) and not value:
        return _EMPTY
    return value


def _date(value) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else value


def address(catalog: Catalog, entry: Entry) -> dict:
    values = entry.values
    return {
        "@type": "PostalAddress",
        "streetAddress": values.get("street"),
        "postalCode": values.get("postcode"),
        "addressLocality": catalog.label("municipalities", values.get("municipality")) or None,
        "addressCountry": "DE",
    }


def _geo(values: dict) -> dict | None:
    if values.get("lat") is None or values.get("lon") is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": values["lat"], "longitude": values["lon"]}


def _place(catalog: Catalog, offer: Entry, site_url: str) -> list[dict]:
    places = []
    if offer.format in ("online", "hybrid"):
        places.append({"@type": "VirtualLocation", "url": offer.url or offer.registration_url
                       or absolute(site_url, offer.page_url)})
    if offer.municipality:
        places.append({
            "@type": "Place",
            "name": offer.venue or catalog.label("municipalities", offer.municipality),
            "address": address(catalog, offer),
            "geo": _geo(offer.values),
        })
    return places


def _price_offer(offer: Entry, site_url: str) -> dict | None:
    if offer.cost_eur is None:
        return None
    return {
        "@type": "Offer",
        "price": offer.cost_eur,
        "priceCurrency": "EUR",
        "category": "Kostenlos" if offer.cost_eur == 0 else None,
        "description": offer.cost_note,
        "url": offer.registration_url or absolute(site_url, offer.page_url),
    }


def organization_ref(provider: Entry, site_url: str) -> dict:
    return {"@type": organization_type(provider), "name": provider.name,
            "url": absolute(site_url, provider.page_url)}


def organization_type(provider: Entry) -> str:
    return ORGANIZATION_KINDS.get(provider.kind, "EducationalOrganization")


def offer_type(offer: Entry) -> str:
    if not offer.start_date:
        return "Service"
    if offer.end_date and offer.end_date != offer.start_date:
        return "Course"
    return "EducationEvent"


def _page(url: str, lang: str) -> dict:
    """The page that describes a thing, with the page's language (``inLanguage`` of the thing itself
    is an offer's language of instruction)."""
    return {"@type": "WebPage", "@id": url, "inLanguage": lang}


def offer(catalog: Catalog, entry: Entry, site_url: str = "", lang: str = SOURCE, page_root: str | None = None) -> dict:
    """JSON-LD of an offer page in ``lang`` (its texts translated where they are, German otherwise);
    ``page_root``: the root of that language's pages (default: the site's)."""
    kind = offer_type(entry)
    url = absolute(site_url, entry.page_url)
    page = absolute(site_url if page_root is None else page_root, entry.page_url)
    provider = organization_ref(entry.provider_entry, site_url)
    modes = FORMATS.get(entry.format, (catalog.label("formats", entry.format, lang), None))
    data = {
        "@context": CONTEXT,
        "@type": kind,
        "@id": url,
        "url": page,
        "mainEntityOfPage": _page(page, lang),
        "name": translated(entry, "title", lang).text,
        "description": translated(entry, "summary", lang).text,
        "inLanguage": entry.languages,
        "about": catalog.labels("topics", entry.topics, lang),
        "audience": {"@type": "EducationalAudience",
                     "audienceType": catalog.labels("target_groups", entry.target_groups, lang)},
        "typicalAgeRange": _age_range(entry),
        "isAccessibleForFree": True if entry.cost_eur == 0 else None,
        "offers": _price_offer(entry, site_url),
    }
    places = _place(catalog, entry, site_url)
    if kind == "EducationEvent":
        data.update({
            "startDate": _date(entry.start_date),
            "endDate": _date(entry.end_date or entry.start_date),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": modes[1],
            "location": places or None,
            "organizer": provider,
            "educationalLevel": catalog.label("areas", entry.area, lang),
        })
    elif kind == "Course":
        data.update({
            "provider": provider,
            "educationalLevel": catalog.label("areas", entry.area, lang),
            "hasCourseInstance": [{
                "@type": "CourseInstance",
                "courseMode": modes[0],
                "startDate": _date(entry.start_date),
                "endDate": _date(entry.end_date),
                "courseSchedule": ({"@type": "Schedule", "description": translated(entry, "schedule", lang).text}
                                   if entry.schedule else None),
                "location": places or None,
                "inLanguage": entry.languages,
                "offers": _price_offer(entry, site_url),
            }],
        })
    else:
        data.update({
            "provider": provider,
            "serviceType": catalog.label("areas", entry.area, lang),
            "areaServed": places or None,
            "category": data.pop("about"),
        })
        for name in ("inLanguage", "typicalAgeRange", "isAccessibleForFree"):
            data.pop(name)
    return _clean(data)


def _age_range(entry: Entry) -> str | None:
    low, high = entry.age_min, entry.age_max
    if low is None and high is None:
        return None
    return f"{'' if low is None else low}-{'' if high is None else high}"


def provider(catalog: Catalog, entry: Entry, site_url: str = "", lang: str = SOURCE,
             page_root: str | None = None) -> dict:
    """JSON-LD of a provider page in ``lang`` (see :func:`offer`)."""
    url = absolute(site_url, entry.page_url)
    page = absolute(site_url if page_root is None else page_root, entry.page_url)
    return _clean({
        "@context": CONTEXT,
        "@type": organization_type(entry),
        "@id": url,
        "url": page,
        "mainEntityOfPage": _page(page, lang),
        "name": entry.name,
        "description": translated(entry, "summary", lang).text,
        "address": address(catalog, entry),
        "geo": _geo(entry.values),
        "email": entry.contact_email,
        "telephone": entry.contact_phone,
        "sameAs": entry.url,
        "additionalType": catalog.label("provider_kinds", entry.kind, lang),
    })


def item_list(name: str, links, site_url: str = "", lang: str = SOURCE) -> dict:
    """JSON-LD ``ItemList`` of a list page in ``lang``; ``links`` are entries or ``(path, name)`` pairs
    (paths below ``site_url``, the root of the language's pages)."""
    pairs = [(e.page_url, translated(e, "title", lang).text if lang != SOURCE and e.entry_type == "offer" else e.display_title)
             if isinstance(e, Entry) else e for e in links]
    items = [
        {"@type": "ListItem", "position": n, "url": absolute(site_url, path), "name": title}
        for n, (path, title) in enumerate(pairs, start=1)
    ]
    return {"@context": CONTEXT, "@type": "ItemList", "name": name, "inLanguage": lang,
            "numberOfItems": len(items), "itemListElement": items}


def script(data: dict) -> str:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def dataset(descriptor: dict, site_url: str = "") -> dict:
    """JSON-LD ``Dataset`` of the /daten/ page, from the Data Package descriptor."""
    licence = descriptor["licenses"][0]
    return _clean({
        "@context": CONTEXT,
        "@type": "Dataset",
        "name": descriptor["title"],
        "description": descriptor["description"],
        "url": absolute(site_url, "daten/"),
        "license": licence.get("path") or licence.get("title"),
        "creditText": descriptor["sources"][0]["title"],
        "dateModified": descriptor["version"],
        "inLanguage": "de",
        "distribution": [
            {"@type": "DataDownload", "name": r["title"], "encodingFormat": "text/csv",
             "contentUrl": absolute(site_url, f"daten/{r['path']}")}
            for r in descriptor["resources"]
        ],
    })
