"""What the search page offers when a query finds nothing: the topic and area pages closest to its
words. Each link carries the index terms of its label and description with their synonyms (no
compound parts: the browser also compares the beginnings of words) and the browser shows the links
sharing a term with the query."""

from __future__ import annotations

from wegweiser.i18n.texts import VocabularyLabel
from wegweiser.search import documents
from wegweiser.search.search_index import synonyms


def help_links(catalog) -> list[dict]:
    """{url, label, terms} of every topic and area page, topics first."""
    links = []
    for vocabulary, folder in (("topics", "themen"), ("areas", "bereiche")):
        for row in catalog.vocabularies[vocabulary].rows:
            text = f"{row['label']} {row.get('description') or ''}"
            found = documents.text_terms(text, None, synonyms(catalog), (set(), set()))
            links.append({"url": f"{folder}/{row['id']}/", "label": VocabularyLabel(row),
                          "terms": " ".join(dict.fromkeys(found))})
    return links
