"""Which pages the guide has: one description per output file.

Plain data, so that tests and generators agree on the site map.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from wegweiser.catalog.catalog import Catalog
from wegweiser.i18n.languages import Language
from wegweiser.i18n.texts import UIText, VocabularyLabel
from wegweiser.content.facets import BrowsePages
from wegweiser.outputs.ical import is_dated
from wegweiser.outputs.offline import OFFLINE_URL
from wegweiser.search.guidance import help_links
from wegweiser.search.search_index import SearchFiles, catalog_search_files

#: the life situations' pages: their offers are matched by rules (target groups and topics of the
#: vocabulary's rows), not by a field; the other browse pages are the filters' (content/facets.py)
LIFE_SITUATION_PAGES = BrowsePages("lebenslagen", "Lebenslagen", "Nach Lebenslage")


def browse_pages(catalog: Catalog) -> list[tuple[str, str | None, BrowsePages]]:
    """(vocabulary, offer field — None for the life situations —, pages) of every set of browse pages."""
    return [("life_situations", None, LIFE_SITUATION_PAGES),
            *((facet.vocabulary, facet.field, facet.pages) for facet in catalog.facets if facet.pages)]


@dataclass
class SitePage:
    #: below the root of its language: "angebote/"
    url: str
    template: str
    title: str
    description: str = ""
    breadcrumbs: list = field(default_factory=list)
    variables: dict = field(default_factory=dict)
    #: the language it is written in (wegweiser.i18n.languages); None: the source language
    language: Language | None = None

    @property
    def save_as(self) -> str:
        prefix = self.language.prefix if self.language else ""
        if self.url.endswith(".html"):
            return f"{prefix}{self.url}"
        return f"{prefix}{self.url}index.html"


def in_languages(pages: Iterable[SitePage], languages: list[Language]) -> Iterator[SitePage]:
    """Each page in each language, the source language's first (at the site's root)."""
    pages = list(pages)
    for language in languages:
        for page in pages:
            yield replace(page, language=language)


def _crumb(title, url):
    return {"title": title, "url": url}


#: offers per list page: a longer list continues on …/seite/2/ and so on, so that a phone never
#: loads thousands of offers at once (a city's area "Frühkindliche Bildung" has ~3,000 Kitas)
LIST_PAGE_SIZE = 50
#: titles per page of the A–Z list and of the providers' list (one line each, smaller than a card)
A_Z_PAGE_SIZE = 200
PROVIDERS_PAGE_SIZE = 200


def page_url(url: str, number: int) -> str:
    """The address of page ``number`` of the list at ``url``."""
    return url if number == 1 else f"{url}seite/{number}/"


def list_pages(url: str, items: list, size: int | None = None) -> list[tuple[str, list]]:
    """(address, items) of each page of a list, ``size`` (LIST_PAGE_SIZE) to a page: the first page
    at ``url``, then ``url``seite/2/, …"""
    size = size or LIST_PAGE_SIZE
    chunks = [items[start:start + size] for start in range(0, len(items), size)] or [[]]
    return [(page_url(url, number), chunk) for number, chunk in enumerate(chunks, 1)]


def _paged(url: str, template: str, title: str, description: str, breadcrumbs: list, items: list,
           size: int, name: str, variables: dict):
    """The page(s) of a list, ``size`` items to a page, each as ``name`` next to ``variables``,
    ``total`` and ``pagination`` (None for a single page: else this page's number, every page's
    address and „Seite n von m (Nr. a bis b)“). Later pages are titled „… – Seite n von m“ and
    lead back to the first in their breadcrumbs."""
    pages = list_pages(url, items, size)
    urls = [address for address, _ in pages]
    for number, (address, chunk) in enumerate(pages, 1):
        of = UIText("Seite %(number)s von %(count)s", number=number, count=len(pages))
        first = (number - 1) * size + 1
        yield SitePage(address, template, UIText("%(title)s – %(page)s", title=title, page=of) if number > 1 else title,
                       description=UIText("%(text)s %(page)s.", text=description, page=of) if number > 1 else description,
                       breadcrumbs=breadcrumbs + [_crumb(title, url)] if number > 1 else breadcrumbs,
                       variables={**variables, name: chunk, "total": len(items),
                                  "pagination": {"number": number, "urls": urls,
                                                 "position": UIText("%(page)s (Nr. %(first)s bis %(last)s)", page=of, first=first,
                                                                     last=first + len(chunk) - 1)}
                                  if len(pages) > 1 else None})


def _a_z_pages(offers: list, home: dict):
    """The A–Z list; every page links each letter where it begins."""
    letters: dict[str, str] = {}
    for position, offer in enumerate(offers):
        anchor = "ziffern" if offer.letter == "#" else offer.letter
        letters.setdefault(offer.letter, f"{page_url('a-z/', position // A_Z_PAGE_SIZE + 1)}#buchstabe-{anchor}")
    yield from _paged("a-z/", "a-z", UIText("Alle Angebote von A bis Z"),
                      UIText("Alle %(count)s Bildungsangebote alphabetisch.", count=len(offers)),
                      [home], offers, A_Z_PAGE_SIZE, "offers", {"letters": sorted(letters.items())})


def _term_pages(term: dict, vocabulary: str, breadcrumbs: list):
    """The page(s) of one term: its offers, LIST_PAGE_SIZE to a page."""
    row, offers = term["row"], term["offers"]
    yield from _paged(term["url"], "term", VocabularyLabel(row),
                      row.get("description") or UIText("Bildungsangebote: %(label)s.", label=VocabularyLabel(row)),
                      breadcrumbs, offers, LIST_PAGE_SIZE, "offers",
                      {"term": row, "vocabulary": vocabulary, "dated": any(is_dated(offer) for offer in offers)})


def _matching(catalog: Catalog, field_name: str | None, row: dict):
    if field_name is None:
        return catalog.offers_for_life_situation(row)
    return catalog.offers_by(field_name, row["id"])


def site_pages(catalog: Catalog):
    """Every page of the guide; the search page (which names the search data) comes last."""
    yield from content_pages(catalog)
    yield search_page(catalog_search_files(catalog).manifest_name, catalog)


def search_page(manifest: str, catalog: Catalog) -> SitePage:
    """The search page: it names the manifest of the search data (built with the catalog's files)
    and holds the topic and area links shown when a query finds nothing."""
    return SitePage("suche/", "search", UIText("Angebote suchen"), breadcrumbs=[_crumb(UIText("Startseite"), "")],
                    description=UIText("Bildungsangebote suchen und nach Bereich, Thema, Ort, Zielgruppe, Alter und "
                                       "Kosten filtern."),
                    variables={"search_manifest": manifest, "search_help": help_links(catalog)})


def search_pages(search: SearchFiles, catalog: Catalog, languages: list[Language]) -> list[SitePage]:
    """The search page in each language, each naming its language's search data (``search.manifests``,
    search/language_index.py; the source language's is ``search.manifest_name``)."""
    german = search_page(search.manifest_name, catalog)
    pages = []
    for language in languages:
        manifest = None if language.is_source else search.manifests.get(language.code)
        variables = {**german.variables, "search_manifest": manifest, "search_language": language.code} if manifest \
            else german.variables
        pages.append(replace(german, language=language, variables=variables))
    return pages


def content_pages(catalog: Catalog):
    """Every page of the guide but the search page."""
    home = _crumb(UIText("Startseite"), "")
    yield SitePage("", "home", "Bildungswegweiser", variables={})
    yield SitePage("404.html", "404", UIText("Seite nicht gefunden"))
    yield SitePage(OFFLINE_URL, "offline", UIText("Sie sind offline"))  # shown by the service worker (outputs/offline.py)
    yield SitePage("angebote/", "overview", UIText("Angebote finden"), breadcrumbs=[home],
                   description=UIText("%(count)s Bildungsangebote: alphabetisch oder nach Bereich, Thema, Ort und "
                                      "Zielgruppe.", count=len(catalog.offers)),
                   variables={"links": [
                       _crumb(UIText("Alle Angebote von A bis Z"), "a-z/"),
                       *(_crumb(pages.link, f"{pages.folder}/") for _, _, pages in browse_pages(catalog)),
                       _crumb(UIText("Nach Anbieter"), "anbieter/"),
                   ]})
    offers_crumb = _crumb(UIText("Angebote"), "angebote/")
    yield from _a_z_pages(catalog.offers, home)
    for offer in catalog.offers:
        yield SitePage(offer.page_url, "offer", offer.title, description=offer.summary,
                       breadcrumbs=[home, offers_crumb], variables={"offer": offer})
    providers_crumb = _crumb(UIText("Anbieter"), "anbieter/")
    yield from _paged("anbieter/", "providers", UIText("Anbieter"),
                      UIText("Alle %(count)s Bildungsanbieter im Überblick.", count=len(catalog.providers)), [home],
                      catalog.providers,
                      PROVIDERS_PAGE_SIZE, "providers", {})
    for provider in catalog.providers:  # its offers LIST_PAGE_SIZE to a page, like every list
        yield from _paged(provider.page_url, "provider", provider.name, provider.summary, [home, providers_crumb],
                          provider.offers, LIST_PAGE_SIZE, "offers", {"provider": provider})
    for vocabulary, field_name, pages in browse_pages(catalog):
        terms = [
            {"row": row, "url": f"{pages.folder}/{row['id']}/", "offers": _matching(catalog, field_name, row)}
            for row in catalog.vocabularies[vocabulary].rows
        ]
        index_crumb = _crumb(pages.title, f"{pages.folder}/")
        yield SitePage(f"{pages.folder}/", "terms", pages.title, description=UIText("Bildungsangebote nach %(title)s.", title=pages.title),
                       breadcrumbs=[home], variables={"terms": terms, "vocabulary": vocabulary})
        for term in terms:
            yield from _term_pages(term, vocabulary, [home, index_crumb])
    from wegweiser.pelican_plugin.open_data import data_page_variables

    yield SitePage("daten/", "data", UIText("Offene Daten"), breadcrumbs=[home],
                   description=UIText("Alle Bildungsangebote und Anbieter als offene Daten (CSV, Frictionless "
                                      "Data Package), dazu Kalender und Newsfeed."),
                   variables=data_page_variables(catalog))
    from wegweiser.pelican_plugin.indicator_pages import indicator_pages  # imported here: that module uses SitePage

    yield from indicator_pages(catalog)
    from wegweiser.pelican_plugin.submission import submission_pages  # imported here: that module uses SitePage

    yield from submission_pages(catalog)
