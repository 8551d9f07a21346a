"""The languages a guide is published in (setting ``WEGWEISER_LANGUAGES``).

The first language is the source: the content is written in it and its pages stand at the
site's root; every other language gets its pages under ``/<code>/`` (``/en/``, ``/ar/``). Names
and writing direction come from the Unicode CLDR through Babel, so any language Babel knows can
be switched on; Leichte Sprache is a German text of the content, not a language here.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

#: the default: a German guide
SOURCE = "de"


def is_language_folder(name: str) -> bool:
    """Whether a folder of the site's root is one a language may take (two lowercase letters, ISO 639-1):
    a page or a set of browse pages may not use it, whichever languages a guide has."""
    return len(name) == 2 and name.isascii() and name.isalpha() and name.islower()


@dataclass(frozen=True)
class Language:
    #: ISO 639-1 code as in the setting: "de", "ar"
    code: str
    #: the language's name in itself: "Deutsch", "العربية"
    name: str
    #: "ltr" or "rtl"
    direction: str
    #: the folder its pages are written to, "" for the source language, else "en/"
    prefix: str

    @property
    def is_source(self) -> bool:
        return not self.prefix


class LanguageSettingError(ValueError):
    """A language code Babel does not know, or a list that does not begin with German."""


def language(code: str, source: str = SOURCE) -> Language:
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError) as exc:
        raise LanguageSettingError(
            f"WEGWEISER_LANGUAGES: „{code}“ ist kein bekannter Sprachcode. Bitte zweibuchstabige Codes nach "
            "ISO 639-1 angeben, zum Beispiel „en“, „tr“ oder „ar“.") from exc
    name = locale.get_display_name(code) or code
    direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    return Language(code, name[:1].upper() + name[1:], direction, "" if code == source else f"{code}/")


def languages(settings: dict) -> list[Language]:
    """The guide's languages in the order of the setting; the source language first."""
    codes = list(dict.fromkeys(settings.get("WEGWEISER_LANGUAGES") or [SOURCE]))
    if codes[0] != SOURCE:
        raise LanguageSettingError(
            f"WEGWEISER_LANGUAGES: die erste Sprache muss „{SOURCE}“ sein (die Sprache, in der die Inhalte "
            f"geschrieben sind), nicht „{codes[0]}“.")
    return [language(code) for code in codes]
