"""CONTRIBUTING.md and the editor schemas, generated from the schemas (``wegweiser docs``).

The files are committed; a test checks that they match fresh output, so a
change to a schema or vocabulary must be followed by ``wegweiser docs``.
"""

from __future__ import annotations

import os

from wegweiser.submissions.field_docs import KIND_TITLES, FieldDoc, example_value, field_docs
from wegweiser.submissions.json_schema import EDITOR_SCHEMA_FILES, dumps, json_schema
from wegweiser.content.schema import KIND_FOLDERS, Schemas
from wegweiser.content.new_entry import _SHOWN_OPTIONAL, _reference_value, _yaml_value
from wegweiser.submissions.submission import FIELDS_URL, PAGE_URL, SubmitSettings

CONTRIBUTING_FILE = "CONTRIBUTING.md"
WORKFLOW_FILE = ".github/workflows/validate.yml"
GITLAB_FILE = ".gitlab-ci.yml"


def modeline(kind: str, from_folder: str = "content/offers") -> str:
    """The YAML language server's schema comment for a file in ``from_folder`` (relative to the root)."""
    target = os.path.relpath(EDITOR_SCHEMA_FILES[kind], from_folder).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={target}"


def generated_docs(schemas: Schemas, submit: SubmitSettings, site_url: str = "") -> dict[str, str]:
    """Path (relative to the project root) -> text of every generated file."""
    files = {path: dumps(json_schema(schemas, kind)) for kind, path in EDITOR_SCHEMA_FILES.items()}
    files[CONTRIBUTING_FILE] = contributing(schemas, submit, site_url)
    return files


def _md(text: str) -> str:
    return text.replace("<", "&lt;")


def _link(site_url: str, path: str, text: str) -> str:
    return f"[{text}]({site_url}/{path})" if site_url.startswith("http") else f"{text} (`/{path}`)"


def _example_file(schemas: Schemas, kind: str) -> str:
    """A valid example: the required fields and those a useful entry nearly always has."""
    table = schemas.for_kind(kind)
    lines = ["---", modeline(kind, f"content/{KIND_FOLDERS[kind]}")]
    for fld in table.fields:
        if not (fld.required or fld.name in _SHOWN_OPTIONAL.get(kind, ())):
            continue
        value = _reference_value(schemas, table, fld, []) if table.reference_of(fld.name) else example_value(fld)
        if value not in (None, "", []):
            lines.append(f"{fld.name}: {_yaml_value(value)}")
    lines += ["---", "", "Hier steht die ausführliche Beschreibung in Markdown."]
    return "\n".join(lines)


def _field_section(doc: FieldDoc) -> list[str]:
    mark = "Pflichtfeld" if doc.required else "optional"
    out = [f"#### `{doc.name}` – {doc.title} ({mark})", "", _md(doc.description), "",
           f"- Form: {doc.form}"]
    if doc.example:
        out.append(f"- Beispiel: `{doc.example}`")
    if doc.allowed:
        values = ", ".join(f"`{key}` ({label})" for key, label in doc.allowed)
        out.append(f"- Erlaubte Werte (aus `{doc.allowed_from}`): {values}")
    elif doc.allowed_from:
        out.append(f"- Erlaubt ist die Kennung einer Datei in `{doc.allowed_from}` (Dateiname ohne `.md`).")
    return out + [""]


def contributing(schemas: Schemas, submit: SubmitSettings, site_url: str = "") -> str:
    mail_line = (f"Schreiben Sie an [{submit.email}](mailto:{submit.email}) und nennen Sie die Angaben "
                 "aus der Feldliste unten" if submit.email else "Schreiben Sie an das Bildungsbüro")
    lines = [
        "# Mitmachen: Bildungsangebote eintragen und ändern",
        "",
        "<!-- Erzeugt mit „wegweiser docs“ aus data/schemas und data/vocabularies – nicht von Hand ändern. -->",
        "",
        "Der Bildungswegweiser lebt davon, dass die Angaben stimmen. Wenn Sie Bildungsangebote machen – "
        "als Verein, Kita-Träger, Schule, Volkshochschule, Bibliothek oder Initiative –, können Sie Ihre "
        "Angebote kostenlos eintragen lassen und Änderungen melden. Das Bildungsbüro prüft jeden "
        "Vorschlag, bevor er veröffentlicht wird.",
        "",
        "Jedes Angebot ist eine Datei `content/offers/<kennung>.md`, jeder Anbieter eine Datei "
        "`content/providers/<kennung>.md`. Oben in der Datei stehen zwischen zwei Zeilen `---` die "
        "Felder (ein Feld je Zeile), darunter die ausführliche Beschreibung. Welche Felder es gibt, steht "
        "unten unter [Alle Felder](#alle-felder).",
        "",
        "## Drei Wege",
        "",
        "### 1. Mit dem Formular",
        "",
        f"Auf der Seite {_link(site_url, PAGE_URL, '„Mitmachen“')} des Bildungswegweisers füllen Sie ein "
        "Formular aus. Es prüft Ihre Angaben sofort nach denselben Regeln wie das Bildungsbüro und erzeugt "
        "daraus die fertige Datei. Die Seite selbst sendet nichts: Sie entscheiden, ob Sie die Datei per "
        "E-Mail schicken, als Pull Request vorschlagen oder herunterladen. Um ein bestehendes Angebot zu "
        "ändern, klicken Sie auf seiner Seite auf „Änderung vorschlagen“; das Formular ist dann schon "
        "ausgefüllt.",
        "",
        "### 2. Per E-Mail",
        "",
        f"{mail_line}: Name und Kurzbeschreibung des Angebots, für wen es gedacht ist, wann und wo es "
        "stattfindet, was es kostet, wie man sich anmeldet und ob die Räume barrierefrei sind. Für eine "
        "Änderung nennen Sie die Adresse der Seite und was sich geändert hat. Das Bildungsbüro trägt die "
        "Angaben ein.",
        "",
        "### 3. Per Pull Request",
        "",
        "Wer mit git arbeitet, legt die Datei selbst an:",
        "",
        "1. Repository forken und klonen, dann `make install` (oder "
        "`python3 -m venv .venv && .venv/bin/pip install -e .`).",
        "2. `.venv/bin/wegweiser new offer <kennung>` legt `content/offers/<kennung>.md` mit allen Feldern "
        "und ihren Erklärungen an (für einen Anbieter: `new provider <kennung>`).",
        "3. Felder ausfüllen, dann `.venv/bin/wegweiser validate`: Alle Fehler aller Dateien werden auf "
        "einmal mit Datei, Zeile und Lösungshinweis gezeigt.",
        "4. Commit, Push, Pull Request (auf GitLab: Merge Request).",
        "",
        f"Jeder Pull Request, der etwas unter `content/` oder `data/` ändert, wird automatisch geprüft "
        f"(GitHub: `{WORKFLOW_FILE}`, GitLab: `{GITLAB_FILE}`). Fehler erscheinen direkt an der "
        "betroffenen Zeile (GitHub) bzw. im Code-Quality-Bericht des Merge Requests (GitLab); danach wird "
        "die Website zur Probe erzeugt.",
        "",
        "### Felder im Editor prüfen (VS Code)",
        "",
        "Für den YAML-Kopf gibt es JSON-Schemas: "
        + " und ".join(f"`{path}`" for path in EDITOR_SCHEMA_FILES.values())
        + ". Die YAML-Erweiterung von Red Hat für VS Code kann damit Felder vervollständigen, erklären und "
        "prüfen – allerdings nur in YAML-Dateien, nicht im Kopf einer Markdown-Datei. So geht es trotzdem:",
        "",
        f"1. Die erste Zeile nach `---` ist der Kommentar `{modeline('offer')}` (bei Anbietern "
        f"`{modeline('provider', 'content/providers')}`). `wegweiser new` schreibt ihn schon hinein; für "
        "den Bildungswegweiser ist er ein gewöhnlicher Kommentar.",
        "2. Stellen Sie beim Bearbeiten des Kopfs den Sprachmodus der Datei auf YAML (unten rechts in der "
        "Statusleiste „Markdown“ anklicken, „YAML“ wählen). Jetzt werden Feldnamen und erlaubte Werte "
        "vorgeschlagen und Fehler unterstrichen.",
        "3. Danach wieder auf „Markdown“ stellen. Meldungen, die der YAML-Modus unterhalb des zweiten `---` "
        "zeigt, betreffen die Beschreibung und sind unerheblich.",
        "",
        "Das Schema prüft Form und erlaubte Werte. Ob ein Bild existiert, ob eine Kennung doppelt ist und "
        "ob das Ende nach dem Beginn liegt, prüft nur `wegweiser validate`.",
        "",
        "## Beispiel",
        "",
        "```yaml",
        _example_file(schemas, "offer"),
        "```",
        "",
        "## Alle Felder",
        "",
        f"Auch auf der Website: {_link(site_url, FIELDS_URL, 'Alle Felder erklärt')}.",
        "",
    ]
    for kind in KIND_FOLDERS:
        lines += [f"### {KIND_TITLES[kind]} (`content/{KIND_FOLDERS[kind]}/`)", ""]
        for doc in field_docs(schemas, kind):
            lines += _field_section(doc)
    return "\n".join(lines).rstrip("\n") + "\n"
