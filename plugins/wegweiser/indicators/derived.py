"""Indicators the guide computes from its own offers: where are offers missing?

„Angebote und Bedarfe, ein Ungleichgewicht erkennen“: offers per 1,000
inhabitants by municipality (all areas and one per Bildungsbereich) and offers
per target group. They are built from the published offers on the build date
and share the model, pages and downloads of the package indicators.
"""

from __future__ import annotations

import collections

import csv
import datetime as dt
import io

from wegweiser.catalog.display import de_date
from wegweiser.indicators.package import STATUS_PRESENT, Indicator, Monitoring, Observation, load_monitoring, number_text

#: Package indicators may not use ids starting with this: they are the derived ones.
RESERVED_PREFIX = "angebote-"
SOURCE = {"title": "Bildungswegweiser, eigene Berechnung aus den veröffentlichten Angeboten"}
_FIELDS = {
    "year": {"name": "year", "type": "integer", "title": "Jahr", "description": "Jahr der Berechnung."},
    "municipality": {"name": "municipality", "type": "string", "title": "Gemeinde",
                     "description": "Kennung der Gemeinde; leer bedeutet: ganzer Landkreis."},
    "group": {"name": "group", "type": "string", "title": "Zielgruppe", "description": "Zielgruppe der Angebote."},
    "value": {"name": "value", "type": "number", "title": "Wert", "description": "Wert in der Einheit des Indikators."},
    "status": {"name": "status", "type": "string", "title": "Status",
               "description": "vorhanden, fehlt oder geheim.",
               "constraints": {"required": True, "enum": ["vorhanden", "fehlt", "geheim"]}},
}


def build_monitoring(catalog) -> Monitoring:
    """The package indicators under ``data/indicators`` plus the derived ones."""
    places = {row["id"]: row["label"] for row in catalog.vocabularies["municipalities"].rows}
    monitoring = load_monitoring(catalog.schemas.data_dir, places)
    licenses = monitoring.licenses
    derived = [per_inhabitants(catalog, None, places)]
    derived += [per_inhabitants(catalog, row, places) for row in catalog.vocabularies["areas"].rows]
    derived.append(per_target_group(catalog))
    for indicator in derived:
        indicator.licenses = licenses
        _attach_csv(indicator)
    monitoring.derived = derived
    return monitoring


def per_inhabitants(catalog, area: dict | None, places: dict[str, str]) -> Indicator:
    """Offers with a place in each municipality per 1,000 inhabitants (``area`` None: all areas)."""
    year = catalog.today.year
    offers = catalog.offers if area is None else catalog.offers_by("area", area["id"])
    rows = catalog.vocabularies["municipalities"].rows
    located = [o for o in offers if o.municipality]
    per_place = collections.Counter(o.municipality for o in located)
    observations, empty = [], []
    total_people = sum(row["population"] or 0 for row in rows)
    if total_people:
        observations.append(_obs(year, len(located) * 1000 / total_people))
    for row in rows:
        count = per_place[row["id"]]
        if not count:
            empty.append(row["label"])
        if row["population"]:
            observations.append(_obs(year, count * 1000 / row["population"], municipality=row["id"]))
    online = len(offers) - len(located)
    scope = "alle Bildungsbereiche" if area is None else area["label"]
    notes = (f"Gezählt sind die {len(located)} Angebote ({scope}), die am {de_date(catalog.today)} im "
             f"Bildungswegweiser veröffentlicht sind und in einer Gemeinde des Landkreises stattfinden"
             + (f"; {online} Angebote ohne festen Ort (z. B. online) sind nicht enthalten." if online else ".")
             + " Ein Angebot kann viele oder wenige Plätze haben; die Zahl zeigt nur, wo es Angebote gibt.")
    if empty:
        notes += " Ohne Angebot vor Ort: " + ", ".join(empty) + "."
    return Indicator(
        id="angebote-je-1000-einwohner" + (f"-{area['id']}" if area else ""),
        title="Angebote je 1.000 Einwohner" + (f": {area['label']}" if area else " nach Gemeinde"),
        description="Zahl der Bildungsangebote mit Ort in der Gemeinde, bezogen auf die Einwohnerzahl"
                    + ("" if area is None else f" (Bildungsbereich {area['label']})") + ".",
        area=area["id"] if area else "",
        unit="Angebote je 1.000 Einwohner",
        reference_date=f"Angebote am {de_date(catalog.today)}; Einwohner {population_dates(rows)}",
        numerator="im Bildungswegweiser veröffentlichte Angebote mit Ort in der Gemeinde",
        denominator="Einwohnerinnen und Einwohner der Gemeinde, geteilt durch 1.000",
        sources=[SOURCE, {"title": "Einwohnerzahlen der Gemeinden (data/vocabularies/municipalities.csv)"}],
        notes=notes, observations=observations, places=places, derived=True,
    )


def per_target_group(catalog) -> Indicator:
    """Number of published offers per target group (an offer can address several)."""
    year = catalog.today.year
    observations = []
    for row in catalog.vocabularies["target_groups"].rows:
        count = len(catalog.offers_by("target_groups", row["id"]))
        observations.append(Observation(year=year, value=float(count), status=STATUS_PRESENT, raw=str(count),
                                        group=row["label"]))
    missing = [o.group for o in observations if not o.value]
    notes = (f"Gezählt sind die {len(catalog.offers)} Angebote, die am {de_date(catalog.today)} im "
             "Bildungswegweiser veröffentlicht sind. Ein Angebot kann sich an mehrere Zielgruppen richten "
             "und wird dann bei jeder gezählt.")
    if missing:
        notes += " Ohne Angebot: " + ", ".join(missing) + "."
    return Indicator(
        id="angebote-nach-zielgruppe",
        title="Angebote nach Zielgruppe",
        description="Zahl der Bildungsangebote, die sich an die jeweilige Zielgruppe richten.",
        area="", unit="Angebote", reference_date=de_date(catalog.today),
        numerator="im Bildungswegweiser veröffentlichte Angebote für die Zielgruppe",
        sources=[SOURCE], notes=notes, observations=observations, group_title="Zielgruppe", derived=True,
    )


def _obs(year: int, value: float, municipality: str | None = None) -> Observation:
    raw = number_text(value, 2)
    return Observation(year=year, value=float(raw), status=STATUS_PRESENT, raw=raw, municipality=municipality)


def population_dates(rows: list[dict]) -> str:
    """„am 31. Dezember 2025“ — and the municipalities counted on another day, or on a day not stated:
    „am 31. Dezember 2025 (Eichenau am 31. Dezember 2023; Stichtag nicht angegeben: Tannheim)“."""
    by_date: dict[str, list[str]] = collections.defaultdict(list)
    for row in rows:
        if row["population"]:
            by_date[str(row.get("population_date") or "")].append(row["label"])
    dated = sorted((d for d in by_date if d), key=lambda d: (-len(by_date[d]), d))
    if not dated:
        return "(Stichtag nicht angegeben)"
    others = [f"{', '.join(by_date[d])} am {_date_text(d)}" for d in dated[1:]]
    if by_date.get(""):
        others.append("Stichtag nicht angegeben: " + ", ".join(by_date[""]))
    return f"am {_date_text(dated[0])}" + (f" ({'; '.join(others)})" if others else "")


def _date_text(iso: str) -> str:
    try:
        return de_date(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


def _attach_csv(indicator: Indicator) -> None:
    """The CSV and the Data Package resource of a derived indicator."""
    columns = ["year"]
    if indicator.by_place:
        columns.append("municipality")
    if indicator.groups:
        columns.append("group")
    columns += ["value", "status"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for o in indicator.observations:
        cells = {"year": o.year, "municipality": o.municipality or "", "group": o.group or "",
                 "value": o.raw, "status": o.status}
        writer.writerow([cells[c] for c in columns])
    indicator.csv_bytes = out.getvalue().encode("utf-8")
    descriptor = {
        "name": indicator.id, "path": f"{indicator.id}.csv", "format": "csv", "mediatype": "text/csv",
        "encoding": "utf-8", "title": indicator.title, "description": indicator.description,
        "unit": indicator.unit, "reference_date": indicator.reference_date,
        "numerator": indicator.numerator, "sources": indicator.sources, "notes": indicator.notes,
        "derived": True,
    }
    if indicator.area:
        descriptor["area"] = indicator.area
    if indicator.denominator:
        descriptor["denominator"] = indicator.denominator
    fields = [dict(_FIELDS[c]) for c in columns]
    if indicator.group_title:
        fields[columns.index("group")]["title"] = indicator.group_title
    descriptor["schema"] = {"fields": fields, "missingValues": [""]}
    indicator.descriptor = descriptor
