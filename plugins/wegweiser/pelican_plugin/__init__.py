"""Pelican glue for Bildungswegweiser: thin signal handlers calling the core."""

from wegweiser.pelican_plugin.plugin import register

__all__ = ["register"]
