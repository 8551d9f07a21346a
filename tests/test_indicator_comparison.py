"""The county beside its Land, Germany and up to five other regions: charts, tables, newest value."""

from __future__ import annotations

import csv
import io
import re

import pytest

from wegweiser.indicators.charts import COLOURS, DASHES, HATCHES, MARKERS, Chart, Series
from wegweiser.indicators.compare import comparison_chart
from wegweiser.indicators.package import Indicator, Observation, format_number
from wegweiser.indicators.view import charts, tables

REGIONS = {"03": "Niedersachsen", "DG": "Deutschland", "03151": "Landkreis Gifhorn", "03252": "Landkreis Hameln-Pyrmont",
           "14627": "Landkreis Meißen", "01059": "Landkreis Schleswig-Flensburg", "09186": "Landkreis Pfaffenhofen"}


def _indicator(unit, values, groups=(None,), comparison=""):
    """values: {region key or None: {year: value}}; None values are „fehlt“."""
    observations = []
    for region, by_year in values.items():
        for year, number in by_year.items():
            for group in groups:
                raw = "" if number is None else str(number)
                observations.append(Observation(year, number, "vorhanden" if raw else "fehlt", raw, region=region,
                                                group=group))
    return Indicator(id="test", title="Testwert", description="Ein Test.", area="weiterbildung", unit=unit,
                     reference_date="31. Dezember", observations=observations, regions=REGIONS,
                     county_title="Landkreis Musterland", county_key="03999", comparison=comparison)


def test_rates_are_compared_by_their_values_on_one_axis():
    ind = _indicator("%", {None: {2023: 30.5, 2024: 31.2}, "DG": {2023: 35.0, 2024: 36.4}, "03": {2023: 33.0, 2024: 34.1}})
    chart = comparison_chart(ind)
    assert chart.kind == "line" and [s.name for s in chart.series] == ["Landkreis Musterland", "Niedersachsen",
                                                                       "Deutschland"]
    assert chart.series[1].values == [33.0, 34.1]  # the values themselves, Land before Germany
    assert "Niedersachsen: 34,1 % im Jahr 2024" in chart.description
    assert ind.comparison_text() == "Niedersachsen: 34,1 %; Deutschland: 36,4 %"
    assert [item["name"] for item in chart.legend()] == [s.name for s in chart.series]


def test_counts_are_compared_by_their_development_since_a_common_year():
    ind = _indicator("Kitas", {None: {1994: 58, 1998: 68, 2002: 77}, "03": {1994: 3314, 1998: 3777, 2002: 4156},
                               "DG": {1994: 46623, 1998: 48203, 2002: 48017}})
    chart = comparison_chart(ind)
    assert chart.axis_label == "Index (1994 = 100)"
    for series, (first, last) in zip(chart.series, ((58, 77), (3314, 4156), (46623, 48017))):
        assert series.values[0] == 100 and series.values[-1] == pytest.approx(last * 100 / first)
    change = format_number(f"{77 * 100 / 58 - 100:.1f}")
    assert f"Landkreis Musterland +{change} % bis 2002" in chart.description
    assert ind.comparison_text().startswith(f"seit 1994: +{change} % (Niedersachsen +")
    ind.comparison = "values"  # stated in the package: compared by value after all
    assert comparison_chart(ind).axis_label == "Kitas"


def test_one_year_of_counts_names_the_regions_values():
    ind = _indicator("Anzahl", {None: {2015: 17668}, "03": {2015: 846609}, "DG": {2015: 8335061}})
    assert comparison_chart(ind) is None  # no common scale, no development: the table holds them
    assert ind.comparison_text() == "Niedersachsen: 846.609; Deutschland: 8.335.061"
    assert ind.value_text(ind.latest) == "17.668"  # „Anzahl“ does not follow the number


def test_eight_series_stay_distinct_without_colour():
    values = {None: {2023: 1.0, 2024: 2.0}}
    values.update({key: {2023: 1.5, 2024: 2.5} for key in REGIONS})
    chart = comparison_chart(_indicator("%", values))
    assert len(chart.series) == 8
    svg = str(chart.svg())
    dashes = re.findall(r'<path d="M[^"]*" fill="none" stroke="(#[0-9A-F]+)" stroke-width="2.5" stroke-linejoin="round"'
                        r'(?: stroke-dasharray="([^"]+)")?', svg)
    assert len({dash for _, dash in dashes}) == 8 and len({colour for colour, _ in dashes}) == 8
    assert len(set(MARKERS)) == len(set(DASHES)) == len(set(COLOURS)) == 8 and len(set(HATCHES)) == 7
    bar = Chart("bar", "b", "T", "D", "Anzahl", ["a"], [Series(str(i), [float(i + 1)], [str(i + 1)]) for i in range(8)])
    patterns = re.findall(r'<pattern id="b-p\d"[^>]*rotate\((-?\d+)\)">(.*?)</pattern>', str(bar.svg()))
    # without their colour the hatchings still differ: by angle or by what is drawn
    shapes = {(angle, re.sub(r'<rect width="6" height="6" fill="#[0-9A-F]+"/>', "", inner)) for angle, inner in patterns}
    assert len(patterns) == len(shapes) == 7


def test_every_value_stands_in_one_table_also_with_groups_and_regions():
    groups = ("weiblich", "männlich", "Insgesamt")
    ind = _indicator("Personen", {None: {2023: 10, 2024: 12}, "03": {2023: 100, 2024: None}, "DG": {2023: 1000, 2024: 1100}},
                     groups=groups)
    cells = [(t.id, tuple(r["headers"]), cell) for t in tables(ind) for r in t.rows for cell in r["cells"] if cell]
    assert sorted(id(c) for _, _, c in cells) == sorted(id(o) for o in ind.observations)
    assert {t for t, _, _ in cells} == {"tabelle-zeitreihe", "tabelle-vergleich"}
    assert ind.latest.group == "Insgesamt"  # the total is the newest value and what is compared
    assert [c.id for c in charts(ind)] == ["test-verlauf", "test-entwicklung"]


def test_the_example_compares_the_county_with_niedersachsen_and_germany(example_site, example_catalog):
    indicator = example_catalog.monitoring.get("betreuungsquote-unter-3")
    rows = list(csv.DictReader(io.StringIO(indicator.csv_bytes.decode("utf-8"))))
    newest = max(int(r["year"]) for r in rows)
    value = {r["region"]: format_number(r["value"]) for r in rows if int(r["year"]) == newest and not r["municipality"]}
    page = (example_site / "bildungsmonitoring" / "betreuungsquote-unter-3" / "index.html").read_text(encoding="utf-8")
    assert f"Zum Vergleich: Niedersachsen: {value['03']} %; Deutschland: {value['DG']} %" in page
    assert 'class="ww-chart__legend"' in page and "Landkreis Musterland im Vergleich" in page
    overview = (example_site / "bildungsmonitoring" / "index.html").read_text(encoding="utf-8")
    assert f"Vergleich: Niedersachsen: {value['03']} %; Deutschland: {value['DG']} %" in overview
    counts = (example_site / "bildungsmonitoring" / "neue-ausbildungsvertraege" / "index.html").read_text(encoding="utf-8")
    assert "Entwicklung im Vergleich" in counts and "Index (2015 = 100)" in counts


def test_figures_of_regions_alone_get_a_time_chart_and_a_table():
    ind = _indicator("%", {"03": {2023: 33.0, 2024: 34.1}, "DG": {2023: 35.0, 2024: 36.4}})
    (chart,) = charts(ind)
    assert chart.kind == "line" and [s.name for s in chart.series] == ["Niedersachsen", "Deutschland"]
    cells = [cell for t in tables(ind) for r in t.rows for cell in r["cells"] if cell]
    assert sorted(id(c) for c in cells) == sorted(id(o) for o in ind.observations)
