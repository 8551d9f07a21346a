"""The guide generator: validate, link and render offers, providers and lists.

All domain work happens in :mod:`wegweiser.core`; this module only hands the
catalog to templates and tells Pelican's writer what to write where.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import NamedTuple

from markupsafe import Markup
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url

from wegweiser.build.state import build_state
from wegweiser.build.workers import Workers, worker_count
from wegweiser.catalog.entry_store import EntryStore
from wegweiser.checks.findings import summary
from wegweiser.checks.messages import finding
from wegweiser.search.search_index import SearchFiles, catalog_search_files, search_key
from wegweiser.catalog.project import Project
from wegweiser.pelican_plugin.files import entry_files as entry_files_of, site_files
from wegweiser.pelican_plugin.incremental import CatalogView, EntryFile, Incremental, fingerprint, global_digest, write_new
from wegweiser.i18n.catalogs import translations
from wegweiser.i18n.languages import languages
from wegweiser.pelican_plugin.pages import content_pages, in_languages, search_pages
from wegweiser.pelican_plugin.structured_data import structured_data


class ValidationFailed(Exception):
    """Raised when the content has errors: the build must publish nothing."""

    def __init__(self, findings):
        self.findings = findings
        lines = [f.as_text() for f in findings if f.is_error]
        super().__init__("Die Inhalte enthalten Fehler; es wurde nichts veröffentlicht.\n"
                         + "\n".join(lines) + "\n" + summary(findings))


class PageTask(NamedTuple):
    """A page to render: its position in the list of pages (a worker has that list), its fingerprint
    and whether it read the whole catalog last time."""

    position: int
    fingerprint: str
    wide: bool


class FileTask(NamedTuple):
    """A file made from one entry (or a list of them) to make."""

    path: str
    item: EntryFile


class PageFailed(Exception):
    """Making one page or file failed: a finding that names the entry (or the page) it was made from."""

    def __init__(self, made: object, exc: Exception):
        """``made``: the page or the :class:`FileTask`."""
        if isinstance(made, FileTask):  # named by its entry (a list: by the first)
            target, entry = made.path, made.item.entry
            entry = (entry or [None])[0] if isinstance(entry, list) else entry
        else:
            target = made.save_as
            entry = next((v for v in made.variables.values() if hasattr(v, "source") and hasattr(v, "digest")),
                         None)
        where = entry.source if entry is not None else target
        self.findings = [finding("unexpected", where, value=f"{target}: {type(exc).__name__}: {exc}")]
        #: a system error (a full disk, …) travels on, so that the build can blame the disk (build/disk.py)
        self.error = exc if isinstance(exc, OSError) else None
        super().__init__(f"{where}: {type(exc).__name__}: {exc}")

    def __reduce__(self):  # from a worker process, with its finding and system error
        return _page_failed, (self.findings, str(self), self.error)


def _page_failed(findings: list, message: str, error: OSError | None = None) -> PageFailed:
    failed = PageFailed.__new__(PageFailed)
    Exception.__init__(failed, message)
    failed.findings = findings
    failed.error = error
    return failed


class GuideGenerator(Generator):
    """Loads the catalog in ``generate_context`` and writes its pages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = None
        self.validation = None

    def generate_context(self):
        project = Project.from_settings(self.settings)
        # wegweiser.build has validated already; Pelican run directly validates here.
        validation, catalog = project.load(build_state(self.settings).validation)
        self.validation = validation
        if catalog is None:
            raise ValidationFailed(validation.findings)
        validation.sources = {}  # the catalog has what it needs from the files: free the rest
        self.catalog = catalog
        if self.settings.get("WEGWEISER_BROCHURE"):  # before the pages: the area pages name the PDFs' sizes
            from wegweiser.pelican_plugin.brochure import published_brochures

            catalog.brochures = published_brochures(catalog, self.settings, project)
        # The build's one gc.freeze(): the catalog lives until the end, so later collections, here and
        # in the workers forked from here, need not walk it again (nor touch its memory).
        gc.freeze()
        self.context["guide"] = catalog
        self.context["findings"] = validation.findings
        # the static pages of content/pages/ and their translations (Pelican's page generator ran first): linked
        # only if they exist ("impressum/", "en/impressum/")
        self.context["static_urls"] = sorted(
            {url for page in self.context.get("pages", [])
             for url in [page.url, *(version.url for version in getattr(page, "translations", []))]})
        self.languages = languages(self.settings)
        self.context["languages"] = self.languages
        #: header and footer of each language, the same on every page of it: rendered once (base.html),
        #: unless each page's links differ (RELATIVE_URLS: its SITEURL is relative)
        self.chrome: dict[str, dict] = {}

    def generate_output(self, writer):
        output = Path(self.output_path)
        project = Project.from_settings(self.settings)
        state = build_state(self.settings)
        incremental = Incremental(output, state)
        global_hash = global_digest(self.settings, project.data_dir, self.catalog.today, self.context["static_urls"])
        self.catalog.store = EntryStore.of_project(project.root, global_hash)  # saved by _write_catalog_files
        pages, files = list(in_languages(content_pages(self.catalog), self.languages)), incremental.branch()

        def work(task: PageTask | None):
            if task is None:
                return self._write_catalog_files(files, global_hash)
            return self._render(writer, pages[task.position], task, global_hash)

        # The files made from the whole catalog (search data, open data, feeds, and the calendars and
        # form data of changed entries) are written by one worker while the others render the pages;
        # the search page, which names the search data, is made last.
        with Workers(work, worker_count(self.settings, len(pages))) as workers:
            job = workers.submit(None)
            todo, kept = self._plan(incremental, global_hash, pages)
            progress = self._progress(state.progress, kept, len(todo) + len(self.languages))  # + each language's search page
            for task, result in zip(todo, workers.map(todo, progress)):
                incremental.rendered(pages[task.position].save_as, *result)
            new_files, written, reused, search, incremental.search_key = job.result()
        incremental.merge(new_files, written, reused)
        self.catalog.derived["search"] = search  # its names, for .buildinfo.json
        last = search_pages(search, self.catalog, self.languages)
        todo, kept = self._plan(incremental, global_hash, last)
        progress(kept)
        for task in todo:
            page = last[task.position]
            incremental.rendered(page.save_as, *self._render(writer, page, task, global_hash))
            progress(1)
        state.fingerprints = incremental.save(self.catalog)  # written to .buildinfo.json by wegweiser.build
        state.written, state.unchanged = incremental.written, incremental.reused

    def _progress(self, report, kept: int, to_make: int):
        """Report pages, kept or rendered, as they are done (to ``report(done, total)`` if given)."""
        report = report or (lambda done, total: None)
        finished = [0]

        def done(count: int) -> None:
            for _ in range(count):
                finished[0] += 1
                report(finished[0], kept + to_make)

        done(kept)
        return done

    def _plan(self, incremental: Incremental, global_hash: str, pages: list) -> tuple[list[PageTask], int]:
        """Which of ``pages`` must be rendered, and how many are kept."""
        todo, kept = [], 0
        for position, page in enumerate(pages):
            wide = incremental.was_wide(page.save_as)
            print_ = fingerprint(page, self.catalog, global_hash, wide)
            if incremental.reuse_page(page.save_as, print_):
                kept += 1
            else:
                incremental.clear(page.save_as)  # a new file, never the old one changed in place
                todo.append(PageTask(position, print_, wide))
        return todo, kept

    def _render(self, writer, page, task: PageTask, global_hash: str) -> tuple[str, bool]:
        """Write a page; its fingerprint and whether it read the whole catalog (if that changed since
        it was planned, it is part of its inputs: fingerprinted again)."""
        view = CatalogView(self.catalog, (page.language or self.languages[0]).code)
        try:
            self._write_page(writer, page, view)
        except Exception as exc:  # reported with the page's source, never as a bare traceback
            raise PageFailed(page, exc) from exc
        if view.wide != task.wide:
            return fingerprint(page, self.catalog, global_hash, view.wide), view.wide
        return task.fingerprint, view.wide

    def _write_catalog_files(self, files: Incremental, global_hash: str):
        """Write the files made from the whole catalog; what was recorded, the search data's names and
        the key it is kept under (its previous version is reused when the key is unchanged)."""
        entries = self.catalog.offers + self.catalog.expired + self.catalog.providers
        files.restore_search(self.catalog, f"{global_hash}:{search_key(self.catalog)}")
        for path, data in site_files(self.catalog, self.settings):
            files.write_file(path, data)
        for path, item in entry_files_of(self.catalog, self.settings):  # made only when their entries changed
            if files.entry_file(path, item, self.catalog, global_hash):
                try:
                    write_new(files.staging, path, item.make())
                except Exception as exc:  # reported with the entry it was made from
                    raise PageFailed(FileTask(path, item), exc) from exc
                files.made(path)
        self.catalog.store.save(entries)
        search = catalog_search_files(self.catalog)
        manifests = {language.code: catalog_search_files(self.catalog, language.code).manifest_name
                     for language in self.languages if not language.is_source}
        return (files.new_files, files.written, files.reused,
                SearchFiles(search.manifest_name, {}, kept=search.names(), manifests=manifests), files.search_key)

    def _write_page(self, writer, page, view: CatalogView):
        language = page.language or self.languages[0]
        if getattr(self, "_texts_of", None) != language.code:  # pages come language by language: install once each
            self.env.install_gettext_translations(translations(language.code), newstyle=True)
            self._texts_of = language.code
        relative = self.settings.get("RELATIVE_URLS", False)
        # ROOTURL: the site's root (theme, search data, downloads); SITEURL: the root of the page's language
        root = path_to_url(get_relative_path(page.save_as)) if relative else self.settings.get("SITEURL", "")
        urls = {"ROOTURL": root, "SITEURL": f"{root}/{language.prefix.rstrip('/')}" if language.prefix else root,
                "lang": language,
                "alternates": [(other, f"{other.prefix}{page.url}") for other in self.languages]}
        if not relative:
            urls["chrome"] = self._chrome(language, urls)
        writer.write_file(
            page.save_as,
            self.get_template(page.template),
            self.context,
            relative_urls=relative,
            url=page.url,
            override_output=True,
            guide=view,
            page_meta=page,
            structured_data=structured_data(page, self.catalog, self.settings),
            **urls,
            **page.variables,
        )

    def _chrome(self, language, urls: dict) -> dict:
        """The header and footer of a language's pages (translations installed)."""
        if language.code not in self.chrome:
            context = {**self.context, **urls}
            self.chrome[language.code] = {part: Markup(self.get_template(f"components/site_{part}").render(context))
                                          for part in ("header", "footer")}
        return self.chrome[language.code]
