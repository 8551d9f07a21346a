"""What an indicator page shows: charts with text alternatives and the data tables.

County values over several years become a line chart (one line per group);
municipality values of the newest year become a bar chart, with the county
value as a reference line; a single year of groups becomes a bar chart of the
groups. Every CSV row appears in exactly one table, so the tables hold every
value the charts show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wegweiser.indicators.charts import Chart, Series
from wegweiser.indicators.package import STATUS_PRESENT, STATUS_TEXT, Indicator, Observation, format_number

ALL_VALUES = "Alle Werte stehen in der Tabelle unter dem Diagramm."


@dataclass
class Table:
    id: str
    caption: str
    header: list[str]  # row header titles, then one title per value column
    rows: list[dict] = field(default_factory=list)  # {"headers": [...], "cells": [Observation | None]}
    row_header_count: int = 1


def axis_label(indicator: Indicator) -> str:
    return f"Werte in {indicator.unit}" if indicator.unit in ("%", "‰") else indicator.unit


def charts(ind: Indicator) -> list[Chart]:
    result = []
    county_years = sorted({o.year for o in ind.county})
    if len(county_years) > 1:
        result.append(_line_chart(ind, county_years))
    elif county_years and ind.groups and not ind.by_place:
        result.append(_group_bar_chart(ind, county_years[0]))
    if ind.by_place:
        result.append(_place_bar_chart(ind))
    return result


def tables(ind: Indicator) -> list[Table]:
    result = []
    county = ind.county
    if county:
        years = sorted({o.year for o in county})
        if len(years) == 1 and ind.groups:
            table = Table("tabelle-gruppen", f"Nach {ind.group_title or 'Gruppe'}, {years[0]} ({axis_label(ind)})",
                          [ind.group_title or "Gruppe", str(years[0])])
            for group in ind.groups:
                table.rows.append({"headers": [group], "cells": [_find(county, years[0], None, group)]})
        else:
            series = ind.groups or [None]
            names = ind.groups or ["Landkreis"]
            table = Table("tabelle-zeitreihe", f"Landkreis, {_span(years)} ({axis_label(ind)})", ["Jahr", *names])
            for year in years:
                table.rows.append({"headers": [str(year)],
                                   "cells": [_find(county, year, None, g) for g in series]})
        result.append(table)
    places = ind.by_place
    if places:
        years = sorted({o.year for o in places})
        groups = ind.groups or [None]
        header = ["Gemeinde"] + ([ind.group_title or "Gruppe"] if ind.groups else []) + [str(y) for y in years]
        table = Table("tabelle-gemeinden", f"Nach Gemeinde, {_span(years)} ({axis_label(ind)})", header,
                      row_header_count=2 if ind.groups else 1)
        present = {o.municipality for o in places}
        for key in [k for k in ind.places if k in present] + sorted(present - set(ind.places)):
            for group in groups:
                headers = [ind.place(key)] + ([group] if group else [])
                table.rows.append({"headers": headers, "cells": [_find(places, y, key, group) for y in years]})
        result.append(table)
    return result


def _span(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]} bis {years[-1]}"


def _find(observations, year, place, group) -> Observation | None:
    return next((o for o in observations if o.year == year and o.municipality == place and o.group == group), None)


def _value(o: Observation | None) -> float | None:
    return o.value if o is not None and o.status == STATUS_PRESENT else None


def _text(o: Observation | None) -> str:
    return o.text if o is not None else STATUS_TEXT["fehlt"]


def _line_chart(ind: Indicator, years: list[int]) -> Chart:
    labels = list(range(years[0], years[-1] + 1))
    names = ind.groups or ["Landkreis"]
    keys = ind.groups or [None]
    series = []
    for name, key in zip(names, keys):
        found = [_find(ind.county, y, None, key) for y in labels]
        series.append(Series(name, [_value(o) for o in found], [_text(o) for o in found]))
    breaks = [labels.index(b["year"]) for b in ind.breaks if b.get("year") in labels]
    desc = [f"Liniendiagramm: {ind.title}, {labels[0]} bis {labels[-1]}, {axis_label(ind)}."]
    for s in series:
        desc.append(_series_summary(s, [str(y) for y in labels], ind, single=len(series) == 1))
    desc += [f"Bruch der Zeitreihe ab {labels[i]}." for i in breaks]
    desc.append(ALL_VALUES)
    return Chart("line", f"{ind.id}-verlauf", f"{ind.title}, {labels[0]} bis {labels[-1]}", " ".join(desc),
                 axis_label(ind), [str(y) for y in labels], series, breaks=breaks)


def _series_summary(s: Series, labels: list[str], ind: Indicator, single: bool) -> str:
    pairs = [(label, v, t) for label, v, t in zip(labels, s.values, s.texts) if v is not None]
    prefix = "" if single else f"{s.name}: "
    if not pairs:
        return f"{prefix}keine Werte."
    first, last = pairs[0], pairs[-1]
    high = max(pairs, key=lambda p: p[1])
    low = min(pairs, key=lambda p: p[1])
    text = (f"{prefix}{first[2]} {ind.unit} im Jahr {first[0]}, {last[2]} {ind.unit} im Jahr {last[0]}; "
            f"höchster Wert {high[2]} {ind.unit} ({high[0]}), niedrigster Wert {low[2]} {ind.unit} ({low[0]}).")
    gaps = [f"{label} ({t})" for label, v, t in zip(labels, s.values, s.texts) if v is None]
    if gaps:
        text += " Ohne Wert: " + ", ".join(gaps) + "."
    return text


def _group_bar_chart(ind: Indicator, year: int) -> Chart:
    found = [_find(ind.county, year, None, g) for g in ind.groups]
    pairs = sorted(zip(ind.groups, found), key=lambda p: -(_value(p[1]) or -1))
    series = Series(str(year), [_value(o) for _, o in pairs], [_text(o) for _, o in pairs])
    labels = [g for g, _ in pairs]
    desc = (f"Balkendiagramm: {ind.title} nach {ind.group_title or 'Gruppe'}, {year}, {axis_label(ind)}. "
            + _bar_summary(series, labels, ind, "bei") + " " + ALL_VALUES)
    return Chart("bar", f"{ind.id}-gruppen", f"{ind.title}, {year}", desc, axis_label(ind), labels, [series])


def _place_bar_chart(ind: Indicator) -> Chart:
    year = max(o.year for o in ind.by_place)
    rows = [o for o in ind.by_place if o.year == year]
    keys = [k for k in ind.places if any(o.municipality == k for o in rows)]
    keys += sorted({o.municipality for o in rows} - set(keys))
    groups = ind.groups or [None]
    first = {k: _value(_find(rows, year, k, groups[0])) for k in keys}
    keys.sort(key=lambda k: (first[k] is None, -(first[k] or 0)))
    labels = [ind.place(k) for k in keys]
    series = []
    for group in groups:
        found = [_find(rows, year, k, group) for k in keys]
        series.append(Series(group or str(year), [_value(o) for o in found], [_text(o) for o in found]))
    reference = None
    county = _find(ind.county, year, None, None)
    if not ind.groups and _value(county) is not None:
        reference = (f"Landkreis: {format_number(county.raw)}", county.value)
    desc = [f"Balkendiagramm: {ind.title} nach Gemeinde, {year}, {axis_label(ind)}."]
    for s in series:
        desc.append(("" if len(series) == 1 else f"{s.name}: ") + _bar_summary(s, labels, ind))
    if reference:
        desc.append(f"Gestrichelte Linie: Wert für den ganzen Landkreis, {county.text} {ind.unit}.")
    desc.append(ALL_VALUES)
    return Chart("bar", f"{ind.id}-gemeinden", f"{ind.title} nach Gemeinde, {year}", " ".join(desc),
                 axis_label(ind), labels, series, reference=reference)


def _bar_summary(s: Series, labels: list[str], ind: Indicator, prep: str = "in") -> str:
    pairs = [(label, v, t) for label, v, t in zip(labels, s.values, s.texts) if v is not None]
    if not pairs:
        return "Keine Werte."
    high = max(pairs, key=lambda p: p[1])
    low = min(pairs, key=lambda p: p[1])
    text = (f"Höchster Wert: {high[2]} {ind.unit} {prep} {high[0]}; "
            f"niedrigster Wert: {low[2]} {ind.unit} {prep} {low[0]}.")
    gaps = [f"{label} ({t})" for label, v, t in zip(labels, s.values, s.texts) if v is None]
    if gaps:
        text += " Ohne Wert: " + ", ".join(gaps) + "."
    return text
