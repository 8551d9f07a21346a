"""Signal handlers: add the guide generator to Pelican."""

from __future__ import annotations

from pelican import signals

from ..core.display import FILTERS, GLOBALS
from ..core.security import meta_policy
from .generators import GuideGenerator


def add_template_helpers(pelican):
    """Make the German display helpers available in every template."""
    pelican.settings.setdefault("JINJA_FILTERS", {}).update(FILTERS)
    pelican.settings.setdefault("JINJA_GLOBALS", {}).update(GLOBALS)
    pelican.settings["JINJA_GLOBALS"]["content_security_policy"] = meta_policy()


def get_generators(pelican):
    return GuideGenerator


def register():
    signals.initialized.connect(add_template_helpers)
    signals.get_generators.connect(get_generators)
