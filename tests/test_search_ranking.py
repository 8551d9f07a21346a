"""Ranking in the search: an offer that holds every word typed (as a whole word, its stem or a synonym)
comes before offers that hold some of them only as a part of a compound or with a typo, and a compound
of which the guide holds only the meaningful part finds that part's offers as results.

The Berlin cases are 37 rows of the real Kita list (tests/fixtures/search/berlin-kitas-ranking.csv),
imported with the documented mappings (docs/import/) and built."""

from __future__ import annotations

import re
import runpy

import pytest
from conftest import FIXTURES, ROOT, make_project, run_cli
from test_search_relevance import run_in_node

EXCERPT = FIXTURES / "search" / "berlin-kitas-ranking.csv"
ON_SCHOENHAUSER_ALLEE = {"kita-03040740", "kita-03040980", "kita-03041240"}
#: Kitas added to the excerpt whose titles name the place a street is named after, on another street
NAMESAKES = [("kita-namesake-1", "Kinderladen Reinickendorf", "Lange Str. 5"),
             ("kita-namesake-2", "Kita Berliner Bären", "Kurze Str. 7"),
             ("kita-namesake-3", "Kita Marienfelder Spatzen", "Am Rain 2")]
#: Kitas with „…allee“ in their title whose only match for „Schönhauser“ is its part „…haus…“
HAUS_AND_ALLEE_IN_TITLE = {"kita-04071030", "kita-04070290", "kita-04071130", "kita-00001130"}


@pytest.fixture(scope="module")
def berlin_site(tmp_path_factory):
    from wegweiser.build.run import build

    tmp = tmp_path_factory.mktemp("ranking")
    project = make_project(tmp / "berlin", extra=f"WEGWEISER_DATA_PATH = {str(tmp / 'berlin' / 'data')!r}")
    (project / "data" / "vocabularies").mkdir(parents=True)
    bezirke = runpy.run_path(str(ROOT / "docs" / "import" / "berlin_bezirke.py"))["municipalities"]
    (project / "data" / "vocabularies" / "municipalities.csv").write_text(bezirke(EXCERPT), encoding="utf-8")
    for kind in ("providers", "offers"):
        (project / "content" / kind).mkdir(parents=True)
        mapping = ROOT / "docs" / "import" / f"berlin-kitas-{kind}.yaml"
        assert run_cli(project, "import", str(EXCERPT), "--kind", kind, "--mapping", str(mapping)) == 0
    for id_, title, street in NAMESAKES:  # a copy of a Kita, renamed and moved
        text = (project / "content" / "offers" / "kita-03191650.md").read_text(encoding="utf-8")
        text = re.sub(r"^id: .*$", f"id: {id_}", text, count=1, flags=re.M)
        text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
        text = re.sub(r"^street: .*$", f"street: {street}", text, count=1, flags=re.M)
        (project / "content" / "offers" / f"{id_}.md").write_text(text, encoding="utf-8")
    result = build(project / "pelicanconf.py", tmp / "out")
    assert result.ok, result.error
    return tmp / "out"


@pytest.mark.parametrize("query", ["Kita Schönhauser Allee", "Schönhauser Allee", "Kita Schönhauser Allee ",
                                   "schoenhauser allee kita"])
def test_the_kitas_on_the_street_typed_come_first(berlin_site, query):
    """„Schönhauser“ is in the three Kitas' facts (their street); the titles „Kinderhaus Waldschulallee“,
    „Kita Kastanienallee des Pestalozzi-Fröbel-Hauses“ and „KiTa Rominter Allee“ hold „Allee“ and only the
    part „…haus…“ of it — in the title, which weighs four times the facts."""
    [result] = run_in_node(berlin_site, [query])
    assert result["all"]
    assert set(result["ids"][:3]) == ON_SCHOENHAUSER_ALLEE
    assert HAUS_AND_ALLEE_IN_TITLE <= set(result["ids"][3:])  # what the parts find is still found, after


def test_the_meaningful_part_of_a_compound_is_a_result(example_site, catalog):
    """No offer says „Yogakurs“ or „Kurs“ beside „Yoga“: the yoga offer is a result matching the word, first.
    „Fahr…“ of „Fahrkurs“ is only the start of the guide's compounds (Fahrbibliothek): the offers with it
    stay partial results, the word is named as found in none."""
    yoga = {o.id for o in catalog.offers if "yoga" in o.title.lower()}
    yogakurs, fahrkurs = run_in_node(example_site, ["Yogakurs", "Fahrkurs"])
    assert yogakurs["all"] and yogakurs["ids"][0] in yoga
    assert not fahrkurs["all"] and fahrkurs["missing"] == ["fahrkurs"]


@pytest.mark.parametrize("query, on_street", [
    ("Kita Reinickendorfer Straße", {"kita-01032010"}),  # in Mitte, not in Bezirk Reinickendorf
    ("Reinickendorfer Str", {"kita-01032010"}),  # as the list writes it, still being typed
    ("Berliner Straße", {"kita-03191650"}),  # „Berliner“ shares its stem with every „Berlin“ of the list
    ("Kita Schönwalder Str.", {"kita-01030160", "kita-01032040"}),  # not Schönwalder Allee
    ("Marienfelder Allee", {"kita-07112240", "kita-07132260"}),  # whose titles say „Marienfelder“ too
])
def test_the_kitas_on_a_street_of_two_words_come_first(berlin_site, query, on_street):
    """A street named after a place or with a common first word: the Kitas on it come first, before those
    holding both words apart (a „Berlin“ in the sponsor's name and any „Straße“)."""
    [result] = run_in_node(berlin_site, [query])
    assert result["filters"] == []
    assert set(result["ids"][:len(on_street)]) == on_street
