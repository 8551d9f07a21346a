"""German texts of the translation findings (see checks/messages.py for the parameters).

``field`` is the dotted path (``translations.en.title``), ``language`` the language's German name
with its code („Englisch, en“), ``label`` the German title of the translated field.
"""

_HOW = ("Aufbau: „translations:“, darunter eingerückt der Sprachcode („en:“), darunter das Feld („title:“) "
        "und darunter „text:“, „method:“ und „source_hash:“. „wegweiser translate export“ und "
        "„wegweiser translate import“ schreiben diesen Aufbau für Sie.")

TRANSLATION_TEMPLATES: dict[str, tuple[str, str]] = {
    "translation-shape": (
        "„{field}“ hat nicht die erwartete Form: hier wird {expected} erwartet.",
        _HOW,
    ),
    "translation-language": (
        "„{value}“ ist kein Sprachcode.",
        "Sprachen werden mit ihrem Code nach ISO 639-1 angegeben; dieser Wegweiser erscheint in: {allowed} "
        "(Einstellung WEGWEISER_LANGUAGES in pelicanconf.py). Korrigieren Sie den Sprachcode.",
    ),
    "translation-language-off": (
        "Die Übersetzungen in „{value}“ werden nicht veröffentlicht: der Wegweiser erscheint nicht in dieser Sprache.",
        "Veröffentlicht werden: {allowed} (Einstellung WEGWEISER_LANGUAGES in pelicanconf.py). Nehmen Sie die "
        "Sprache in die Einstellung auf, oder lassen Sie die Übersetzungen für später stehen.",
    ),
    "translation-source-language": (
        "Unter „translations“ steht die Ausgangssprache „{value}“.",
        "Der deutsche Text gehört in die Felder selbst (z. B. „title: …“); löschen Sie den Abschnitt „{value}:“.",
    ),
    "translation-field": (
        "„{value}“ ist kein übersetzbares Feld.",
        "{suggestion}Übersetzbar sind: {allowed}. Welche Felder übersetzbar sind, legt das Schema fest "
        "(„translatable“ in {schema_file}).",
    ),
    "translation-key": (
        "„{value}“ gehört nicht zu einer Übersetzung ({language}, „{label}“).",
        "{suggestion}Erlaubt sind text, method, source_hash, reviewed und by.",
    ),
    "translation-text": (
        "Die Übersetzung ({language}) von „{label}“ hat keinen Text.",
        "Tragen Sie darunter „text: …“ mit der Übersetzung ein oder löschen Sie die Übersetzung.",
    ),
    "translation-method": (
        "„{value}“ ist keine Art der Übersetzung ({language}, „{label}“).",
        "Schreiben Sie „method: human“ (von einem Menschen übersetzt) oder „method: machine“ "
        "(maschinell übersetzt; die Seite weist darauf hin, bis jemand sie geprüft hat).",
    ),
    "translation-hash": (
        "„{value}“ ist keine Prüfsumme des deutschen Textes ({language}, „{label}“).",
        "„source_hash“ sind die ersten 12 Zeichen (0–9, a–f) der SHA-256-Prüfsumme des deutschen Textes, aus "
        "dem übersetzt wurde; „wegweiser translate import“ trägt sie ein. Für den heutigen deutschen Text "
        "lautet sie {current}: tragen Sie sie nur ein, wenn die Übersetzung zu diesem Text passt.",
    ),
    "translation-reviewed": (
        "„{value}“ ist {problem} ({language}, „{label}“, Feld „reviewed“).",
        "Tragen Sie das Datum ein, an dem jemand die Übersetzung geprüft hat, als JJJJ-MM-TT (z. B. "
        "2027-02-01), oder lassen Sie „reviewed“ weg, solange sie niemand geprüft hat.",
    ),
    "translation-by": (
        "„by“ muss ein Name sein ({language}, „{label}“).",
        "Tragen Sie ein, wer übersetzt oder geprüft hat, z. B. „by: Bildungsbüro“, oder lassen Sie „by“ weg.",
    ),
    "translation-too-long": (
        "Die Übersetzung ({language}) von „{label}“ ist {actual} Zeichen lang; erlaubt sind höchstens {limit}.",
        "Kürzen Sie die Übersetzung; es gilt dieselbe Länge wie für den deutschen Text.",
    ),
    "translation-markup": (
        "Die Übersetzung ({language}) von „{label}“ enthält HTML ({value}).",
        "Schreiben Sie reinen Text; Zeichen wie < und & werden so angezeigt, wie sie dastehen.",
    ),
    "translation-unsafe": (
        "Die Übersetzung ({language}) der Beschreibung enthält, was auf der Website nicht erlaubt ist: {value}.",
        "Entfernen Sie Skripte, eingebettete Inhalte und Links, die nicht mit http://, https:// oder "
        "mailto: beginnen; Markdown wie **fett**, Listen und Links [Text](https://…) sind erlaubt.",
    ),
    "translation-character": (
        "Die Übersetzung ({language}) von „{label}“ enthält ein Zeichen, das nicht in einen Text gehört: {value}.",
        "Löschen Sie das Zeichen (oft beim Kopieren aus einem anderen Programm mitgekommen). Richtungs- und "
        "Verbindungszeichen für Arabisch und Persisch (U+200C, U+200D, U+200E, U+200F, U+061C) sind erlaubt.",
    ),
    "translation-orphan": (
        "Die Übersetzung ({language}) von „{label}“ wird nicht gezeigt: der deutsche Text fehlt.",
        "Tragen Sie den deutschen Text ein oder löschen Sie die Übersetzung.",
    ),
    "translation-outdated": (
        "Der deutsche Text von „{label}“ hat sich geändert, seit er übersetzt wurde ({language}); die Seite "
        "zeigt die Übersetzung als möglicherweise veraltet.",
        "Prüfen Sie die Übersetzung am heutigen deutschen Text, passen Sie sie an und setzen Sie "
        "„source_hash: {current}“ – oder exportieren Sie, was zu übersetzen ist, mit „wegweiser translate "
        "export --lang {language_code}“ und lesen Sie es mit „wegweiser translate import“ wieder ein.",
    ),
}

#: the translations of the static pages (content/pages/<code>/<slug>.md; checks/page_translations.py):
#: ``label`` is the German page's title, ``german`` its file
PAGE_TRANSLATION_TEMPLATES: dict[str, tuple[str, str]] = {
    "page-translation-language": (
        "Der Ordner „{value}“ ist nach keiner Sprache benannt; die Seiten darin würden nicht richtig veröffentlicht.",
        "Übersetzungen der Seiten liegen in Ordnern mit dem Code ihrer Sprache nach ISO 639-1 (z. B. "
        "content/pages/en/); dieser Wegweiser erscheint in: {allowed} (Einstellung WEGWEISER_LANGUAGES in "
        "pelicanconf.py). Benennen Sie den Ordner nach der Sprache der Übersetzung, oder verschieben Sie die Datei "
        "direkt nach content/pages/, wenn sie eine deutsche Seite ist.",
    ),
    "page-translation-source": (
        "Die Datei liegt im Ordner „{value}“ der Ausgangssprache; deutsche Seiten liegen direkt in content/pages.",
        "Verschieben Sie die Datei nach content/pages/. Unterordner wie content/pages/en/ sind für die "
        "Übersetzungen der deutschen Seiten da.",
    ),
    "page-translation-no-german": (
        "Zu dieser Übersetzung ({language}) gibt es keine deutsche Seite mit der Adresse „{value}“.",
        "{suggestion}Eine Übersetzung heißt wie die Adresse (Slug) der deutschen Seite, die sie übersetzt: "
        "content/pages/{language_code}/<Adresse>.md. Deutsche Seiten gibt es mit den Adressen: {allowed}. Benennen "
        "Sie die Datei um, oder legen Sie zuerst die deutsche Seite an.",
    ),
    "page-translation-easy-language": (
        "Die Seite „Leichte Sprache“ wird nicht übersetzt ({language}).",
        "Leichte Sprache ist eine geprüfte, vereinfachte Form des Deutschen für Menschen mit Lernschwierigkeiten "
        "(§ 4 BITV 2.0); übersetzt wäre sie keine Leichte Sprache mehr. Löschen Sie die Datei: Die Seiten aller "
        "Sprachen verlinken die deutsche Seite „Leichte Sprache“.",
    ),
    "page-translation-hash": (
        "„{value}“ ist keine Prüfsumme des deutschen Textes (Übersetzung {language} der Seite „{label}“).",
        "Tragen Sie im Kopf „Source_hash: …“ ein: die ersten 12 Zeichen (0–9, a–f) der SHA-256-Prüfsumme des "
        "deutschen Textes, aus dem übersetzt wurde. Für den heutigen Text von {german} lautet sie {current}: "
        "tragen Sie sie nur ein, wenn die Übersetzung zu diesem Text passt.",
    ),
    "page-translation-outdated": (
        "Der Text der deutschen Seite „{label}“ hat sich geändert, seit sie übersetzt wurde ({language}); die "
        "Seite zeigt die Übersetzung als möglicherweise veraltet.",
        "Vergleichen Sie die Übersetzung mit dem heutigen Text von {german}, passen Sie sie an und setzen Sie "
        "im Kopf „Source_hash: {current}“.",
    ),
}
