"""Signal handlers: add the guide generator to Pelican."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from pelican import signals

from wegweiser.build.state import build_state
from wegweiser.catalog.display import FILTERS, GLOBALS
from wegweiser.catalog.project import Project
from wegweiser.i18n.script_texts import script_texts
from wegweiser.i18n.texts import catalog_text, translated_description, translated_text, ui
from wegweiser.outputs.security import meta_policy
from wegweiser.checks.pages import REQUIRED_PAGES
from wegweiser.pelican_plugin.generators import GuideGenerator
from wegweiser.pelican_plugin.page_languages import annotate_pages, page_texts, unpublished_languages
from wegweiser.pelican_plugin.page_reader import only_page_reader


def add_template_helpers(pelican):
    """Make the German display helpers available in every template."""
    pelican.settings.setdefault("JINJA_FILTERS", {}).update(FILTERS, ui=ui)
    pelican.settings.setdefault("JINJA_GLOBALS", {}).update(GLOBALS)
    pelican.settings["JINJA_GLOBALS"]["content_security_policy"] = meta_policy()
    pelican.settings["JINJA_GLOBALS"]["script_texts"] = script_texts
    pelican.settings["JINJA_GLOBALS"].update(tr=translated_text, tr_html=translated_description,
                                             catalog_text=catalog_text)
    # the footer links those of them that exist (the generator sets static_urls)
    pelican.settings["JINJA_GLOBALS"]["required_pages"] = [(slug, page.link) for slug, page in REQUIRED_PAGES.items()]
    # the interface's texts through gettext (wegweiser.i18n.catalogs; installed per page's language)
    environment = pelican.settings.setdefault("JINJA_ENVIRONMENT", {})
    environment["extensions"] = list(dict.fromkeys([*environment.get("extensions", []), "jinja2.ext.i18n"]))
    # compiled templates kept in the project's cache (checked against each template's source)
    folder = Project.from_settings(pelican.settings).root / ".cache" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        environment["bytecode_cache"] = FileSystemBytecodeCache(str(folder))
    except OSError:
        pass  # a read-only checkout compiles the templates each time


def get_generators(pelican):
    return GuideGenerator


def _note(context, path) -> None:
    """Note a file Pelican wrote, for the build information (wegweiser/build/site_folders.py)."""
    build_state(context or {}).pelican_files.add(os.path.abspath(path))


def note_content(path, context=None, **kwargs):
    _note(context, path)


def note_static(generator):
    for item in generator.staticfiles:
        _note(generator.context, os.path.join(generator.output_path, item.save_as))


def write_service_worker(pelican):
    """``sw.js`` at the site's root, written after every other file: it lists what it keeps of them."""
    from wegweiser.i18n.languages import languages as guide_languages
    from wegweiser.outputs.offline import DEFAULT_BUDGET_KB, SCRIPT_NAME, plan

    settings, output = pelican.settings, Path(pelican.output_path)
    state = build_state(settings)
    # each language's pages (its folder: "" for the source language, else "en/") name its search data
    languages = {language.code: language.prefix for language in guide_languages(settings)}
    # the sizes of the search data files, kept by name (it says what a file holds) from build to build
    measures = Project.from_settings(settings).root / ".cache" / "wegweiser" / "offline-sizes.json"
    try:
        known = json.loads(measures.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    known = known if isinstance(known, dict) else {}
    precache = plan(output, settings.get("SITEURL") or "", languages,
                    settings.get("WEGWEISER_OFFLINE_BUDGET_KB", DEFAULT_BUDGET_KB),
                    json.dumps(state.fingerprints.get("pages"), sort_keys=True).encode(), known)
    used = {path for language in precache.languages.values() for path in language.data + language.left}
    with contextlib.suppress(OSError):  # a read-only checkout measures each time
        measures.parent.mkdir(parents=True, exist_ok=True)
        measures.write_text(json.dumps({path: known[path] for path in sorted(used)}), encoding="utf-8")
    target = output / SCRIPT_NAME
    target.unlink(missing_ok=True)  # never changed in place: it may be a hard link into the published site
    target.write_bytes(precache.script(next(iter(languages)), bool(settings.get("RELATIVE_URLS"))))
    _note(settings, target)
    state.offline = precache.summary()


def source_language_texts(generator):
    """Pelican's own generators render in the source language (its texts are the message ids) unless
    told otherwise: the guide generator installs each page's language itself, the static pages' is
    installed before each is written (page_languages.page_texts)."""
    if hasattr(generator, "env"):
        generator.env.install_null_translations(newstyle=True)


def register():
    signals.initialized.connect(add_template_helpers)
    signals.generator_init.connect(source_language_texts)
    signals.get_generators.connect(get_generators)
    signals.readers_init.connect(only_page_reader)  # static pages are untrusted content too
    signals.initialized.connect(unpublished_languages)  # static pages in the guide's languages
    signals.page_generator_finalized.connect(annotate_pages)
    signals.page_generator_write_page.connect(page_texts)
    # what Pelican writes itself: the next build removes it first (wegweiser/build/site_folders.py)
    signals.content_written.connect(note_content)
    signals.feed_written.connect(note_content)
    signals.static_generator_finalized.connect(note_static)
    signals.finalized.connect(write_service_worker)
