"""Incremental builds produce exactly what a clean build produces, and skip unchanged work."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import edit, site_tree

from wegweiser.build.run import build


@pytest.fixture
def project(editable_project):
    return editable_project


def _change_offer(p):
    edit(p / "content/offers/deutschkurs-a1.md", "title: Deutschkurs A1 am Abend", "title: Deutschkurs A1 am Montagabend")


def _change_description(p):  # searched too: the search data changes
    edit(p / "content/offers/deutschkurs-a1.md", "- kleine Gruppen", "- kleine Gruppen mit Kinderbetreuung")


def _change_contact(p):  # not part of the search data: that is kept
    edit(p / "content/offers/deutschkurs-a1.md", "contact_phone: 05141 4711-12", "contact_phone: 05141 4711-13")


def _change_cost(p):  # shown in search results and filtered by: the search data changes
    edit(p / "content/offers/deutschkurs-a1.md", "cost_eur: 120", "cost_eur: 95")


def _change_title_language(p):  # only in the rows that show results
    edit(p / "content/offers/deutschkurs-a1.md", "summary:", "title_lang: en\nsummary:")


def _change_provider(p):
    edit(p / "content/providers/vhs-test.md", "name: Volkshochschule Testkreis", "name: Kreisvolkshochschule Testkreis")


def _change_vocabulary(p):
    edit(p.parent / "data/vocabularies/areas.csv", "Weiterbildung,", "Allgemeine Weiterbildung,")


def _change_template(p):
    edit(p.parent / "theme/templates/offer.html", "<h2>{{ _(\"Das Wichtigste\") }}</h2>", "<h2>Auf einen Blick</h2>")


def _change_setting(p):
    with (p / "pelicanconf.py").open("a", encoding="utf-8") as fh:
        fh.write('WEGWEISER_COUNTY = "Landkreis Testland"\n')


def _delete_offer(p):
    (p / "content/offers/online-englisch.md").unlink()


def _move_offer(p):  # to another area, topic and place: it leaves three lists and joins three others
    path = p / "content/offers/deutschkurs-a1.md"
    edit(path, "area: weiterbildung", "area: berufliche-bildung")
    edit(path, "topics: [deutsch-integration]", "topics: [fremdsprachen]")
    edit(path, "municipality: musterstadt", "municipality: eichenau")
    edit(path, 'postcode: "29301"', 'postcode: "29311"')


def _new_offer(p):
    text = (p / "content/offers/deutschkurs-a1.md").read_text(encoding="utf-8")
    (p / "content/offers/deutschkurs-b1.md").write_text(
        text.replace("id: deutschkurs-a1", "id: deutschkurs-b1").replace("Deutschkurs A1", "Deutschkurs B1"),
        encoding="utf-8")


CHANGES = {
    "offer": (_change_offer, "Deutschkurs A1 am Montagabend"),
    "offer description": (_change_description, "mit Kinderbetreuung"),
    "offer cost": (_change_cost, "95"),
    "offer title language": (_change_title_language, 'lang="en"'),
    "provider": (_change_provider, "Kreisvolkshochschule Testkreis"),
    "vocabulary": (_change_vocabulary, "Allgemeine Weiterbildung"),
    "template": (_change_template, "Auf einen Blick"),
    "setting": (_change_setting, "Landkreis Testland"),
    "deleted offer": (_delete_offer, None),
    "moved offer": (_move_offer, None),
    "new offer": (_new_offer, "Deutschkurs B1 am Abend"),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_incremental_equals_clean_build(project, tmp_path, name):
    change, visible = CHANGES[name]
    settings = project / "pelicanconf.py"
    out = tmp_path / "incremental"
    first = build(settings, out)
    assert first.ok and first.unchanged == 0
    again = build(settings, out)
    assert again.ok and again.written == 0 and again.unchanged == first.written
    change(project)
    incremental = build(settings, out)
    assert incremental.ok, incremental.error
    shutil.rmtree(project / ".cache", ignore_errors=True)  # clean: no parse cache either
    clean = build(settings, tmp_path / "clean")
    assert clean.ok and clean.unchanged == 0
    assert site_tree(out) == site_tree(tmp_path / "clean")
    if visible:
        assert any(visible.encode() in data for data in site_tree(out).values())
    if name.startswith("offer") or name in ("moved offer", "new offer"):
        assert 0 < incremental.written < clean.written  # only what the offer appears on


def _search_manifest(out) -> str:
    return json.loads((out / ".buildinfo.json").read_text())["search"]["manifest"]


@pytest.mark.parametrize("change, search_changes", [(_change_contact, False), (_change_description, True),
                                                    (_change_offer, True),
                                                    (_change_cost, True), (_change_title_language, True),
                                                    (_change_provider, True)])
def test_search_data_is_rebuilt_only_when_what_it_holds_changed(project, tmp_path, change, search_changes):
    out = tmp_path / "out"
    assert build(project / "pelicanconf.py", out).ok
    before = _search_manifest(out)
    change(project)
    assert build(project / "pelicanconf.py", out).ok
    assert (_search_manifest(out) != before) is search_changes
    assert (out / "suche" / "daten" / _search_manifest(out)).is_file()


def test_deleted_offer_disappears_from_pages_and_search_index(project, tmp_path):
    out = tmp_path / "out"
    assert build(project / "pelicanconf.py", out).ok
    assert any(b"online-englisch" in d for p, d in site_tree(out).items() if p.startswith("suche/daten/"))
    _delete_offer(project)
    assert build(project / "pelicanconf.py", out).ok
    tree = site_tree(out)
    assert not (out / "angebote" / "online-englisch").exists()
    assert [p for p, d in tree.items() if b"online-englisch" in d or b"Englisch online" in d] == []
    info = json.loads((out / ".buildinfo.json").read_text())
    assert "angebote/online-englisch/index.html" not in info["pages"]


def test_build_reports_progress_over_all_pages(project, tmp_path):
    calls = []
    result = build(project / "pelicanconf.py", tmp_path / "out", progress=lambda done, total: calls.append((done, total)))
    assert result.ok
    info = json.loads((tmp_path / "out" / ".buildinfo.json").read_text())
    total = calls[-1][1]  # the pages (other files are written beside them)
    assert total == len(info["pages"])
    assert calls[0] == (1, total) and calls[-1] == (total, total)
    assert [done for done, _ in calls] == list(range(1, total + 1))
