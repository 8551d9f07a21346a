"""No search link freezes the visitor's tab: any /suche/?q=… answers within 100 ms at 4× CPU throttling.

lunr's typo matching costs grow with the square of a word's length, and every word is a query
of its own: the search reads at most 200 characters and 10 words, and tolerates typos only in
words of at most 20 letters (theme/static/js/search-query.js).
"""

from __future__ import annotations

import random
from urllib.parse import quote

import pytest
from browser import phone_page

#: a guard, not the budget: before the caps such a link froze the tab for 100 s (2.8 GB of heap);
#: now it answers in 2–30 ms at 4× CPU on a quiet machine. The 100 ms budget is a benchmark figure
#: (benchmarks/search.py); a timed test on a shared machine would fail for the machine's load.
BUDGET_MS = 1500
_rng = random.Random(21)
HOSTILE = {
    "20000 × a": "a" * 20_000,
    "10000 × ab": "ab" * 10_000,
    "2000 words": "kursabend " * 2_000,
    "umlauts": "ä" * 5_000,
    "random letters": "".join(_rng.choice("abcdefghijklmnopqrstuvwxyzäöüß ") for _ in range(20_000)),
    "long words": " ".join("".join(_rng.choice("aeiknrst") for _ in range(19)) for _ in range(500)),
    "digits": "x1 " * 5_000,
}
SEARCH = """q => new Promise(done => {
  document.getElementById('suche').addEventListener('ww:results', e => done(e.detail.ms), {once: true});
  const input = document.getElementById('suche-q');
  input.value = q;
  input.dispatchEvent(new Event('input'));
})"""


@pytest.fixture(scope="module")
def throttled(chromium, example_server):
    """The search page, lunr and the first search files loaded, the CPU slowed down four times."""
    with phone_page(chromium) as page:
        page.goto(f"{example_server}/suche/?q=deutsch")
        page.wait_for_selector("[data-results] li a", timeout=15_000)
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        yield page


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_query_answers_within_the_budget(throttled, name):
    query = HOSTILE[name]
    throttled.evaluate(SEARCH, query)  # loads the search files its words need
    ms = throttled.evaluate(SEARCH, query + " ")
    assert ms <= BUDGET_MS, f"{name}: {ms:.0f} ms"


def test_a_hostile_link_shows_its_answer_at_once(chromium, example_server):
    """Opened as a link (nothing loaded yet), the page answers and keeps only the first 200 characters."""
    with phone_page(chromium) as page:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.goto(f"{example_server}/suche/?q={quote('a' * 20_000)}")
        page.wait_for_function("document.querySelector('[data-status]').textContent.trim() !== ''", timeout=10_000)
        assert len(page.input_value("#suche-q")) == 200
        page.evaluate(SEARCH, "deutsch")  # the tab still answers (this loads the word's search files)
        assert page.evaluate(SEARCH, "deutsch ") <= BUDGET_MS
