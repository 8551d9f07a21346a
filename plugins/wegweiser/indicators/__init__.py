"""The indicator appendix: data package, checks, derived indicators, charts."""
