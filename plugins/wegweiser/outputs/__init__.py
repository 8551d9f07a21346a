"""Files made from the catalog: JSON-LD, iCalendar, Atom/sitemap, open data, images, security headers."""
