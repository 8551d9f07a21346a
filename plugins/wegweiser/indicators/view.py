"""What an indicator page shows: charts with text alternatives and the data tables.

County values over several years become a line chart (one line per group);
with the county compared to its Land, Germany or other regions a second chart
sets them side by side (see :mod:`compare`). A series whose every row belongs
to a municipality gets the same time chart for its municipalities.
Municipality values of the newest year become a bar chart, with the county
value as a reference line; a single year of groups becomes a bar chart of the
groups. Every CSV row appears in exactly one table, so the tables hold every
value the charts show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wegweiser.indicators.charts import COLOURS, Chart, Series
from wegweiser.indicators.compare import ALL_VALUES, axis_label, comparison_chart, find, listing, text, value
from wegweiser.indicators.package import COUNT_UNITS, Indicator, format_number
from wegweiser.indicators.regions import COUNTY_FALLBACK


@dataclass
class Table:
    id: str
    caption: str
    header: list[str]  # row header titles, then one title per value column
    rows: list[dict] = field(default_factory=list)  # {"headers": [...], "cells": [Observation | None]}
    row_header_count: int = 1


def by(title: str, what: str) -> str:
    """„Title nach what“ — or „… und what“ when the title already says „nach …“."""
    if title.endswith(f"nach {what}"):
        return title
    return f"{title} und {what}" if " nach " in f" {title} " else f"{title} nach {what}"


def charts(ind: Indicator) -> list[Chart]:
    result = []
    county_years = sorted({o.year for o in ind.county})
    lines_fit = len(ind.groups) <= len(COLOURS)
    if len(county_years) > 1 and lines_fit:
        result.append(_line_chart(ind, county_years))
    elif county_years and ind.groups and not ind.by_place:
        result.append(_group_bar_chart(ind, county_years[-1]))
    elif not county_years and ind.by_place:
        places = _places(ind)
        place_years = sorted({o.year for o in ind.by_place})
        if len(place_years) > 1 and (len(places) == 1 and lines_fit or not ind.groups and len(places) <= len(COLOURS)):
            result.append(_place_line_chart(ind, places, place_years))
    elif not county_years and ind.by_region and len(ind.compared) <= len(COLOURS):
        result.append(_region_line_chart(ind))
    comparison = comparison_chart(ind)
    if comparison:
        result.append(comparison)
    if ind.by_place and len(_places(ind)) > 1:
        result.append(_place_bar_chart(ind))
    return result


def tables(ind: Indicator) -> list[Table]:
    result = []
    county = ind.county
    regions = ind.compared
    if county:
        years = sorted({o.year for o in county})
        rows = [o for o in ind.observations if not o.municipality]
        keys = [None, *regions]
        names = [ind.region_title(k) for k in keys]
        if len(years) == 1 and ind.groups:
            beside = regions if {o.year for o in ind.by_region} <= set(years) else []
            keys = [None, *beside]
            columns = [ind.region_title(k) for k in keys] if beside else [str(years[0])]
            table = Table("tabelle-gruppen", f"Nach {ind.group_title or 'Gruppe'}, {years[0]} ({axis_label(ind)})",
                          [ind.group_title or "Gruppe", *columns])
            for group in ind.groups:
                table.rows.append({"headers": [group], "cells": [find(rows, years[0], None, group, k) for k in keys]})
            regions = [k for k in regions if k not in beside]
        elif not ind.groups:
            table = Table("tabelle-zeitreihe", f"{listing(names)}, {_span(years)} ({axis_label(ind)})",
                          ["Jahr", *names])
            for year in sorted({o.year for o in rows}):
                table.rows.append({"headers": [str(year)], "cells": [find(rows, year, None, None, k) for k in keys]})
            regions = []
        else:
            table = Table("tabelle-zeitreihe", f"{ind.county_title}, {_span(years)} ({axis_label(ind)})",
                          ["Jahr", *ind.groups])
            for year in years:
                table.rows.append({"headers": [str(year)], "cells": [find(county, year, None, g) for g in ind.groups]})
        result.append(table)
    if regions:
        result.append(_region_table(ind, regions))
    places = ind.by_place
    if places:
        years = sorted({o.year for o in places})
        groups = ind.groups or [None]
        header = ["Gemeinde"] + ([ind.group_title or "Gruppe"] if ind.groups else []) + [str(y) for y in years]
        table = Table("tabelle-gemeinden", f"Nach Gemeinde, {_span(years)} ({axis_label(ind)})", header,
                      row_header_count=2 if ind.groups else 1)
        for key in _places(ind):
            for group in groups:
                headers = [ind.place(key)] + ([group] if group else [])
                table.rows.append({"headers": headers, "cells": [find(places, y, key, group) for y in years]})
        result.append(table)
    return result


def _region_table(ind: Indicator, regions: list[str]) -> Table:
    """Rows of the compared regions (and their groups), one column per year."""
    rows = ind.by_region
    years = sorted({o.year for o in rows})
    groups = ind.groups or [None]
    header = ["Region"] + ([ind.group_title or "Gruppe"] if ind.groups else []) + [str(y) for y in years]
    table = Table("tabelle-vergleich", f"Zum Vergleich: {listing([ind.region_title(k) for k in regions])}, "
                  f"{_span(years)} ({axis_label(ind)})", header, row_header_count=2 if ind.groups else 1)
    for key in regions:
        for group in groups:
            cells = [find(rows, y, None, group, key) for y in years]
            if any(c is not None for c in cells):
                table.rows.append({"headers": [ind.region_title(key)] + ([group] if group else []), "cells": cells})
    return table


def _places(ind: Indicator) -> list[str]:
    present = {o.municipality for o in ind.by_place}
    return [k for k in ind.places if k in present] + sorted(present - set(ind.places))


def _span(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]} bis {years[-1]}"


def _line_chart(ind: Indicator, years: list[int], place: str | None = None) -> Chart:
    labels = years
    observations = ind.by_place if place else ind.county
    names = ind.groups or [ind.place(place) if place else ind.county_title]
    keys = ind.groups or [None]
    series = []
    for name, key in zip(names, keys):
        found = [find(observations, y, place, key) for y in labels]
        series.append(Series(name, [value(o) for o in found], [text(o) for o in found]))
    title = f"{ind.title}, {ind.place(place)}" if place else ind.title
    return _time_chart(ind, title, labels, series, f"{ind.id}-verlauf")


def _place_line_chart(ind: Indicator, places: list[str], years: list[int]) -> Chart:
    """Every row has a municipality: one municipality's groups, or one line per municipality."""
    if len(places) == 1:
        return _line_chart(ind, years, places[0])
    labels = years
    series = []
    for key in places:
        found = [find(ind.by_place, y, key, None) for y in labels]
        series.append(Series(ind.place(key), [value(o) for o in found], [text(o) for o in found]))
    return _time_chart(ind, by(ind.title, "Gemeinde"), labels, series, f"{ind.id}-verlauf")


def _region_line_chart(ind: Indicator) -> Chart:
    """Only regions to compare with, no county rows (e.g. a city's figures beside the Land's)."""
    years = sorted({o.year for o in ind.by_region})
    series = []
    for key in ind.compared:
        found = [find(ind.by_region, y, None, ind.headline_group, key) for y in years]
        series.append(Series(ind.region_title(key), [value(o) for o in found], [text(o) for o in found]))
    return _time_chart(ind, ind.title, years, series, f"{ind.id}-verlauf")


def _time_chart(ind: Indicator, title: str, labels: list[int], series: list[Series], chart_id: str) -> Chart:
    breaks = [labels.index(b["year"]) for b in ind.breaks if b.get("year") in labels]
    desc = [f"Liniendiagramm: {title}, {labels[0]} bis {labels[-1]}, {axis_label(ind)}."]
    for s in series:
        desc.append(_series_summary(s, [str(y) for y in labels], ind, single=len(series) == 1))
    desc += [f"Bruch der Zeitreihe ab {labels[i]}." for i in breaks]
    desc.append(ALL_VALUES)
    return Chart("line", chart_id, f"{title}, {labels[0]} bis {labels[-1]}", " ".join(desc),
                 axis_label(ind), [str(y) for y in labels], series, breaks=breaks, positions=list(labels))


def _series_summary(s: Series, labels: list[str], ind: Indicator, single: bool) -> str:
    pairs, high, low, gaps = _extremes(s, labels)
    prefix = "" if single else f"{s.name}: "
    if not pairs:
        return f"{prefix}keine Werte."
    first, last = pairs[0], pairs[-1]
    unit = _unit_suffix(ind)
    return (f"{prefix}{first[2]}{unit} im Jahr {first[0]}, {last[2]}{unit} im Jahr {last[0]}; "
            f"höchster Wert {high[2]}{unit} ({high[0]}), niedrigster Wert {low[2]}{unit} ({low[0]}).{gaps}")


def _extremes(s: Series, labels: list[str]):
    """(label, value, text) of each value of ``s``, the highest and lowest of them (None without
    values), and the sentence naming the labels without a value ("" when every label has one)."""
    pairs = [(label, v, t) for label, v, t in zip(labels, s.values, s.texts) if v is not None]
    high = max(pairs, key=lambda p: p[1]) if pairs else None
    low = min(pairs, key=lambda p: p[1]) if pairs else None
    gaps = [f"{label} ({t})" for label, v, t in zip(labels, s.values, s.texts) if v is None]
    return pairs, high, low, (" Ohne Wert: " + ", ".join(gaps) + ".") if gaps else ""


def _unit_suffix(ind: Indicator) -> str:
    return "" if ind.unit in COUNT_UNITS else f" {ind.unit}"


def _group_bar_chart(ind: Indicator, year: int) -> Chart:
    rows = [o for o in ind.observations if not o.municipality and o.year == year]
    keys = [None, *ind.compared] if ind.compares_values else [None]
    groups = [g for g in ind.groups if g != ind.total_group] if len(ind.groups) > 2 else ind.groups
    first = {g: value(find(rows, year, None, g)) for g in groups}
    if not all(any(ch.isdigit() for ch in g) for g in groups):  # age groups and the like keep their order
        groups.sort(key=lambda g: (first[g] is None, -(first[g] or 0)))
    series = []
    for key in keys:
        found = [find(rows, year, None, g, key) for g in groups]
        series.append(Series(ind.region_title(key) if len(keys) > 1 else str(year),
                             [value(o) for o in found], [text(o) for o in found]))
    title = by(ind.title, ind.group_title or "Gruppe")
    desc = [f"Balkendiagramm: {title}, {year}, {axis_label(ind)}."]
    for s in series:
        desc.append(("" if len(series) == 1 else f"{s.name}: ") + _bar_summary(s, groups, ind, "bei"))
    if ind.total_group and ind.total_group not in groups:
        desc.append(f"Ohne die Gruppe „{ind.total_group}“.")
    desc.append(ALL_VALUES)
    return Chart("bar", f"{ind.id}-gruppen", f"{title}, {year}", " ".join(desc), axis_label(ind), groups, series)


def _place_bar_chart(ind: Indicator) -> Chart:
    year = max(o.year for o in ind.by_place)
    rows = [o for o in ind.by_place if o.year == year]
    keys = [k for k in _places(ind) if any(o.municipality == k for o in rows)]
    groups = ind.groups or [None]
    first = {k: value(find(rows, year, k, groups[0])) for k in keys}
    keys.sort(key=lambda k: (first[k] is None, -(first[k] or 0)))
    labels = [ind.place(k) for k in keys]
    series = []
    for group in groups:
        found = [find(rows, year, k, group) for k in keys]
        series.append(Series(group or str(year), [value(o) for o in found], [text(o) for o in found]))
    reference = None
    county = find(ind.county, year, None, None)
    if not ind.groups and value(county) is not None:
        reference = (f"{ind.county_title}: {format_number(county.raw)}", county.value)
    title = by(ind.title, "Gemeinde")
    desc = [f"Balkendiagramm: {title}, {year}, {axis_label(ind)}."]
    for s in series:
        desc.append(("" if len(series) == 1 else f"{s.name}: ") + _bar_summary(s, labels, ind))
    if reference:
        who = "den ganzen Landkreis" if ind.county_title == COUNTY_FALLBACK else ind.county_title
        desc.append(f"Gestrichelte Linie: Wert für {who}, {ind.value_text(county)}.")
    desc.append(ALL_VALUES)
    return Chart("bar", f"{ind.id}-gemeinden", f"{title}, {year}", " ".join(desc),
                 axis_label(ind), labels, series, reference=reference)


def _bar_summary(s: Series, labels: list[str], ind: Indicator, prep: str = "in") -> str:
    pairs, high, low, gaps = _extremes(s, labels)
    if not pairs:
        return "Keine Werte."
    unit = _unit_suffix(ind)
    return (f"Höchster Wert: {high[2]}{unit} {prep} {high[0]}; "
            f"niedrigster Wert: {low[2]}{unit} {prep} {low[0]}.{gaps}")
