"""Submissions by providers: the form's model, JSON Schema, field docs, CONTRIBUTING.md."""
