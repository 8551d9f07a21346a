"""Home and offer pages stay within 30 KB gzipped, including CSS and JS they load."""

from __future__ import annotations

import gzip
import re

LIMIT = 30 * 1024


def _weight(site, page) -> int:
    html = page.read_bytes()
    total = len(gzip.compress(html, 9))
    for ref in re.findall(rb'(?:href|src)="/([^"]+\.(?:css|js))"', html):
        if b'media="print"' in html.split(ref)[1][:40]:
            continue  # print stylesheet is not downloaded for the screen
        total += len(gzip.compress((site / ref.decode()).read_bytes(), 9))
    return total


def test_home_and_offer_pages_within_budget(example_site):
    pages = [example_site / "index.html"] + list((example_site / "angebote").glob("*/index.html"))
    heaviest = max(pages, key=lambda p: _weight(example_site, p))
    assert _weight(example_site, heaviest) <= LIMIT, heaviest
