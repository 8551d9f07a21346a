"""The office's inventory report (Bestandsaufnahme)."""
