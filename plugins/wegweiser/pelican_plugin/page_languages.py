"""The static pages in the guide's languages, published with Pelican's own i18n.

Pelican reads a translation ``content/pages/<code>/<slug>.md`` (settings ``PATH_METADATA``,
``PAGE_LANG_URL``: wegweiser/settings.py), groups it with the German page of that slug
(``page.translations``) and writes it under ``/<code>/<slug>/``. Here:

- at the start, the folders of languages the guide does not publish are left out (``PAGE_EXCLUDES``;
  validation warns about them), so switching a language off does not break the build;

and for the templates (theme/templates/page.html):

- when the pages are read, each page learns its language (``page.language``), the languages it
  exists in (``page.alternates``: (language, path below the site's root) in the order of
  WEGWEISER_LANGUAGES, when there is more than one), and a translation what its reader sees of it
  (``page.translated``: "outdated" and "machine" show a notice; wegweiser.i18n.page_translations);
- before each page is written, the page generator's templates get the interface texts of its language.
"""

from __future__ import annotations

from pathlib import Path

from wegweiser.content.static_pages import read_page
from wegweiser.i18n.catalogs import translations
from wegweiser.i18n.languages import SOURCE, LanguageSettingError, is_language_folder, languages
from wegweiser.i18n.page_translations import page_translation


def unpublished_languages(pelican) -> None:
    """``initialized``: Pelican does not read the pages of content/pages/<code>/ for a language the guide
    does not publish."""
    settings = pelican.settings
    try:
        published = {language.code for language in languages(settings)}
    except LanguageSettingError:
        return  # the guide generator reports the setting
    excluded = []
    for folder in settings.get("PAGE_PATHS") or []:
        try:
            names = sorted(path.name for path in (Path(settings.get("PATH") or "content") / folder).iterdir()
                           if path.is_dir())
        except OSError:
            continue  # no such folder, or unreadable (validation says so)
        excluded += [f"{folder}/{name}" for name in names if is_language_folder(name) and name not in published]
    settings["PAGE_EXCLUDES"] = [*(settings.get("PAGE_EXCLUDES") or []), *excluded]


def annotate_pages(generator) -> None:
    """``page_generator_finalized``: language, alternates and provenance of every page."""
    try:
        guide = {language.code: language for language in languages(generator.settings)}
    except LanguageSettingError:
        return  # the guide generator reports the setting
    source = next(iter(guide))
    for page in [*generator.pages, *generator.translations]:
        language = guide.get(page.lang)
        if language is None:
            continue  # a folder of no language of the guide: validation refuses it
        versions = {version.lang: version for version in [page, *getattr(page, "translations", [])]}
        alternates = [(other, versions[code].url) for code, other in guide.items() if code in versions]
        page.language = language
        page.alternates = alternates if len(alternates) > 1 else None
        german = versions.get(source)
        if not language.is_source and german is not None:
            body = read_page(Path(german.source_path), german.relative_source_path).body
            page.translated = page_translation(page.metadata, body, language.code)


def page_texts(generator, content) -> None:
    """``page_generator_write_page``: the interface texts of the page's language (the source language's
    texts are the message ids)."""
    generator.env.install_gettext_translations(translations(getattr(content, "lang", None) or SOURCE), newstyle=True)
