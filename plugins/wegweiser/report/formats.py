"""The inventory report as text (terminal), CSV (spreadsheet) or HTML (standalone page)."""

from __future__ import annotations

import csv
import io

from jinja2 import Environment

from wegweiser.catalog.display import de_date
from wegweiser.outputs.exports import to_spreadsheet
from wegweiser.report.report import Report


def _entry_line(entry) -> str:
    return f"{entry.display_title} ({entry.source})"


def as_text(report: Report, site_url: str = "") -> str:
    out = [f"Bestandsaufnahme zum {de_date(report.today)}",
           f"{report.published} Angebote veröffentlicht, {report.expired} abgelaufen, "
           f"{report.stale} Einträge länger nicht geprüft.", ""]
    out.append("== Abgelaufene und lange nicht geprüfte Einträge, nach Anbieter ==")
    if not report.todos:
        out.append("Keine.")
    for todo in report.todos:
        out.append(f"{todo.provider.display_title} – {todo.email or 'keine E-Mail-Adresse'}")
        if todo.provider_stale:
            out.append(f"  Anbieter zuletzt geprüft am {de_date(todo.provider.reviewed)}")
        for e in todo.stale:
            out.append(f"  nicht geprüft seit {de_date(e.reviewed)}: {_entry_line(e)}")
        for e in todo.expired:
            out.append(f"  abgelaufen: {_entry_line(e)}")
    out += ["", "== Angebote nach Bildungsbereich und Ort =="]
    width = max(len(label) for _, label in report.places)
    for area in report.areas:
        out.append(area["label"])
        for place_id, label in report.places:
            count = report.area_by_municipality.get((area["id"], place_id), 0)
            out.append(f"  {label:<{width}} {count:>4}")
    out += ["", "== Angebote nach Zielgruppe =="]
    out += [f"  {row['label']}: {count}" for row, count in report.by_target_group]
    for title, entries in (
        ("Ohne Koordinaten", report.without_coordinates),
        ("Ohne Angaben zur Barrierefreiheit", report.without_accessibility),
        ("Ohne Zusammenfassung in Leichter Sprache", report.without_easy_summary),
    ):
        out += ["", f"== {title} ({len(entries)}) =="] + [f"  {_entry_line(e)}" for e in entries]
    out += ["", f"== Mögliche Dubletten ({len(report.duplicates)}) =="]
    out += [f"  {_entry_line(a)}  ≈  {_entry_line(b)}  (Ähnlichkeit {r:.0%})" for a, b, r in report.duplicates]
    return "\n".join(out) + "\n"


CSV_COLUMNS = ["abschnitt", "anbieter", "anbieter_email", "kennung", "titel", "datei", "angabe", "anzahl"]


def as_csv(report: Report) -> str:
    """One long table; the column ``abschnitt`` says which part of the report a row belongs to."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()

    def write(cells: dict) -> None:  # texts from content, safe to open in a spreadsheet program
        writer.writerow({key: to_spreadsheet(str(value)) for key, value in cells.items()})

    def row(section, entry=None, todo=None, detail="", count=""):
        write({
            "abschnitt": section,
            "anbieter": todo.provider.display_title if todo else (entry.provider_entry.name if entry is not None and entry.provider_entry else ""),
            "anbieter_email": todo.email if todo else "",
            "kennung": entry.id if entry is not None else "",
            "titel": entry.display_title if entry is not None else "",
            "datei": entry.source if entry is not None else "",
            "angabe": detail,
            "anzahl": count,
        })

    for todo in report.todos:
        if todo.provider_stale:
            row("nicht geprüft", todo.provider, todo, f"zuletzt geprüft {todo.provider.reviewed}")
        for e in todo.stale:
            row("nicht geprüft", e, todo, f"zuletzt geprüft {e.reviewed}")
        for e in todo.expired:
            row("abgelaufen", e, todo)
    for area in report.areas:
        for place_id, label in report.places:
            count = report.area_by_municipality.get((area["id"], place_id), 0)
            row("bereich_ort", detail=f"{area['label']} / {label}", count=count)
    for group, count in report.by_target_group:
        row("zielgruppe", detail=group["label"], count=count)
    for section, entries in (("ohne_koordinaten", report.without_coordinates),
                             ("ohne_barrierefreiheit", report.without_accessibility),
                             ("ohne_leichte_sprache", report.without_easy_summary)):
        for e in entries:
            row(section, e)
    for a, b, ratio in report.duplicates:
        row("dublette", a, detail=f"ähnlich wie {b.id} ({ratio:.0%})")
    return buffer.getvalue()


_HTML = """<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Bestandsaufnahme zum {{ de_date(r.today) }} – Bildungswegweiser</title>
<style>
body{font-family:system-ui,sans-serif;line-height:1.5;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #6b6b6b;padding:.3rem .5rem;text-align:left}
td.n{text-align:right}.scroll{overflow-x:auto}a{color:#0b4f8a}a:focus{outline:3px solid #1b1b1b}
</style>
</head>
<body>
<main>
<h1>Bestandsaufnahme zum {{ de_date(r.today) }}</h1>
<p>{{ r.published }} Angebote veröffentlicht, {{ r.expired }} abgelaufen, {{ r.stale }} Einträge länger nicht geprüft.</p>
<h2>Abgelaufene und lange nicht geprüfte Einträge</h2>
{% for t in r.todos %}
<h3>{{ t.provider.display_title }}</h3>
<p>{% if t.email %}<a href="{{ t.mailto(site_url, office) }}">E-Mail an {{ t.email }} mit der Bitte um Prüfung</a>{% else %}Keine E-Mail-Adresse hinterlegt.{% endif %}</p>
<ul>
{% if t.provider_stale %}<li>Anbieter: zuletzt geprüft am {{ de_date(t.provider.reviewed) }} ({{ t.provider.source }})</li>{% endif %}
{% for e in t.stale %}<li>Nicht geprüft seit {{ de_date(e.reviewed) }}: {{ e.display_title }} ({{ e.source }})</li>{% endfor %}
{% for e in t.expired %}<li>Abgelaufen: {{ e.display_title }} ({{ e.source }})</li>{% endfor %}
</ul>
{% else %}<p>Keine.</p>{% endfor %}
<h2>Angebote nach Bildungsbereich und Ort</h2>
<div class="scroll" tabindex="0" role="region" aria-label="Tabelle Bildungsbereich und Ort">
<table><thead><tr><th scope="col">Ort</th>{% for a in r.areas %}<th scope="col">{{ a.label }}</th>{% endfor %}</tr></thead>
<tbody>{% for pid, label in r.places %}<tr><th scope="row">{{ label }}</th>{% for a in r.areas %}<td class="n">{{ r.area_by_municipality.get((a.id, pid), 0) }}</td>{% endfor %}</tr>{% endfor %}</tbody></table>
</div>
<h2>Angebote nach Zielgruppe</h2>
<table><thead><tr><th scope="col">Zielgruppe</th><th scope="col">Angebote</th></tr></thead>
<tbody>{% for g, n in r.by_target_group %}<tr><th scope="row">{{ g.label }}</th><td class="n">{{ n }}</td></tr>{% endfor %}</tbody></table>
{% for title, entries in [("Ohne Koordinaten", r.without_coordinates), ("Ohne Angaben zur Barrierefreiheit", r.without_accessibility), ("Ohne Zusammenfassung in Leichter Sprache", r.without_easy_summary)] %}
<h2>{{ title }} ({{ entries | length }})</h2>
<ul>{% for e in entries %}<li>{{ e.display_title }} ({{ e.source }})</li>{% endfor %}</ul>
{% endfor %}
<h2>Mögliche Dubletten ({{ r.duplicates | length }})</h2>
<ul>{% for a, b, ratio in r.duplicates %}<li>{{ a.display_title }} ({{ a.source }}) und {{ b.display_title }} ({{ b.source }}): {{ "%.0f" | format(ratio * 100) }} % ähnlich</li>{% endfor %}</ul>
</main>
</body>
</html>
"""


def as_html(report: Report, site_url: str = "", office: str = "") -> str:
    env = Environment(autoescape=True)
    return env.from_string(_HTML).render(r=report, de_date=de_date, site_url=site_url, office=office)
