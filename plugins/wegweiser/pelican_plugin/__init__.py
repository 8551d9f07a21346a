"""Pelican glue for Bildungswegweiser: thin signal handlers calling the core."""

from .plugin import register

__all__ = ["register"]
