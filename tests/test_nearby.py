"""Offers near me: distance sorting and radius in the browser, checked against Python."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import PHONE

from wegweiser.catalog.geo import distance_km
from wegweiser.search.search_index import location

HERE = {"latitude": 52.675, "longitude": 10.17}  # just outside the centre of Eichenau




def _context(chromium, **kw):
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="de-DE", **kw)
    page = context.new_page()
    page.foreign = []

    def guard(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            page.foreign.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    return context, page


def _wait(page):
    page.wait_for_function("document.querySelector('[data-status]').textContent.length > 0")
    page.wait_for_function(
        r"() => { const m = document.querySelector('[data-status]').textContent.match(/^(\d+)/);"
        r" const n = m ? Math.min(+m[1], 20) : 0; return document.querySelectorAll('[data-results] li').length === n; }")


def _ids(page, selector="[data-results]"):
    return [h.rstrip("/").split("/")[-1] for h in page.locator(f"{selector} a.ww-card__link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")]


def _expected(catalog, lat, lon, radius=None):
    centres = {row["id"]: row for row in catalog.vocabularies["municipalities"].rows}
    on_site, online = [], []
    for number, offer in enumerate(catalog.offers):
        geo = location(offer, centres)
        if not geo:
            online.append(offer.id)
            continue
        km = distance_km(lat, lon, geo[0] / 1000, geo[1] / 1000)
        if radius is None or (0 if km < 1 else int(km + 0.5)) <= radius:  # the distance a card shows
            on_site.append((km, number, offer.id))
    return [i for _, _, i in sorted(on_site)], online


def test_device_location_sorts_and_filters_by_radius(chromium, example_server, catalog):
    context, page = _context(chromium, geolocation=HERE, permissions=["geolocation"])
    page.goto(example_server + "/suche/")
    page.click("[data-filter-open]")
    page.click("[data-locate]")
    _wait(page)
    expected, online = _expected(catalog, HERE["latitude"], HERE["longitude"])
    assert _ids(page) == expected[:20]
    assert sorted(_ids(page, "[data-online]")) == sorted(online[:20])
    assert "ca. " in page.text_content("[data-results] li") or "unter 1 km" in page.text_content("[data-results] li")
    page.select_option("#f-umkreis", "10")
    _wait(page)
    within, _ = _expected(catalog, HERE["latitude"], HERE["longitude"], 10)
    assert re.match(rf"{len(within)} Angebote gefunden im Umkreis von 10 km um Ihrem Standort", page.text_content("[data-status]"))
    assert _ids(page) == within[:20]
    assert "latitude" not in page.url and "52.67" not in page.url  # the location is never put in the URL
    assert parse_qs(urlsplit(page.url).query) == {"umkreis": ["10"]}
    assert page.foreign == []
    context.close()


@pytest.mark.parametrize("radius", ["5", "25", "50"])
def test_radius_around_a_municipality(chromium, example_server, catalog, radius):
    context, page = _context(chromium)
    page.goto(f"{example_server}/suche/?nahe=birkenfeld&umkreis={radius}")
    _wait(page)
    row = catalog.vocabularies["municipalities"].by_id["birkenfeld"]
    within, _ = _expected(catalog, row["lat"], row["lon"], int(radius))
    assert page.text_content("[data-status]").startswith(f"{len(within)} Angebot")
    assert _ids(page) == within[:20]
    assert page.foreign == []
    context.close()


def test_postcode_box_finds_the_municipality(chromium, example_server, catalog):
    context, page = _context(chromium)
    page.goto(example_server + "/suche/")
    page.click("[data-filter-open]")
    page.fill("#f-plz", "29311")
    _wait(page)
    assert page.text_content("[data-plz-message]") == "Postleitzahl 29311: Eichenau."
    assert parse_qs(urlsplit(page.url).query) == {"plz": ["29311"]}
    row = catalog.vocabularies["municipalities"].by_id["eichenau"]
    expected, _ = _expected(catalog, row["lat"], row["lon"])
    assert _ids(page) == expected[:20]
    page.fill("#f-plz", "12345")
    page.wait_for_function("document.querySelector('[data-plz-message]').textContent.includes('keinem Ort')")
    context.close()


def test_denied_location_gives_a_clear_message(chromium, example_server):
    context, page = _context(chromium, geolocation=HERE, permissions=[])
    page.goto(example_server + "/suche/")
    page.click("[data-filter-open]")
    page.click("[data-locate]")
    page.wait_for_function("document.querySelector('[data-locate-message]').textContent.includes('nicht')")
    message = page.text_content("[data-locate-message]")
    assert "Wählen Sie stattdessen einen Ort oder geben Sie eine Postleitzahl ein." in message
    assert page.foreign == []
    context.close()


def test_offer_pages_link_map_and_route_and_mark_approximate_places(example_site, catalog):
    exact = next(o for o in catalog.offers if o.lat is not None)
    html = (example_site / exact.save_as).read_text(encoding="utf-8")
    assert f"https://www.openstreetmap.org/directions?to={exact.lat}%2C{exact.lon}" in html
    assert "Ort auf OpenStreetMap ansehen" in html


def test_offers_without_coordinates_use_the_municipality_centre_marked_approximate(minimal_project, tmp_path):
    import json

    from wegweiser.build.run import build

    assert build(minimal_project / "pelicanconf.py", tmp_path / "out").ok
    html = (tmp_path / "out" / "angebote" / "kita-sonnenblume" / "index.html").read_text(encoding="utf-8")
    assert "Ortsmitte auf OpenStreetMap ansehen" in html and "genaue Lage ist nicht bekannt" in html
    assert "directions?to=52.681%2C10.193" in html  # the centre of Eichenau
    data = tmp_path / "out" / "suche" / "daten"
    manifest = json.loads(next(data.glob("manifest-*.json")).read_text())
    facets = json.loads((data / manifest["facets"]).read_text())
    store = [row for name in manifest["store"] for row in json.loads((data / name).read_text())]
    url = manifest["card"].index("url")
    geo = {row[url].split("/")[1]: facets["geo"][i] for i, row in enumerate(store)}
    assert geo["kita-sonnenblume"] == [52681, 10193, 1]
    assert geo["deutschkurs-a1"] == [52620, 10080, 0]
    assert geo["online-englisch"] == 0
