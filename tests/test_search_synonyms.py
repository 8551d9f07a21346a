"""Everyday synonyms for the search: the office's list, checked like every vocabulary, applied to the
index (Kindergarten finds a Kita) without giving a word the synonyms of a different word."""

from __future__ import annotations

from conftest import run_cli

from wegweiser.content.schema import load_schemas
from wegweiser.search.search_text import terms
from wegweiser.search.synonyms import Synonyms, similar

ROWS = [{"words": ["Kita", "Kindergarten", "Kindertagesstätte"]}, {"words": ["Erste Hilfe", "first aid"]},
        {"words": ["Wochenende", "weekend"]}, {"words": ["DaF", "Deutsch als Fremdsprache"]}]


def _expanded(text: str, parts=()) -> set[str]:
    from wegweiser.search.search_text import STOP_WORDS, words

    return set(Synonyms.from_rows(ROWS).expand([w for w in words(text) if w not in STOP_WORDS], parts))


def test_the_shipped_list_has_at_least_150_groups_of_two_or_more_words():
    from conftest import ROOT

    rows = load_schemas(ROOT / "data").vocabularies["synonyms"].rows
    assert len(rows) >= 150
    assert all(len(row["words"]) >= 2 for row in rows)
    groups = {frozenset(w.strip().lower() for w in row["words"]) for row in rows}
    for pair in [{"kita", "kindergarten"}, {"pc", "computer"}, {"handy", "smartphone"}, {"kostenlos", "umsonst"},
                 {"geflüchtete", "flüchtlinge"}, {"nachhilfe", "lernhilfe"}]:
        assert any(pair <= group for group in groups), pair


def test_a_word_phrase_or_compound_part_brings_its_whole_group():
    assert set(terms("Kindergarten Kindertagesstätte")) <= _expanded("Unsere Kitas")
    assert set(terms("first aid")) <= _expanded("Kurs in Erster Hilfe")
    assert set(terms("Kindergarten")) <= _expanded("Waldkita", parts=["wald", "kita"])
    assert _expanded("Hilfe beim Lernen") == set()  # "Hilfe" alone is not the phrase "Erste Hilfe"


def test_words_that_only_share_a_stem_or_a_beginning_do_not():
    assert terms("Wochen") == terms("Wochenende")  # the stemmer cannot tell them apart …
    assert _expanded("in zwei Wochen") == set()  # … the synonyms can
    assert _expanded("Dafür gibt es Kurse") == set()  # DaF is not dafür
    assert similar("kitas", "kita") and similar("kinder", "kind") and not similar("arten", "art")


def test_a_group_of_one_word_is_an_error_naming_file_line_and_field(editable_project, capsys):
    data = editable_project.parent / "data" / "vocabularies" / "synonyms.csv"
    data.write_text(data.read_text(encoding="utf-8") + "allein,Einzelwort\n", encoding="utf-8")
    assert run_cli(editable_project, "validate") == 1
    out = capsys.readouterr().out
    line = len(data.read_text(encoding="utf-8").splitlines())
    assert f"synonyms.csv:{line}: Fehler im Feld „words“" in out
