"""Accessible SVG charts rendered at build time: no JavaScript, no third-party code.

Line charts show time series, horizontal bar charts compare places or groups.
Every series differs by colour (Okabe–Ito palette, at least 3:1 against white),
by dash pattern or hatching and by marker shape, so charts survive colour
blindness and black-and-white print. The SVG has ``role="img"`` with a
``<title>`` and a ``<desc>`` (the text alternative); the values themselves are
in the table below each chart. All text is escaped here, so the result can be
marked safe.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from markupsafe import Markup, escape

#: Okabe–Ito colours with enough contrast on white, most distinct first; eight series (a county,
#: its Land, Germany and five other regions) differ in colour, dash, marker and hatching.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#000000", "#CC79A7", "#8F6A00", "#5A5A5A", "#6A3D9A")
DASHES = ("", "7 4", "2 3", "9 3 2 3", "4 2", "1 2", "12 3", "5 2 1 2 1 2")
MARKERS = ("circle", "square", "triangle", "diamond", "circle-open", "square-open", "triangle-open",
           "diamond-open")
#: hatching of bar series 1 to 7 (series 0 is solid): (kind, angle)
HATCHES = (("line", 45), ("line", -45), ("line", 0), ("line", 90), ("cross", 0), ("cross", 45), ("dots", 0))
TEXT, MUTED, GRID = "#1b1b1b", "#4a4a4a", "#c8c8c8"
#: a white outline keeps value labels readable where they cross a line
HALO = 'stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round"'
WIDTH = 320
FONT = 13
CHAR = 7.6  # generous average glyph width at FONT, for layout estimates


@dataclass
class Series:
    name: str
    values: list[float | None]
    texts: list[str]


@dataclass
class Chart:
    kind: str  # "line" or "bar"
    id: str
    title: str
    description: str
    axis_label: str
    labels: list[str]
    series: list[Series]
    #: line charts: indices i where the series breaks between labels i-1 and i
    breaks: list[int] = field(default_factory=list)
    #: bar charts: a reference value drawn as a dashed line, e.g. the county average
    reference: tuple[str, float] | None = None
    #: line charts: where each label stands (e.g. its year), when the labels are not evenly spaced
    positions: list[float] | None = None

    def svg(self) -> Markup:
        return render(self)

    def legend(self) -> list[dict]:
        """Legend entries (name, swatch SVG) when there is more than one series."""
        if len(self.series) < 2:
            return []
        return [{"name": s.name, "swatch": swatch(self.kind, i, f"{self.id}-sw")} for i, s in enumerate(self.series)]


def render(chart: Chart) -> Markup:
    body, height = (_line if chart.kind == "line" else _bar)(chart)
    cid = escape(chart.id)
    return Markup(
        f'<svg class="ww-chart__svg" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="{FONT}" fill="{TEXT}">'
        f'<title id="{cid}-title">{escape(chart.title)}</title>'
        f'<desc id="{cid}-desc">{escape(chart.description)}</desc>'
        f'{_patterns(chart)}{body}</svg>'
    )


def swatch(kind: str, index: int, prefix: str) -> Markup:
    """A small legend symbol for series ``index`` (decorative: the name is text beside it)."""
    if kind == "bar":
        inner = f'<rect x="1" y="3" width="26" height="12" fill="{_fill(prefix, index)}" stroke="{TEXT}"/>'
        defs = _pattern_def(prefix, index)
    else:
        inner = _path([(2, 9), (26, 9)], index) + _marker(14, 9, index)
        defs = ""
    return Markup(f'<svg class="ww-chart__swatch" width="28" height="18" viewBox="0 0 28 18" aria-hidden="true" '
                  f'focusable="false">{defs}{inner}</svg>')


def nice_scale(maximum: float, ticks: int = 4) -> tuple[float, float]:
    """(step, top) of a zero-based axis with about ``ticks`` ticks."""
    if maximum <= 0:
        return 1.0, 1.0
    raw = maximum / max(ticks, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return step, step * math.ceil(maximum / step - 1e-9)


def tick_text(value: float, step: float) -> str:
    decimals = 0 if float(step).is_integer() else 1 if float(step * 10).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


# -- line chart -----------------------------------------------------------------

def _line(chart: Chart) -> tuple[str, float]:
    height, top, bottom = 230, 30, 30
    maximum = max((v for s in chart.series for v in s.values if v is not None), default=0)
    step, scale_top = nice_scale(maximum)
    ticks = [i * step for i in range(round(scale_top / step) + 1)]
    left = 10 + max(len(tick_text(t, step)) for t in ticks) * CHAR
    right, plot_h = 14, height - top - bottom
    n = len(chart.labels)
    x0, x1 = left + 12, WIDTH - right - 8

    where = chart.positions or list(range(n))

    def x(i):
        return (x0 + x1) / 2 if n == 1 else x0 + (where[i] - where[0]) * (x1 - x0) / (where[-1] - where[0])

    def y(v):
        return top + plot_h - v / scale_top * plot_h

    parts = [f'<text x="0" y="14" fill="{MUTED}">{escape(chart.axis_label)}</text>']
    for t in ticks:
        parts.append(f'<line x1="{left:.1f}" x2="{WIDTH - right}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6:.1f}" y="{y(t) + 4:.1f}" text-anchor="end">{tick_text(t, step)}</text>')
    parts.append(f'<line x1="{left:.1f}" x2="{left:.1f}" y1="{top}" y2="{top + plot_h}" stroke="{MUTED}"/>')
    every = max(1, math.ceil(n / max(1, int((x1 - x0) / 40) + 1)))
    for i, label in enumerate(chart.labels):
        parts.append(f'<line x1="{x(i):.1f}" x2="{x(i):.1f}" y1="{top + plot_h}" y2="{top + plot_h + 4}" '
                     f'stroke="{MUTED}"/>')
        if (n - 1 - i) % every == 0:
            parts.append(f'<text x="{x(i):.1f}" y="{top + plot_h + 18}" text-anchor="middle">{escape(label)}</text>')
    for i in chart.breaks:
        if 0 < i < n:
            bx = (x(i - 1) + x(i)) / 2
            parts.append(f'<line x1="{bx:.1f}" x2="{bx:.1f}" y1="{top - 6}" y2="{top + plot_h}" stroke="{MUTED}" '
                         f'stroke-width="1.5" stroke-dasharray="3 3"/>')
            parts.append(f'<text x="{bx:.1f}" y="{top - 10}" text-anchor="middle" fill="{MUTED}">Bruch</text>')
    for index, series in enumerate(chart.series):
        segment: list[tuple[float, float]] = []
        points = []
        for i, value in enumerate(series.values + [None]):
            if value is None:
                if len(segment) > 1:
                    parts.append(_path(segment, index))
                segment = []
                continue
            segment.append((x(i), y(value)))
            points.append((x(i), y(value)))
        parts.extend(_marker(px, py, index) for px, py in points)
    return "".join(parts), height


def _path(points, index: int) -> str:
    d = " ".join(f"{'M' if i == 0 else 'L'}{px:.1f} {py:.1f}" for i, (px, py) in enumerate(points))
    dash = DASHES[index % len(DASHES)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<path d="{d}" fill="none" stroke="{COLOURS[index % len(COLOURS)]}" stroke-width="2.5" '
            f'stroke-linejoin="round"{dash_attr}/>')


def _marker(x: float, y: float, index: int) -> str:
    colour = COLOURS[index % len(COLOURS)]
    shape = MARKERS[index % len(MARKERS)]
    fill = "#ffffff" if shape.endswith("-open") else colour
    common = f'fill="{fill}" stroke="{colour}" stroke-width="1.5"'
    if shape.startswith("circle"):
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.8" {common}/>'
    if shape.startswith("square"):
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" {common}/>'
    if shape.startswith("triangle"):
        return f'<path d="M{x:.1f} {y - 4.5:.1f} L{x + 4.5:.1f} {y + 3.5:.1f} L{x - 4.5:.1f} {y + 3.5:.1f} Z" {common}/>'
    return f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y:.1f} L{x:.1f} {y + 5:.1f} L{x - 5:.1f} {y:.1f} Z" {common}/>'


# -- bar chart ------------------------------------------------------------------

def _wrap(label: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in label.split():
        for n, piece in enumerate(_pieces(word, width)):
            glue = "" if n else " "  # the pieces of one word join without a space
            if current and len(current) + len(glue) + len(piece) > width:
                lines.append(current)
                current = piece
            else:
                current = f"{current}{glue}{piece}".strip()
    lines.append(current)
    return lines[:3]


def _pieces(word: str, width: int) -> list[str]:
    """A word too long for a line, split after „/“ or „-“ (kept at the end of the first piece)."""
    if len(word) <= width:
        return [word]
    for mark in ("/", "-"):
        at = word.find(mark, 1, width)
        if 0 < at < len(word) - 1:
            return [word[:at + 1], *_pieces(word[at + 1:], width)]
    return [word]


def _bar(chart: Chart) -> tuple[str, float]:
    count = len(chart.series)
    bar, gap, pad, top = 14, 2, 12, (30 if chart.reference else 10)
    longest_word = max((len(piece) for label in chart.labels for word in label.split() for piece in _pieces(word, 16)),
                       default=0)
    label_chars = max(16, min(22, longest_word))  # a long word („Schulartunabhängige“) keeps its line
    wraps = [_wrap(label, label_chars) for label in chart.labels]
    label_w = min(label_chars, max((len(line) for w in wraps for line in w), default=4)) * CHAR + 8
    # value labels stand right of their bars; „keine Daten“ stands inside the plot, which must hold it
    shown = [t for s in chart.series for t, v in zip(s.texts, s.values) if v is not None]
    empty = [t for s in chart.series for t, v in zip(s.texts, s.values) if v is None]
    right = max((len(t) for t in shown), default=3) * CHAR + 10
    right = min(right, WIDTH - label_w - max((len(t) for t in empty), default=0) * CHAR - 8)
    left, x_end = label_w, WIDTH - right
    values = [v for s in chart.series for v in s.values if v is not None]
    if chart.reference:
        values.append(chart.reference[1])
    step, scale_top = nice_scale(max(values, default=0))
    widest = max(len(tick_text(scale_top, step)), len(tick_text(step, step))) * CHAR + 4
    if (x_end - left) / max(scale_top / step, 1) < widest:  # tick labels would overlap: fewer ticks
        step, scale_top = nice_scale(max(values, default=0), max(1, int((x_end - left) // widest)))

    def x(v):
        return left + v / scale_top * (x_end - left)

    rows_h = [max(count * bar + (count - 1) * gap, len(w) * 14) + pad for w in wraps]
    plot_h = sum(rows_h)
    height = top + plot_h + 46
    parts = []
    ticks = [i * step for i in range(round(scale_top / step) + 1)]
    for t in ticks:
        parts.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{top}" y2="{top + plot_h}" stroke="{GRID}"/>')
        parts.append(f'<text x="{x(t):.1f}" y="{top + plot_h + 16}" text-anchor="middle">{tick_text(t, step)}</text>')
    parts.append(f'<text x="{(left + x_end) / 2:.1f}" y="{top + plot_h + 36}" text-anchor="middle" '
                 f'fill="{MUTED}">{escape(chart.axis_label)}</text>')
    y, labels = top, []
    for c, lines in enumerate(wraps):
        block = count * bar + (count - 1) * gap
        by = y + (rows_h[c] - block) / 2
        text_y = y + rows_h[c] / 2 - (len(lines) - 1) * 7 + 4
        for k, line in enumerate(lines):
            parts.append(f'<text x="{left - 8:.1f}" y="{text_y + k * 14:.1f}" text-anchor="end">{escape(line)}</text>')
        for s, series in enumerate(chart.series):
            value, text = series.values[c], series.texts[c]
            top_y = by + s * (bar + gap)
            if value is None:
                parts.append(f'<text x="{left + 4:.1f}" y="{top_y + 11:.1f}" font-style="italic" '
                             f'fill="{MUTED}">{escape(text)}</text>')
                continue
            width = max(x(value) - left, 0)
            parts.append(f'<rect x="{left:.1f}" y="{top_y:.1f}" width="{width:.1f}" height="{bar}" '
                         f'fill="{_fill(chart.id, s)}" stroke="{TEXT}" stroke-width="0.75"/>')
            labels.append(f'<text x="{left + width + 4:.1f}" y="{top_y + 11:.1f}" {HALO}>{escape(text)}</text>')
        y += rows_h[c]
    parts.append(f'<line x1="{left:.1f}" x2="{left:.1f}" y1="{top}" y2="{top + plot_h}" stroke="{MUTED}"/>')
    if chart.reference:
        name, value = chart.reference
        rx = x(value)
        parts.append(f'<line x1="{rx:.1f}" x2="{rx:.1f}" y1="{top - 8}" y2="{top + plot_h}" stroke="{TEXT}" '
                     f'stroke-width="1.5" stroke-dasharray="5 3"/>')
        anchor = "end" if rx > WIDTH * 0.6 else "start"
        parts.append(f'<text x="{rx + (-4 if anchor == "end" else 4):.1f}" y="{top - 12}" text-anchor="{anchor}">'
                     f'{escape(name)}</text>')
    return "".join(parts + labels), height


def _fill(prefix: str, index: int) -> str:
    return COLOURS[0] if index == 0 else f"url(#{escape(prefix)}-p{index})"


def _patterns(chart: Chart) -> str:
    if chart.kind != "bar" or len(chart.series) < 2:
        return ""
    return "".join(_pattern_def(chart.id, i) for i in range(1, len(chart.series)))


def _pattern_def(prefix: str, index: int) -> str:
    """Series 0 is solid; the others add white hatching, cross-hatching or dots."""
    if index == 0:
        return ""
    colour = COLOURS[index % len(COLOURS)]
    kind, angle = HATCHES[(index - 1) % len(HATCHES)]
    marks = {
        "line": '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/>',
        "cross": '<path d="M0 0V6M0 3H6" stroke="#ffffff" stroke-width="1.5"/>',
        "dots": '<circle cx="3" cy="3" r="1.4" fill="#ffffff"/>',
    }[kind]
    return (f'<defs><pattern id="{escape(prefix)}-p{index}" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate({angle})"><rect width="6" height="6" fill="{colour}"/>'
            f'{marks}</pattern></defs>')
