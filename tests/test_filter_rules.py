"""Filters that tell the truth: each filter of the search page, in real Chromium, against its rule
applied to the published open data (``/daten/angebote.csv`` and the vocabularies beside it).

- age: an offer without an age range fits an age only when one of its target groups' ranges holds it;
- accessibility: the chosen features must all be there (the legend says so);
- radius: compares the distance the card shows (whole kilometres), so „ca. 10 km“ is within „bis 10 km“;
- postcode: the hint and the results follow every edit, with a message for what is no postcode of the county.
"""

from __future__ import annotations

import csv
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from wegweiser.catalog.geo import distance_km


@pytest.fixture(scope="module")
def open_data(example_site) -> dict:
    """The published offers and vocabularies, as anyone downloads them from /daten/."""
    folder = example_site / "daten"

    def rows(path):
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    offers = rows(folder / "angebote.csv")
    for offer in offers:
        for name in ("target_groups", "accessibility"):
            offer[name] = [v for v in offer[name].split(",") if v]
    return {"offers": offers,
            **{path.stem: {row["id"]: row for row in rows(path)} for path in (folder / "vokabulare").glob("*.csv")}}


@pytest.fixture
def page(checked_page):
    return checked_page


def _count(page) -> int:
    match = re.match(r"(\d+) Angebot", page.text_content("[data-status]"))
    return int(match.group(1)) if match else 0


def _all_results(page, selector="[data-results]") -> list[str]:
    """The offer ids of every result of the search on screen, showing more until all are there."""
    page.wait_for_function("document.querySelector('[data-status]').textContent.length > 0")
    total = _count(page)
    while True:
        page.wait_for_function(f"n => document.querySelectorAll('{selector} > li').length >= Math.min(n, 20)", arg=total)
        shown = page.locator(f"{selector} a.ww-card__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        if len(shown) >= total or not page.locator("[data-more]").is_visible():
            return [href.rstrip("/").split("/")[-1] for href in shown]
        page.click("[data-more]")
        page.wait_for_function(f"n => document.querySelectorAll('{selector} > li').length > n", arg=len(shown))


def _search(page, server, query: str) -> list[str]:
    page.goto(f"{server}/suche/?{query}")
    return _all_results(page)


# --- age ---------------------------------------------------------------------------------------

def _number(text: str):
    return int(text) if text else None


def _fits(low, high, age) -> bool:
    return (low is None or low <= age) and (high is None or age <= high)


def _fits_age(offer: dict, age: int, groups: dict) -> bool:
    low, high = _number(offer["age_min"]), _number(offer["age_max"])
    if low is not None or high is not None:
        return _fits(low, high, age)
    return any(_fits(_number(groups[g]["age_min"]), _number(groups[g]["age_max"]), age)
               for g in offer["target_groups"] if groups[g]["age_min"] or groups[g]["age_max"])


@pytest.mark.parametrize("query, age", [("alter=4&kostenlos=1", 4), ("alter=15", 15), ("alter=70", 70)])
def test_an_offer_without_an_age_range_fits_an_age_only_through_its_target_groups(
        page, example_server, open_data, query, age):
    groups = open_data["target_groups"]
    expected = {o["id"] for o in open_data["offers"]
                if _fits_age(o, age, groups) and ("kostenlos" not in query or o["cost_eur"] in ("0", "0.0"))}
    # the rule matters here: of the offers without a range of their own, some do not fit the age (and
    # for a teenager and a senior, some do)
    ageless = [o for o in open_data["offers"] if not o["age_min"] and not o["age_max"]]
    assert {_fits_age(o, age, groups) for o in ageless} == ({False} if age < 6 else {True, False})
    found = _search(page, example_server, query)
    assert _count(page) == len(expected)
    assert set(found) == expected


def test_the_issue_s_example_lists_no_offer_for_professionals_seniors_or_students(page, example_server, open_data):
    """/suche/?alter=4&kostenlos=1 listed a Fachtag for professionals, a seniors' gym class and a
    university information day; none of their target groups is for a four-year-old."""
    found = _search(page, example_server, "alter=4&kostenlos=1")
    by_id = {o["id"]: o for o in open_data["offers"]}
    for offer_id in found:
        groups = set(by_id[offer_id]["target_groups"])
        assert not groups <= {"fachkraefte-bildung", "senioren", "junge-erwachsene", "erwachsene"}, offer_id


# --- accessibility -----------------------------------------------------------------------------

def test_accessibility_features_combine_with_and(page, example_server, open_data):
    wanted = ["rollstuhlgerecht", "barrierefreies-wc"]
    one = _search(page, example_server, "barrierefrei=rollstuhlgerecht")
    both = _search(page, example_server, "barrierefrei=rollstuhlgerecht&barrierefrei=barrierefreies-wc")
    expected = {o["id"] for o in open_data["offers"] if set(wanted) <= set(o["accessibility"])}
    assert set(both) == expected and _count(page) == len(expected)
    assert len(both) <= len(one)  # a second feature narrows, never widens
    assert expected < {o["id"] for o in open_data["offers"] if set(wanted) & set(o["accessibility"])}
    # each unticked feature counts the offers that also have it; the legend says that all must hold
    for feature in open_data["accessibility"]:
        if feature in wanted:
            continue
        n = sum(1 for o in open_data["offers"] if set(wanted) | {feature} <= set(o["accessibility"]))
        assert page.text_content(f"label[for=f-barrierefrei-{feature}] [data-count]") == f"({n})"
    legend = page.text_content('[data-facet="barrierefrei"] legend')
    assert "alle" in legend


# --- radius ------------------------------------------------------------------------------------

def _distances(open_data, lat: float, lon: float) -> dict[str, float]:
    """Distance of each on-site offer from a point: its coordinates, else its municipality's centre."""
    centres = open_data["municipalities"]
    out = {}
    for offer in open_data["offers"]:
        if offer["lat"] and offer["lon"]:
            out[offer["id"]] = distance_km(lat, lon, float(offer["lat"]), float(offer["lon"]))
        elif offer["municipality"]:
            centre = centres[offer["municipality"]]
            out[offer["id"]] = distance_km(lat, lon, float(centre["lat"]), float(centre["lon"]))
    return out


def _shown_km(km: float) -> int:
    """The whole kilometres of „ca. N km“ on a card (half up, as the browser rounds); 0 for „unter 1 km“."""
    return 0 if km < 1 else int(km + 0.5)


def _places_where_rounding_matters(open_data) -> list[tuple[str, int, set[str]]]:
    """(municipality, radius, offers within it) where an offer is further than the radius but shown as
    within it: the cases the rule is for."""
    cases = []
    for place, row in open_data["municipalities"].items():
        km = _distances(open_data, float(row["lat"]), float(row["lon"]))
        for radius in (5, 10, 25, 50):
            within = {i for i, d in km.items() if _shown_km(d) <= radius}
            if within != {i for i, d in km.items() if d <= radius}:
                cases.append((place, radius, within))
    return cases


def test_the_radius_compares_the_distance_the_card_shows(page, example_server, open_data):
    cases = _places_where_rounding_matters(open_data)
    assert cases, "the example data has no offer just beyond a radius"
    for place, radius, within in cases[:3]:
        found = _search(page, example_server, f"nahe={place}&umkreis={radius}")
        assert set(found) == within, (place, radius)
        shown = page.locator("[data-results] .ww-card__distance").all_text_contents()
        for text in shown:
            number = re.search(r"(\d+) km", text)
            assert text.startswith("unter 1 km") or int(number.group(1)) <= radius, text


# --- postcode ----------------------------------------------------------------------------------

def _after(page, action) -> None:
    """Do ``action`` and wait until the search has shown its results again."""
    page.evaluate("() => { window.wwDone = false; document.getElementById('suche').addEventListener("
                  "'ww:results', () => { window.wwDone = true; }, {once: true}); }")
    action()
    page.wait_for_function("window.wwDone")


def test_the_postcode_hint_and_the_results_follow_every_edit(page, example_server, open_data):
    places = open_data["municipalities"]
    codes = {code: row["label"] for row in places.values() for code in row["postcodes"].split()}
    postcode = "29336" if "29336" in codes else sorted(codes)[0]  # the issue's example
    place = codes[postcode]
    page.goto(example_server + "/suche/")
    page.click("[data-filter-open]")
    _after(page, lambda: page.fill("#f-plz", postcode))
    assert page.text_content("[data-plz-message]") == f"Postleitzahl {postcode}: {place}."
    assert f"nach Entfernung von {place} ({postcode}) sortiert" in page.text_content("[data-status]")
    _after(page, lambda: page.press("#f-plz", "Backspace"))  # 29336 -> 2933
    assert place not in page.text_content("[data-plz-message]")
    assert "keine Postleitzahl" in page.text_content("[data-plz-message]")
    assert "Entfernung" not in page.text_content("[data-status]")
    assert parse_qs(urlsplit(page.url).query) == {"plz": [postcode[:4]]}
    _after(page, lambda: page.fill("#f-plz", "abcde"))
    assert "„abcde“ ist keine Postleitzahl" in page.text_content("[data-plz-message]")
    outside = next(str(n) for n in range(10000, 100000) if str(n) not in codes)
    _after(page, lambda: page.fill("#f-plz", outside))
    assert page.text_content("[data-plz-message]").startswith(f"Die Postleitzahl {outside} gehört zu keinem Ort")
    _after(page, lambda: page.fill("#f-plz", postcode))
    assert page.text_content("[data-plz-message]") == f"Postleitzahl {postcode}: {place}."
