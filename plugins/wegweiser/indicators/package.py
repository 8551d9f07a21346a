"""The indicator appendix: the county's education monitoring as a Data Package.

``data/indicators/`` is a frictionless Data Package with one CSV resource per
indicator. Every CSV has the columns ``year``, ``value`` and ``status``, and
optionally ``municipality`` (a place of the guide), ``region`` (a region to
compare with, see :mod:`regions`; both empty = the whole county), ``group`` (its
title in the schema names the breakdown, e.g. „Geschlecht“) and ``note`` (e.g.
the quality mark the statistical office printed instead of a number). ``status``
says why a value is empty: ``fehlt`` (not collected) or ``geheim`` (statistical
confidentiality) — a missing value is never written as 0.

Loading assumes the package passed :mod:`indicators_check`; this module only
reads it into plain objects for pages, charts and downloads.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from wegweiser.indicators.regions import COUNTY_FALLBACK, land_of, ordered

PACKAGE_FILE = "datapackage.json"
#: Columns every indicator CSV may have; the first three are required.
REQUIRED_COLUMNS = {"year": "integer", "value": "number", "status": "string"}
OPTIONAL_COLUMNS = {"municipality": "string", "region": "string", "group": "string", "note": "string"}
STATUS_PRESENT, STATUS_MISSING, STATUS_SECRET = "vorhanden", "fehlt", "geheim"
STATUSES = (STATUS_PRESENT, STATUS_MISSING, STATUS_SECRET)
#: How an empty value is shown, by status.
STATUS_TEXT = {STATUS_MISSING: "keine Daten", STATUS_SECRET: "gesperrt"}
URL = "bildungsmonitoring/"
DOWNLOAD_FOLDER = "bildungsmonitoring/daten/"
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
#: the sign beside a number, as the import notes it („Zeichen „p“ in der Quelle: vorläufige Zahl“)
_SIGN = re.compile(r"Zeichen „([prse]|\( \))“ in der Quelle")
#: units that name what is counted rather than follow the number („77“, not „77 Anzahl“)
COUNT_UNITS = ("Anzahl",)
#: groups that hold the total of the others: compared with other regions and shown as the newest value
TOTAL_GROUPS = ("insgesamt", "gesamt", "zusammen", "summe", "alle")
#: comparison of the county with other regions: "values" on one axis (rates, shares), or "index":
#: the development since a common year (counts, which differ by the regions' size)
COMPARISONS = ("values", "index")
_RATE_UNIT = re.compile(r"%|‰|prozent|quote|anteil| je | pro |durchschnitt", re.I)


@dataclass(frozen=True)
class Observation:
    """One CSV row: a value (or the reason it is missing) for a year, place and group."""

    year: int
    value: float | None
    status: str
    raw: str = ""
    municipality: str | None = None
    group: str | None = None
    region: str | None = None
    note: str = ""

    @property
    def text(self) -> str:
        """The value as German text, with as many decimals as the CSV gives."""
        if self.status != STATUS_PRESENT or self.value is None:
            return STATUS_TEXT.get(self.status, "keine Daten")
        return marked(format_number(self.raw), self.note)


@dataclass
class Indicator:
    id: str
    title: str
    description: str
    area: str
    unit: str
    reference_date: str
    observations: list[Observation]
    numerator: str = ""
    denominator: str = ""
    sources: list[dict] = field(default_factory=list)
    licenses: list[dict] = field(default_factory=list)
    notes: str = ""
    #: footnotes of the statistical office that concern the county's Land or the whole table
    source_notes: list[str] = field(default_factory=list)
    breaks: list[dict] = field(default_factory=list)
    group_title: str = ""
    derived: bool = False
    #: Labels of municipality ids (filled from the vocabulary).
    places: dict[str, str] = field(default_factory=dict)
    #: Titles of region keys (the package's ``regions``), and the county's own title.
    regions: dict[str, str] = field(default_factory=dict)
    county_title: str = COUNTY_FALLBACK
    county_key: str = ""
    example: bool = False
    comparison: str = ""
    attribution: str = ""
    #: The resource as written to the downloadable datapackage.json.
    descriptor: dict = field(default_factory=dict)
    csv_bytes: bytes = b""

    @property
    def page_url(self) -> str:
        return f"{URL}{self.id}/"

    @property
    def csv_url(self) -> str:
        return f"{DOWNLOAD_FOLDER}{self.id}.csv"

    @property
    def years(self) -> list[int]:
        return sorted({o.year for o in self.observations})

    @property
    def county(self) -> list[Observation]:
        return [o for o in self.observations if not o.municipality and not o.region]

    @property
    def by_place(self) -> list[Observation]:
        return [o for o in self.observations if o.municipality]

    @property
    def by_region(self) -> list[Observation]:
        return [o for o in self.observations if o.region]

    @property
    def compared(self) -> list[str]:
        """Keys of the regions compared with, Land and Germany first."""
        return ordered((o.region for o in self.by_region), land_of(self.county_key), list(self.regions))

    @property
    def groups(self) -> list[str]:
        """Group values in their order of first appearance."""
        return list(dict.fromkeys(o.group for o in self.observations if o.group))

    @property
    def total_group(self) -> str | None:
        """The group holding the total („Insgesamt“), if any."""
        return next((g for g in self.groups if g.casefold() in TOTAL_GROUPS), None)

    @property
    def headline_group(self) -> str | None:
        """The group of the newest value and the comparison: none, or the total."""
        return self.total_group if self.groups else None

    @property
    def compares_values(self) -> bool:
        """Whether other regions are compared by their values (else by the development since a year)."""
        if self.comparison in COMPARISONS:
            return self.comparison == "values"
        return bool(_RATE_UNIT.search(f" {self.unit} "))

    @property
    def latest(self) -> Observation | None:
        """Newest county value with a number (of the total when the indicator has groups)."""
        if self.groups and not self.total_group:
            return None
        present = [o for o in self.county if o.status == STATUS_PRESENT and o.group == self.headline_group]
        return max(present, key=lambda o: o.year) if present else None

    def latest_compared(self) -> list[tuple[str, Observation]]:
        """(region title, observation) of each compared region in the year of :attr:`latest`."""
        latest = self.latest
        if latest is None:
            return []
        found = [(self.region_title(k), find(self.by_region, latest.year, None, latest.group, k)) for k in self.compared]
        return [(name, obs) for name, obs in found if obs is not None]

    def comparison_text(self) -> str:
        """What the newest value is compared with, in one line: „Niedersachsen: 34,0 %; Deutschland: 37,1 %“,
        or for counts the development: „seit 1994: +32,8 % (Niedersachsen +25,5 %, Deutschland +3,0 %)“."""
        latest, compared = self.latest, self.latest_compared()
        if latest is None or not compared:
            return ""
        if self.compares_values:
            return "; ".join(f"{name}: {self.value_text(obs)}" for name, obs in compared)
        rows = [o for o in self.observations if not o.municipality and o.group == latest.group]
        first = min((o.year for o in rows if o.region is None and o.status == STATUS_PRESENT), default=latest.year)
        start = value(find(rows, first, None, latest.group))
        others = []
        for name, obs in compared:
            begin = value(find(rows, first, None, latest.group, obs.region))
            if begin and value(obs) is not None:
                others.append(f"{name} {change_text(value(obs) * 100 / begin)}")
        if first == latest.year or not start or not others:  # one year of counts: their values
            return "; ".join(f"{name}: {self.value_text(obs)}" for name, obs in compared)
        return f"seit {first}: {change_text(latest.value * 100 / start)} ({', '.join(others)})"

    def value_text(self, obs: Observation) -> str:
        """„36,4 %“, „1.408 Verträge“, „77“ (unit „Anzahl“) — or why there is no value."""
        if obs.status != STATUS_PRESENT or self.unit in COUNT_UNITS:
            return obs.text
        return f"{obs.text} {self.unit}"

    def place(self, key: str | None) -> str:
        return self.places.get(key, key) if key else ""

    def region_title(self, key: str | None) -> str:
        """Title of a row's region: a municipality, a compared region or the county."""
        if not key:
            return self.county_title
        return self.regions.get(key, key)


@dataclass
class Monitoring:
    """The indicator package plus the indicators derived from the offers."""

    title: str = "Bildungsmonitoring"
    description: str = ""
    example: bool = False
    licenses: list[dict] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    derived: list[Indicator] = field(default_factory=list)
    descriptor: dict = field(default_factory=dict)
    #: key -> title of the regions compared with (package property ``regions``)
    regions: dict[str, str] = field(default_factory=dict)
    county_title: str = COUNTY_FALLBACK
    county_key: str = ""

    @property
    def all(self) -> list[Indicator]:
        return self.indicators + self.derived

    def for_area(self, area: str) -> list[Indicator]:
        return [i for i in self.all if i.area == area]

    def get(self, key: str) -> Indicator | None:
        return next((i for i in self.all if i.id == key), None)

    @property
    def package_url(self) -> str:
        return f"{DOWNLOAD_FOLDER}{PACKAGE_FILE}"

    def download_files(self):
        """(path, bytes) of every CSV and one datapackage.json describing all of them."""
        package = {"name": "bildungsmonitoring", "title": self.title, **self.descriptor}
        package["resources"] = [i.descriptor for i in self.all]
        for indicator in self.all:
            yield indicator.csv_url, indicator.csv_bytes
        text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
        yield self.package_url, text.encode("utf-8")


def find(observations, year, place, group, region=None) -> Observation | None:
    """The observation of a year, municipality, group and region (None: none of them)."""
    return next((o for o in observations if o.year == year and o.municipality == place and o.group == group
                 and o.region == region), None)


def value(o: Observation | None) -> float | None:
    return o.value if o is not None and o.status == STATUS_PRESENT else None


def change_text(index: float) -> str:
    """An index (start = 100) as the change in per cent: 132.8 -> „+32,8 %“."""
    change = index - 100
    sign = "+" if change > 0.05 else "−" if change < -0.05 else "±"
    return f"{sign}{format_number(number_text(abs(change), 1))} %"


def marked(text: str, note: str) -> str:
    """A number with the signs its note names, as the statistical offices print it: „173.204 p“, „(18,2)“."""
    signs = _SIGN.findall(note or "")
    text = f"({text})" if "( )" in signs else text
    return " ".join([text, *(s for s in signs if s != "( )")])


def format_number(raw: str) -> str:
    """``1234.5`` → „1.234,5“: German separators, the decimals as written."""
    text = str(raw).strip()
    if not _PLAIN_NUMBER.fullmatch(text):
        return text.replace(".", ",")
    sign = "−" if text.startswith("-") else ""
    whole, _, decimals = text.lstrip("+-").partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    whole = ".".join([whole, *groups])
    return sign + whole + (f",{decimals}" if decimals else "")


def number_text(value: float, decimals: int) -> str:
    """A computed number as CSV text (point, fixed decimals)."""
    return f"{value:.{decimals}f}"


def load_monitoring(data_dir: Path, places: dict[str, str]) -> Monitoring:
    """Read ``data_dir/indicators``; an absent package gives an empty monitoring."""
    folder = Path(data_dir) / "indicators"
    path = folder / PACKAGE_FILE
    if not path.is_file():
        return Monitoring()
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    licenses = descriptor.get("licenses") or []
    county = descriptor.get("county") or {}
    monitoring = Monitoring(
        title=descriptor.get("title") or "Bildungsmonitoring",
        description=descriptor.get("description", ""),
        example=bool(descriptor.get("example")),
        licenses=licenses,
        descriptor=descriptor,
        regions={r["code"]: r["title"] for r in descriptor.get("regions") or []},
        county_title=county.get("title") or COUNTY_FALLBACK,
        county_key=county.get("code") or "",
    )
    for resource in descriptor.get("resources", []):
        monitoring.indicators.append(_indicator(folder, resource, monitoring, places))
    return monitoring


def _indicator(folder: Path, resource: dict, monitoring: Monitoring, places: dict[str, str]) -> Indicator:
    csv_bytes = (folder / resource["path"]).read_bytes()
    rows = csv.DictReader(csv_bytes.decode("utf-8-sig").splitlines())
    observations = [_observation(row) for row in rows]
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    return Indicator(
        id=resource["name"],
        title=resource["title"],
        description=resource.get("description", ""),
        area=resource["area"],
        unit=resource["unit"],
        reference_date=resource.get("reference_date", ""),
        numerator=resource.get("numerator", ""),
        denominator=resource.get("denominator", ""),
        sources=resource.get("sources") or [],
        licenses=resource.get("licenses") or monitoring.licenses,
        notes=resource.get("notes", ""),
        source_notes=resource.get("source_notes") or [],
        breaks=resource.get("breaks") or [],
        group_title=fields.get("group", {}).get("title", ""),
        observations=observations,
        places=places,
        regions=monitoring.regions,
        county_title=monitoring.county_title,
        county_key=monitoring.county_key,
        example=bool(resource.get("example", monitoring.example)),
        comparison=resource.get("comparison", ""),
        attribution=resource.get("attribution", ""),
        descriptor={**resource, "path": f"{resource['name']}.csv"},
        csv_bytes=csv_bytes,
    )


def _observation(row: dict) -> Observation:
    raw = (row.get("value") or "").strip()
    return Observation(
        year=int(row["year"]),
        value=float(raw) if raw else None,
        status=row["status"].strip(),
        raw=raw,
        municipality=(row.get("municipality") or "").strip() or None,
        group=(row.get("group") or "").strip() or None,
        region=(row.get("region") or "").strip() or None,
        note=(row.get("note") or "").strip(),
    )
