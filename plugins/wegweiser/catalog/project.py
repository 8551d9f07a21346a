"""A project on disk: where content, data and settings live, and loading it whole."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from wegweiser.catalog import freshness
from wegweiser.catalog.catalog import Catalog, build_catalog
from wegweiser.outputs.image_variants import ImageSet
from wegweiser.indicators.derived import build_monitoring
from wegweiser.content.schema import Schemas, load_schemas
from wegweiser.checks.validate import Validation, validate_project


@dataclass(frozen=True)
class Project:
    root: Path
    content_dir: Path
    data_dir: Path
    today: dt.date
    stale_months: int = freshness.DEFAULT_STALE_MONTHS
    soon_days: int = freshness.DEFAULT_SOON_DAYS
    #: WEGWEISER_WORKERS and WEGWEISER_PARALLEL_MIN (see build/workers.py)
    parallel: tuple = ()
    #: WEGWEISER_LANGUAGES: the codes of the guide's languages, the source language first
    languages: tuple = ("de",)

    @classmethod
    def from_settings(cls, settings: dict, root: Path | None = None) -> "Project":
        """Read the WEGWEISER_* settings (plain dict, e.g. Pelican's settings)."""
        content_dir = Path(settings.get("PATH", "content")).resolve()
        root = Path(root or settings.get("WEGWEISER_ROOT") or content_dir.parent).resolve()
        data_dir = Path(settings.get("WEGWEISER_DATA_PATH") or root / "data")
        if not data_dir.is_absolute():
            data_dir = root / data_dir
        today = settings.get("WEGWEISER_TODAY") or dt.date.today()
        if isinstance(today, str):
            today = dt.date.fromisoformat(today)
        return cls(
            root=root,
            content_dir=content_dir,
            data_dir=data_dir.resolve(),
            today=today,
            stale_months=int(settings.get("WEGWEISER_STALE_MONTHS", freshness.DEFAULT_STALE_MONTHS)),
            soon_days=int(settings.get("WEGWEISER_SOON_DAYS", freshness.DEFAULT_SOON_DAYS)),
            parallel=tuple((k, settings[k]) for k in ("WEGWEISER_WORKERS", "WEGWEISER_PARALLEL_MIN") if k in settings),
            languages=tuple(dict.fromkeys(settings.get("WEGWEISER_LANGUAGES") or ["de"])),
        )

    def schemas(self) -> Schemas:
        return load_schemas(self.data_dir)

    def validate(self, schemas: Schemas | None = None) -> Validation:
        schemas = schemas or self.schemas()
        return validate_project(self.root, self.content_dir, schemas, self.today, self.stale_months,
                                dict(self.parallel), self.languages)

    def load(self, validation: Validation | None = None) -> tuple[Validation, Catalog | None]:
        """Validate (unless given a validation of this project), and link the catalog without errors."""
        schemas = validation.schemas if validation is not None and validation.schemas else self.schemas()
        validation = validation or self.validate(schemas)
        if not validation.ok:
            return validation, None
        catalog = build_catalog(validation, schemas, self.today, self.stale_months, self.soon_days)
        catalog.languages = self.languages
        catalog.monitoring = build_monitoring(catalog)  # data/indicators + indicators from the offers
        catalog.images = ImageSet(self.content_dir / "images", self.root / ".cache" / "images", self.root)
        catalog.images.stamp([*catalog.offers, *catalog.expired, *catalog.providers])
        return validation, catalog
