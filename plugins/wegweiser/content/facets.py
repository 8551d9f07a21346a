"""The facet registry: which offer fields are search filters, read from the offer schema.

Every field of the offer schema that a ``foreignKeys`` entry ties to a vocabulary is a filter of
the search page, in the order of the ``foreignKeys``: field -> vocabulary -> the values' German
labels (the vocabulary's ``label`` column). A field may say more in its ``filter`` property::

    "filter": {"parameter": "thema", "legend": "Thema",
               "pages": {"folder": "themen", "title": "Themen", "link": "Nach Thema"}}

- ``parameter``: the filter's name in the search page's address (``/suche/?thema=…``); default:
  the field's name;
- ``legend``: the filter group's heading on the search page; default: the field's ``title``;
- ``pages``: the field's values also get browse pages (``/themen/<id>/`` listing the offers with
  that value, and ``/themen/`` listing the values), titled ``title`` and linked as ``link`` from
  „Angebote finden“; without it there are none;
- ``match``: ``"any"`` (default): an offer passes with any of the chosen values (a topic or another);
  ``"all"``: only with every chosen value (accessibility: a wheelchair-accessible venue *and* a
  barrier-free toilet); say so in the legend;
- ``"filter": false``: the field is no filter (``title_lang``: a title's language).

The search index, the list pages, the search page and its script all read this registry, so a
new vocabulary field in the schema is a new filter without any code. Its texts are German message ids
(:class:`UIText`): ``make messages`` extracts the shipped schemas' texts into the catalogs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wegweiser.i18n.languages import is_language_folder
from wegweiser.i18n.texts import UIText

if TYPE_CHECKING:
    from wegweiser.content.schema import TableSchema, Vocabulary

#: URL parameters of the search page that are not vocabulary filters (theme/templates/search.html)
RESERVED_PARAMETERS = frozenset({"q", "kostenlos", "alter", "beginn", "nahe", "plz", "umkreis", "sortierung"})
#: top-level folders of the site that browse pages must not take (pelican_plugin/pages.py and the
#: outputs); a test compares this with the folders of a built site
RESERVED_FOLDERS = frozenset({
    "angebote", "anbieter", "a-z", "suche", "daten", "lebenslagen", "bildungsmonitoring", "mitmachen",
    "theme", "bilder", "bestandsaufnahme", "impressum", "datenschutz", "barrierefreiheit", "leichte-sprache",
    "offline", "broschuere",
})
_NAME = re.compile(r"[a-z][a-z0-9_-]*")
_FOLDER = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass(frozen=True)
class BrowsePages:
    """The browse pages of a filter's values: ``/<folder>/`` and ``/<folder>/<id>/``."""

    folder: str
    #: title of ``/<folder>/`` („Themen“)
    title: str
    #: text of the link to ``/<folder>/`` on „Angebote finden“ („Nach Thema“)
    link: str


@dataclass(frozen=True)
class Facet:
    """One search filter: an offer field whose values come from a vocabulary."""

    field: str
    vocabulary: str
    parameter: str
    legend: str
    #: the field holds a list of values (else one value)
    is_list: bool
    pages: BrowsePages | None = None
    #: an offer passes only with every chosen value (``"match": "all"``), else with any of them
    match_all: bool = False


def facet_registry(offer: TableSchema, vocabularies: dict[str, Vocabulary]) -> tuple[Facet, ...]:
    """The search filters of the offer schema, in the order of its ``foreignKeys``.

    Raises ValueError with a German message naming the field when a ``filter`` property is wrong.
    """
    found: list[Facet] = []
    for fk in offer.foreign_keys:
        names = fk.get("fields") if isinstance(fk, dict) else None
        names = [names] if isinstance(names, str) else names if isinstance(names, list) else []
        reference = fk.get("reference") if isinstance(fk, dict) else None
        resource = reference.get("resource") if isinstance(reference, dict) else None
        if (len(names) != 1 or not isinstance(resource, str) or resource not in vocabularies
                or not isinstance(names[0], str) or names[0] not in offer.by_name):
            continue  # a provider, or not one field: no filter (a broken foreignKeys entry is validation's)
        field = offer.by_name[names[0]]
        spec = field.descriptor.get("filter", {})
        if spec is False:
            continue
        found.append(_facet(field, resource, spec))
    _check_unique(found)
    return tuple(found)


def _facet(field, vocabulary: str, spec) -> Facet:
    where = f"Feld „{field.name}“, Angabe „filter“"
    if not isinstance(spec, dict) or set(spec) - {"parameter", "legend", "pages", "match"}:
        raise ValueError(f"{where}: erwartet wird false oder ein Objekt mit „parameter“, „legend“, „pages“ "
                         f"und „match“, nicht {_shown(spec)}.")
    parameter = spec.get("parameter", field.name)
    if not isinstance(parameter, str) or not _NAME.fullmatch(parameter) or parameter in RESERVED_PARAMETERS:
        raise ValueError(f"{where}: „parameter“ {_shown(parameter)} ist kein möglicher Name in der Adresse der "
                         "Suche. Verwenden Sie Kleinbuchstaben, Ziffern, „-“ und „_“, beginnend mit einem "
                         f"Buchstaben, und keinen dieser Namen: {', '.join(sorted(RESERVED_PARAMETERS))}.")
    legend = spec.get("legend", field.title)
    if not isinstance(legend, str) or not legend.strip():
        raise ValueError(f"{where}: „legend“ muss ein Text sein (die Überschrift des Filters).")
    match = spec.get("match", "any")
    if match not in ("any", "all"):
        raise ValueError(f"{where}: „match“ ist „any“ (einer der gewählten Werte genügt) oder „all“ (alle "
                         f"gewählten Werte müssen zutreffen), nicht {_shown(match)}.")
    pages = spec.get("pages")
    return Facet(field.name, vocabulary, parameter, UIText(legend), field.is_list,
                 _pages(where, pages) if pages is not None else None, match == "all")


def _pages(where: str, spec) -> BrowsePages:
    texts = ("folder", "title", "link")
    if not isinstance(spec, dict) or set(spec) != set(texts) or not all(
            isinstance(spec[key], str) and spec[key].strip() for key in texts):
        raise ValueError(f"{where}: „pages“ braucht die Texte „folder“ (Ordner der Seiten), „title“ "
                         "(Überschrift) und „link“ (Text des Links), nicht " + _shown(spec) + ".")
    if not _FOLDER.fullmatch(spec["folder"]) or spec["folder"] in RESERVED_FOLDERS or is_language_folder(spec["folder"]):
        raise ValueError(f"{where}: Der Ordner {_shown(spec['folder'])} ist nicht möglich. Verwenden Sie "
                         "Kleinbuchstaben, Ziffern und Bindestriche, keinen Namen aus zwei Buchstaben (sie sind den "
                         f"Sprachen vorbehalten) und keinen dieser Ordner der Website: {', '.join(sorted(RESERVED_FOLDERS))}.")
    title, link = spec["title"], spec["link"]  # German message ids from the schema (i18n/schema_messages.py)
    return BrowsePages(spec["folder"], UIText(title), UIText(link))


def _check_unique(facets: list[Facet]) -> None:
    for attribute, what in (("parameter", "„parameter“"), ("folder", "Ordner in „pages“")):
        seen: dict[str, str] = {}
        for facet in facets:
            value = facet.parameter if attribute == "parameter" else (facet.pages.folder if facet.pages else None)
            if value is None:
                continue
            if value in seen:
                raise ValueError(f"Felder „{seen[value]}“ und „{facet.field}“: Beide haben in „filter“ den "
                                 f"{what} „{value}“. Geben Sie einem der beiden einen anderen.")
            seen[value] = facet.field


def _shown(value) -> str:
    return json.dumps(value, ensure_ascii=False)
