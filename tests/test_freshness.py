"""Freshness rules with fixed dates: expired, stale and "beginnt bald" boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from wegweiser.catalog import freshness

TODAY = dt.date(2026, 11, 23)
D = dt.timedelta


@pytest.mark.parametrize("values,expected", [
    ({}, None),
    ({"valid_until": TODAY}, None),
    ({"valid_until": TODAY - D(days=1)}, ("angezeigt bis", TODAY - D(days=1))),
    ({"end_date": TODAY}, None),
    ({"end_date": TODAY - D(days=1)}, ("Ende am", TODAY - D(days=1))),
    ({"start_date": TODAY - D(days=30)}, None),  # open-ended after its start stays
    ({"valid_until": TODAY + D(days=9), "end_date": TODAY - D(days=2)}, ("Ende am", TODAY - D(days=2))),
])
def test_expiry(values, expected):
    assert freshness.expiry(values, TODAY) == expected


@pytest.mark.parametrize("reviewed,months,stale", [
    (dt.date(2025, 11, 23), 12, False),
    (dt.date(2025, 11, 22), 12, True),
    (dt.date(2026, 5, 23), 6, False),
    (dt.date(2026, 5, 22), 6, True),
    (TODAY, 12, False),
    (None, 12, False),
])
def test_stale(reviewed, months, stale):
    assert freshness.is_stale({"reviewed": reviewed}, TODAY, months) is stale


def test_months_before_clamps_to_month_end():
    assert freshness.months_before(dt.date(2024, 2, 29), 12) == dt.date(2023, 2, 28)
    assert freshness.months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert freshness.months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


@pytest.mark.parametrize("offset,soon", [(-1, False), (0, True), (28, True), (29, False)])
def test_soon(offset, soon):
    assert freshness.is_soon({"start_date": TODAY + D(days=offset)}, TODAY, 28) is soon


def test_soon_without_start_date():
    assert freshness.is_soon({}, TODAY) is False


def test_stale_months_setting_reaches_validation_and_site(minimal_project):
    from conftest import core_settings

    from wegweiser.catalog.project import Project

    validation, catalog = Project.from_settings(core_settings(minimal_project, WEGWEISER_STALE_MONTHS=1)).load()
    stale_files = {f.file for f in validation.warnings if f.code == "reviewed-stale"}
    assert "content/offers/kita-sonnenblume.md" in stale_files  # reviewed 2026-09-01
    assert "content/offers/deutschkurs-a1.md" not in stale_files  # reviewed 2026-11-01
    assert {o.id for o in catalog.offers if o.stale} == {"kita-sonnenblume"}


def test_stale_offer_shows_notice_and_review_date(minimal_project, tmp_path):
    from wegweiser.build.run import build

    result = build(minimal_project / "pelicanconf.py", tmp_path / "out", {"WEGWEISER_STALE_MONTHS": 1})
    assert result.ok
    stale = (tmp_path / "out" / "angebote" / "kita-sonnenblume" / "index.html").read_text(encoding="utf-8")
    fresh = (tmp_path / "out" / "angebote" / "deutschkurs-a1" / "index.html").read_text(encoding="utf-8")
    assert "länger nicht geprüft" in stale and "Zuletzt geprüft am 1. September 2026" in stale
    assert "länger nicht geprüft" not in fresh and "Zuletzt geprüft am 1. November 2026" in fresh
