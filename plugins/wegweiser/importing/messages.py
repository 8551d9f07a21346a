"""German texts of the import's finding codes (see checks/messages.py for the parameters)."""

IMPORT_TEMPLATES: dict[str, tuple[str, str]] = {
    # Import of CSV/XLSX rows (file = input file, line = row number)
    "import-integer": (
        "„{value}“ ist keine ganze Zahl (Feld „{label}“).",
        "Tragen Sie in Spalte „{column}“ eine ganze Zahl ohne Einheit ein, z. B. 12.",
    ),
    "import-number": (
        "„{value}“ ist keine Zahl (Feld „{label}“).",
        "Tragen Sie in Spalte „{column}“ eine Zahl ohne Einheit ein, z. B. 12,5 oder 12.5.",
    ),
    "import-date": (
        "„{value}“ ist kein Datum (Feld „{label}“).",
        "Schreiben Sie das Datum in Spalte „{column}“ als TT.MM.JJJJ oder JJJJ-MM-TT, z. B. 01.02.2027.",
    ),
    "import-boolean": (
        "„{value}“ ist weder ja noch nein (Feld „{label}“).",
        "Tragen Sie in Spalte „{column}“ „ja“ oder „nein“ ein.",
    ),
    "import-price": (
        "„{value}“ ist keine Zahl (Feld „{label}“).",
        "Steht in Spalte „{column}“ ein Preis wie „ab 20 €“, „50 € im Monat“ oder „20–30 €“, lassen Sie die "
        "Zelle leer und schreiben Sie den Text in die Kostenhinweise (cost_note); sonst nur die Zahl, z. B. 12,50.",
    ),
    "import-month": (
        "„{value}“ nennt nur Monat und Jahr (Feld „{label}“).",
        "Tragen Sie in Spalte „{column}“ den genauen Tag ein, z. B. 01.09.2026; steht er noch nicht fest, lassen "
        "Sie die Zelle leer und schreiben Sie den Zeitraum in die Terminangabe (schedule).",
    ),
    "import-date-text": (
        "„{value}“ ist kein Datum; die Zelle wird als leer gelesen (Feld „{label}“).",
        "Ein fortlaufendes Angebot hat kein Datum; steht doch eines fest, tragen Sie es in Spalte „{column}“ "
        "als TT.MM.JJJJ ein.",
    ),
    "import-phone-number": (
        "„{value}“ ist als Zahl gespeichert; die führende 0 oder das + der Telefonnummer fehlt (Feld „{label}“).",
        "Formatieren Sie Spalte „{column}“ im Tabellenprogramm als Text und tragen Sie die Nummer neu ein, "
        "z. B. 05371 1234 oder +49 5371 1234.",
    ),
    "import-formula": (
        "Zelle {cell} enthält die Formel „{value}“, aber kein gespeichertes Ergebnis.",
        "Die Datei wurde von einem Programm geschrieben und nie in einem Tabellenprogramm gespeichert. Öffnen "
        "Sie sie in Excel oder LibreOffice Calc und speichern Sie sie, oder tragen Sie den Wert selbst ein.",
    ),
    "import-cell-error": (
        "Zelle {cell} enthält „{value}“, den Fehler einer Formel, statt eines Werts.",
        "Berichtigen Sie die Formel im Tabellenprogramm oder tragen Sie den Wert selbst ein, speichern Sie die "
        "Datei und importieren Sie sie noch einmal.",
    ),
    "import-no-heading": (
        "Spalte {column} hat keine Überschrift; „{value}“ wird nicht übernommen.",
        "Gehört der Wert in eine Spalte, tragen Sie ihn dort ein; sonst geben Sie der Spalte eine Überschrift "
        "und ordnen Sie sie in der Zuordnungsdatei zu.",
    ),
    "import-note-row": (
        "Die Zeile enthält nur „{value}“ und wird übersprungen (eine Anmerkung, Zwischen- oder Summenzeile).",
        "Ist es doch ein Eintrag, füllen Sie die übrigen Spalten aus und importieren Sie die Liste noch einmal.",
    ),
    "import-no-id": (
        "Aus dieser Zeile ergibt sich keine Kennung (id).",
        "Füllen Sie Spalte „{column}“ aus oder ändern Sie die Zuordnung für „id“ in der Zuordnungsdatei.",
    ),
    "import-slug-shortened": (
        "Die Kennung „{value}“ ist länger als {limit} Zeichen; sie wurde am Wortende gekürzt zu „{new}“.",
        "Passt die gekürzte Kennung nicht, geben Sie in der Zuordnungsdatei eine kürzere Vorlage für „{field}“ an.",
    ),
    "import-id-suffix": (
        "Die Kennung „{value}“ hat schon Zeile {first}; diese Zeile bekommt „{new}“.",
        "Beschreiben beide Zeilen dasselbe, löschen Sie eine; sonst passt die Kennung mit Nummer, oder geben "
        "Sie in der Zuordnungsdatei eine Vorlage an, die beide unterscheidet (z. B. mit dem Ort).",
    ),
    "import-exists": (
        "Die Datei {value} gibt es schon; sie wird nicht überschrieben.",
        "Rufen Sie den Import mit --overwrite auf, um vorhandene Dateien zu ersetzen.",
    ),
    "disk-error": (
        "Auf dem Datenträger unter {value} {what} ({free}); die Website konnte nicht nach {file} "
        "geschrieben werden.",
        "An den Inhalten liegt es nicht, und die bisherige Website ist unverändert. {fix} Rufen Sie "
        "danach „wegweiser build“ noch einmal auf.",
    ),
    "unexpected": (
        "Beim Verarbeiten ist ein unerwarteter Fehler aufgetreten: {value}.",
        "Bitte melden Sie diesen Fehler mit der genannten Datei an das technische Team.",
    ),
}
