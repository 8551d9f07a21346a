"""The county beside its Land, Germany and other regions: comparison charts and sentences.

Rates and shares (unit „%“, „je 1.000 …“) are compared by their values on one
axis. Counts are not: 77 Kitas in a Kreis and 48,017 in Germany share no scale,
so counts are compared by their development since the first year all regions
have a value (that year = 100), like an index of the statistical offices.
Every value itself stays in the tables.
"""

from __future__ import annotations

from wegweiser.indicators.charts import Chart, Series
from wegweiser.indicators.package import Indicator, Observation, change_text, find, number_text, value

ALL_VALUES = "Alle Werte stehen in der Tabelle unter dem Diagramm."


def axis_label(indicator: Indicator) -> str:
    return f"Werte in {indicator.unit}" if indicator.unit in ("%", "‰") else indicator.unit


def text(o: Observation | None) -> str:
    return o.text if o is not None else "keine Daten"


def series_keys(ind: Indicator) -> list[str | None]:
    """None (the county) and the keys of the compared regions."""
    return [None, *ind.compared]


def comparison_chart(ind: Indicator) -> Chart | None:
    """The county and the compared regions: by value (rates) or by development (counts)."""
    if not ind.compared or (ind.groups and not ind.total_group):
        return None
    group = ind.headline_group
    rows = [o for o in ind.observations if not o.municipality and o.group == group]
    years = sorted({o.year for o in rows})
    if not years or not any(value(o) is not None for o in ind.county if o.group == group):
        return None
    if not ind.compares_values:
        return _index_chart(ind, rows, years) if len(years) > 1 else None
    names = [ind.region_title(k) for k in series_keys(ind)]
    found = [[find(rows, y, None, group, k) for y in years] for k in series_keys(ind)]
    what = f"{ind.title}" + (f" ({group})" if group else "")
    if len(years) == 1:
        pairs = sorted(zip(names, (f[0] for f in found)), key=lambda p: -(value(p[1]) or -1))
        series = Series(str(years[0]), [value(o) for _, o in pairs], [text(o) for _, o in pairs])
        labels = [n for n, _ in pairs]
        desc = (f"Balkendiagramm: {what}, {years[0]}, {axis_label(ind)}, {ind.county_title} im Vergleich. "
                + " ".join(f"{n}: {ind.value_text(o) if o else 'keine Daten'}." for n, o in pairs) + " " + ALL_VALUES)
        return Chart("bar", f"{ind.id}-vergleich", f"{ind.title}: {ind.county_title} im Vergleich, {years[0]}",
                     desc, axis_label(ind), labels, [series])
    series = [Series(n, [value(o) for o in f], [text(o) for o in f]) for n, f in zip(names, found)]
    desc = [f"Liniendiagramm: {what}, {years[0]} bis {years[-1]}, {axis_label(ind)}, {ind.county_title} im "
            f"Vergleich mit {listing(names[1:])}."]
    for name, observations in zip(names, found):
        last = next((o for o in reversed(observations) if value(o) is not None), None)
        desc.append(f"{name}: {ind.value_text(last)} im Jahr {last.year}." if last else f"{name}: keine Werte.")
    desc.append(ALL_VALUES)
    return Chart("line", f"{ind.id}-vergleich", f"{ind.title}: {ind.county_title} im Vergleich, "
                 f"{years[0]} bis {years[-1]}", " ".join(desc), axis_label(ind), [str(y) for y in years], series,
                 positions=list(years))


def _index_chart(ind: Indicator, rows, years: list[int]) -> Chart | None:
    keys = series_keys(ind)
    base = next((y for y in years if value(find(rows, y, None, ind.headline_group)) is not None
                 and any(value(find(rows, y, None, ind.headline_group, k)) is not None for k in keys[1:])), None)
    if base is None:
        return None
    shown = [y for y in years if y >= base]
    series, changes, left_out = [], [], []
    for key in keys:
        start = value(find(rows, base, None, ind.headline_group, key))
        name = ind.region_title(key)
        if not start:
            left_out.append(name)
            continue
        found = [value(find(rows, y, None, ind.headline_group, key)) for y in shown]
        index = [None if v is None else v * 100 / start for v in found]
        series.append(Series(name, index, [number_text(i, 1) if i is not None else "keine Daten" for i in index]))
        last = next(((y, i) for y, i in zip(reversed(shown), reversed(index)) if i is not None), None)
        if last and last[0] != base:
            changes.append(f"{name} {change_text(last[1])} bis {last[0]}")
    if len(series) < 2:
        return None
    label = f"Index ({base} = 100)"
    desc = (f"Liniendiagramm: Entwicklung von {ind.title} seit {base} ({base} = 100), {ind.county_title} im "
            f"Vergleich mit {listing([s.name for s in series[1:]])}. Veränderung: " + "; ".join(changes) + ". "
            + (f"Ohne Wert im Jahr {base}: {listing(left_out)}. " if left_out else "")
            + "Die Werte selbst stehen in der Tabelle unter dem Diagramm.")
    return Chart("line", f"{ind.id}-entwicklung", f"{ind.title}: Entwicklung im Vergleich, {base} bis {shown[-1]}",
                 desc, label, [str(y) for y in shown], series, positions=list(shown))


def listing(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " und " + names[-1]
