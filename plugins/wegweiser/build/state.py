"""What a build hands the guide generator, and what the generator hands back.

wegweiser.build (run.py) runs Pelican, and Pelican passes nothing to a generator but its settings
(and a context copied from them), so one object travels in one setting, ``_WEGWEISER_BUILD``
(the leading underscore keeps it out of the fingerprints: see pelican_plugin/incremental.py).
When Pelican runs alone there is none: the generator then validates itself and reuses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

KEY = "_WEGWEISER_BUILD"


@dataclass
class BuildState:
    #: the validation done before the build (wegweiser.checks.validate.Validation), reused by the generator
    validation: object = None
    #: the published site, whose unchanged files are linked into the new one, and its build information
    published: Path | None = None
    published_info: dict | None = None
    #: what the folder being built holds already ({path: fingerprint}; see site_folders.py)
    holds: dict = field(default_factory=dict)
    #: ``progress(done, total)`` as pages are made
    progress: Callable[[int, int], None] | None = None
    #: absolute paths of the files Pelican wrote itself (noted by pelican_plugin/plugin.py)
    pelican_files: set[str] = field(default_factory=set)
    #: set by the generator: its fingerprints (for .buildinfo.json), files it wrote and kept
    fingerprints: dict = field(default_factory=dict)
    written: int = 0
    unchanged: int = 0
    #: what the service worker keeps offline, in one German line (wegweiser/outputs/offline.py)
    offline: str = ""


def build_state(settings: dict) -> BuildState:
    """The state wegweiser.build put in ``settings`` (or a Pelican context), else a fresh one."""
    return settings.get(KEY) or BuildState()
