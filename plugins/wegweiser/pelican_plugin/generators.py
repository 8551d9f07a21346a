"""The guide generator: validate, link and render offers, providers and lists.

All domain work happens in :mod:`wegweiser.core`; this module only hands the
catalog to templates and tells Pelican's writer what to write where.
"""

from __future__ import annotations

import gc
from pathlib import Path

from pelican.generators import Generator

from ..core.findings import summary
from ..core.messages import finding
from ..core.project import Project
from . import parallel
from .files import site_files
from .incremental import CatalogView, EntryFile, Incremental, fingerprint, global_digest
from .pages import site_pages
from .structured_data import structured_data


class ValidationFailed(Exception):
    """Raised when the content has errors: the build must publish nothing."""

    def __init__(self, findings):
        self.findings = findings
        lines = [f.as_text() for f in findings if f.is_error]
        super().__init__("Die Inhalte enthalten Fehler; es wurde nichts veröffentlicht.\n"
                         + "\n".join(lines) + "\n" + summary(findings))


class PageFailed(Exception):
    """Rendering one page failed: a finding that names the entry (or the page) being rendered."""

    def __init__(self, page, exc: Exception):
        entry = next((v for v in page.variables.values() if hasattr(v, "source") and hasattr(v, "digest")), None)
        where = entry.source if entry is not None else page.save_as
        self.findings = [finding("unexpected", where, value=f"{page.save_as}: {type(exc).__name__}: {exc}")]
        super().__init__(f"{where}: {type(exc).__name__}: {exc}")


class GuideGenerator(Generator):
    """Loads the catalog in ``generate_context`` and writes its pages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = None
        self.validation = None

    def generate_context(self):
        project = Project.from_settings(self.settings)
        # wegweiser.build has validated already; Pelican run directly validates here.
        validation, catalog = project.load(self.settings.get("_WEGWEISER_VALIDATION"))
        self.validation = validation
        if catalog is None:
            raise ValidationFailed(validation.findings)
        self.catalog = catalog
        gc.freeze()  # like the parsed files (wegweiser.build), the catalog lives until the end
        self.context["guide"] = catalog
        self.context["findings"] = validation.findings

    def generate_output(self, writer):
        output = Path(self.output_path)
        project = Project.from_settings(self.settings)
        incremental = Incremental(self.settings.get("_WEGWEISER_PREVIOUS_OUTPUT"), output,
                                  self.settings.get("_WEGWEISER_STAGING_HOLDS"))
        global_hash = global_digest(self.settings, project.data_dir, self.catalog.today)
        incremental.restore_search(self.catalog, f"{global_hash}:{self.catalog.digest}")
        pages = list(site_pages(self.catalog))
        progress = self.settings.get("_WEGWEISER_PROGRESS") or (lambda done, total: None)
        finished = [0]

        def done(count: int) -> None:
            for _ in range(count):
                finished[0] += 1
                progress(finished[0], len(pages))

        todo = []  # (page, fingerprint, whether it read the catalog last time)
        for page in pages:
            wide = incremental.was_wide(page.save_as)
            print_ = fingerprint(page, self.catalog, global_hash, wide)
            if incremental.reuse_page(page.save_as, print_):
                done(1)
            else:
                incremental.clear(page.save_as)  # a new file, never the old one changed in place
                todo.append((page, print_, wide))

        def render(task) -> tuple[str, bool]:
            page, print_, wide = task
            view = CatalogView(self.catalog)
            self._write_page(writer, page, view)
            if view.wide != wide:  # it read the catalog this time (or no longer): that is part of its inputs
                print_ = fingerprint(page, self.catalog, global_hash, view.wide)
            return print_, view.wide

        try:
            results = parallel.run(todo, render, parallel.worker_count(self.settings, len(todo)), done)
        except parallel.TaskFailed as failed:  # reported with the page's source, never as a bare traceback
            if failed.position < 0:
                raise
            raise PageFailed(todo[failed.position][0], failed.error) from failed
        for (page, _, _), (print_, wide) in zip(todo, results):
            incremental.rendered(page.save_as, print_, wide)
        for path, data in site_files(self.catalog, self.settings):
            if isinstance(data, EntryFile):
                incremental.write_entry_file(path, data, self.catalog, global_hash)
            else:
                incremental.write_file(path, data)
        incremental.save(self.catalog)
        self.context["wegweiser_pages"] = {"written": incremental.written, "unchanged": incremental.reused}

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
