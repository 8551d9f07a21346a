"""Submission core: settings of the three routes, the form's fields and data, the built pages."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, make_project

from wegweiser.build.run import build
from wegweiser.submissions.form_model import form_fields, form_hint
from wegweiser.submissions.json_schema import json_schema
from wegweiser.content.schema import load_schemas
from wegweiser.submissions.submission import (PREFILL_GROUP, SubmitSettings, SubmitSettingsError, prefill_group,
                                       prefill_groups)

SCHEMAS = load_schemas(ROOT / "data")


def test_settings_defaults_and_usable_routes():
    s = SubmitSettings.from_settings({"WEGWEISER_OFFICE_EMAIL": "buero@kreis.example"})
    assert (s.repo_url, s.repo_host, s.branch, s.email) == (None, "github", "main", "buero@kreis.example")
    assert s.routes == ("email", "download")  # no repository, no pull request
    s = SubmitSettings.from_settings({"WEGWEISER_REPO_URL": "https://gitlab.kreis.example/bildung/wegweiser/",
                                      "WEGWEISER_SUBMIT_EMAIL": "mitmachen@kreis.example",
                                      "WEGWEISER_OFFICE_EMAIL": "buero@kreis.example",
                                      "WEGWEISER_SUBMIT_ROUTES": ["download", "pull-request"]})
    assert (s.repo_url, s.repo_host, s.email) == ("https://gitlab.kreis.example/bildung/wegweiser", "gitlab",
                                                   "mitmachen@kreis.example")
    assert s.routes == ("pull-request", "download")
    assert s.file_url("CONTRIBUTING.md") == "https://gitlab.kreis.example/bildung/wegweiser/-/blob/main/CONTRIBUTING.md"


@pytest.mark.parametrize("settings,message", [
    ({"WEGWEISER_REPO_HOST": "bitbucket"}, "WEGWEISER_REPO_HOST „bitbucket“ ist unbekannt"),
    ({"WEGWEISER_SUBMIT_ROUTES": ["fax"]}, r"WEGWEISER_SUBMIT_ROUTES enthält Unbekanntes \(fax\)"),
    ({"WEGWEISER_REPO_URL": "git@github.com:kreis/wegweiser.git"}, "muss mit https:// beginnen"),
])
def test_wrong_settings_are_explained_in_german(settings, message):
    with pytest.raises(SubmitSettingsError, match=message):
        SubmitSettings.from_settings(settings)


def test_form_fields_come_from_the_schema():
    schema = json_schema(SCHEMAS, "offer", ["vhs", "kita"])
    fields = {f.name: f for f in form_fields("offer", schema, "angebot",
                                            {"area": {"weiterbildung": "Weiterbildung"}})}
    assert list(fields) == SCHEMAS.offer.field_names + ["body"]
    assert (fields["title"].label, fields["title"].required, fields["title"].control) == ("Titel", True, "text")
    assert fields["area"].control == "radios" and ("weiterbildung", "Weiterbildung") in fields["area"].options
    assert fields["topics"].control == "checkboxes"
    assert fields["municipality"].control == "select" and not fields["municipality"].required
    assert fields["summary"].control == "textarea"
    assert fields["start_date"].input_type == "date" and fields["contact_email"].input_type == "email"
    assert fields["age_min"].inputmode == "numeric" and fields["lat"].inputmode == "decimal"
    assert fields["target_groups"].first_id == "angebot-target-groups-kinder-unter-3"
    assert fields["area"].hint == "Einer der sechs Bildungsbereiche."


def test_hints_leave_out_notes_about_files():
    assert form_hint("Einer der sechs Bildungsbereiche (Kennung aus data/vocabularies/areas.csv).") == \
        "Einer der sechs Bildungsbereiche."
    assert form_hint("Für wen? Liste von Kennungen aus data/vocabularies/target_groups.csv.") == "Für wen?"
    assert form_hint("Sprachcode aus data/vocabularies/languages.csv, z. B. en. Damit lesen …") == \
        "Sprachcode, z. B. en. Damit lesen …"


def test_build_writes_the_form_data_and_pages(example_site):
    config = json.loads((example_site / "mitmachen" / "daten" / "formular.json").read_text(encoding="utf-8"))
    assert set(config["kinds"]) == {"offer", "provider"}
    offer = config["kinds"]["offer"]
    assert offer["folder"] == "content/offers" and "vhs-deutsch-a1-abendkurs" in offer["existing"]
    assert offer["schema"]["properties"]["provider"]["enum"][:1] == ["agentur-fuer-arbeit-musterstadt"]
    assert config["submit"] == {"repoUrl": "https://github.com/landkreis-musterland/bildungswegweiser",
                                "repoHost": "github", "branch": "main",
                                "email": "bildungsbuero@landkreis-musterland.example",
                                "routes": ["pull-request", "email", "download"]}
    groups = offer["prefillGroups"]
    name = prefill_group("vhs-deutsch-a1-abendkurs", groups)
    prefill = json.loads((example_site / "mitmachen" / "daten" / "angebote" / f"{name}.json")
                         .read_text(encoding="utf-8"))["vhs-deutsch-a1-abendkurs"]
    assert prefill["values"]["start_date"] == "2027-01-11" and prefill["body"].startswith("In diesem Kurs")
    providers = config["kinds"]["provider"]["prefillGroups"]
    name = prefill_group("vhs-musterland", providers)
    assert "vhs-musterland" in json.loads((example_site / "mitmachen" / "daten" / "anbieter" / f"{name}.json")
                                          .read_text(encoding="utf-8"))
    assert (example_site / "mitmachen" / "felder" / "index.html").is_file()
    offer_page = (example_site / "angebote" / "vhs-deutsch-a1-abendkurs" / "index.html").read_text(encoding="utf-8")
    assert 'href="/mitmachen/?aendern=vhs-deutsch-a1-abendkurs"' in offer_page
    assert "submit" not in offer_page.split("<main", 1)[1]  # the form's scripts load on /mitmachen/ only


def test_a_wrong_route_setting_stops_the_build(tmp_path):
    project = make_project(tmp_path / "p", ROOT / "tests" / "fixtures" / "minimal" / "content",
                           extra='WEGWEISER_REPO_HOST = "sourceforge"')
    result = build(project / "pelicanconf.py", project / "output")
    assert not result.ok and "WEGWEISER_REPO_HOST „sourceforge“ ist unbekannt" in result.error
    assert not (project / "output").exists()


def test_without_repository_the_pull_request_route_is_off(tmp_path):
    project = make_project(tmp_path / "p", ROOT / "tests" / "fixtures" / "minimal" / "content",
                           extra="WEGWEISER_REPO_URL = None")
    assert build(project / "pelicanconf.py", project / "output").ok
    config = json.loads((project / "output" / "mitmachen" / "daten" / "formular.json").read_text(encoding="utf-8"))
    assert config["submit"]["routes"] == ["email", "download"]
    html = (project / "output" / "mitmachen" / "index.html").read_text(encoding="utf-8")
    assert "Zum Repository" not in html and "per Pull Request" not in html.split("data-nojs", 1)[1][:400]


def test_prefill_group_is_fnv1a_of_the_id():
    # published FNV-1a 32-bit test vectors; submit.js computes the same (checked in the browser tests)
    assert prefill_group("", 1 << 32) == "811c9dc5"
    assert prefill_group("a", 1 << 32) == "e40c292c"
    assert prefill_group("foobar", 1 << 32) == "bf9cf968"
    assert prefill_group("foobar", 16) == "8"


@pytest.mark.parametrize("count, groups", [(0, 1), (1, 1), (PREFILL_GROUP, 1), (PREFILL_GROUP + 1, 2),
                                           (5000, 256), (20000, 1024)])
def test_prefill_groups_are_a_power_of_two_of_about_32_entries(count, groups):
    assert prefill_groups(count) == groups


def test_every_entry_is_in_exactly_its_prefill_file(example_site, catalog):
    config = json.loads((example_site / "mitmachen" / "daten" / "formular.json").read_text(encoding="utf-8"))
    for kind, folder, entries in (("offer", "angebote", catalog.offers), ("provider", "anbieter", catalog.providers)):
        groups = config["kinds"][kind]["prefillGroups"]
        assert groups == prefill_groups(len(config["kinds"][kind]["existing"]))
        files = {path.stem: json.loads(path.read_text(encoding="utf-8"))
                 for path in (example_site / "mitmachen" / "daten" / folder).glob("*.json")}
        assert set(files) == {prefill_group(entry.id, groups) for entry in entries}
        placed = [(name, entry_id) for name, data in files.items() for entry_id in data]
        assert sorted(entry_id for _, entry_id in placed) == sorted(entry.id for entry in entries)
        assert all(name == prefill_group(entry_id, groups) for name, entry_id in placed)
