"""The description of an imported indicator: what the table says, what the office said, what was there.

Each property comes from, in this order: the command line and the description
file (:mod:`import_spec`); for source, licence and attribution then the GENESIS
table itself (its code, copyright line and „Stand“), because a new download
replaces them; then the indicator as ``datapackage.json`` describes it already
(so a re-import keeps what the office wrote there); last a default read from
the table (title from its column headers, reference date from its dates, area
from its statistic's number).
"""

from __future__ import annotations

import collections
import re

from wegweiser.indicators.convert import Converted
from wegweiser.indicators.genesis import LANDS
from wegweiser.indicators.import_spec import ImportSpec
from wegweiser.indicators.package import TOTAL_GROUPS
from wegweiser.indicators.stat_table import ImportFailed, StatTable, date_text
from wegweiser.indicators.view import by

PUBLISHER = "Statistische Ämter des Bundes und der Länder"
LICENSES = {
    "dl-de/by-2-0": {"name": "dl-de-by-2.0", "title": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
                     "path": "https://www.govdata.de/dl-de/by-2-0"},
    "dl-de/zero-2-0": {"name": "dl-de-zero-2.0", "title": "Datenlizenz Deutschland – Zero – Version 2.0",
                       "path": "https://www.govdata.de/dl-de/zero-2-0"},
    "cc-by-4.0": {"name": "CC-BY-4.0", "title": "Creative Commons Namensnennung 4.0 International",
                  "path": "https://creativecommons.org/licenses/by/4.0/"},
    "cc0-1.0": {"name": "CC0-1.0", "title": "CC0 1.0 Universell (gemeinfrei)",
                "path": "https://creativecommons.org/publicdomain/zero/1.0/"},
}
#: the first digits of a statistic's number -> Bildungsbereich (Verzeichnis der Statistiken)
AREAS_BY_STATISTIC = {"211": "allgemeinbildende-schulen", "2112": "berufliche-bildung", "212": "berufliche-bildung",
                      "213": "hochschulen", "2254": "fruehkindliche-bildung"}
_REGIONALSTATISTIK = re.compile(r"\d{5}-\d{2}-\d{2}-\w(-\w)?")
_GENESIS_ONLINE = re.compile(r"\d{5}-\d{4}")
_DAY_MONTH = re.compile(r"(\d{1,2})\.(\d{1,2})\.?$")


def describe(table: StatTable, spec: ImportSpec, converted: Converted, existing: dict, areas: list[str]) -> dict:
    """The resource properties besides name, path and schema."""
    old = existing or {}
    title = spec.title or old.get("title") or default_title(table, converted)
    unit = spec.unit or old.get("unit") or _unit(converted)
    area = spec.area or old.get("area") or guess_area(table.code, areas)
    if not area:
        raise ImportFailed(f"{table.name}: Zu welchem Bildungsbereich gehört der Indikator? Geben Sie ihn mit "
                           f"--area an ({', '.join(areas)}).")
    if area not in areas:
        raise ImportFailed(f"Den Bildungsbereich „{area}“ gibt es nicht; erlaubt sind: {', '.join(areas)}.")
    described = {
        "title": title,
        "description": spec.description or old.get("description") or default_description(table, converted, title),
        "area": area,
        "numerator": spec.numerator or old.get("numerator", ""),
        "denominator": spec.denominator or old.get("denominator", ""),
        "unit": unit,
        "reference_date": spec.reference_date or old.get("reference_date") or reference_date(table, converted),
        "comparison": spec.comparison or old.get("comparison", ""),
        "sources": _sources(table, spec) or old.get("sources") or [],
        "licenses": _licenses(table, spec) or old.get("licenses") or [],
        "attribution": spec.attribution or _attribution(table, spec) or old.get("attribution", ""),
        "notes": spec.notes or old.get("notes", ""),
        "source_notes": source_notes(table, converted),
    }
    if not described["sources"]:
        raise ImportFailed(f"{table.name}: Woher stammen die Zahlen? Tragen Sie die Quelle in der "
                           "Beschreibungsdatei ein („source: …“, dazu „source_url: https://…“).")
    if described["comparison"] and described["comparison"] not in ("values", "index"):
        raise ImportFailed(f"„comparison“ ist „values“ oder „index“, nicht „{described['comparison']}“.")
    return {key: item for key, item in described.items() if item not in ("", [], None)}


def group_title(table: StatTable, spec: ImportSpec, converted: Converted, existing: dict) -> str:
    if spec.group_title:
        return spec.group_title
    old = next((f.get("title") for f in (existing or {}).get("schema", {}).get("fields", []) if f.get("name") == "group"),
               "")
    if old:
        return old
    if converted.from_columns:
        parts = [m.parts for m in converted.measures]
        shared = [items[0] for items in zip(*parts) if len(set(items)) == 1]
        varying = [i for i, items in enumerate(zip(*parts)) if len(set(items)) > 1]
        crossed = crossed_levels(table)
        if varying and all(i in crossed for i in varying):  # „… nach Schularten und Geschlecht“
            return " und ".join(crossed[i] for i in varying)
        if len(shared) > 1 or (shared and table.measure):
            return re.sub(r"\s*\([^)]*\)", "", shared[-1])
    return table.dim_titles[-1] if table.dim_titles else "Gruppe"


def crossed_levels(table: StatTable) -> dict[int, str]:
    """{header level: breakdown} for a table whose header rows cross two or more breakdowns named by its
    title („Schüler nach Schularten und Geschlecht“: Grundschulen, Gymnasien over männlich, weiblich)."""
    measures = table.measures()
    depth = max((len(m.parts) for m in measures), default=0)
    levels = [i for i in range(depth) if len({m.parts[i] for m in measures if len(m.parts) > i}) > 1]
    if len(levels) < 2 or len(table.dim_titles) < len(levels):
        return {}
    return dict(zip(levels, table.dim_titles[-len(levels):]))


def default_title(table: StatTable, converted: Converted) -> str:
    """„Schüler(innen) an allgemein bildenden Schulen nach Schulart“ from the columns and rows chosen."""
    measure = converted.measures[0]
    branching = _branching(table)
    if converted.from_columns:
        shared = [items[0] for items in zip(*(m.parts for m in converted.measures)) if len(set(items)) == 1]
        parts = [p for p in shared if p not in branching]
        base = table.measure or (parts[0] if parts else measure.parts[0] if measure.parts else table.title)
        crossed = crossed_levels(table)
        fixed = [items[0] for i, items in enumerate(zip(*(m.parts for m in converted.measures)))
                 if i in crossed and len(set(items)) == 1 and items[0].casefold() not in TOTAL_GROUPS]
        base += f": {', '.join(fixed)}" if fixed else ""  # „Schüler(innen): Grundschulen nach Geschlecht“
        return by(base, group_title(table, ImportSpec(), converted, {}))
    parts = list(measure.parts)
    base = table.measure or (parts.pop(0) if parts else table.title)
    rest = [p for p in parts if p not in branching and p.casefold() not in TOTAL_GROUPS]
    title = base + (": " + ", ".join(rest) if rest else "")
    if converted.kept_rows:
        title += f" – {converted.kept_rows[0]}"
    elif converted.groups:
        title = by(title, table.dim_titles[-1] if table.dim_titles else "Gruppe")
    return title


def _branching(table: StatTable) -> set[str]:
    """Header texts that name a breakdown (their columns differ below them): „Geschlecht“, „Altersgruppe“."""
    below = collections.defaultdict(set)
    for measure in table.measures():
        for i in range(len(measure.parts) - 1):
            below[(measure.parts[:i], measure.parts[i])].add(measure.parts[i + 1])
    start = 0 if table.measure else 1
    return {text for (above, text), items in below.items() if len(items) > 1 and len(above) >= start}


def default_description(table: StatTable, converted: Converted, title: str) -> str:
    if table.kind != "genesis":
        return f"{title}."
    unit = converted.measures[0].unit
    what = "Zahl" if unit in ("", "Anzahl") else f"Wert in {unit}"
    statistic = f" ({table.statistic})" if table.statistic else ""
    code = f", GENESIS-Tabelle {table.code}" if "-" in table.code else ""
    return f"{title}: {what} laut amtlicher Statistik{statistic}{code}."


def reference_date(table: StatTable, converted: Converted) -> str:
    """„1. März des jeweiligen Jahres (2006 bis 2008: 15. März)“, „Schuljahresbeginn“, …"""
    by_day = collections.defaultdict(set)
    for time in converted.times:
        if time.day_month:
            by_day[time.day_month].add(time.year)
    if by_day:
        ordered = sorted(by_day, key=lambda d: (-max(by_day[d]), d))
        text = f"{date_text(ordered[0])} des jeweiligen Jahres"
        others = [f"{_span(sorted(by_day[d]))}: {date_text(d)}" for d in ordered[1:]]
        return text + (f" ({'; '.join(others)})" if others else "")
    reference = re.sub(r"^Stichtage?:?\s*", "", table.reference).strip()
    day = _DAY_MONTH.fullmatch(reference)
    if day:
        return f"{date_text((int(day[1]), int(day[2])))} des jeweiligen Jahres"
    if any(t.spans for t in converted.times):  # „2023/24“: the year column holds the year it begins
        year = max(t.year for t in converted.times)
        return f"{reference or 'Schuljahr'} (angegeben ist das Jahr, in dem es beginnt: {year} steht für " \
               f"{year}/{(year + 1) % 100:02d})"
    return reference or "Jahr, wie in der Quelle angegeben"


def _span(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]} bis {years[-1]}"


def _unit(converted: Converted) -> str:
    units = [m.unit for m in converted.measures if m.unit]
    unit = units[0] if units else "Anzahl"
    return {"prozent": "%", "promille": "‰"}.get(unit.casefold(), unit)


def guess_area(code: str, areas: list[str]) -> str:
    digits = code.replace("-", "")
    for length in (4, 3):
        area = AREAS_BY_STATISTIC.get(digits[:length])
        if area in areas:
            return area
    return ""


def source_url(code: str) -> str:
    if _REGIONALSTATISTIK.fullmatch(code):
        return f"https://www.regionalstatistik.de/genesis/online?operation=table&code={code}"
    if _GENESIS_ONLINE.fullmatch(code):
        return f"https://www-genesis.destatis.de/genesis/online?operation=table&code={code}"
    return ""


def _database(code: str) -> str:
    return "GENESIS-Online" if _GENESIS_ONLINE.fullmatch(code) else "Regionaldatenbank Deutschland"


def _sources(table: StatTable, spec: ImportSpec) -> list[dict]:
    if spec.source:
        return [{"title": spec.source, **({"path": spec.source_url} if spec.source_url else {})}]
    if table.kind != "genesis":
        return []
    what = "Tabelle" if "-" in table.code else "Statistik"  # a flat file without the table's code in its name
    title = f"{PUBLISHER}, {_database(table.code)}, {what} {table.code}" + (f": {table.title}" if table.title else "")
    title += f" (Stand: {table.stand})" if table.stand else ""
    url = spec.source_url or source_url(table.code)
    return [{"title": title, **({"path": url} if url else {})}]


def _license_key(table: StatTable, spec: ImportSpec) -> str:
    if spec.license:
        key = spec.license.strip().casefold().replace("_", "-")
        if key not in LICENSES:
            raise ImportFailed(f"Die Lizenz „{spec.license}“ ist unbekannt; erlaubt sind {', '.join(LICENSES)}.")
        return key
    if table.kind != "genesis":
        return ""
    return "dl-de/zero-2-0" if "Zero" in table.copyright else "dl-de/by-2-0"


def _licenses(table: StatTable, spec: ImportSpec) -> list[dict]:
    key = _license_key(table, spec)
    return [dict(LICENSES[key])] if key else []


def _attribution(table: StatTable, spec: ImportSpec) -> str:
    key = _license_key(table, spec)
    if table.kind != "genesis" or spec.source:
        return ""
    return f"Datenquelle: {PUBLISHER}, {_database(table.code)}" + (f", {key}" if key else "")


def source_notes(table: StatTable, converted: Converted) -> list[str]:
    """The table's footnotes that concern the whole table or the county's Land."""
    land = next((r["title"] for r in converted.regions if len(r["code"]) == 2), "")
    notes = []
    for note in table.footnotes:
        lands = [name for name in LANDS if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", note.who)]
        if not lands or land in lands:
            notes.append(f"Zu „{note.topic}“: {note.text}" if note.topic else note.text)
    return list(dict.fromkeys(notes))
