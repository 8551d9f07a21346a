"""The office's inventory report: counts, stale/expired by provider, gaps, duplicates."""

from __future__ import annotations

import csv
import io
import os
import shutil
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import FIXTURES, core_settings

from wegweiser.cli import main
from wegweiser.catalog.project import Project
from wegweiser.report.report import build_report, find_duplicates
from wegweiser.report.formats import as_csv, as_html, as_text


@pytest.fixture
def report_project(minimal_project):
    for path in (FIXTURES / "report").glob("*.md"):
        shutil.copy(path, minimal_project / "content" / "offers")
    return minimal_project


@pytest.fixture
def report(report_project):
    validation, catalog = Project.from_settings(core_settings(report_project)).load()
    assert catalog is not None, validation.errors
    return build_report(catalog)


def test_counts_by_area_and_place(report):
    assert report.published == 5
    assert report.expired == 1
    matrix = report.area_by_municipality
    assert matrix[("weiterbildung", "musterstadt")] == 3
    assert matrix[("weiterbildung", "online")] == 1
    assert matrix[("fruehkindliche-bildung", "eichenau")] == 1
    assert sum(matrix.values()) == 5


def test_counts_by_target_group(report):
    counts = {row["id"]: n for row, n in report.by_target_group}
    assert counts["erwachsene"] == 4
    assert counts["zugewanderte"] == 1
    assert counts["kinder-unter-3"] == 1
    assert counts["eltern-familien"] == 1
    assert counts["senioren"] == 0


def test_stale_and_expired_grouped_by_provider(report):
    todos = {t.provider.id: t for t in report.todos}
    assert set(todos) == {"vhs-test", "kita-traeger-test"}
    assert [e.id for e in todos["vhs-test"].expired] == ["alter-kurs"]
    assert [e.id for e in todos["vhs-test"].stale] == ["deutschkurs-b1"]
    assert todos["vhs-test"].email == "info@vhs-test.example"
    assert todos["kita-traeger-test"].provider_stale and not todos["kita-traeger-test"].stale
    assert report.stale == 2


def test_mailto_lists_the_entries_in_german(report):
    todo = next(t for t in report.todos if t.provider.id == "vhs-test")
    url = urlsplit(todo.mailto("https://example.org/bildung", "Bildungsbüro"))
    assert url.scheme == "mailto" and url.path == "info@vhs-test.example"
    query = parse_qs(url.query)
    assert query["subject"] == ["Bitte prüfen: Ihre Einträge im Bildungswegweiser"]
    body = query["body"][0]
    assert "https://example.org/bildung/angebote/deutschkurs-b1/" in body
    assert "Abgelaufener Kurs (abgelaufen)" in body
    assert "zuletzt geprüft am 22. November 2025" in body


def test_gaps(report):
    assert {e.id for e in report.without_coordinates} == {
        "kita-sonnenblume", "deutschkurs-a1-abendkurs", "kita-traeger-test"}
    assert {e.id for e in report.without_accessibility} == {"kita-sonnenblume", "deutschkurs-a1-abendkurs"}
    assert {e.id for e in report.without_easy_summary} == {
        "kita-sonnenblume", "online-englisch", "deutschkurs-a1-abendkurs"}


def test_duplicates_found_only_for_same_provider_place_and_similar_title(report):
    assert [(a.id, b.id) for a, b, _ in report.duplicates] == [("deutschkurs-a1", "deutschkurs-a1-abendkurs")]


def test_duplicates_need_the_same_place(report_project):
    _, catalog = Project.from_settings(core_settings(report_project)).load()
    twin = next(o for o in catalog.offers if o.id == "deutschkurs-a1-abendkurs")
    twin.values["municipality"] = "eichenau"
    assert find_duplicates(catalog.offers) == []


def test_formats(report):
    text = as_text(report)
    assert "Bestandsaufnahme zum 23. November 2026" in text
    assert "Mögliche Dubletten (1)" in text
    rows = list(csv.DictReader(io.StringIO(as_csv(report))))
    assert {r["kennung"] for r in rows if r["abschnitt"] == "abgelaufen"} == {"alter-kurs"}
    assert next(r for r in rows if r["angabe"] == "Weiterbildung / Musterstadt")["anzahl"] == "3"
    html = as_html(report)
    assert html.startswith("<!DOCTYPE html>") and 'name="robots" content="noindex"' in html
    assert "mailto:info@vhs-test.example?subject=" in html


def test_cli_report_writes_csv_and_html(report_project, capsys):
    cwd = os.getcwd()
    os.chdir(report_project)
    try:
        assert main(["report"]) == 0
        assert "Bestandsaufnahme" in capsys.readouterr().out
        assert main(["report", "--format", "csv", "--output", "b.csv"]) == 0
        assert main(["report", "--format", "html"]) == 0
    finally:
        os.chdir(cwd)
    assert (report_project / "b.csv").read_text(encoding="utf-8-sig").startswith("abschnitt,")
    assert (report_project / "bestandsaufnahme-2026-11-23.html").is_file()


def test_report_is_not_published_unless_configured(report_project, tmp_path):
    from wegweiser.build.run import build

    assert build(report_project / "pelicanconf.py", tmp_path / "a").ok
    assert not (tmp_path / "a" / "bestandsaufnahme").exists()
    assert build(report_project / "pelicanconf.py", tmp_path / "b", {"WEGWEISER_PUBLISH_REPORT": True}).ok
    page = (tmp_path / "b" / "bestandsaufnahme" / "index.html").read_text(encoding="utf-8")
    assert "Mögliche Dubletten (1)" in page
    assert unquote("info%40vhs-test.example") in page
