"""Content files in: the schemas and vocabularies, front matter -> records, the parse cache."""
