"""The validated, linked whole: entries, freshness, display helpers, the facet registry."""
