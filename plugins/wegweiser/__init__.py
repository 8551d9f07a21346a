"""Bildungswegweiser: a county's education guide built with Pelican."""

__version__ = "0.1.0"
