"""The JSON-LD ``<script>`` of a generated page (see :mod:`wegweiser.outputs.jsonld`)."""

from __future__ import annotations

from markupsafe import Markup

from wegweiser.outputs import exports
from wegweiser.outputs import jsonld
from wegweiser.catalog.catalog import Catalog


def page_data(page, catalog: Catalog, site_url: str, settings: dict | None = None) -> dict | None:
    """schema.org data for a :class:`~.pages.SitePage`, or None for pages without any."""
    v = page.variables
    if page.template == "data":
        return jsonld.dataset(exports.descriptor(catalog, settings or {}), site_url)
    if page.template == "offer":
        return jsonld.offer(catalog, v["offer"], site_url)
    if page.template == "provider":
        return jsonld.provider(catalog, v["provider"], site_url)
    if "offers" in v:
        return jsonld.item_list(page.title, v["offers"], site_url)
    if "providers" in v:
        return jsonld.item_list(page.title, v["providers"], site_url)
    if "terms" in v:
        return jsonld.item_list(page.title, [(t["url"], t["row"]["label"]) for t in v["terms"]], site_url)
    return None


def structured_data(page, catalog: Catalog, settings: dict) -> Markup | None:
    data = page_data(page, catalog, settings.get("SITEURL") or "", settings)
    if data is None:
        return None
    return Markup('<script type="application/ld+json">') + Markup(jsonld.script(data)) + Markup("</script>")
