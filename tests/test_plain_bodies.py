"""Bodies of plain paragraphs are rendered without Markdown: exactly as Markdown and the sanitiser would."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wegweiser.content import sanitize
from wegweiser.content.sanitize import find_unsafe, plain_html, render_markdown

QUIET = settings(deadline=None, database=None, max_examples=1500, suppress_health_check=[HealthCheck.too_slow])


def full_pipeline(text: str) -> str:
    """What the body becomes through Python-Markdown, the heading shift and nh3 (the slow path)."""
    html = sanitize._converter().reset().convert(text)
    return sanitize.clean_html(sanitize._HEADING.sub(sanitize._shift_heading, html))


# letters, digits, the punctuation plain bodies use, and everything Markdown or HTML give a meaning to
PLAIN = list("aäßZ09 \n.,;:?'\"„“()/%€§+=°-–") + ["Kurs", "Sie", "12", "2027", "\n\n", "1. ", "- ", "  \n"]
SPECIAL = list("*_`[]<>&#\\!\t\u00a0\u2009|~{}^@")
lines = st.builds(str.__add__, st.sampled_from(list("Kaä(„\"319") + ["1.", "12."]),
                  st.lists(st.sampled_from(PLAIN + SPECIAL[:3]), max_size=12).map("".join))
# lines shaped like a body's (many take the fast path), plain pieces, and anything
texts = st.one_of(st.lists(st.tuples(lines, st.sampled_from(["\n", "\n\n", "\n\n\n", " \n"])), min_size=1, max_size=5)
                  .map(lambda parts: "".join(line + end for line, end in parts).rstrip("\n")),
                  st.lists(st.sampled_from(PLAIN), max_size=40).map("".join),
                  st.lists(st.sampled_from(PLAIN + SPECIAL), max_size=40).map("".join))


@QUIET
@given(texts)
@example("1. Tag\n2. Tag")
@example("Kurs\n---")
@example("Kurs\n===")
@example("Text  \nmehr")
@example("Eins\n\n\n\nZwei")
@example("A & B")
@example("Preis: 12 € (ermäßigt 6 €)")
@example("Termin am 3.\n4. Juni")
def test_plain_html_is_what_markdown_and_the_sanitiser_make(text):
    plain = plain_html(text)
    if plain is not None:
        assert plain == full_pipeline(text)
        assert find_unsafe(text) == []


@pytest.mark.parametrize("text", [
    "Vorkenntnisse sind nicht nötig; alle Materialien werden gestellt.",
    "Kochkurs für Frauen in Ulmenried: Die Kursleitung hat „langjährige“ Erfahrung.\nZweite Zeile (mit Klammer).",
    "Erster Absatz – 120 € pro Person, 10 % Ermäßigung.\n\nZweiter Absatz: 18:00–20:00 Uhr, Raum 2/3.",
    "3 Termine im Jahr 2027",
])
def test_the_usual_bodies_take_the_fast_path(text):
    assert plain_html(text) == full_pipeline(text)


@pytest.mark.parametrize("text", [
    "- eins\n- zwei", "1. eins\n2. zwei", "**fett**", "Ein [Link](https://example.org)", "# Titel",
    "Text<script>alert(1)</script>", "A &amp; B", "Zeile  \nUmbruch", "> Zitat", "    Code", "Kurs\n---",
    "a_b_c", "Tab\tText", "Preis\u00a0€",
])
def test_anything_else_goes_through_markdown(text):
    assert plain_html(text) is None
    assert str(render_markdown(text)) == full_pipeline(text)
