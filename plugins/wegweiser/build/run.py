"""Run a Pelican build that either fully succeeds or changes nothing.

The site is made in the folder of the next site and exchanged with the published one only when
validation and rendering both succeeded (site_folders.py): only the files that differ are touched.
"""

from __future__ import annotations

import contextlib
import io
import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from wegweiser.build.site_folders import finish, one_build_at_a_time, prepare_next, publish, read_info
from wegweiser.build.state import KEY, BuildState
from wegweiser.build.disk import disk_finding
from wegweiser.checks.findings import Finding
from wegweiser.catalog.project import Project


@dataclass
class BuildResult:
    ok: bool
    findings: list[Finding] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0
    pages: int = 0
    written: int = 0
    unchanged: int = 0
    output: Path | None = None
    offline: str = ""


def read_settings(settings_file: Path, overrides: dict | None = None) -> dict:
    from pelican.settings import read_settings as pelican_read_settings

    return pelican_read_settings(str(settings_file), override=overrides or {})


def build(settings_file: Path, output: Path | None = None, overrides: dict | None = None,
          progress=None) -> BuildResult:
    """Validate, render into the next site's folder, then exchange it with the published one.

    ``progress(done, total)`` is called while pages are rendered.
    """
    started = time.perf_counter()
    from pelican import Pelican

    settings = read_settings(settings_file, overrides)
    validation = Project.from_settings(settings).validate()
    if not validation.ok:
        return BuildResult(ok=False, findings=validation.findings, seconds=time.perf_counter() - started)
    target = Path(output or settings["OUTPUT_PATH"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with one_build_at_a_time(target):
        folder, holds = prepare_next(target)
        published = target.is_dir()
        state = BuildState(validation=validation, published=target if published else None,
                           published_info=read_info(target) if published else None,  # 2 MB at 5,000 offers
                           holds=holds, progress=progress)
        settings = read_settings(settings_file, {**(overrides or {}), "OUTPUT_PATH": str(folder), KEY: state})
        try:
            _quiet_pelican()
            with contextlib.redirect_stdout(io.StringIO()):
                Pelican(settings).run()
            pages = finish(folder, state.fingerprints, state.pelican_files,
                           settings.get("THEME_STATIC_DIR") or "theme")
            publish(folder, target)
        except Exception as exc:  # noqa: BLE001 - reported as a finding-like message, never a traceback
            shutil.rmtree(folder, ignore_errors=True)
            disk = disk_finding(exc, target)  # a full disk: the page written at the time is not to blame
            findings = [disk] if disk else getattr(exc, "findings", validation.findings)
            return BuildResult(ok=False, findings=findings, error=disk.message if disk else _describe(exc),
                               seconds=time.perf_counter() - started)
    return BuildResult(ok=True, findings=validation.findings, seconds=time.perf_counter() - started,
                       pages=pages, output=target, written=state.written, unchanged=state.unchanged,
                       offline=state.offline)


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def _quiet_pelican() -> None:
    for name in ("pelican", "frictionless", "MARKDOWN"):
        logging.getLogger(name).setLevel(logging.WARNING)
