"""Domain core: plain Python that never imports Pelican.

Schemas, loading, validation and the linked catalog live here so that the CLI,
the Pelican plugin and the tests all call the same code.
"""
