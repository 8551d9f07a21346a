"""The JSON-LD ``<script>`` of a generated page (see :mod:`wegweiser.outputs.jsonld`)."""

from __future__ import annotations

from markupsafe import Markup

from wegweiser.outputs import exports
from wegweiser.outputs import jsonld
from wegweiser.catalog.catalog import Catalog
from wegweiser.i18n.content import label
from wegweiser.i18n.languages import SOURCE
from wegweiser.i18n.texts import UIText, VocabularyLabel


def page_data(page, catalog: Catalog, site_url: str, settings: dict | None = None) -> dict | None:
    """schema.org data for a :class:`~.pages.SitePage` in its language, or None for pages without any."""
    v = page.variables
    lang = page.language.code if page.language else SOURCE
    page_root = f"{site_url}/{page.language.prefix.rstrip('/')}" if page.language and page.language.prefix else site_url
    title = page.title.translated(lang) if isinstance(page.title, (UIText, VocabularyLabel)) else page.title
    if page.template == "data":
        return jsonld.dataset(exports.descriptor(catalog, settings or {}), site_url)
    if page.template == "offer":
        return jsonld.offer(catalog, v["offer"], site_url, lang, page_root)
    if page.template == "provider":
        return jsonld.provider(catalog, v["provider"], site_url, lang, page_root)
    if "offers" in v:
        return jsonld.item_list(title, v["offers"], page_root, lang)
    if "providers" in v:
        return jsonld.item_list(title, v["providers"], page_root, lang)
    if "terms" in v:
        return jsonld.item_list(title, [(t["url"], label(t["row"], lang) or t["row"].get("label"))
                                        for t in v["terms"]], page_root, lang)
    return None


def structured_data(page, catalog: Catalog, settings: dict) -> Markup | None:
    data = page_data(page, catalog, settings.get("SITEURL") or "", settings)
    if data is None:
        return None
    return Markup('<script type="application/ld+json">') + Markup(jsonld.script(data)) + Markup("</script>")
