"""Indicator appendix: data/indicators is validated, rendered as pages with charts and tables, downloadable."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from html.parser import HTMLParser

import pytest
from conftest import FIXTURES, ROOT, TODAY, make_project
from frictionless import Package

from wegweiser.build.run import build
from wegweiser.cli import main
from wegweiser.indicators.charts import Chart, Series, nice_scale
from wegweiser.indicators.package import format_number
from wegweiser.catalog.project import Project

INDICATORS = FIXTURES / "indicators"
PACKAGE = "datapackage.json"

# case -> {(file name in data/indicators, field, code, line)} of the error findings it must produce, nothing more.
CASES = {
    # the tables
    "wrong-type-year": {("quote.csv", "year", "indicator-type-error", 3)},
    "non-numeric-value": {("quote.csv", "value", "indicator-type-error", 2)},
    "comma-decimal": {("quote.csv", None, "indicator-cell-extra", 2), ("quote.csv", "status", "indicator-constraint", 2)},
    "negative-value": {("quote.csv", "value", "indicator-constraint", 2)},
    "unknown-municipality": {("quote.csv", "municipality", "unknown-reference", 5)},
    "unknown-status": {("quote.csv", "status", "indicator-constraint", 3)},
    "unknown-group": {("anzahl.csv", "group", "indicator-constraint", 2)},
    "zero-for-missing": {("quote.csv", "value", "indicator-value-with-status", 3)},
    "value-missing": {("quote.csv", "value", "indicator-value-missing", 4)},
    "missing-status-column": {("quote.csv", "status", "indicator-header-missing", 1)},
    "duplicate-row": {("quote.csv", None, "indicator-duplicate-row", 7)},
    "blank-row": {("quote.csv", None, "indicator-blank-row", 4)},
    "semicolon-separated": {("quote.csv", None, "indicator-separator", 1)},
    "german-header": {("quote.csv", "year", "indicator-header-wrong", 1)},
    "unknown-region": {("quote.csv", "region", "indicator-region-unknown", 4)},
    "region-and-municipality": {("quote.csv", "region", "indicator-region-and-municipality", 4)},
    "formula-and-markup-in-note": {("quote.csv", "note", "spreadsheet-formula", 2), ("quote.csv", "note", "indicator-markup", 3)},
    "many-problems": {("quote.csv", "year", "indicator-type-error", 2), ("quote.csv", "value", "indicator-value-missing", 4),
                      ("quote.csv", "municipality", "unknown-reference", 5)},
    # the metadata in datapackage.json
    "json-syntax": {(PACKAGE, None, "indicator-json", 33)},
    "missing-metadata": {(PACKAGE, "unit", "indicator-metadata-missing", 6),
                         (PACKAGE, "sources", "indicator-metadata-missing", 6)},
    "metadata-wrong-type": {(PACKAGE, "unit", "indicator-metadata-type", 12)},
    "unknown-area": {(PACKAGE, "area", "unknown-reference", 11)},
    "package-license-invalid": {(PACKAGE, "licenses", "indicator-license-invalid", 4)},
    "no-license": {(PACKAGE, "licenses", "indicator-license-missing", 5), (PACKAGE, "licenses", "indicator-license-missing", 25)},
    "source-without-title": {(PACKAGE, "sources", "indicator-source-invalid", 34)},
    # hostile metadata: the page links the addresses and shows the texts
    "license-javascript": {(PACKAGE, "licenses", "indicator-license-address", 4),
                           (PACKAGE, "licenses", "indicator-license-address", 16)},
    "source-javascript": {(PACKAGE, "sources", "indicator-source-invalid", 34)},
    "markup-in-metadata": {(PACKAGE, "title", "indicator-markup", 9), (PACKAGE, "breaks", "indicator-markup", 15),
                           (PACKAGE, "unit", "indicator-markup", 32), (PACKAGE, "sources", "indicator-markup", 34)},
    "invalid-break": {(PACKAGE, "breaks", "indicator-break-invalid", 15)},
    "bad-name": {(PACKAGE, "name", "indicator-name", 7)},
    "reserved-name": {(PACKAGE, "name", "indicator-reserved-name", 7)},
    "duplicate-name": {(PACKAGE, "name", "indicator-duplicate-name", 27)},
    "path-mismatch": {(PACKAGE, "path", "indicator-path", 8)},
    "file-missing": {(PACKAGE, "path", "indicator-file-missing", 28)},
    "column-type": {(PACKAGE, "value", "indicator-column-type", 20)},
    "unknown-column": {(PACKAGE, "anteil", "indicator-column-unknown", 20)},
    "missing-column": {(PACKAGE, "status", "indicator-column-missing", 36)},
    "group-without-title": {(PACKAGE, "group", "indicator-group-title", 38)},
    "frictionless-descriptor": {(PACKAGE, "encoding", "indicator-metadata-invalid", 34)},
}


def _project(tmp_path, case: str | None = None):
    """The minimal fixture project with its own data/ folder holding the test package (plus a case)."""
    root = make_project(tmp_path / "project", FIXTURES / "minimal" / "content",
                        extra="WEGWEISER_DATA_PATH = str(HERE / 'data')")
    data = root / "data"
    shutil.copytree(ROOT / "data" / "vocabularies", data / "vocabularies")  # the municipalities
    shutil.copytree(INDICATORS / "valid", data / "indicators")
    if case:
        for path in (INDICATORS / "invalid" / case).iterdir():
            shutil.copy(path, data / "indicators" / path.name)
    return root


def _validate(root):
    settings = {"PATH": str(root / "content"), "WEGWEISER_TODAY": TODAY.isoformat(),
                "WEGWEISER_DATA_PATH": str(root / "data")}
    return Project.from_settings(settings).validate()


# -- validation -------------------------------------------------------------------------------------

def test_every_invalid_fixture_has_an_expectation():
    assert {p.name for p in (INDICATORS / "invalid").iterdir()} == set(CASES)


def test_valid_fixture_package_has_no_findings(tmp_path):
    validation = _validate(_project(tmp_path))
    assert [f.as_text() for f in validation.findings if f.file.startswith("data/")] == []


@pytest.mark.parametrize("case", list(CASES))
def test_invalid_indicator_case_produces_its_findings(tmp_path, case):
    errors = _validate(_project(tmp_path, case)).errors
    assert {(f.file.removeprefix("data/indicators/"), f.field, f.code, f.line) for f in errors} == CASES[case]
    for f in errors:
        assert f.file.startswith("data/indicators/")
        assert f.message and f.hint, f"{case}: every finding needs a German message and a hint"
        assert f.as_text().startswith(f"{f.file}:{f.line}")


def test_missing_values_must_be_explicit_not_zero(tmp_path):
    """A 0 next to status „fehlt“ is an error, and the hint says never to write 0 for a gap."""
    (finding,) = _validate(_project(tmp_path, "value-missing")).errors
    assert "nie 0" in finding.hint
    (finding,) = _validate(_project(tmp_path / "b", "zero-for-missing")).errors
    assert finding.value == "0" and "fehlt" in finding.message


def test_validate_command_reports_indicator_errors_with_file_and_line(tmp_path, capsys):
    root = _project(tmp_path, "many-problems")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = main(["validate"])
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert code == 1
    assert "data/indicators/quote.csv:2: Fehler im Feld „year“: „zwanzig“ ist kein gültiger Wert" in out
    assert "data/indicators/quote.csv:5: Fehler im Feld „municipality“" in out
    assert "meinten Sie „musterstadt“?" in out


def test_a_broken_indicator_stops_the_build(tmp_path):
    root = _project(tmp_path, "wrong-type-year")
    result = build(root / "pelicanconf.py", tmp_path / "out")
    assert not result.ok
    assert not (tmp_path / "out").exists()
    assert any(f.code == "indicator-type-error" for f in result.findings)


def test_csv_not_described_in_the_package_is_a_warning(tmp_path):
    root = _project(tmp_path)
    shutil.copy(root / "data" / "indicators" / "quote.csv", root / "data" / "indicators" / "vergessen.csv")
    validation = _validate(root)
    assert validation.ok
    assert [(f.file, f.code) for f in validation.warnings if f.file.startswith("data/")] == [
        ("data/indicators/vergessen.csv", "indicator-unlisted-file")]


def test_no_indicator_folder_means_no_findings(tmp_path):
    root = _project(tmp_path)
    shutil.rmtree(root / "data" / "indicators")
    assert [f for f in _validate(root).findings if f.file.startswith("data/")] == []


# -- the example package ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def example_catalog():
    project = Project.from_settings({"PATH": str(ROOT / "content"), "WEGWEISER_TODAY": TODAY.isoformat()})
    validation, catalog = project.load()
    assert catalog is not None, [f.as_text() for f in validation.errors]
    assert [f.as_text() for f in validation.findings if f.file.startswith("data/")] == []
    return catalog


def test_example_package_is_marked_and_covers_every_area(example_catalog):
    monitoring = example_catalog.monitoring
    assert "Beispieldaten" in monitoring.title and monitoring.example
    assert len(monitoring.indicators) >= 10
    assert {i.area for i in monitoring.indicators} == set(example_catalog.vocabularies["areas"].by_id)
    statuses = {o.status for i in monitoring.indicators for o in i.observations}
    assert {"vorhanden", "fehlt", "geheim"} <= statuses
    for indicator in monitoring.indicators:
        assert indicator.sources and indicator.licenses and indicator.unit and indicator.reference_date
        assert all(o.value is None for o in indicator.observations if o.status != "vorhanden")
    assert any(i.breaks for i in monitoring.indicators)
    assert any(i.groups for i in monitoring.indicators)
    assert any(i.by_place for i in monitoring.indicators)
    assert min(y for i in monitoring.indicators for y in i.years) <= 2015
    assert max(y for i in monitoring.indicators for y in i.years) >= 2025


def test_example_package_is_valid_for_frictionless():
    report = Package(str(ROOT / "data" / "indicators" / PACKAGE)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_offers_per_inhabitants_are_counted_from_the_offers(example_catalog):
    monitoring = example_catalog.monitoring
    places = example_catalog.vocabularies["municipalities"].by_id
    for key, offers in (("angebote-je-1000-einwohner", example_catalog.offers),
                        ("angebote-je-1000-einwohner-weiterbildung", example_catalog.offers_by("area", "weiterbildung"))):
        indicator = monitoring.get(key)
        for obs in indicator.by_place:
            count = sum(1 for o in offers if o.municipality == obs.municipality)
            assert obs.value == pytest.approx(count * 1000 / places[obs.municipality]["population"], abs=0.005)
        assert {o.municipality for o in indicator.by_place} == set(places)
    groups = monitoring.get("angebote-nach-zielgruppe")
    counts = {o.group: o.value for o in groups.observations}
    for row in example_catalog.vocabularies["target_groups"].rows:
        assert counts[row["label"]] == len(example_catalog.offers_by("target_groups", row["id"]))
    assert {i.area for i in monitoring.derived} == set(example_catalog.vocabularies["areas"].by_id) | {""}


# -- the built pages --------------------------------------------------------------------------------

class _PageParser(HTMLParser):
    """Collects SVG charts (attributes, title and desc text) and tables (header, rows) of a page."""

    def __init__(self):
        super().__init__()
        self.svgs, self.tables, self.ids, self.links = [], {}, {}, []
        self._text, self._cell, self._table, self._row, self._svg_part = None, None, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] = tag
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "svg" and attrs.get("role") == "img":
            self.svgs.append({**attrs, "title": "", "desc": ""})
        elif tag in ("title", "desc") and self.svgs:
            self._svg_part = tag
        elif tag == "table":
            self._table = attrs["id"]
            self.tables[self._table] = {"header": [], "rows": []}
        elif tag == "tr" and self._table:
            self._row = {"headers": [], "cells": []}
        elif tag in ("th", "td") and self._row is not None:
            self._cell, self._text = tag, ""

    def handle_data(self, data):
        if self._svg_part:
            self.svgs[-1][self._svg_part] += data
        if self._cell:
            self._text += data

    def handle_endtag(self, tag):
        if tag in ("title", "desc"):
            self._svg_part = None
        elif tag in ("th", "td") and self._cell:
            text = " ".join(self._text.split())
            self._row["headers" if tag == "th" else "cells"].append(text)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            table = self.tables[self._table]
            if not table["header"]:
                table["header"] = self._row["headers"]
            else:
                table["rows"].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def triples(self):
        """{(table id, row headers, column header, cell text)} of every value cell."""
        found = set()
        for table_id, table in self.tables.items():
            for row in table["rows"]:
                columns = table["header"][len(row["headers"]):]
                for column, text in zip(columns, row["cells"]):
                    found.add((table_id, tuple(row["headers"]), column, text))
        return found


def _parse(path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _german(raw: str) -> str:
    whole, _, decimals = raw.lstrip("-").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return ("−" if raw.startswith("-") else "") + grouped + (f",{decimals}" if decimals else "")


def _expected_cells(indicator, csv_text: str):
    """(table, row headers, column header, text) of every CSV row: municipalities by year; the county and
    the regions it is compared with side by side per year, or the county's groups per year and the
    regions' groups in a table of their own."""
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    county_years = {r["year"] for r in rows if not r.get("municipality") and not r.get("region")}
    for r in rows:
        text = _german(r["value"]) if r["status"] == "vorhanden" else {"fehlt": "keine Daten", "geheim": "gesperrt"}[r["status"]]
        group = r.get("group") or None
        region = r.get("region") or None
        if r.get("municipality"):
            headers = (indicator.places[r["municipality"]],) + ((group,) if group else ())
            yield ("tabelle-gemeinden", headers, r["year"], text)
        elif group and region:
            yield ("tabelle-vergleich", (indicator.region_title(region), group), r["year"], text)
        elif len(county_years) == 1 and group:
            yield ("tabelle-gruppen", (group,), r["year"], text)
        elif group:
            yield ("tabelle-zeitreihe", (r["year"],), group, text)
        else:
            yield ("tabelle-zeitreihe", (r["year"],), indicator.region_title(region), text)


def test_every_indicator_page_has_an_accessible_chart_and_every_csv_value(example_site, example_catalog):
    for indicator in example_catalog.monitoring.all:
        page = _parse(example_site / indicator.page_url / "index.html")
        assert page.svgs, f"{indicator.id}: no chart"
        for svg in page.svgs:
            title_id, desc_id = svg["aria-labelledby"].split()
            assert page.ids[title_id] == "title" and page.ids[desc_id] == "desc"
            assert indicator.title in svg["title"]
            assert len(svg["desc"]) > 60 and "Tabelle" in svg["desc"], svg["desc"]
        csv_text = (example_site / indicator.csv_url).read_text(encoding="utf-8")
        expected = set(_expected_cells(indicator, csv_text))
        assert len(expected) == len(csv_text.strip().splitlines()) - 1
        missing = expected - page.triples()
        assert not missing, f"{indicator.id}: values missing from the tables: {sorted(missing)[:5]}"


def test_gaps_are_shown_as_words_never_as_zero(example_site):
    page = _parse(example_site / "bildungsmonitoring" / "betreuungsquote-unter-3" / "index.html")
    row = next(r for r in page.tables["tabelle-gemeinden"]["rows"] if r["headers"] == ["Kastanienhof"])
    assert row["cells"] == ["gesperrt"] * len(row["cells"])
    by_place = next(svg for svg in page.svgs if "nach Gemeinde" in svg["title"])
    assert "Ohne Wert: Kastanienhof (gesperrt)" in by_place["desc"]
    page = _parse(example_site / "bildungsmonitoring" / "ganztagsquote-grundschule" / "index.html")
    assert ("tabelle-zeitreihe", ("2020",), "Landkreis Musterland", "keine Daten") in page.triples()
    assert "2020 (keine Daten)" in page.svgs[0]["desc"]


def test_tables_scroll_inside_a_focusable_labelled_region(example_site):
    raw = (example_site / "bildungsmonitoring" / "betreuungsquote-unter-3" / "index.html").read_text(encoding="utf-8")
    assert raw.count('class="ww-table-wrap" tabindex="0" role="region" aria-labelledby="') == 2


def test_overview_groups_indicators_by_area(example_site, example_catalog):
    raw = (example_site / "bildungsmonitoring" / "index.html").read_text(encoding="utf-8")
    sections = raw.split("<section ")[1:]
    for row in example_catalog.vocabularies["areas"].rows:
        section = next(s for s in sections if f'id="bereich-{row["id"]}"' in s)
        indicators = example_catalog.monitoring.for_area(row["id"])
        assert len(indicators) >= 2  # at least one from the package, one computed from the offers
        for indicator in indicators:
            assert f'href="/{indicator.page_url}"' in section
        assert f'href="/bereiche/{row["id"]}/"' in section
    assert 'href="/bildungsmonitoring/angebote-nach-zielgruppe/"' in sections[-1]
    assert "Beispieldaten" in raw


def test_area_pages_and_indicator_pages_link_each_other(example_site, example_catalog):
    for row in example_catalog.vocabularies["areas"].rows:
        area_page = (example_site / "bereiche" / row["id"] / "index.html").read_text(encoding="utf-8")
        for indicator in example_catalog.monitoring.for_area(row["id"]):
            assert f'href="/{indicator.page_url}"' in area_page
            links = _parse(example_site / indicator.page_url / "index.html").links
            assert f"/bereiche/{row['id']}/" in links
    assert 'href="/bildungsmonitoring/"' in (example_site / "index.html").read_text(encoding="utf-8")


def test_downloads_are_a_valid_data_package_with_every_indicator(example_site, example_catalog):
    folder = example_site / "bildungsmonitoring" / "daten"
    descriptor = json.loads((folder / PACKAGE).read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == [i.id for i in example_catalog.monitoring.all]
    assert descriptor["title"] == example_catalog.monitoring.title
    report = Package(str(folder / PACKAGE)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    for indicator in example_catalog.monitoring.indicators:
        assert (folder / f"{indicator.id}.csv").read_bytes() == (ROOT / "data" / "indicators" / f"{indicator.id}.csv").read_bytes()
    for indicator in example_catalog.monitoring.all:
        links = _parse(example_site / indicator.page_url / "index.html").links
        assert f"/{indicator.csv_url}" in links and "/bildungsmonitoring/daten/datapackage.json" in links


# -- charts and numbers -----------------------------------------------------------------------------

def _line(values_by_series, **kw):
    series = [Series(f"S{i}", values, [str(v) for v in values]) for i, values in enumerate(values_by_series)]
    return Chart("line", "c", kw.get("title", "Titel"), "Beschreibung", "in %",
                 [str(2000 + i) for i in range(len(values_by_series[0]))], series)


def test_chart_text_is_escaped():
    svg = str(_line([[1.0, 2.0]], title='<script>alert("x")</script> & Co').svg())
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in svg


def test_line_chart_leaves_gaps_for_missing_values():
    svg = str(_line([[1.0, None, 3.0, 4.0]]).svg())
    assert svg.count("<path") == 1  # 2002–2003; 2000 stands alone
    assert svg.count("<circle") == 3


def test_series_differ_by_dash_and_marker_not_only_colour():
    svg = str(_line([[1.0, 2.0], [2.0, 3.0], [3.0, 4.0]]).svg())
    assert svg.count("stroke-dasharray=") == 2  # the first line is solid, the others dashed differently
    assert "<circle" in svg and "<rect" in svg and "Z" in svg  # circle, square and triangle markers
    bar = Chart("bar", "b", "T", "D", "Anzahl", ["A", "B"], [Series("x", [1.0, 2.0], ["1", "2"]),
                                                              Series("y", [2.0, None], ["2", "gesperrt"])])
    svg = str(bar.svg())
    assert 'id="b-p1"' in svg and 'fill="url(#b-p1)"' in svg
    assert ">gesperrt<" in svg
    legend = bar.legend()
    assert [item["name"] for item in legend] == ["x", "y"] and 'id="b-sw-p1"' in str(legend[1]["swatch"])


def test_nice_scale_and_german_numbers():
    assert nice_scale(36.4) == (10, 40)
    assert nice_scale(1412) == (500, 1500)
    assert nice_scale(0) == (1.0, 1.0)
    assert format_number("1234.5") == "1.234,5"
    assert format_number("36.40") == "36,40"
    assert format_number("-3") == "−3"
    assert format_number("1234567") == "1.234.567"


# -- in the browser ---------------------------------------------------------------------------------

def test_indicator_pages_have_no_axe_violations(example_site, example_server, example_catalog, chromium):
    from browser import describe, horizontal_overflow, phone_page, run_axe

    paths = ["/bildungsmonitoring/"] + [f"/{i.page_url}" for i in example_catalog.monitoring.all]
    with phone_page(chromium) as page:
        for path in paths:
            assert page.goto(example_server + path).ok
            violations = run_axe(page)
            assert violations == [], f"{path}: {describe(violations)}"
            assert horizontal_overflow(page) <= 0, path
        assert page.foreign_requests == []


# -- reported by a new user (issue 25) ----------------------------------------------------------------

def test_a_semicolon_table_is_reported_once_naming_its_header_and_asking_for_commas(tmp_path):
    findings = [f for f in _validate(_project(tmp_path, "semicolon-separated")).errors if f.file.endswith("quote.csv")]
    assert len(findings) == 1  # not one "Zeile N wiederholt das Jahr" per row
    (found,) = findings
    assert "„year;municipality;value;status“" in found.message and "Semikolon" in found.message
    assert "Kommas" in found.hint and "„year,municipality,value,status“" in found.hint


def test_a_german_column_name_is_reported_once_with_its_english_name(tmp_path):
    (found,) = [f for f in _validate(_project(tmp_path, "german-header")).errors if f.file.endswith("quote.csv")]
    assert "„jahr“" in found.message and "statt „jahr“ schreiben Sie „year“" in found.hint
    assert "wiederholt" not in found.message


def test_example_false_on_a_resource_is_honoured(tmp_path):
    root = _project(tmp_path)
    path = root / "data" / "indicators" / PACKAGE
    package = json.loads(path.read_text(encoding="utf-8"))
    package["example"] = True
    package["resources"][0]["example"] = False  # quote: real figures inside an example package
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    assert _validate(root).ok
    result = build(root / "pelicanconf.py", tmp_path / "out")
    assert result.ok, [f.as_text() for f in result.findings if f.is_error]
    notice = "Beispieldaten: Alle Zahlen dieses Indikators sind erfunden."
    assert notice not in (tmp_path / "out" / "bildungsmonitoring" / "quote" / "index.html").read_text(encoding="utf-8")
    assert notice in (tmp_path / "out" / "bildungsmonitoring" / "anzahl" / "index.html").read_text(encoding="utf-8")
    overview = (tmp_path / "out" / "bildungsmonitoring" / "index.html").read_text(encoding="utf-8")
    assert "Beispieldaten: Die Zahlen von Testanzahl sind erfunden." in overview
    assert "Alle Zahlen sind erfunden" not in overview


def _by_municipality(title, places, groups=("unter 3 Jahre", "3 bis unter 6 Jahre")):
    from wegweiser.indicators.package import Indicator, Observation

    observations = [Observation(year, 10.0 + year - 2020 + n, "vorhanden", str(10 + year - 2020 + n), municipality=place,
                                group=group)
                    for year in (2022, 2023, 2024) for place in places for n, group in enumerate(groups)]
    return Indicator(id="kinder", title=title, description="Kinder.", area="fruehkindliche-bildung", unit="Kinder",
                     reference_date="31. Dezember", observations=observations, group_title="Altersgruppe",
                     places={"musterstadt": "Musterstadt", "eichenau": "Eichenau"})


def test_a_series_whose_every_row_has_a_municipality_gets_a_time_chart():
    from wegweiser.indicators.view import charts

    (chart,) = charts(_by_municipality("Kinder nach Altersgruppe", ["musterstadt"]))
    assert chart.kind == "line" and chart.labels == ["2022", "2023", "2024"]
    assert [s.name for s in chart.series] == ["unter 3 Jahre", "3 bis unter 6 Jahre"]
    assert chart.title == "Kinder nach Altersgruppe, Musterstadt, 2022 bis 2024"


def test_chart_titles_say_nach_once():
    from wegweiser.indicators.view import charts

    titles = [c.title for c in charts(_by_municipality("Kinder nach Altersgruppe", ["musterstadt", "eichenau"]))]
    assert "Kinder nach Altersgruppe und Gemeinde, 2024" in titles
    assert not [t for t in titles if t.count(" nach ") > 1]


def test_derived_indicator_titles_say_nach_once(example_site):
    page = _parse(example_site / "bildungsmonitoring" / "angebote-je-1000-einwohner" / "index.html")
    assert [svg["title"] for svg in page.svgs] == ["Angebote je 1.000 Einwohner nach Gemeinde, 2026"]
    page = _parse(example_site / "bildungsmonitoring" / "angebote-nach-zielgruppe" / "index.html")
    assert "nach Zielgruppe nach" not in page.svgs[0]["desc"]


def test_population_reference_date_names_municipalities_counted_on_another_day(tmp_path):
    root = _project(tmp_path)
    vocabulary = root / "data" / "vocabularies" / "municipalities.csv"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(text.replace("11840,2025-12-31", "11840,2023-12-31").replace("2890,2025-12-31", "2890,"),
                          encoding="utf-8")
    settings = {"PATH": str(root / "content"), "WEGWEISER_TODAY": TODAY.isoformat(), "WEGWEISER_DATA_PATH": str(root / "data")}
    validation, catalog = Project.from_settings(settings).load()
    assert catalog is not None, [f.as_text() for f in validation.errors]
    date = catalog.monitoring.get("angebote-je-1000-einwohner").reference_date
    assert date == ("Angebote am 23. November 2026; Einwohner am 31. Dezember 2025 (Eichenau am 31. Dezember 2023; "
                    "Stichtag nicht angegeben: Ulmenried)")


def test_an_indicator_page_never_links_a_foreign_scheme(tmp_path, monkeypatch):
    """The second line of defence: with validation of the metadata switched off, the licence and
    source addresses are passed through the link filter (a javascript: address becomes "#")."""
    from wegweiser.checks import validate as validate_module

    root = _project(tmp_path, "license-javascript")
    package = root / "data" / "indicators" / PACKAGE
    package.write_text(package.read_text(encoding="utf-8").replace(
        '"path": "https://www.example.org/statistik"', '"path": "javascript:alert(3)"'), encoding="utf-8")
    monkeypatch.setattr(validate_module, "validate_indicators", lambda *args: [])
    result = build(root / "pelicanconf.py", tmp_path / "out")
    assert result.ok, result.error
    for name in ("quote", "anzahl"):
        page = (tmp_path / "out" / "bildungsmonitoring" / name / "index.html").read_text(encoding="utf-8")
        hrefs = [h.replace("\t", "").lower() for h in _hrefs(page)]
        assert "#" in hrefs and not [h for h in hrefs if "script:" in h], hrefs


def _hrefs(html: str) -> list[str]:
    class Links(HTMLParser):
        found: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.found += [value or "" for name, value in attrs if name == "href"]

    parser = Links()
    parser.found = []
    parser.feed(html)
    return parser.found
