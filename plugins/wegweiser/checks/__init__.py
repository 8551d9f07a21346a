"""Validation: rows against the Table Schemas, keys and references, one function per rule, German findings."""
