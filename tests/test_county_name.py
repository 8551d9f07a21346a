"""The county's name in its grammatical form: „Bildung im Landkreis Musterland“, not „in Landkreis“."""

from __future__ import annotations

import pytest

from wegweiser.build.run import build
from wegweiser.catalog.display import in_county


@pytest.mark.parametrize("name, expected", [
    ("Landkreis Musterland", "im Landkreis Musterland"),
    ("Kreis Musterland", "im Kreis Musterland"),
    ("Stadt Musterstadt", "in der Stadt Musterstadt"),
    ("Region Hannover", "in der Region Hannover"),
    ("Musterstadt", "in Musterstadt"),
])
def test_the_form_after_in_is_guessed_from_the_name(name, expected):
    assert in_county(name) == expected


def test_the_setting_says_it_where_the_guess_cannot():
    assert in_county("Vogelsbergkreis", "im Vogelsbergkreis") == "im Vogelsbergkreis"


def test_the_home_page_heading_uses_it(example_site, minimal_project, tmp_path):
    assert '<h1 class="ww-title">Bildung im Landkreis Musterland</h1>' in (example_site / "index.html").read_text(
        encoding="utf-8")
    with (minimal_project / "pelicanconf.py").open("a", encoding="utf-8") as fh:
        fh.write('WEGWEISER_COUNTY = "Stadt Beispielhausen"\nWEGWEISER_COUNTY_IN = None\n')
    assert build(minimal_project / "pelicanconf.py", tmp_path / "out").ok
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="ww-title">Bildung in der Stadt Beispielhausen</h1>' in html
