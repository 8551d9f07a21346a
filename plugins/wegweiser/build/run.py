"""Run a Pelican build that either fully succeeds or changes nothing.

The site is written into a temporary folder beside the output folder and
swapped in only when validation and rendering both succeeded. That folder is the site
the previous build replaced (kept as a spare, see spare.py) when there is one, so that
only the files that differ are touched.
"""

from __future__ import annotations

import contextlib
import gc
import io
import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from wegweiser.build.atomic import remove_stale, swap_in
from wegweiser.build.disk import disk_finding
from wegweiser.build.previous_site import finish, read_info, spare_of, take_spare
from wegweiser.checks.findings import Finding
from wegweiser.catalog.project import Project
from wegweiser.build.heap import keep_large_blocks_apart
from wegweiser.checks.validate import row_checker


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


def read_settings(settings_file: Path, overrides: dict | None = None) -> dict:
    from pelican.settings import read_settings as pelican_read_settings

    return pelican_read_settings(str(settings_file), override=overrides or {})


def build(settings_file: Path, output: Path | None = None, overrides: dict | None = None,
          progress=None, background_cleanup: bool = False) -> BuildResult:
    """Validate, render into a temporary folder, then swap it in.

    ``progress(done, total)`` is called while pages are rendered; ``background_cleanup``
    removes the previous output in a detached process (see atomic.swap_in).
    """
    started = time.perf_counter()
    keep_large_blocks_apart()  # a compact heap for this process and those it forks (core/heap.py)
    checker = row_checker(overrides)  # gets ready while Pelican is imported and the caches are read
    from pelican import Pelican

    try:
        settings = read_settings(settings_file, overrides)
        project = Project.from_settings(settings)
        validation = project.validate(checker=checker)
    finally:
        if checker is not None:
            checker.close()  # validation closes it; here also when the settings could not be read
    gc.freeze()  # the parsed files live until the end: later collections need not walk them again
    if not validation.ok:
        return BuildResult(ok=False, findings=validation.findings, seconds=time.perf_counter() - started)
    target = Path(output or settings["OUTPUT_PATH"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    remove_stale(target)  # staging folders of killed builds
    settings = read_settings(settings_file, {**(overrides or {}), "OUTPUT_PATH": str(staging)})
    settings["_WEGWEISER_VALIDATION"] = validation  # the generator reuses it instead of validating again
    settings["_WEGWEISER_PREVIOUS_OUTPUT"] = str(target) if target.is_dir() else None  # reused where unchanged
    # its build information, read once here (2 MB at 5,000 offers)
    settings["_WEGWEISER_PREVIOUS_INFO"] = published = read_info(target) if target.is_dir() else None
    settings["_WEGWEISER_PROGRESS"] = progress
    settings["_WEGWEISER_HANDED"] = handed = {}  # the generator's fingerprints, written once by finish()
    settings["_WEGWEISER_WRITTEN"] = written = set()  # files Pelican writes itself (its signals, plugin.py)
    try:
        # the site before the published one, if kept: only what differs is then touched (spare.py)
        settings["_WEGWEISER_STAGING_HOLDS"] = take_spare(target, staging, background_cleanup, published)
        _quiet_pelican()
        with contextlib.redirect_stdout(io.StringIO()):
            Pelican(settings).run()
        info = handed.get("info") or {"pages": {}, "files": {}}
        pages = finish(staging, target, info, written, settings.get("THEME_STATIC_DIR") or "theme", published)
        stats = _stats(info)
        swap_in(staging, target, background_cleanup, keep=spare_of(target))
    except Exception as exc:  # noqa: BLE001 - reported as a finding-like message, never a traceback
        shutil.rmtree(staging, ignore_errors=True)
        disk = disk_finding(exc, target)  # a full disk: the page written at the time is not to blame
        findings = [disk] if disk else getattr(exc, "findings", validation.findings)
        return BuildResult(ok=False, findings=findings, error=disk.message if disk else _describe(exc),
                           seconds=time.perf_counter() - started)
    return BuildResult(ok=True, findings=validation.findings, seconds=time.perf_counter() - started,
                       pages=pages, output=target, **stats)


def _stats(info: dict) -> dict:
    """Files the guide generator wrote and reused (see pelican_plugin/incremental.py)."""
    try:
        return {"written": int(info["stats"]["written"]), "unchanged": int(info["stats"]["unchanged"])}
    except (KeyError, TypeError, ValueError):
        return {}


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def _quiet_pelican() -> None:
    for name in ("pelican", "frictionless", "MARKDOWN"):
        logging.getLogger(name).setLevel(logging.WARNING)
