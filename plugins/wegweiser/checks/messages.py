"""German display texts for every finding code.

Each code maps to a message and a fix hint; both are ``str.format`` templates.
Common parameters: ``label`` (German field title), ``field``, ``value``.
"""

from __future__ import annotations

from wegweiser.checks.findings import ERROR, Finding
from wegweiser.importing.messages import IMPORT_TEMPLATES
from wegweiser.indicators.messages import INDICATOR_TEMPLATES
from wegweiser.i18n.messages import PAGE_TRANSLATION_TEMPLATES, TRANSLATION_TEMPLATES

_CONTENT_TEMPLATES: dict[str, tuple[str, str]] = {
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
    "broken-link": (
        "Die Datei ist ein Verweis (Symlink) auf „{value}“, der {reason}.",
        "Löschen Sie den Verweis oder legen Sie an seiner Stelle die Datei selbst ab.",
    ),
    "not-a-file": (
        "Das ist keine Datei, sondern {value}; der Bildungswegweiser liest sie nicht.",
        "Löschen Sie den Eintrag und legen Sie an seiner Stelle eine gewöhnliche Textdatei ab.",
    ),
    "in-subfolder": (
        "Die Datei liegt in einem Unterordner von {folder} und wird deshalb nicht gelesen.",
        "Verschieben Sie sie direkt in den Ordner {folder}; Unterordner werden nicht durchsucht.",
    ),
    "folder-unreadable": (
        "Der Ordner kann nicht gelesen werden ({value}); seine Dateien fehlen.",
        "Ist der Ordner ein Verweis (Symlink), der im Kreis oder ins Leere zeigt? Ersetzen Sie ihn durch "
        "einen gewöhnlichen Ordner mit den Dateien.",
    ),
    "folder-link": (
        "Das ist ein Verweis (Symlink) auf den Ordner „{value}“; Unterordner von {folder} werden nicht gelesen.",
        "Legen Sie die Dateien direkt in den Ordner {folder} und löschen Sie den Verweis.",
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
    "front-matter-empty": (
        "Der YAML-Kopf zwischen den beiden Zeilen „---“ ist leer.",
        "Tragen Sie die Felder ein, je Zeile eines (z. B. „title: Deutschkurs A1“). Eine Vorlage "
        "mit allen Feldern erzeugt „wegweiser new offer <kennung>“.",
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
    "yaml-too-deep": (
        "Der YAML-Kopf ist ab Zeile {line} mehr als {limit} Ebenen tief verschachtelt.",
        "Jedes Feld hat einen einfachen Wert oder eine Liste [a, b]; verschachtelte Werte sind "
        "nicht erlaubt.",
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
    "not-finite": (
        "„{value}“ im Feld „{field}“ ist keine Zahl, mit der sich rechnen lässt (unendlich oder „keine Zahl“).",
        "Tragen Sie eine gewöhnliche Zahl ein, z. B. 12.5, oder lassen Sie das Feld weg.",
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
        "„{value}“ ist {too} für „{label}“ (mindestens {limit}).",
        "{description}",
    ),
    "maximum": (
        "„{value}“ ist {too} für „{label}“ (höchstens {limit}).",
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
    "mailto-extra": (
        "Der E-Mail-Link „{value}“ enthält mehr als eine Adresse und einen Betreff.",
        "Geben Sie nur die Adresse an, z. B. mailto:info@example.org (ein Betreff mit ?subject=… ist "
        "erlaubt). Versteckte Empfänger (cc, bcc), weitere Adressen oder ein vorgefertigter Text (body) "
        "gehören nicht in den Link.",
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
    # Image files (checks/images.py): {detail} says what was found
    "image-too-large": (
        "Das Bild „{value}“ ist {detail} groß; erlaubt sind höchstens {limit}.",
        "Verkleinern Sie das Bild (2000 Pixel Breite genügen) und speichern Sie es als JPEG. "
        "Die Größen für die Website erzeugt der Bildungswegweiser selbst.",
    ),
    "image-too-many-pixels": (
        "Das Bild „{value}“ hat zu viele Bildpunkte ({detail}); erlaubt sind höchstens {limit}.",
        "Verkleinern Sie das Bild auf höchstens 4000 Pixel Breite. Ist die Datei klein, das Bild aber "
        "riesig, kann sie absichtlich manipuliert sein: Verwenden Sie sie dann nicht.",
    ),
    "image-format": (
        "„{value}“ ist ein {detail}-Bild; erlaubt sind nur JPEG, PNG und WebP.",
        "Öffnen Sie das Bild in einem Bildprogramm und speichern Sie es als JPEG (Fotos) oder PNG "
        "(Logos, Grafiken) mit passender Endung (.jpg, .png).",
    ),
    "image-unreadable": (
        "„{value}“ ist keine lesbare Bilddatei ({detail}).",
        "Vielleicht ist es eine andere Datei mit Bild-Endung. Öffnen Sie das Bild in einem "
        "Bildprogramm und speichern Sie es als JPEG oder PNG.",
    ),
    "image-damaged": (
        "Das Bild „{value}“ ist beschädigt oder unvollständig ({detail}).",
        "Laden Sie das Bild noch einmal herunter oder exportieren Sie es neu und ersetzen Sie die Datei.",
    ),
    # Untrusted text (content/sanitize.py)
    "html-in-text": (
        "„{label}“ enthält HTML-Code („{value}“); in diesem Feld ist nur einfacher Text erlaubt.",
        "Entfernen Sie Tags wie <b> und schreiben Sie Sonderzeichen direkt (& statt &amp;). "
        "Hervorhebungen und Links sind nur in der Beschreibung unter dem Kopf möglich.",
    ),
    "unsafe-html": (
        "{part} enthält HTML, das auf der Website nicht erlaubt ist: {value}.",
        "Solcher Code kann Besucherinnen und Besucher angreifen (Skripte, Ereignis-Attribute wie "
        "onerror, javascript:- oder data:-Links, E-Mail-Links mit versteckten Empfängern, Bilder "
        "von fremden Servern, SVG, Formulare, eigene Stile). Entfernen Sie ihn; zum Formatieren "
        "genügt Markdown: **fett**, Listen mit „- “, Links als [Text](https://…).",
    ),
    "spreadsheet-formula": (
        "„{label}“ beginnt mit „{value}“: Ein Tabellenprogramm würde den Wert als Formel ausführen, "
        "wenn jemand die Tabelle aus den offenen Daten öffnet.",
        "Schreiben Sie den Wert ohne =, +, -, @, Tabulator oder ' am Anfang (z. B. „Eichenau“ statt „=Eichenau“).",
    ),
    "markdown-too-deep": (
        "{part} verschachtelt ab Zeile {line} mehr als {limit} Listen oder Zitate ineinander.",
        "So tief verschachtelte Listen („- - - …“) oder Zitate („> > > …“) kann die Website nicht "
        "darstellen. Schreiben Sie jede Aufzählung als einfache Liste mit „- “ am Zeilenanfang, "
        "höchstens wenige Ebenen tief (je Ebene vier Leerzeichen Einrückung).",
    ),
    "markdown-too-complex": (
        "{part} hat ab Zeile {line} so viele Klammern ([ oder <) in so langen Absätzen, dass die Website "
        "sie nicht in vertretbarer Zeit darstellen kann.",
        "Teilen Sie lange Absätze durch Leerzeilen und entfernen Sie überzählige Klammern; ein Link "
        "braucht nur [Text](https://…).",
    ),
    # Characters that do not belong in a text (content/characters.py)
    "control-character": (
        "„{label}“ enthält ein unsichtbares Steuerzeichen: {value}, Zeichen Nr. {position}.",
        "Solche Zeichen stammen meist aus kopiertem Text oder aus einem Escape wie \"\\0\" in "
        "Anführungszeichen. Löschen Sie das Zeichen (am sichersten: den Text an dieser Stelle neu "
        "tippen). Zeilenumbrüche und Tabulatoren sind nur in der Beschreibung und in langen "
        "Textfeldern erlaubt.",
    ),
    "bidi-control": (
        "„{label}“ enthält eine unsichtbare Steuerung der Schreibrichtung: {value}, Zeichen Nr. {position}.",
        "Sie lässt den Text im Browser in einer anderen Reihenfolge erscheinen, als er geschrieben "
        "ist (z. B. eine Telefonnummer rückwärts). Löschen Sie das Zeichen; arabischen oder "
        "hebräischen Text zeigt der Browser auch ohne sie richtig an.",
    ),
    "invisible-character": (
        "„{label}“ enthält ein unsichtbares Zeichen: {value}, Zeichen Nr. {position}.",
        "Es stammt meist aus kopiertem Text und stört die Suche (das Wort wird nicht gefunden). "
        "Löschen Sie das Zeichen, wenn es nicht mit Absicht dort steht.",
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
    "page-unknown-field": (
        "Die Angabe „{field}“ im Kopf der Seite gibt es nicht.",
        "{suggestion}Erlaubt sind {allowed}, je in einer Zeile am Anfang der Datei (z. B. „Title: "
        "Impressum“), danach eine Leerzeile und der Text. Beginnt die erste Zeile des Textes mit "
        "einem Wort und Doppelpunkt, setzen Sie eine Leerzeile davor.",
    ),
    "page-title-missing": (
        "Die Seite hat keinen Titel.",
        "Schreiben Sie in die erste Zeile „Title: …“ mit dem Titel der Seite, dann eine Leerzeile und den Text.",
    ),
    "page-slug": (
        "„{value}“ ist keine erlaubte Adresse für eine Seite.",
        "Verwenden Sie nur Kleinbuchstaben, Ziffern und Bindestriche, z. B. „Slug: impressum“; die "
        "Seite erscheint dann unter /impressum/.",
    ),
    "page-slug-reserved": (
        "Die Adresse „/{value}/“ gehört schon zum Bildungswegweiser; die Seite würde überschrieben.",
        "Wählen Sie für die Seite eine andere Adresse, z. B. „Slug: {value}-info“ (oder benennen Sie "
        "die Datei um).",
    ),
    "page-duplicate-slug": (
        "Die Adresse „{value}“ hat auch die Seite {other}.",
        "Jede Seite braucht eine eigene Adresse: Ändern Sie „Slug:“ in einer der beiden Dateien.",
    ),
    "page-not-markdown": (
        "Die Datei wird nicht veröffentlicht: Seiten entstehen nur aus Markdown-Dateien (.md), nicht aus „{value}“.",
        "Schreiben Sie den Text als Markdown in eine Datei mit der Endung .md (Überschriften mit „## “, "
        "Tabellen mit „| … |“) oder verschieben Sie die Datei aus dem Ordner content/pages.",
    ),
    "page-missing": (
        "Die Seite „{page}“ fehlt; die Website verlinkt sie erst, wenn es sie gibt.",
        "Legen Sie {file} an (erste Zeile „Title: {page}“, dann der Text). {why}",
    ),
    "page-placeholder": (
        "Hier steht noch ein Platzhalter: „{value}“.",
        "Ersetzen Sie „[[BITTE ERGÄNZEN: {value}]]“ durch die richtige Angabe oder löschen Sie den Satz, "
        "wenn er für Ihren Landkreis nicht zutrifft.",
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
}

#: every finding code's German message and fix
TEMPLATES: dict[str, tuple[str, str]] = {**_CONTENT_TEMPLATES, **IMPORT_TEMPLATES, **INDICATOR_TEMPLATES,
                                          **TRANSLATION_TEMPLATES, **PAGE_TRANSLATION_TEMPLATES}

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
