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
