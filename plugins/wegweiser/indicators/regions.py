"""Regions of indicators: the county, its Land, Germany and other regions to compare with.

A region of an indicator is not a place of the guide: only the municipalities of
``data/vocabularies/municipalities.csv`` are places (with offers, pages and a
population). Indicator rows name every other region in the column ``region`` by
its official key (Amtlicher Gemeindeschlüssel, AGS), whose title the package
lists under ``regions``:

- ``DG`` Germany, two digits a Land (``03`` Niedersachsen), three a
  Regierungsbezirk or statistical region, five a Kreis (``03151`` Gifhorn),
  eight a municipality;
- any other key of lower-case letters, digits and hyphens for a region without
  an official key (a group of Kreise, a city abroad).

Rows without ``municipality`` and ``region`` are the county itself, whose key and
title the package may state as ``county``.
"""

from __future__ import annotations

import re

#: keys of the column ``region``
KEY = re.compile(r"DG|[0-9]{2,12}|[a-z0-9]+(-[a-z0-9]+)*")
GERMANY = "DG"
COUNTY_FALLBACK = "Landkreis"
#: at most this many regions to compare with besides Land and Germany (Wegweiser Kommune: five)
MAX_PEERS = 5
LEVELS = {2: "land", 3: "bezirk", 5: "kreis", 8: "gemeinde"}
LEVEL_NAMES = {"bund": "Deutschland", "land": "Land", "bezirk": "Regierungsbezirk", "kreis": "Kreis",
               "gemeinde": "Gemeinde", "sonstige": "Region"}
_LANDKREIS = re.compile(r"^(?P<name>.+?),\s*(?P<kind>Landkreis|Kreis|Regionalverband|Region)$")
_CITY = re.compile(r"^(?P<name>.+?),\s*(?:Kreisfreie Stadt|krfr\. Stadt|Stadtkreis|Stadt)$", re.I)


def level(key: str) -> str:
    """``bund``, ``land``, ``bezirk``, ``kreis``, ``gemeinde`` or ``sonstige``."""
    if key == GERMANY:
        return "bund"
    if key.isdigit():
        return LEVELS.get(len(key), "gemeinde" if len(key) > 8 else "sonstige")
    return "sonstige"


def land_of(key: str) -> str | None:
    """The Land of an official key (``03151`` -> ``03``), None for Germany or other keys."""
    return key[:2] if key.isdigit() and len(key) > 2 else None


def ordered(keys, land: str | None = None, known: list[str] | None = None) -> list[str]:
    """Comparison regions in reading order: the Land, Germany, then the others as listed in
    the package (``known``), then any left in key order."""
    keys = list(dict.fromkeys(keys))
    known = known or []

    def rank(key):
        if key == land or (land is None and level(key) == "land"):
            return (0, 0, key)
        if key == GERMANY:
            return (1, 0, key)
        return (2, known.index(key) if key in known else len(known), key)

    return sorted(keys, key=rank)


def display_name(name: str) -> str:
    """An official name as people say it: „Gifhorn, Landkreis“ -> „Landkreis Gifhorn“,
    „Kiel, Landeshauptstadt, Kreisfreie Stadt“ -> „Kiel, Landeshauptstadt“."""
    name = " ".join(name.split())
    match = _LANDKREIS.match(name)
    if match:
        return f"{match['kind']} {match['name']}"
    match = _CITY.match(name)
    return match["name"] if match else name


def nearest_keys(wanted: str, names: dict[str, str], count: int = 5) -> str:
    """„Ähnliche Schlüssel in der Tabelle: …“: the keys of the same level sharing the longest start with
    ``wanted``, and which levels the table has (a Gemeinde key in a table of Kreise)."""
    same = [key for key in names if key.isdigit() and len(key) == len(wanted)] or [k for k in names if k.isdigit()]

    def rank(key):
        shared = next((i for i, (a, b) in enumerate(zip(key, wanted)) if a != b), min(len(key), len(wanted)))
        return (-shared, abs(int(key) - int(wanted)) if wanted.isdigit() else 0, key)

    shown = ", ".join(f"{key} {display_name(names[key])}" for key in sorted(same, key=rank)[:count])
    levels = ", ".join(dict.fromkeys(LEVEL_NAMES[level(key)] for key in sorted(names, key=len)))
    return (f"Ähnliche Schlüssel in der Tabelle: {shown}. " if shown else "") + f"Ebenen der Tabelle: {levels}."
