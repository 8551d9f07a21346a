"""Pages of the indicator appendix: /bildungsmonitoring/ and one page per indicator."""

from __future__ import annotations

from wegweiser.catalog.catalog import Catalog
from wegweiser.i18n.texts import UIText, VocabularyLabel
from wegweiser.indicators.package import URL
from wegweiser.indicators.view import charts, tables
from wegweiser.pelican_plugin.pages import SitePage

#: where a derived indicator without a Bildungsbereich sends people to look at the offers
_OFFER_LINKS = {
    "angebote-nach-zielgruppe": ("zielgruppen/", UIText("Angebote nach Zielgruppe")),
    "angebote-je-1000-einwohner": ("orte/", UIText("Angebote nach Ort")),
}


def indicator_pages(catalog: Catalog):
    monitoring = catalog.monitoring
    if monitoring is None:
        return
    home = {"title": UIText("Startseite"), "url": ""}
    sections = [
        {"area": row, "indicators": monitoring.for_area(row["id"]),
         "offers": len(catalog.offers_by("area", row["id"]))}
        for row in catalog.vocabularies["areas"].rows
    ]
    general = [i for i in monitoring.all if not i.area]
    yield SitePage(URL, "monitoring", UIText("Bildungsmonitoring"), breadcrumbs=[home],
                   description=UIText("Zahlen zur Bildung im Landkreis nach Bildungsbereichen – mit Diagrammen, "
                                      "Tabellen, Quellen und Daten zum Herunterladen."),
                   variables={"monitoring": monitoring, "sections": sections, "general": general})
    crumb = {"title": UIText("Bildungsmonitoring"), "url": URL}
    for indicator in monitoring.all:
        if indicator.area:
            offers_link = (f"bereiche/{indicator.area}/",
                           UIText("Angebote im Bereich %(area)s",
                                  area=VocabularyLabel(catalog.vocabularies["areas"].by_id.get(indicator.area, {"label": indicator.area}))),
                           len(catalog.offers_by("area", indicator.area)))
        else:
            url, text = _OFFER_LINKS.get(indicator.id, ("angebote/", UIText("Alle Angebote")))
            offers_link = (url, text, len(catalog.offers))
        yield SitePage(indicator.page_url, "indicator", indicator.title, description=indicator.description,
                       breadcrumbs=[home, crumb],
                       variables={"indicator": indicator, "monitoring": monitoring, "charts": charts(indicator),
                                  "tables": tables(indicator),
                                  "offers_link": {"url": offers_link[0], "text": offers_link[1],
                                                  "count": offers_link[2]}})
