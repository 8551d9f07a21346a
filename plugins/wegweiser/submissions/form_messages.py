"""German error messages of the submission form, keyed by finding code.

The form checks the same rules as ``wegweiser validate`` and reports the same
codes (see :mod:`.messages`); only the wording differs, because a form field
is not a line in a file. ``code.variant`` keys are used for list fields
(``.list``) and for choices (``.choice``); ``{label}`` is the field title.
"""

from __future__ import annotations

FORM_MESSAGES: dict[str, str] = {
    "required": "Geben Sie „{label}“ an.",
    "required.choice": "Wählen Sie „{label}“ aus.",
    "required.list": "Wählen Sie bei „{label}“ mindestens einen Eintrag aus.",
    "type-error": "„{value}“ ist bei „{label}“ nicht möglich: erwartet wird {expected}.",
    "pattern": "„{value}“ hat bei „{label}“ nicht die erwartete Form. {description}",
    "min-length": "„{label}“ muss mindestens {limit} Zeichen lang sein.",
    "min-length.list": "Wählen Sie bei „{label}“ mindestens {limit} Eintrag aus.",
    "max-length": "„{label}“ darf höchstens {limit} Zeichen lang sein; jetzt sind es {actual}.",
    "minimum": "„{label}“ muss mindestens {limit} sein.",
    "maximum": "„{label}“ darf höchstens {limit} sein.",
    "enum": "Wählen Sie bei „{label}“ einen der angebotenen Werte aus.",
    "unknown-reference": "„{value}“ ist bei „{label}“ nicht bekannt. Wählen Sie einen der angebotenen Werte aus.",
    "unknown-provider": "Wählen Sie einen Anbieter aus der Liste aus. Fehlt Ihr Anbieter, melden Sie ihn "
                        "zuerst als neuen Anbieter an.",
    "duplicate-id": "Die Kennung „{value}“ gibt es schon. Wählen Sie eine andere Kennung, zum Beispiel mit "
                    "Ort oder Jahr.",
    "date-order": "Das Ende ({value}) darf nicht vor dem Beginn ({start}) liegen.",
    "age-order": "Das Höchstalter ({value}) darf nicht kleiner als das Mindestalter ({age_min}) sein.",
    "link-scheme": "Geben Sie bei „{label}“ eine Webadresse (https://…) oder eine E-Mail-Adresse als "
                   "mailto:… an.",
    "link-invalid": "„{value}“ ist keine vollständige Adresse. Geben Sie sie mit https:// am Anfang an.",
    "image-outside": "Geben Sie bei „{label}“ nur den Dateinamen eines Bildes im Ordner content/images an.",
    "image-missing": "Das Bild „{value}“ gibt es im Bildungswegweiser noch nicht. Lassen Sie das Feld leer "
                     "und schicken Sie das Bild per E-Mail an das Bildungsbüro.",
    "alt-missing": "Beschreiben Sie das Bild in einem kurzen Satz („{label}“).",
    "coords-incomplete": "Geben Sie Breiten- und Längengrad zusammen an oder lassen Sie beide leer.",
    "coords-outside": "Die Koordinaten {value} liegen nicht in Deutschland.{swap}",
    "coords-outside.swap": " Breiten- und Längengrad scheinen vertauscht zu sein.",
    "postcode-municipality": "Die Postleitzahl {value} gehört nicht zu {municipality}. Zu {municipality} "
                             "gehören: {postcodes}.",
    "html-in-text": "„{label}“ darf keinen HTML-Code enthalten („{value}“). Schreiben Sie einfachen Text; "
                    "Hervorhebungen und Links sind nur in der ausführlichen Beschreibung möglich.",
    "control-character": "„{label}“ enthält ein unsichtbares Steuerzeichen ({value}, Zeichen Nr. {position}). "
                         "Löschen Sie es – am sichersten, indem Sie den Text an dieser Stelle neu tippen.",
    "bidi-control": "„{label}“ enthält ein unsichtbares Zeichen, das die Schreibrichtung umkehrt ({value}, "
                    "Zeichen Nr. {position}). Löschen Sie es.",
    "mailto-extra": "Geben Sie bei „{label}“ nur die E-Mail-Adresse an (mailto:…, höchstens mit ?subject=…), "
                    "ohne weitere Empfänger oder vorgefertigten Text.",
    "location-missing": "Wählen Sie den Ort, an dem das Angebot stattfindet (nötig bei der Form "
                        "„{format_label}“).",
}

#: what a value of each type looks like, for ``type-error`` (the form accepts a decimal comma)
FORM_TYPE_NAMES: dict[str, str] = {
    "string": "ein Text",
    "integer": "eine ganze Zahl, z. B. 12",
    "number": "eine Zahl, z. B. 12,5",
    "date": "ein Datum, z. B. 2027-02-01 oder 01.02.2027",
    "email": "eine E-Mail-Adresse wie info@example.org",
    "uri": "eine vollständige Adresse wie https://www.example.org",
}
