"""What citizens find on queries the search was not tuned on: the held-out set (tests/search/heldout.yaml,
written before any of its queries was run) against the example guide, in Node and typed into the page.

Measured on the example (82 queries; "zero results" counts only queries some offer answers):

- before the changes of this set (fe2bcac): success@10 0.87 (71/82), zero results 4 of 76;
  an Arabic or Ukrainian query showed all 157 offers, "Yogakurs" the 56 other courses but not Yoga;
- after: success@10 0.95 (78/82), zero results 2 of 76: the Arabic and Ukrainian queries, which the
  German page cannot read and now answer with its help and links to the guide's Arabic and Persian,
  Ukrainian and Russian search pages instead of every offer. Still missed: "abi nachholen" (no offer
  says both), "Fahrschule" (shows the offers with "Fahr…" and "…schule" in one field).

The floors below lie between the two: the search before these changes fails them."""

from __future__ import annotations

import yaml
from browser import phone_page
from conftest import ROOT
from test_search_relevance import run_in_node, typed

HELDOUT = ROOT / "tests" / "search" / "heldout.yaml"
SUCCESS_FLOOR = 0.90
ZERO_CEILING = 0.04
#: queries for which the guide has nothing: at most this many may show offers as matching every word
NOTHING_SHOWN = 1


def heldout_set() -> list[dict]:
    return yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))


def success(case: dict, result: dict) -> bool:
    """An expected offer among the first ten; for a need the guide does not answer: no offer shown as
    matching every word (the page shows its help, or says that no offer matches all words)."""
    if case["kind"] == "nothing":
        return not result["ids"] or not result["all"]
    return bool(set(case["expect"]) & set(result["ids"][:10]))


def test_the_set_is_varied_apart_from_the_relevance_set_and_names_published_offers(catalog):
    cases = heldout_set()
    tuned = {c["q"].lower() for c in yaml.safe_load((ROOT / "tests" / "search" / "relevance.yaml").read_text())}
    published = {o.id for o in catalog.offers}
    assert len(cases) >= 60
    assert [c["q"] for c in cases if c["q"].lower() in tuned] == []
    assert {c["kind"] for c in cases} >= {"colloquial", "question", "spelling", "compound", "typo", "place", "age",
                                          "time", "price", "foreign", "nothing"}
    assert [(c["q"], e) for c in cases for e in c["expect"] if e not in published] == []
    assert all(c["expect"] for c in cases if c["kind"] != "nothing")


def test_success_and_zero_results_in_node(example_site):
    cases = heldout_set()
    found = run_in_node(example_site, [c["q"] for c in cases])
    misses = [c["q"] for c, r in zip(cases, found) if not success(c, r)]
    needs = [(c, r) for c, r in zip(cases, found) if c["kind"] != "nothing"]
    zero = [c["q"] for c, r in needs if not r["ids"]]
    shown_for_nothing = [c["q"] for c, r in zip(cases, found) if c["kind"] == "nothing" and not success(c, r)]
    assert 1 - len(misses) / len(cases) >= SUCCESS_FLOOR, misses
    assert len(zero) / len(needs) <= ZERO_CEILING, zero
    assert len(shown_for_nothing) <= NOTHING_SHOWN, shown_for_nothing


def test_the_search_page_shows_what_node_ranks_and_leads_words_it_cannot_read_to_their_language(
        chromium, example_server, example_site):
    cases = heldout_set()
    expected = run_in_node(example_site, [c["q"] for c in cases])
    with phone_page(chromium) as page:
        page.goto(example_server + "/suche/")
        shown = [typed(page, case["q"]) for case in cases]
        assert shown == [r["ids"][:10] for r in expected]
        page.goto(example_server + "/suche/?q=روضة أطفال")  # Arabic: no German word to search for
        page.wait_for_function("!document.querySelector('[data-help]').hidden")
        assert page.locator("[data-results] li").count() == 0
        languages = page.locator("[data-help-links] li:not([hidden]) a[hreflang]")
        assert languages.all_text_contents() == ["العربية", "فارسی"]  # the guide's languages in Arabic script
        languages.first.click()
        page.wait_for_url("**/ar/suche/?q=*")
        assert page.input_value("#suche-q") == "روضة أطفال"
        page.goto(example_server + "/suche/?q=Xylophon")  # German: no language links
        page.wait_for_function("!document.querySelector('[data-help]').hidden")
        assert page.locator("[data-help-links] a[hreflang]").count() == 0


def test_an_age_in_the_query_is_the_age_filter_as_a_removable_tag(chromium, example_server, example_site, catalog):
    found = run_in_node(example_site, ["Kurs für 10-Jährige", "Kurs", "ab 60 Jahren"])
    assert found[0]["filters"] == [None] and 0 < len(found[0]["ids"]) < len(found[1]["ids"])
    # an age alone: the offers meant for it come first, before those for every adult
    for_seniors = {o.id for o in catalog.offers if "senioren" in (o.target_groups or []) or (o.age_min or 0) >= 50}
    assert set(found[2]["ids"][:5]) <= for_seniors and len(found[2]["ids"]) > len(for_seniors)
    with phone_page(chromium) as page:
        page.goto(example_server + "/suche/?q=Kurs für 10-Jährige")
        button = page.get_by_role("button", name="Filter „Alter 10“ (aus Ihrer Suche) entfernen")
        button.wait_for()
        assert int(page.text_content("[data-status]").split()[0]) == len(found[0]["ids"])
        button.click()
        page.wait_for_function("!document.querySelector('[data-implied]').children.length")
        assert page.input_value("#suche-q").split() == ["Kurs", "für"]
