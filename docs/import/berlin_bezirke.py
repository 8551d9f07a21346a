"""Write a municipality vocabulary for Berlin from the Kita list: the twelve Bezirke and the city.

Berlin is not a municipality of the example county, and a project's municipalities
are its own vocabulary (data/vocabularies/municipalities.csv). This script derives
it from the Kita list itself, so that the postcode rule ("postcode belongs to the
municipality") holds for every Kita:

- one row per Bezirk (the first two digits of the LOR area ``geojson_feature_id``),
  with every postcode that occurs there and the mean position of its Kitas;
- one row ``berlin`` for the whole city (all postcodes), used by the sponsors, whose
  address the list does not have.

The population is not part of the list and is written as 0 (unknown).

    python docs/import/berlin_bezirke.py berlin-daycare-centers-2026-07.csv > data/vocabularies/municipalities.csv
"""

from __future__ import annotations

import csv
import io
import sys
from collections import defaultdict
from pathlib import Path

BEZIRKE = {
    "01": ("mitte", "Mitte"),
    "02": ("friedrichshain-kreuzberg", "Friedrichshain-Kreuzberg"),
    "03": ("pankow", "Pankow"),
    "04": ("charlottenburg-wilmersdorf", "Charlottenburg-Wilmersdorf"),
    "05": ("spandau", "Spandau"),
    "06": ("steglitz-zehlendorf", "Steglitz-Zehlendorf"),
    "07": ("tempelhof-schoeneberg", "Tempelhof-Schöneberg"),
    "08": ("neukoelln", "Neukölln"),
    "09": ("treptow-koepenick", "Treptow-Köpenick"),
    "10": ("marzahn-hellersdorf", "Marzahn-Hellersdorf"),
    "11": ("lichtenberg", "Lichtenberg"),
    "12": ("reinickendorf", "Reinickendorf"),
}
COLUMNS = ["id", "label", "ags", "postcodes", "lat", "lon", "population", "population_date"]


def municipalities(kitas_csv: Path) -> str:
    """The municipalities.csv text for the Kitas in ``kitas_csv``."""
    postcodes, positions = defaultdict(set), defaultdict(list)
    with open(kitas_csv, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            bezirk = row["geojson_feature_id"][:2]
            postcodes[bezirk].add(row["zip_code"])
            positions[bezirk].append((float(row["lat"]), float(row["lon"])))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    every = set().union(*postcodes.values()) if postcodes else set()
    writer.writerow(["berlin", "Berlin", "11000000", " ".join(sorted(every)), "52.5200", "13.4050", 0, ""])
    for number, (key, label) in BEZIRKE.items():
        if number not in postcodes:
            continue
        lats, lons = zip(*positions[number])
        writer.writerow([key, label, "", " ".join(sorted(postcodes[number])),
                         f"{sum(lats) / len(lats):.4f}", f"{sum(lons) / len(lons):.4f}", 0, ""])
    return out.getvalue()


if __name__ == "__main__":
    sys.stdout.write(municipalities(Path(sys.argv[1])))
