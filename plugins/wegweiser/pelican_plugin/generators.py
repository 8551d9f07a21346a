"""The guide generator: validate, link and render offers, providers and lists.

All domain work happens in :mod:`wegweiser.core`; this module only hands the
catalog to templates and tells Pelican's writer what to write where.
"""

from __future__ import annotations

import gc
import functools
import os
from pathlib import Path
from typing import NamedTuple

from markupsafe import Markup
from pelican.generators import Generator

from wegweiser.build import workers as parallel
from wegweiser.catalog.entry_store import EntryStore
from wegweiser.checks.findings import summary
from wegweiser.build.gc_pause import cycle_collection_paused
from wegweiser.checks.messages import finding
from wegweiser.search.search_index import SearchFiles, catalog_search_files, search_key
from wegweiser.catalog.project import Project
from wegweiser.pelican_plugin.files import entry_files as entry_files_of, site_files
from wegweiser.pelican_plugin.incremental import CatalogView, EntryFile, Incremental, fingerprint, global_digest, write_new
from wegweiser.pelican_plugin.pages import content_pages, search_page
from wegweiser.pelican_plugin.structured_data import structured_data
from wegweiser.pelican_plugin.template_lookup import fast_dict_lookups


class ValidationFailed(Exception):
    """Raised when the content has errors: the build must publish nothing."""

    def __init__(self, findings):
        self.findings = findings
        lines = [f.as_text() for f in findings if f.is_error]
        super().__init__("Die Inhalte enthalten Fehler; es wurde nichts veröffentlicht.\n"
                         + "\n".join(lines) + "\n" + summary(findings))


class PageTask(NamedTuple):
    """A page to render: its fingerprint and whether it read the whole catalog last time."""

    page: object
    fingerprint: str
    wide: bool


class FileTask(NamedTuple):
    """A file made from one entry (or a list of them) to make."""

    path: str
    item: EntryFile


class PageFailed(Exception):
    """Making one page or file failed: a finding that names the entry (or the page) it was made from."""

    def __init__(self, task: PageTask | FileTask, exc: Exception):
        if isinstance(task, FileTask):  # named by its entry (a list: by the first)
            target, entry = task.path, task.item.entry
            entry = (entry or [None])[0] if isinstance(entry, list) else entry
        else:
            target = task.page.save_as
            entry = next((v for v in task.page.variables.values() if hasattr(v, "source") and hasattr(v, "digest")),
                         None)
        where = entry.source if entry is not None else target
        self.findings = [finding("unexpected", where, value=f"{target}: {type(exc).__name__}: {exc}")]
        super().__init__(f"{where}: {type(exc).__name__}: {exc}")

    def __reduce__(self):  # from the process that writes the whole-catalog files, with its finding
        return _page_failed, (self.findings, str(self))


def _page_failed(findings: list, message: str) -> PageFailed:
    failed = PageFailed.__new__(PageFailed)
    Exception.__init__(failed, message)
    failed.findings = findings
    return failed


class GuideGenerator(Generator):
    """Loads the catalog in ``generate_context`` and writes its pages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fast_dict_lookups(self.env)
        self.catalog = None
        self.validation = None

    def generate_context(self):
        project = Project.from_settings(self.settings)
        # wegweiser.build has validated already; Pelican run directly validates here.
        validation, catalog = project.load(self.settings.get("_WEGWEISER_VALIDATION"))
        self.validation = validation
        if catalog is None:
            raise ValidationFailed(validation.findings)
        validation.sources = {}  # the catalog has what it needs from the files: free the rest
        self.catalog = catalog
        gc.freeze()  # like the parsed files (wegweiser.build), the catalog lives until the end
        self.context["guide"] = catalog
        self.context["findings"] = validation.findings
        # the static pages of content/pages/ (Pelican's page generator ran first): linked only if they exist
        self.context["static_urls"] = sorted(page.url for page in self.context.get("pages", []))
        if not self.settings.get("RELATIVE_URLS"):  # else each page's links differ (its SITEURL is relative)
            # header and footer are the same on every page: rendered once here (base.html)
            self.context["chrome"] = {part: Markup(self.get_template(f"components/site_{part}").render(self.context))
                                      for part in ("header", "footer")}

    def generate_output(self, writer):
        output = Path(self.output_path)
        project = Project.from_settings(self.settings)
        incremental = Incremental(self.settings.get("_WEGWEISER_PREVIOUS_OUTPUT"), output,
                                  self.settings.get("_WEGWEISER_STAGING_HOLDS"),
                                  self.settings.get("_WEGWEISER_PREVIOUS_INFO"))
        global_hash = global_digest(self.settings, project.data_dir, self.catalog.today, self.context["static_urls"])
        self.catalog.store = EntryStore.of_project(project.root, global_hash)  # saved by _write_catalog_files
        # The other files (search data, open data, feeds, and the calendars and form data of
        # changed entries) are written meanwhile by another process (when there are enough offers
        # to be worth one); the search page, which names the search data, is made last.
        job = parallel.Pending(functools.partial(self._write_catalog_files, incremental.branch(), global_hash,
                                                 os.getpid()),
                               fork=parallel.worker_count(self.settings, len(self.catalog.offers)) > 1)
        try:
            todo, kept = self._plan(incremental, global_hash, content_pages(self.catalog))
            progress = self._progress(kept, len(todo) + 1)
            self._make(writer, incremental, global_hash, todo, progress)
            new_files, written, reused, search, incremental.search_key = job.result()
            incremental.merge(new_files, written, reused)
            self.catalog.derived["search"] = search  # its names, for .buildinfo.json
            last, kept = self._plan(incremental, global_hash, [search_page(search.manifest_name, self.catalog)])
            progress(kept)
            self._make(writer, incremental, global_hash, last, progress)
        finally:
            job.cancel()  # only after a failure: the job is done otherwise
        incremental.save(self.catalog, self.settings.get("_WEGWEISER_HANDED"))  # wegweiser.build writes it
        self.context["wegweiser_pages"] = {"written": incremental.written, "unchanged": incremental.reused}

    def _progress(self, kept: int, to_make: int):
        """Report pages, kept or rendered, as they are done."""
        report = self.settings.get("_WEGWEISER_PROGRESS") or (lambda done, total: None)
        finished = [0]

        def done(count: int) -> None:
            for _ in range(count):
                finished[0] += 1
                report(finished[0], kept + to_make)

        done(kept)
        return done

    def _make(self, writer, incremental: Incremental, global_hash: str, todo: list, done) -> None:
        """Render the pages of ``todo`` (on all cores when there are enough)."""

        def make(task: PageTask):
            page, print_, wide = task
            view = CatalogView(self.catalog)
            self._write_page(writer, page, view)
            if view.wide != wide:  # it read the catalog this time (or no longer): that is part of its inputs
                print_ = fingerprint(page, self.catalog, global_hash, view.wide)
            return print_, view.wide

        try:
            results = parallel.run(todo, make, parallel.worker_count(self.settings, len(todo)), done)
        except parallel.TaskFailed as failed:  # reported with the page's source, never as a bare traceback
            if failed.position < 0:
                raise
            raise PageFailed(todo[failed.position], failed.error) from failed
        for task, result in zip(todo, results):
            incremental.rendered(task.page.save_as, *result)

    def _plan(self, incremental: Incremental, global_hash: str, pages) -> tuple[list, int]:
        """Which of ``pages`` must be rendered, and how many are kept."""
        todo, kept = [], 0
        with cycle_collection_paused():  # a description and a fingerprint per page (core/gc_pause.py)
            for page in pages:
                wide = incremental.was_wide(page.save_as)
                print_ = fingerprint(page, self.catalog, global_hash, wide)
                if incremental.reuse_page(page.save_as, print_):
                    kept += 1
                else:
                    incremental.clear(page.save_as)  # a new file, never the old one changed in place
                    todo.append(PageTask(page, print_, wide))
        return todo, kept

    def _write_catalog_files(self, files: Incremental, global_hash: str, builder: int):
        """Write the files made from the whole catalog; what was recorded, the search data's names and
        the key it is kept under (its previous version is reused when the key is unchanged)."""
        entries = self.catalog.offers + self.catalog.expired + self.catalog.providers
        if os.getpid() != builder:  # forked: no page is made here, and the files need no rendered body
            for entry in entries:
                entry.content = None  # its memory is reused for theirs (12 MB at 20,000 offers)
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
        return (files.new_files, files.written, files.reused,
                SearchFiles(search.manifest_name, {}, kept=search.names()), files.search_key)

    def _write_page(self, writer, page, view: CatalogView):
        writer.write_file(
            page.save_as,
            self.get_template(page.template),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
            url=page.url,
            override_output=True,
            guide=view,
            page_meta=page,
            structured_data=structured_data(page, self.catalog, self.settings),
            **page.variables,
        )
