"""schema.org JSON-LD: on every offer, provider and list page; parses; has the required properties."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wegweiser.outputs import jsonld

_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)



def _data(path) -> dict:
    scripts = _SCRIPT.findall(path.read_text(encoding="utf-8"))
    assert len(scripts) == 1, path
    return json.loads(scripts[0])


def test_every_offer_page_has_course_event_or_service(example_site, catalog):
    seen = set()
    for offer in catalog.offers:
        data = _data(example_site / offer.save_as)
        assert data["@context"] == "https://schema.org"
        assert data["name"] == offer.title and data["description"] == offer.summary
        assert data["url"] == f"/{offer.page_url}"
        seen.add(data["@type"])
        if data["@type"] == "Course":
            assert data["provider"]["name"] == offer.provider_entry.name
            instance = data["hasCourseInstance"][0]
            assert instance["courseMode"] in ("Onsite", "Online", "Blended")
            assert instance["startDate"] == offer.start_date.isoformat()
            assert instance["endDate"] == offer.end_date.isoformat()
        elif data["@type"] == "EducationEvent":
            assert data["startDate"] == offer.start_date.isoformat()
            assert data["organizer"]["name"] == offer.provider_entry.name
            assert data["location"], offer.id
            assert data["eventAttendanceMode"].startswith("https://schema.org/")
        else:
            assert data["@type"] == "Service" and offer.start_date is None
            assert data["provider"]["name"] == offer.provider_entry.name
        if offer.cost_eur is not None:
            offers = data.get("offers") or data["hasCourseInstance"][0]["offers"]
            assert offers["price"] == offer.cost_eur and offers["priceCurrency"] == "EUR"
        if offer.municipality and data["@type"] != "Service":
            places = data.get("location") or data["hasCourseInstance"][0]["location"]
            address = next(p for p in places if p["@type"] == "Place")["address"]
            assert address["addressLocality"] == catalog.label("municipalities", offer.municipality)
    assert seen == {"Course", "EducationEvent", "Service"}


@pytest.mark.parametrize("code", ["en", "ar"])
def test_another_language_s_pages_describe_the_offer_in_that_language(example_site, catalog, code):
    """The page's JSON-LD says what the page says: the translated title and summary where the offer has them,
    German otherwise; its url is the page in that language, its mainEntityOfPage names the page's language;
    the thing itself keeps one @id whichever language describes it."""
    from wegweiser.i18n.content import translated

    translated_offers = 0
    for offer in catalog.offers:
        data = _data(example_site / code / offer.save_as)
        title = translated(offer, "title", code)
        assert data["name"] == title.text and data["description"] == translated(offer, "summary", code).text
        translated_offers += not title.fallback
        assert data["@id"] == f"/{offer.page_url}" and data["url"] == f"/{code}/{offer.page_url}"
        assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": f"/{code}/{offer.page_url}", "inLanguage": code}
        if data["@type"] != "Service":
            assert data.get("inLanguage", offer.languages) == offer.languages  # the language of instruction
    assert translated_offers >= 1  # the example has translated offers: the test compares something
    listing = _data(example_site / code / "themen" / "index.html")
    assert listing["inLanguage"] == code
    assert all(item["url"].startswith(f"/{code}/themen/") for item in listing["itemListElement"])
    german_names = {row["label"] for row in catalog.vocabularies["topics"].rows}
    assert not german_names & {item["name"] for item in listing["itemListElement"]}


def test_every_provider_page_has_an_organization_with_address(example_site, catalog):
    for provider in catalog.providers:
        data = _data(example_site / provider.save_as)
        assert data["@type"] in ("EducationalOrganization", "GovernmentOrganization")
        assert data["name"] == provider.name
        assert data["address"]["addressLocality"] == catalog.label("municipalities", provider.municipality)
        assert data["address"]["addressCountry"] == "DE"


@pytest.mark.parametrize("path", ["a-z/index.html", "anbieter/index.html", "bereiche/weiterbildung/index.html",
                                  "themen/index.html"])
def test_list_pages_carry_an_item_list(example_site, path):
    page = example_site / path
    data = _data(page)
    assert data["@type"] == "ItemList"
    items = data["itemListElement"]
    assert data["numberOfItems"] == len(items) > 0
    assert [i["position"] for i in items] == list(range(1, len(items) + 1))
    raw = page.read_text(encoding="utf-8")
    for item in items:
        assert f'href="{item["url"]}"' in raw


def test_absolute_urls_with_a_site_url(catalog):
    offer = catalog.offers[0]
    data = jsonld.offer(catalog, offer, "https://example.org/bildung")
    assert data["url"] == f"https://example.org/bildung/{offer.page_url}"


def test_script_cannot_be_closed_by_content():
    data = {"name": "</script><script>alert(1)</script> & <!--"}
    text = jsonld.script(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_special_characters_stay_inside_the_script(minimal_project, tmp_path):
    """Validation rejects tags in titles; what remains (<, >, &) is escaped inside the JSON."""
    from wegweiser.build.run import build

    title = "Mathe für Kinder < 10 & Eltern > 30"
    offer = minimal_project / "content" / "offers" / "deutschkurs-a1.md"
    offer.write_text(offer.read_text(encoding="utf-8").replace(
        "title: Deutschkurs A1 am Abend", f'title: "{title}"'), encoding="utf-8")
    result = build(minimal_project / "pelicanconf.py", tmp_path / "out")
    assert result.ok, result.error
    page = tmp_path / "out" / "angebote" / "deutschkurs-a1" / "index.html"
    script = _SCRIPT.search(page.read_text(encoding="utf-8")).group(1)
    assert "<" not in script and "&" not in script and "\\u003c 10 \\u0026 Eltern \\u003e 30" in script
    assert _data(page)["name"] == title


def test_open_data_page_describes_a_dataset(example_site):
    data = _data(example_site / "daten" / "index.html")
    assert data["@type"] == "Dataset"
    assert data["license"].startswith("https://creativecommons.org/licenses/by/4.0/")
    assert data["creditText"] and data["url"] == "/daten/"
    urls = {d["contentUrl"] for d in data["distribution"]}
    assert {"/daten/angebote.csv", "/daten/anbieter.csv"} <= urls
    for url in urls:
        assert (example_site / url.lstrip("/")).is_file()


def _clean_reference(data):
    """What empty means, spelt out: values in (None, "", [], {}) are dropped, also once cleaned."""
    if isinstance(data, dict):
        cleaned = {k: _clean_reference(v) for k, v in data.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [c for c in (_clean_reference(v) for v in data) if c not in (None, "", [], {})]
    return data


_LEAVES = st.one_of(st.none(), st.just(""), st.text(max_size=3), st.integers(-2, 2), st.booleans(),
                    st.floats(allow_nan=False), st.just([]), st.just({}))


@given(st.recursive(_LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(st.text(max_size=2), inner, max_size=4)),
                    max_leaves=20))
def test_empty_values_are_dropped_at_every_depth(data):
    from wegweiser.outputs.jsonld import _clean

    assert _clean(data) == _clean_reference(data)
