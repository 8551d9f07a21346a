"""German texts of the indicator package's finding codes (see checks/messages.py for the parameters)."""

INDICATOR_TEMPLATES: dict[str, tuple[str, str]] = {
    # Indicator package data/indicators/ (see data/indicators/README.md)
    "indicator-package-missing": (
        "Im Ordner data/indicators fehlt die Beschreibung datapackage.json.",
        "Legen Sie die Datei an; sie beschreibt jeden Indikator. Ein Beispiel und alle Angaben "
        "stehen in data/indicators/README.md.",
    ),
    "indicator-json": (
        "Die Datei ist kein gültiges JSON: {value}.",
        "Prüfen Sie Zeile {line}: Fehlt ein Komma oder eine Klammer, steht ein Komma zu viel, "
        "ist ein Anführungszeichen nicht geschlossen?",
    ),
    "indicator-package-invalid": (
        "Die Beschreibung des Datenpakets ist ungültig: {value}.",
        "Vergleichen Sie die Datei mit dem Beispiel in data/indicators/README.md.",
    ),
    "indicator-metadata-missing": (
        "Beim Indikator „{indicator}“ fehlt die Angabe „{label}“ ({field}).",
        "{help}",
    ),
    "indicator-metadata-type": (
        "Die Angabe „{label}“ ({field}) des Indikators „{indicator}“ hat die falsche Form: "
        "erwartet wird {expected}.",
        "{help}",
    ),
    "indicator-metadata-invalid": (
        "Die Beschreibung des Indikators „{indicator}“ ist ungültig: {value}.",
        "Vergleichen Sie sie mit dem Beispiel in data/indicators/README.md.",
    ),
    "indicator-name": (
        "Die Kennung „{value}“ ist nicht erlaubt.",
        "Verwenden Sie nur Kleinbuchstaben, Ziffern und Bindestriche, z. B. "
        "„betreuungsquote-unter-3“; die Kennung wird Teil der Webadresse.",
    ),
    "indicator-reserved-name": (
        "Die Kennung „{value}“ ist für Indikatoren reserviert, die der Bildungswegweiser selbst "
        "aus den Angeboten berechnet.",
        "Wählen Sie eine Kennung, die nicht mit „{prefix}“ beginnt.",
    ),
    "indicator-duplicate-name": (
        "Die Kennung „{value}“ hat schon ein anderer Indikator (Zeile {first_line}).",
        "Jeder Indikator braucht eine eigene Kennung.",
    ),
    "indicator-path": (
        "Die Datei „{value}“ passt nicht zur Kennung „{indicator}“.",
        "Nennen Sie die Tabelle „{indicator}.csv“, legen Sie sie in data/indicators ab und tragen "
        "Sie als „path“ „{indicator}.csv“ ein.",
    ),
    "indicator-file-missing": (
        "Die Tabelle data/indicators/{value} gibt es nicht.",
        "Legen Sie die CSV-Datei an oder korrigieren Sie die Angabe „path“.",
    ),
    "indicator-column-missing": (
        "Im Schema des Indikators „{indicator}“ fehlt die Spalte „{field}“.",
        "Jede Indikator-Tabelle braucht die Spalten year (Jahr), value (Wert) und status.",
    ),
    "indicator-column-type": (
        "Die Spalte „{field}“ des Indikators „{indicator}“ hat den Typ „{value}“; erwartet wird "
        "„{expected}“.",
        "Setzen Sie im Schema bei dieser Spalte \"type\": \"{expected}\".",
    ),
    "indicator-column-unknown": (
        "Die Spalte „{value}“ im Schema des Indikators „{indicator}“ ist nicht vorgesehen.",
        "Erlaubt sind year, municipality, region, group, value, status und note. Für eine Aufteilung (z. B. "
        "nach Geschlecht) verwenden Sie die Spalte group mit einem passenden Titel.",
    ),
    "indicator-group-title": (
        "Die Spalte „group“ des Indikators „{indicator}“ hat keinen Titel.",
        "Geben Sie als \"title\" an, wonach aufgeteilt wird, z. B. „Geschlecht“ oder „Altersgruppe“.",
    ),
    "indicator-license-missing": (
        "Für den Indikator „{indicator}“ ist keine Lizenz angegeben.",
        "Tragen Sie unter \"licenses\" eine Lizenz für das ganze Datenpaket oder für diesen "
        "Indikator ein, z. B. die Datenlizenz Deutschland – Namensnennung – Version 2.0.",
    ),
    "indicator-license-invalid": (
        "Die Lizenzangabe Nr. {number} {where} ist unvollständig: Es fehlen der Kurzname (\"name\") "
        "und die Webadresse (\"path\").",
        "Geben Sie mindestens eines von beiden an, z. B. {{\"name\": \"dl-de-by-2.0\", \"title\": "
        "\"Datenlizenz Deutschland – Namensnennung – Version 2.0\", \"path\": "
        "\"https://www.govdata.de/dl-de/by-2-0\"}}.",
    ),
    "indicator-markup": (
        "Die Angabe „{label}“ ({field}) des Indikators „{indicator}“ enthält HTML-Code („{value}“); "
        "hier ist nur einfacher Text erlaubt.",
        "Entfernen Sie Tags wie <b> und schreiben Sie Sonderzeichen direkt (& statt &amp;); die Seite zeigt "
        "den Text so, wie er dasteht. Eine Webadresse gehört als \"path\" zur Quelle.",
    ),
    "indicator-license-address": (
        "Die Webadresse (\"path\") der Lizenzangabe Nr. {number} {where} ist keine Webadresse: „{value}“.",
        "Geben Sie die Adresse der Lizenz mit https:// am Anfang an, z. B. "
        "\"https://www.govdata.de/dl-de/by-2-0\", oder lassen Sie \"path\" weg.",
    ),
    "indicator-source-invalid": (
        "Die Quellenangabe Nr. {number} des Indikators „{indicator}“ ist unvollständig: {problem}.",
        "Jede Quelle braucht einen Titel (\"title\"), z. B. „Statistisches Landesamt, Kinder- und "
        "Jugendhilfestatistik“; eine Webadresse (\"path\") muss mit https:// beginnen.",
    ),
    "indicator-break-invalid": (
        "Der Hinweis Nr. {number} auf einen Bruch in der Zeitreihe des Indikators „{indicator}“ "
        "ist unvollständig.",
        "Jeder Eintrag unter \"breaks\" braucht \"year\" (das Jahr, ab dem sich die Zählweise "
        "ändert, als Zahl) und \"note\" (eine kurze Erklärung).",
    ),
    "indicator-header-missing": (
        "Die Spalte „{field}“ fehlt in der Kopfzeile.",
        "Die erste Zeile muss die Spaltennamen aus dem Schema in dieser Reihenfolge enthalten: "
        "{columns}.",
    ),
    "indicator-header-wrong": (
        "Spalte {position} heißt „{value}“, laut Schema aber „{field}“.",
        "Die erste Zeile muss die Spaltennamen aus dem Schema in dieser Reihenfolge enthalten: "
        "{columns}.{translation}",
    ),
    "indicator-separator": (
        "Die Spalten der Kopfzeile „{value}“ sind durch {separator} getrennt, nicht durch Kommas.",
        "Trennen Sie die Spalten mit Kommas und schreiben Sie Dezimalzahlen mit Punkt; die Kopfzeile lautet "
        "dann „{header}“. Tabellen mit Semikolon (etwa aus Excel oder vom Statistikamt) wandelt "
        "„wegweiser import DATEI --kind indicator --id KENNUNG“ um.",
    ),
    "indicator-region-unknown": (
        "Die Region „{value}“ steht nicht unter „regions“ in data/indicators/datapackage.json{allowed}",
        "Tragen Sie die Region dort mit Schlüssel und Namen ein, z. B. {{\"code\": \"03\", \"title\": "
        "\"Niedersachsen\"}}, oder korrigieren Sie den Schlüssel. Regionen zum Vergleich gehören nicht in "
        "municipalities.csv: Dort stehen nur die Gemeinden des Landkreises.",
    ),
    "indicator-region-and-municipality": (
        "Zeile {line} nennt die Gemeinde „{place}“ und die Region „{value}“.",
        "Eine Zeile gilt entweder für eine Gemeinde des Landkreises (Spalte municipality) oder für eine "
        "Region zum Vergleich (Spalte region); lassen Sie eine der beiden Zellen leer.",
    ),
    "indicator-regions-invalid": (
        "Die Region Nr. {number} unter „regions“ ist ungültig: {problem}.",
        "Jede Region braucht einen Schlüssel („code“: DG für Deutschland, der amtliche Gemeindeschlüssel "
        "wie 03 oder 03151, oder eine Kennung aus Kleinbuchstaben) und einen Namen („title“).",
    ),
    "indicator-county-invalid": (
        "Die Angabe „county“ (der eigene Landkreis) ist unvollständig.",
        "Schreiben Sie {{\"code\": \"03151\", \"title\": \"Landkreis Gifhorn\"}}: den amtlichen "
        "Gemeindeschlüssel und den Namen, mit dem der Landkreis in Diagrammen und Tabellen erscheint.",
    ),
    "indicator-comparison-invalid": (
        "„{value}“ ist als Vergleich („comparison“) des Indikators „{indicator}“ nicht erlaubt.",
        "„values“ vergleicht die Werte selbst (für Quoten und Anteile), „index“ die Entwicklung seit dem "
        "ersten gemeinsamen Jahr (für Anzahlen, die von der Größe der Region abhängen).",
    ),
    "indicator-header-extra": (
        "Die Spalte „{value}“ (Spalte {position}) steht nicht im Schema.",
        "Löschen Sie die Spalte oder beschreiben Sie sie im Schema in data/indicators/datapackage.json.",
    ),
    "indicator-cell-missing": (
        "In Zeile {line} fehlt die Zelle für „{field}“: Die Zeile hat zu wenige Werte.",
        "Jede Zeile braucht so viele durch Komma getrennte Werte wie die Kopfzeile ({columns}); "
        "einen leeren Wert schreiben Sie als zwei Kommas hintereinander.",
    ),
    "indicator-cell-extra": (
        "Zeile {line} hat mehr Werte als die Kopfzeile (überzählig: „{value}“).",
        "Steht in einer Zahl ein Komma? Schreiben Sie Dezimalzahlen mit Punkt (12.5) und setzen Sie "
        "Texte mit Komma in Anführungszeichen.",
    ),
    "indicator-blank-row": (
        "Zeile {line} ist leer.",
        "Löschen Sie die leere Zeile.",
    ),
    "indicator-unreadable": (
        "Die Tabelle kann nicht gelesen werden: {value}.",
        "Speichern Sie die Datei als CSV mit Komma als Trennzeichen in der Kodierung UTF-8.",
    ),
    "indicator-type-error": (
        "„{value}“ ist kein gültiger Wert für „{label}“ ({field}): erwartet wird {expected}.",
        "{advice}",
    ),
    "indicator-required": (
        "In Zeile {line} fehlt der Eintrag in der Spalte „{label}“ ({field}).",
        "{advice}",
    ),
    "indicator-constraint": (
        "„{value}“ ist in der Spalte „{label}“ ({field}) nicht erlaubt: {rule}.",
        "{advice}",
    ),
    "indicator-value-missing": (
        "In Zeile {line} fehlt der Wert, obwohl der Status „vorhanden“ ist.",
        "Tragen Sie den Wert ein. Gibt es keinen Wert, setzen Sie status auf „fehlt“, bei "
        "statistischer Geheimhaltung auf „geheim“ – tragen Sie nie 0 für einen fehlenden Wert ein.",
    ),
    "indicator-value-with-status": (
        "In Zeile {line} steht der Wert „{value}“, aber der Status ist „{status}“.",
        "Bei „fehlt“ und „geheim“ bleibt der Wert leer. Stimmt der Wert, setzen Sie status auf "
        "„vorhanden“.",
    ),
    "indicator-duplicate-row": (
        "Zeile {line} wiederholt {what} aus Zeile {first_line}.",
        "Jede Kombination aus Jahr, Gemeinde oder Region und Gruppe darf nur einmal vorkommen. Löschen "
        "oder korrigieren Sie eine der beiden Zeilen.",
    ),
    "indicator-unlisted-file": (
        "Die Tabelle ist in data/indicators/datapackage.json nicht beschrieben und wird nicht "
        "veröffentlicht.",
        "Tragen Sie den Indikator unter \"resources\" in datapackage.json ein oder löschen Sie die Datei.",
    ),
}
