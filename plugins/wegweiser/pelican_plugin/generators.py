"""The guide generator: validate, link and render offers, providers and lists.

All domain work happens in :mod:`wegweiser.core`; this module only hands the
catalog to templates and tells Pelican's writer what to write where.
"""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from ..core.findings import summary
from ..core.project import Project
from .files import site_files
from .pages import site_pages


class ValidationFailed(Exception):
    """Raised when the content has errors: the build must publish nothing."""

    def __init__(self, findings):
        self.findings = findings
        lines = [f.as_text() for f in findings if f.is_error]
        super().__init__("Die Inhalte enthalten Fehler; es wurde nichts veröffentlicht.\n"
                         + "\n".join(lines) + "\n" + summary(findings))


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
        self.context["guide"] = catalog
        self.context["findings"] = validation.findings

    def generate_output(self, writer):
        for page in site_pages(self.catalog):
            writer.write_file(
                page.save_as,
                self.get_template(page.template),
                self.context,
                relative_urls=self.settings.get("RELATIVE_URLS", False),
                url=page.url,
                override_output=True,
                guide=self.catalog,
                page_meta=page,
                **page.variables,
            )
        output = Path(self.output_path)
        for path, data in site_files(self.catalog, self.settings):
            target = output / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
