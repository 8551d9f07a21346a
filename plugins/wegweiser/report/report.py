"""The office's inventory report (Bestandsaufnahme): what is stale, missing or doubled.

Plain data built from a catalog; :mod:`report_formats` turns it into text, CSV or HTML.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote

from wegweiser.catalog.catalog import Catalog, Entry
from wegweiser.catalog.display import de_date

SIMILAR_TITLES = 0.85
ONLINE = "online"


@dataclass
class ProviderTodo:
    """Entries of one provider that need the office's attention."""

    provider: Entry
    expired: list[Entry] = field(default_factory=list)
    stale: list[Entry] = field(default_factory=list)
    provider_stale: bool = False

    @property
    def email(self) -> str:
        return self.provider.contact_email or ""

    @property
    def entries(self) -> list[Entry]:
        return ([self.provider] if self.provider_stale else []) + self.stale + self.expired

    def mailto(self, site_url: str = "", office: str = "") -> str:
        """A German e-mail asking the provider to confirm or update the listed entries."""
        lines = [
            "Guten Tag,",
            "",
            "im Bildungswegweiser stehen die folgenden Einträge von Ihnen. Bitte prüfen Sie, ob die "
            "Angaben noch stimmen, und antworten Sie uns mit Änderungen oder einer kurzen Bestätigung:",
            "",
        ]
        for entry in self.entries:
            state = "abgelaufen" if entry in self.expired else f"zuletzt geprüft am {de_date(entry.reviewed)}"
            url = f"{site_url}/{entry.page_url}" if site_url else entry.page_url
            lines.append(f"- {entry.display_title} ({state}): {url}")
        lines += ["", "Vielen Dank!", office or "Ihr Bildungsbüro"]
        subject = "Bitte prüfen: Ihre Einträge im Bildungswegweiser"
        return f"mailto:{self.email}?subject={quote(subject)}&body={quote(chr(10).join(lines))}"


@dataclass
class Report:
    today: object
    todos: list[ProviderTodo]
    area_by_municipality: dict[tuple[str, str], int]
    areas: list[dict]
    places: list[tuple[str, str]]
    by_target_group: list[tuple[dict, int]]
    without_coordinates: list[Entry]
    without_accessibility: list[Entry]
    without_easy_summary: list[Entry]
    duplicates: list[tuple[Entry, Entry, float]]
    published: int
    expired: int
    stale: int


def _normal_title(title: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", title.casefold()).split())


def find_duplicates(offers: list[Entry], threshold: float = SIMILAR_TITLES) -> list[tuple[Entry, Entry, float]]:
    """Pairs of offers with the same provider and place and a similar title."""
    groups: dict[tuple, list[Entry]] = {}
    for offer in offers:
        groups.setdefault((offer.provider, offer.municipality or ONLINE), []).append(offer)
    pairs = []
    for members in groups.values():
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                ratio = difflib.SequenceMatcher(None, _normal_title(first.title), _normal_title(second.title)).ratio()
                if ratio >= threshold:
                    pairs.append((first, second, round(ratio, 2)))
    return sorted(pairs, key=lambda p: (p[0].id, p[1].id))


def build_report(catalog: Catalog) -> Report:
    todos: dict[str, ProviderTodo] = {}

    def todo(provider: Entry) -> ProviderTodo:
        return todos.setdefault(provider.id, ProviderTodo(provider))

    for offer in catalog.expired:
        todo(offer.provider_entry).expired.append(offer)
    for offer in catalog.offers:
        if offer.stale:
            todo(offer.provider_entry).stale.append(offer)
    for provider in catalog.providers:
        if provider.stale:
            todo(provider).provider_stale = True

    municipalities = catalog.vocabularies["municipalities"].rows
    places = [(row["id"], row["label"]) for row in municipalities] + [(ONLINE, "ortsunabhängig (online)")]
    matrix = Counter((o.area, o.municipality or ONLINE) for o in catalog.offers)
    groups = [(row, len(catalog.offers_by("target_groups", row["id"])))
              for row in catalog.vocabularies["target_groups"].rows]
    on_site = [o for o in catalog.offers if o.format != ONLINE]
    return Report(
        today=catalog.today,
        todos=sorted(todos.values(), key=lambda t: t.provider.display_title.casefold()),
        area_by_municipality=dict(matrix),
        areas=catalog.vocabularies["areas"].rows,
        places=places,
        by_target_group=groups,
        without_coordinates=[e for e in on_site + catalog.providers if e.lat is None or e.lon is None],
        without_accessibility=[e for e in on_site if not e.accessibility],
        without_easy_summary=[o for o in catalog.offers if not o.easy_summary],
        duplicates=find_duplicates(catalog.offers),
        published=len(catalog.offers),
        expired=len(catalog.expired),
        stale=sum(1 for o in catalog.offers if o.stale) + sum(1 for p in catalog.providers if p.stale),
    )
