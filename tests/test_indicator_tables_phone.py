"""Indicator tables on a phone (390 px, real Chromium): a wide table scrolls inside its labelled, focusable
region with a visible cue, and its title is never cut."""

from __future__ import annotations

from browser import phone_page

#: the tables the issue found cut at 390 px
WIDE = ["betreuungsquote-unter-3", "uebergaenge-nach-schulart"]

TABLES = """() => Array.from(document.querySelectorAll('.ww-table-wrap')).map(w => {
  const title = document.getElementById(w.getAttribute('aria-labelledby'));
  const r = title.getBoundingClientRect();
  const hint = w.querySelector('.ww-table-wrap__hint');
  return {id: w.querySelector('table').id, wide: w.scrollWidth > w.clientWidth, tabindex: w.getAttribute('tabindex'),
          role: w.getAttribute('role'), title: title.textContent.trim(), caption: w.querySelector('caption').textContent.trim(),
          titleFits: r.left >= 0 && r.right <= document.documentElement.clientWidth && title.scrollWidth <= title.clientWidth,
          hint: hint.getBoundingClientRect().height > 0 && getComputedStyle(hint).visibility === 'visible',
          shadow: getComputedStyle(w).backgroundImage.includes('gradient')};
})"""


def test_wide_tables_scroll_in_a_labelled_region_with_a_cue_and_an_uncut_title(chromium, example_server, catalog):
    seen_wide = set()
    with phone_page(chromium) as page:
        for indicator in catalog.monitoring.indicators:
            page.goto(f"{example_server}/{indicator.page_url}")
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), indicator.id
            for table in page.evaluate(TABLES):
                assert table["tabindex"] == "0" and table["role"] == "region", (indicator.id, table["id"])
                assert table["title"] and table["title"] == table["caption"], (indicator.id, table["id"])
                assert table["titleFits"], (indicator.id, table["id"])
                assert table["hint"] == table["wide"], (indicator.id, table)
                assert table["shadow"]
                if table["wide"]:
                    seen_wide.add(indicator.id)
    assert set(WIDE) <= seen_wide
