"""Import of existing lists (CSV/XLSX) as entry files."""
