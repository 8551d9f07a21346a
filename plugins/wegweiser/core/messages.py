"""German display texts for every finding code.

Each code maps to a message and a fix hint; both are ``str.format`` templates.
Common parameters: ``label`` (German field title), ``field``, ``value``.
"""

from __future__ import annotations

from .findings import ERROR, Finding

TEMPLATES: dict[str, tuple[str, str]] = {
    # Reading the file
    "encoding": (
        "Die Datei ist nicht in UTF-8 gespeichert (Byte {value} an Position {position}).",
        "Öffnen Sie die Datei im Editor und speichern Sie sie mit der Kodierung „UTF-8“.",
    ),
    "unreadable": (
        "Die Datei kann nicht gelesen werden: {value}.",
        "Prüfen Sie, ob die Datei existiert und lesbar ist.",
    ),
    "too-large": (
        "Die Datei ist {value} groß; erlaubt sind höchstens {limit}.",
        "Kürzen Sie die Beschreibung oder entfernen Sie eingefügte Daten.",
    ),
    "symlink-outside": (
        "Die Datei ist ein Verweis (Symlink) auf „{value}“ außerhalb des Projekts.",
        "Kopieren Sie die Datei in den Ordner content/, statt auf sie zu verweisen.",
    ),
    "front-matter-missing": (
        "Die Datei beginnt nicht mit einem YAML-Kopf zwischen zwei Zeilen „---“.",
        "Beginnen Sie die Datei mit einer Zeile „---“, dann die Felder (z. B. „title: …“), "
        "dann wieder eine Zeile „---“ und danach die Beschreibung.",
    ),
    "front-matter-unclosed": (
        "Der YAML-Kopf wird nicht mit einer Zeile „---“ abgeschlossen.",
        "Fügen Sie nach dem letzten Feld eine Zeile mit genau „---“ ein.",
    ),
    "yaml-tab": (
        "In Zeile {line} steht ein Tabulatorzeichen; YAML erlaubt zum Einrücken nur Leerzeichen.",
        "Ersetzen Sie den Tabulator durch Leerzeichen.",
    ),
    "yaml-unclosed-quote": (
        "In Zeile {line} wird ein Anführungszeichen geöffnet, aber nicht geschlossen.",
        "Setzen Sie am Ende des Werts in Zeile {line} das passende Anführungszeichen ({value}).",
    ),
    "yaml-syntax": (
        "Der YAML-Kopf ist fehlerhaft: {value}.",
        "Prüfen Sie Zeile {line}, Spalte {column}: Steht nach jedem Feldnamen ein Doppelpunkt mit "
        "Leerzeichen? Sind Anführungszeichen geschlossen? Setzen Sie Texte mit „:“ oder „#“ in "
        "Anführungszeichen.",
    ),
    "front-matter-not-mapping": (
        "Der YAML-Kopf enthält keine Liste von Feldern der Form „name: wert“.",
        "Schreiben Sie je Zeile ein Feld, z. B. „title: Deutschkurs A1“.",
    ),
    "duplicate-key": (
        "Das Feld „{field}“ steht mehrmals in der Datei (zuerst in Zeile {first_line}).",
        "Löschen Sie eine der beiden Zeilen, damit klar ist, welcher Wert gilt.",
    ),
    "unknown-field": (
        "Das Feld „{field}“ gibt es nicht.",
        "{suggestion}Alle erlaubten Felder stehen in {schema_file}.",
    ),
    "nested-value": (
        "„{field}“ darf keine verschachtelten Werte enthalten.",
        "Geben Sie einen einfachen Wert an; Listen schreiben Sie als [a, b].",
    ),
    # Frictionless table errors
    "required": (
        "Das Pflichtfeld „{label}“ ({field}) fehlt oder ist leer.",
        "Tragen Sie „{field}: …“ ein. {description}",
    ),
    "type-error": (
        "„{value}“ ist kein gültiger Wert für „{label}“: erwartet wird {expected}.",
        "{description}",
    ),
    "pattern": (
        "„{value}“ hat nicht die erwartete Form für „{label}“.",
        "{description}",
    ),
    "min-length": (
        "„{label}“ ist zu kurz (mindestens {limit} {unit}).",
        "{description}",
    ),
    "max-length": (
        "„{label}“ ist zu lang: {actual} {unit}, erlaubt sind höchstens {limit}.",
        "Kürzen Sie den Text. {description}",
    ),
    "minimum": (
        "„{value}“ ist zu klein für „{label}“ (mindestens {limit}).",
        "{description}",
    ),
    "maximum": (
        "„{value}“ ist zu groß für „{label}“ (höchstens {limit}).",
        "{description}",
    ),
    "enum": (
        "„{value}“ ist kein erlaubter Wert für „{label}“.",
        "Erlaubt sind: {allowed}.",
    ),
    "duplicate-id": (
        "Die Kennung „{value}“ wird auch in {other} verwendet.",
        "Jede Kennung darf nur einmal vorkommen: Geben Sie einer der Dateien eine neue Kennung "
        "und benennen Sie die Datei entsprechend um.",
    ),
    "unknown-reference": (
        "„{value}“ ist kein bekannter Wert für „{label}“ ({field}).",
        "Erlaubt sind die Kennungen aus {source}{allowed}",
    ),
    "unknown-provider": (
        "Es gibt keinen Anbieter mit der Kennung „{value}“.",
        "Korrigieren Sie die Kennung oder legen Sie die Datei content/providers/{value}.md an"
        "{suggestion}.",
    ),
    "table-error": (
        "{value}",
        "Prüfen Sie die Datei {file} gegen ihr Schema.",
    ),
    # Rules a schema cannot express
    "id-filename": (
        "Die Kennung „{value}“ passt nicht zum Dateinamen „{filename}“.",
        "Benennen Sie die Datei in „{value}.md“ um oder ändern Sie die Kennung in „{stem}“.",
    ),
    "date-order": (
        "Das Ende ({value}) liegt vor dem Beginn ({start}).",
        "Prüfen Sie „start_date“ und „end_date“; das Ende darf nicht vor dem Beginn liegen.",
    ),
    "age-order": (
        "Das Mindestalter ({age_min}) ist größer als das Höchstalter ({value}).",
        "Prüfen Sie „age_min“ und „age_max“; vielleicht sind die Werte vertauscht.",
    ),
    "link-scheme": (
        "Die Adresse „{value}“ ist nicht erlaubt: nur Webadressen (http:// oder https://) "
        "und E-Mail-Links (mailto:) sind zulässig.",
        "Geben Sie eine vollständige Adresse an, z. B. https://www.example.org/anmeldung "
        "oder mailto:info@example.org.",
    ),
    "link-invalid": (
        "„{value}“ ist keine vollständige Adresse.",
        "Geben Sie die Adresse mit https:// am Anfang an, z. B. https://www.example.org.",
    ),
    "image-outside": (
        "Der Bildpfad „{value}“ zeigt aus dem Ordner content/images heraus.",
        "Legen Sie das Bild in content/images ab und geben Sie nur den Dateinamen an.",
    ),
    "image-missing": (
        "Das Bild „{value}“ gibt es nicht in content/images.",
        "Legen Sie die Datei content/images/{value} an oder korrigieren Sie den Dateinamen.",
    ),
    "alt-missing": (
        "Zum Bild „{value}“ fehlt die Bildbeschreibung „{label}“ ({field}).",
        "Beschreiben Sie in einem kurzen Satz, was auf dem Bild zu sehen ist.",
    ),
    "coords-incomplete": (
        "Es ist nur „{label}“ angegeben; Breiten- und Längengrad gehören zusammen.",
        "Geben Sie beide Werte an (lat und lon) oder lassen Sie beide weg.",
    ),
    "coords-outside": (
        "Die Koordinaten {value} liegen nicht in Deutschland.",
        "Der Breitengrad (lat) liegt in Deutschland zwischen 47,2 und 55,1, der Längengrad (lon) "
        "zwischen 5,8 und 15,1.{swap}",
    ),
    "postcode-municipality": (
        "Die Postleitzahl {value} gehört nicht zu {municipality}.",
        "Zu {municipality} gehören: {postcodes}. Prüfen Sie Postleitzahl und Ort.",
    ),
    "location-missing": (
        "Für ein Angebot „{format_label}“ fehlt der Ort ({field}).",
        "Geben Sie die Gemeinde an, in der das Angebot stattfindet, oder setzen Sie "
        "„format: online“.",
    ),
    "reviewed-stale": (
        "Der Eintrag wurde zuletzt am {value} geprüft, vor mehr als {months} Monaten.",
        "Fragen Sie beim Anbieter nach, ob die Angaben noch stimmen, und setzen Sie dann "
        "„reviewed“ auf das heutige Datum.",
    ),
    "reviewed-future": (
        "Das Prüfdatum {value} liegt in der Zukunft.",
        "Tragen Sie das Datum ein, an dem der Eintrag tatsächlich geprüft wurde.",
    ),
    "expired": (
        "Das Angebot ist abgelaufen ({reason} {value}) und wird nicht veröffentlicht.",
        "Aktualisieren Sie die Termine oder löschen Sie die Datei, wenn es das Angebot nicht "
        "mehr gibt.",
    ),
    "unexpected": (
        "Beim Verarbeiten ist ein unerwarteter Fehler aufgetreten: {value}.",
        "Bitte melden Sie diesen Fehler mit der genannten Datei an das technische Team.",
    ),
}

TYPE_NAMES = {
    "string": "ein Text",
    "integer": "eine ganze Zahl, z. B. 12",
    "number": "eine Zahl, z. B. 12.5 (mit Punkt)",
    "date": "ein Datum im Format JJJJ-MM-TT, z. B. 2027-02-01",
    "boolean": "true oder false",
    "array": "eine Liste, z. B. [a, b]",
    "list": "eine Liste, z. B. [a, b]",
    "string/email": "eine E-Mail-Adresse wie info@example.org",
    "string/uri": "eine vollständige Adresse wie https://www.example.org",
}


class _Default(dict):
    def __missing__(self, key):
        return ""


def finding(
    code: str,
    file: str,
    *,
    field: str | None = None,
    value=None,
    line: int | None = None,
    column: int | None = None,
    severity: str = ERROR,
    **params,
) -> Finding:
    """Build a finding with the German texts for ``code``."""
    message_template, hint_template = TEMPLATES[code]
    shown = "" if value is None else _shorten(str(value))
    values = _Default(params, field=field or "", value=shown, line=line or "", column=column or "", file=file)
    values.setdefault("label", field or "")
    message = message_template.format_map(values).strip()
    hint = " ".join(hint_template.format_map(values).split())
    return Finding(
        file=file,
        code=code,
        message=message,
        hint=hint,
        field=field,
        value=shown if value is not None else None,
        line=line,
        column=column,
        severity=severity,
    )


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
