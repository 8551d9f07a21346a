"""What the service worker keeps ahead of a visit on a built site, and which typical queries it answers
offline without having been searched before.

    python benchmarks/generate.py 5000 /tmp/guide-5000
    wegweiser build --settings /tmp/guide-5000/pelicanconf.py
    python benchmarks/offline.py /tmp/guide-5000/output

A query counts as answered when every term of it lies in a kept index shard (the manifest, filter
sets, facets and result rows come first, so they are kept whenever a shard is).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from wegweiser.outputs.offline import DEFAULT_BUDGET_KB, plan  # noqa: E402
from wegweiser.search.search_text import terms  # noqa: E402

#: one-word queries as citizens type them (the subjects of benchmarks/generate.py and the example)
QUERIES = ("Deutschkurs Kita Kindergarten Yoga Englisch Musik Integrationskurs Schwimmkurs Computerkurs "
           "Hausaufgabenhilfe Bewerbung Krabbelgruppe Elternkurs Nähkurs Chor Gitarre Bibliothek "
           "Ferienbetreuung Sprachcafé Seniorinnen Jugendliche Familie Beratung Kochkurs Malkurs Tanzkurs "
           "Pilates Theater Kurs Smartphone").split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="a built site")
    parser.add_argument("--budget", type=int, default=DEFAULT_BUDGET_KB, help="KB (gzip)")
    args = parser.parse_args()
    precache = plan(args.output, "", {"de": ""}, args.budget)
    print(precache.summary())
    language = precache.languages["de"]
    words = {True: set(), False: set()}
    for path in language.data + language.left:
        if "/s-" in path:
            words[path in language.data].update(json.loads((args.output / path).read_bytes())["terms"])
    answered = [q for q in QUERIES if all(t in words[True] for t in terms(q))]
    total = len(words[True]) + len(words[False])
    print(f"Wörter des Index vorab offline: {len(words[True])} von {total} ({len(words[True]) / max(total, 1):.0%})")
    print(f"Typische Suchen offline beantwortet: {len(answered)} von {len(QUERIES)} ({', '.join(answered)})")


if __name__ == "__main__":
    main()
