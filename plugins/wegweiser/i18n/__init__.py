"""The guide's languages: which there are, the interface's translations (gettext catalogs) and
formatting per locale (Babel)."""
