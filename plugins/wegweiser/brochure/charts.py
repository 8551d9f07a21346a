"""The indicator charts as images for the brochure: the chart's SVG (indicators/charts.py) and, for
more than one series, its legend drawn as one SVG too, each with a text alternative for the PDF's tag.

The charts, their titles and descriptions are German in every language, as on the indicator pages;
the legend's text alternative begins with the brochure's word for it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import escape

from wegweiser.i18n.catalogs import translations
from wegweiser.i18n.languages import SOURCE
from wegweiser.indicators.charts import CHAR, FONT, TEXT
from wegweiser.indicators.view import charts

ROW = 22
#: what the site's text alternatives say about the table below each chart, which the brochure has not
#: (it names the address of the indicator's page with the tables instead)
TABLE_NOTE = re.compile(r"\s*(Alle Werte|Die Werte selbst) stehen in der Tabelle unter dem Diagramm\.")


@dataclass
class Figure:
    caption: str
    image: str
    alt: str
    legend: str = ""
    legend_alt: str = ""


def figures(indicator, code: str = SOURCE) -> list[Figure]:
    """The indicator's charts, with ``code`` the brochure's language (of the legend's alternative)."""
    result = []
    for chart in charts(indicator):
        names = [entry["name"] for entry in chart.legend()]
        result.append(Figure(
            caption=chart.title, image=data_uri(chart.svg()),
            alt=f"{chart.title}. {TABLE_NOTE.sub('', chart.description)}",
            legend=data_uri(legend_svg(chart)) if names else "",
            legend_alt=translations(code).gettext("Legende: %(series)s") % {"series": ", ".join(names)} if names else ""))
    return result


def legend_svg(chart) -> str:
    """The legend of a chart: a swatch and the series' name per row."""
    entries = chart.legend()
    width = 36 + max(len(e["name"]) for e in entries) * CHAR
    rows = "".join(
        str(e["swatch"]).replace("<svg ", f'<svg x="0" y="{i * ROW + 2}" ', 1)
        + f'<text x="34" y="{i * ROW + 15}">{escape(e["name"])}</text>'
        for i, e in enumerate(entries))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {len(entries) * ROW}" '
            f'font-family="DejaVu Sans, sans-serif" font-size="{FONT}" fill="{TEXT}">{rows}</svg>')


def data_uri(svg) -> str:
    """An SVG as a ``data:`` URI for ``<img>``, whose ``alt`` the PDF's tag then carries."""
    return "data:image/svg+xml;charset=utf-8," + quote(str(svg), safe="")
