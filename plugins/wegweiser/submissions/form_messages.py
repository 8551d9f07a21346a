"""Error messages of the submission form, keyed by finding code (German message ids: the page of each
language hands the form its translations, see :func:`form_texts`).

The form checks the same rules as ``wegweiser validate`` and reports the same
codes (see :mod:`.messages`); only the wording differs, because a form field
is not a line in a file. ``code.variant`` keys are used for list fields
(``.list``) and for choices (``.choice``); ``{label}`` is the field title.
"""

from __future__ import annotations

from wegweiser.i18n.texts import UIText

FORM_MESSAGES: dict[str, str] = {
    "required": UIText("Geben Sie „{label}“ an."),
    "required.choice": UIText("Wählen Sie „{label}“ aus."),
    "required.list": UIText("Wählen Sie bei „{label}“ mindestens einen Eintrag aus."),
    "type-error": UIText("„{value}“ ist bei „{label}“ nicht möglich: erwartet wird {expected}."),
    "pattern": UIText("„{value}“ hat bei „{label}“ nicht die erwartete Form. {description}"),
    "min-length": UIText("„{label}“ muss mindestens {limit} Zeichen lang sein."),
    "min-length.list": UIText("Wählen Sie bei „{label}“ mindestens {limit} Eintrag aus."),
    "max-length": UIText("„{label}“ darf höchstens {limit} Zeichen lang sein; jetzt sind es {actual}."),
    "minimum": UIText("„{label}“ muss mindestens {limit} sein."),
    "maximum": UIText("„{label}“ darf höchstens {limit} sein."),
    "enum": UIText("Wählen Sie bei „{label}“ einen der angebotenen Werte aus."),
    "unknown-reference": UIText("„{value}“ ist bei „{label}“ nicht bekannt. Wählen Sie einen der angebotenen Werte aus."),
    "unknown-provider": UIText("Wählen Sie einen Anbieter aus der Liste aus. Fehlt Ihr Anbieter, melden Sie ihn "
                               "zuerst als neuen Anbieter an."),
    "duplicate-id": UIText("Die Kennung „{value}“ gibt es schon. Wählen Sie eine andere Kennung, zum Beispiel mit "
                           "Ort oder Jahr."),
    "date-order": UIText("Das Ende ({value}) darf nicht vor dem Beginn ({start}) liegen."),
    "age-order": UIText("Das Höchstalter ({value}) darf nicht kleiner als das Mindestalter ({age_min}) sein."),
    "link-scheme": UIText("Geben Sie bei „{label}“ eine Webadresse (https://…) oder eine E-Mail-Adresse als "
                   "mailto:… an."),
    "link-invalid": UIText("„{value}“ ist keine vollständige Adresse. Geben Sie sie mit https:// am Anfang an."),
    "image-outside": UIText("Geben Sie bei „{label}“ nur den Dateinamen eines Bildes im Ordner content/images an."),
    "image-missing": UIText("Das Bild „{value}“ gibt es im Bildungswegweiser noch nicht. Lassen Sie das Feld leer "
                            "und schicken Sie das Bild per E-Mail an das Bildungsbüro."),
    "alt-missing": UIText("Beschreiben Sie das Bild in einem kurzen Satz („{label}“)."),
    "coords-incomplete": UIText("Geben Sie Breiten- und Längengrad zusammen an oder lassen Sie beide leer."),
    "coords-outside": UIText("Die Koordinaten {value} liegen nicht in Deutschland.{swap}"),
    "coords-outside.swap": UIText(" Breiten- und Längengrad scheinen vertauscht zu sein."),
    "postcode-municipality": UIText("Die Postleitzahl {value} gehört nicht zu {municipality}. Zu {municipality} "
                                    "gehören: {postcodes}."),
    "html-in-text": UIText("„{label}“ darf keinen HTML-Code enthalten („{value}“). Schreiben Sie einfachen Text; "
                           "Hervorhebungen und Links sind nur in der ausführlichen Beschreibung möglich."),
    "control-character": UIText("„{label}“ enthält ein unsichtbares Steuerzeichen ({value}, Zeichen Nr. {position}). "
                                "Löschen Sie es – am sichersten, indem Sie den Text an dieser Stelle neu tippen."),
    "bidi-control": UIText("„{label}“ enthält ein unsichtbares Zeichen, das die Schreibrichtung umkehrt ({value}, "
                           "Zeichen Nr. {position}). Löschen Sie es."),
    "mailto-extra": UIText("Geben Sie bei „{label}“ nur die E-Mail-Adresse an (mailto:…, höchstens mit ?subject=…), "
                           "ohne weitere Empfänger oder vorgefertigten Text."),
    "location-missing": UIText("Wählen Sie den Ort, an dem das Angebot stattfindet (nötig bei der Form "
                               "„{format_label}“)."),
}

#: what a value of each type looks like, for ``type-error`` (the form accepts a decimal comma)
FORM_TYPE_NAMES: dict[str, str] = {
    "string": UIText("ein Text"),
    "integer": UIText("eine ganze Zahl, z. B. 12"),
    "number": UIText("eine Zahl, z. B. 12,5"),
    "date": UIText("ein Datum, z. B. 2027-02-01 oder 01.02.2027"),
    "email": UIText("eine E-Mail-Adresse wie info@example.org"),
    "uri": UIText("eine vollständige Adresse wie https://www.example.org"),
}


def form_texts(schemas, code: str) -> dict:
    """The form's texts in language ``code`` for its script: messages, type names, and the fields' titles and
    descriptions (which the messages name) of each kind, from the catalogs (German where a catalog has none)."""
    from wegweiser.i18n.catalogs import translations
    from wegweiser.content.schema import KIND_FOLDERS

    gettext = translations(code).gettext
    fields = {kind: {f.name: {"title": gettext(f.title) if f.title else f.name,
                              "description": gettext(f.description) if f.description else ""}
                     for f in schemas.for_kind(kind).fields}
              for kind in KIND_FOLDERS}
    from wegweiser.i18n.content import label

    formats = schemas.vocabularies.get("formats")
    return {"messages": {key: text.translated(code) for key, text in FORM_MESSAGES.items()},
            "formats": {row["id"]: label(row, code) for row in formats.rows} if formats else {},
            "typeNames": {key: text.translated(code) for key, text in FORM_TYPE_NAMES.items()},
            "fields": fields, "body": UIText("Beschreibung").translated(code)}
