"""Search benchmark: bytes a phone downloads before the first result, query latency, and what is found.

    python benchmarks/search.py 1000 5000            # synthetic guides of 1,000 and 5,000 offers
    python benchmarks/search.py --example            # the example guide, with the relevance set
    python benchmarks/search.py --site DIR --queries "Kita,Kita Pankow"   # a site built elsewhere
    python benchmarks/search.py --site DIR --lang ar --queries "اندماج,Deutschkurs"   # another language's page

For each guide: build it (synthetic ones are generated first by benchmarks/generate.py), run
Pagefind on the same built site (offer pages only), then in Debian's Chromium at phone size
measure, for a set of typical queries, the bytes (gzip-compressed, as a server with compression
sends them) requested from opening the search page until the first results are shown — our
search versus Pagefind's JS API showing the first 10 results — and the time a query takes once
its data is loaded, with the CPU throttled 4×. On the example guide (and on any site with
``--relevance``) the relevance set tests/search/relevance.yaml (on the example also the held-out set
tests/search/heldout.yaml) is typed into our search page and
given to Pagefind: success@10 (an expected offer among the first ten) and the zero-result rate.
Prints one table.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))

QUERIES = ["Deutschkurs", "Yoga", "Kita Eichenau", "Schulabschluss nachholen", "Computerkurs für Senioren",
           "Erste Hilfe", "Gitarre", "Bewerbung"]
#: the example guide's: the same needs, in the words of the relevance set
EXAMPLE_QUERIES = ["Deutschkurs", "Yoga", "Kita Eichenau", "Schulabschluss nachholen", "Computerkurs für Senioren",
                   "Erste Hilfe", "Gitarre lernen", "Bewerbung schreiben", "Sprachkurs für Frauen", "kostenlos"]
RELEVANCE = ROOT / "tests" / "search" / "relevance.yaml"
#: queries written apart from the relevance set, which the search was not tuned on (--example only)
HELDOUT = ROOT / "tests" / "search" / "heldout.yaml"
PAGEFIND_HARNESS = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>pf</title></head>
<body><script type="module">
window.pfSearch = async (q) => {
  const t0 = performance.now();
  const pagefind = window.pf || (window.pf = await import('/pagefind/pagefind.js'));
  const r = await pagefind.search(q);
  const data = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
  return {count: r.results.length, ms: performance.now() - t0, titles: data.map(d => d.meta.title),
          ids: data.map(d => d.url.replace(/\\/$/, '').split('/').pop())};
};
window.pfReady = true;
</script></body></html>"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def gz_size(path: Path) -> int:
    data = path.read_bytes()
    return min(len(data), len(gzip.compress(data, 6)))


def measure(browser_factory, base: str, site: Path, queries, mode: str, page_path: str = "/suche/"):
    """Per query: (gzip bytes of search JS + data, number of results, warm query ms at 4× CPU); ours on the
    search page at ``page_path`` (another language's: /ar/suche/)."""
    rows = []
    with browser_factory() as chromium:
        for q in queries:
            context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            resources = "performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
            if mode == "ours":
                page.goto(base + page_path)
                page.wait_for_load_state("networkidle")
                shell = page.evaluate(resources)
                first_search = page.evaluate("""([q, resources]) => new Promise(res => {
                    document.getElementById('suche').addEventListener('ww:results',
                        e => res({loaded: eval(resources)}), {once: true});
                    const i = document.getElementById('suche-q'); i.value = q; i.dispatchEvent(new Event('input'));
                })""", [q, resources])
                first = [p for p in first_search["loaded"] if p not in shell]
                count = page.evaluate("document.querySelectorAll('[data-results] li').length")
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                times = [page.evaluate("""q => new Promise(res => {
                    document.getElementById('suche').addEventListener('ww:results', e => res(e.detail.ms), {once: true});
                    const i = document.getElementById('suche-q'); i.value = q + ' '.repeat(k % 2); i.dispatchEvent(new Event('input'));
                })""".replace("k % 2", str(k % 2 + 1)), q) for k in range(3)]
            else:
                # Pagefind fetches from a web worker, which the page's resource timing does not see.
                requested = []
                page.on("requestfinished", lambda r: requested.append(r.url))
                page.goto(base + "/pf-harness.html")
                page.wait_for_function("window.pfReady === true")
                shell = ["/pf-harness.html"]
                requested.clear()
                result = page.evaluate("q => window.pfSearch(q)", q)
                first = sorted({urlsplit(u).path for u in requested})
                count = result["count"]
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                times = [page.evaluate("q => window.pfSearch(q)", q)["ms"] for _ in range(3)]
            search_js = {p for p in shell if p.endswith(".js")}  # loaded with the page, but only for the search
            files = set(first) | search_js
            size = sum(gz_size(site / p.lstrip("/")) for p in files if (site / p.lstrip("/")).is_file())
            rows.append((q, size, count, statistics.median(times), shell))
            context.close()
    return rows


def found(browser_factory, base: str, queries, mode: str) -> list[tuple[int, list[str]]]:
    """Per query: (number of results, ids of the first ten), typed into our page or given to Pagefind."""
    out = []
    with browser_factory() as chromium:
        page = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
        if mode == "ours":
            page.goto(base + "/suche/")
            for q in queries:
                out.append(page.evaluate("""q => new Promise(done => {
                    const form = document.getElementById('suche');
                    form.addEventListener('ww:results', e => done([e.detail.count, Array.from(
                        document.querySelectorAll('[data-results] a.ww-card__link'), a => a.getAttribute('href')
                            .replace(/\\/$/, '').split('/').pop()).slice(0, 10)]), {once: true});
                    const input = document.getElementById('suche-q');
                    input.value = q;
                    input.dispatchEvent(new Event('input'));
                })""", q))
        else:
            page.goto(base + "/pf-harness.html")
            page.wait_for_function("window.pfReady === true")
            for q in queries:
                result = page.evaluate("q => window.pfSearch(q)", q)
                out.append((result["count"], result["ids"]))
    return out


def relevance(browser_factory, base: str, path: Path = RELEVANCE) -> dict:
    """success@10 and zero-result rate of ours and Pagefind's on a query set (by default the relevance set).
    A query of kind "nothing" (the guide has no such offer) succeeds when no result is shown; the
    zero-result rate counts the other queries only."""
    import yaml

    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = [c["q"] for c in cases]
    needs = [c["kind"] != "nothing" for c in cases]
    out = {"n": len(cases), "name": path.stem}
    for mode in ("ours", "pagefind"):
        results = found(browser_factory, base, queries, mode)
        hits = [bool(set(c["expect"]) & set(ids)) if need else not count
                for c, need, (count, ids) in zip(cases, needs, results)]
        zero = sum(1 for need, (count, _) in zip(needs, results) if need and not count)
        out[mode] = {"success": sum(hits) / len(cases), "zero": zero / sum(needs), "results": results, "hits": hits}
    out["pagefind_only"] = [c["q"] for c, a, b in zip(cases, out["ours"]["hits"], out["pagefind"]["hits"]) if b and not a]
    out["ours_empty_pagefind_not"] = [c["q"] for c, need, (a, _), (b, _) in zip(
        cases, needs, out["ours"]["results"], out["pagefind"]["results"]) if need and b and not a]
    return out


def measure_site(site: Path, browser_factory, queries, with_relevance: bool, n: int, build_s: float = 0.0,
                 lang: str | None = None, with_heldout: bool = False) -> dict:
    prefix = f"{lang}/" if lang else ""  # another language: Pagefind on that language's offer pages
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--glob", f"{prefix}angebote/**/*.html",
                    "--force-language", lang or "de"], check=True, capture_output=True)
    (site / "pf-harness.html").write_text(PAGEFIND_HARNESS, encoding="utf-8")
    server, base = serve(site)
    try:
        ours = measure(browser_factory, base, site, queries, "ours", f"/{lang}/suche/" if lang else "/suche/")
        theirs = measure(browser_factory, base, site, queries, "pagefind")
        found_sets = relevance(browser_factory, base) if with_relevance else None
        held_out = relevance(browser_factory, base, HELDOUT) if with_heldout else None
    finally:
        server.shutdown()
    index_total = sum(gz_size(p) for p in (site / "suche" / "daten").iterdir())
    return {"n": n, "build_s": build_s, "ours": ours, "pagefind": theirs, "index_total": index_total,
            "relevance": found_sets, "heldout": held_out, "site": site}


def run_example(work: Path, browser_factory) -> dict:
    from conftest import make_project

    folder = make_project(work / "example")
    if not (folder / "content").exists():
        (folder / "content").symlink_to(ROOT / "content")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "wegweiser.cli", "build", "--settings", str(folder / "pelicanconf.py")],
                   check=True, capture_output=True, cwd=ROOT)
    site = folder / "output"
    n = len(list((site / "angebote").glob("*/index.html")))
    return measure_site(site, browser_factory, EXAMPLE_QUERIES, True, n, time.perf_counter() - started,
                        with_heldout=True)


def run_size(n: int, work: Path, browser_factory) -> dict:
    from generate import generate

    folder = work / f"guide-{n}"
    generate(n, folder)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "wegweiser.cli", "build", "--settings", str(folder / "pelicanconf.py")],
                   check=True, capture_output=True, cwd=ROOT)
    build_s = time.perf_counter() - started
    return measure_site(folder / "output", browser_factory, QUERIES, False, n, build_s)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Search size, speed and findings versus Pagefind.")
    parser.add_argument("sizes", nargs="*", type=int, help="synthetic guides of these sizes")
    parser.add_argument("--example", action="store_true", help="the example guide, with the relevance set")
    parser.add_argument("--site", type=Path, action="append", default=[], help="an already built site (output folder)")
    parser.add_argument("--queries", help="comma-separated queries for --site (default: the synthetic guides')")
    parser.add_argument("--relevance", action="store_true", help="also run the relevance set on --site")
    parser.add_argument("--lang", help="for --site: search on the page of this language (/<lang>/suche/), Pagefind "
                                       "on the offer pages of this language (/<lang>/angebote/)")
    parser.add_argument("--work", type=Path, help="folder for generated guides (default: a temporary folder)")
    args = parser.parse_args(argv)
    from browser import browser

    work = args.work or Path(tempfile.mkdtemp(prefix="wegweiser-search-"))
    results = [run_example(work, browser)] if args.example else []
    queries = args.queries.split(",") if args.queries else QUERIES
    for site in args.site:
        n = len(list((site / "angebote").glob("*/index.html")))
        results.append(measure_site(site, browser, queries, args.relevance, n, lang=args.lang))
    results += [run_size(n, work, browser) for n in (args.sizes if args.sizes or results else [1000, 5000])]
    print_table(results)
    return 0


def print_table(results: list[dict]) -> None:
    kb = lambda b: f"{b / 1024:.0f}"  # noqa: E731
    print()
    print("| site | offers | search data total (gz KB) | first search, ours (gz KB, median / max) | first search, "
          "Pagefind (gz KB, median / max) | query at 4× CPU, ours (ms, median / max) | Pagefind (ms, median / max) "
          "| success@10, ours / Pagefind | zero results, ours / Pagefind |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        o = [row[1] for row in r["ours"]]
        p = [row[1] for row in r["pagefind"]]
        ot = [row[3] for row in r["ours"]]
        pt = [row[3] for row in r["pagefind"]]
        rel = r["relevance"]
        found_cells = (f"{rel['ours']['success']:.2f} / {rel['pagefind']['success']:.2f} | "
                       f"{rel['ours']['zero']:.2f} / {rel['pagefind']['zero']:.2f}") if rel else "– | –"
        print(f"| {r['site'].parent.name} | {r['n']} | {kb(r['index_total'])} | {kb(statistics.median(o))} / {kb(max(o))} | "
              f"{kb(statistics.median(p))} / {kb(max(p))} | {statistics.median(ot):.0f} / {max(ot):.0f} | "
              f"{statistics.median(pt):.0f} / {max(pt):.0f} | {found_cells} |")
    print()
    for r in results:
        print(f"{r['site'].parent.name}, {r['n']} offers, per query (ours KB / results / ms | Pagefind KB / results / ms):")
        for a, b in zip(r["ours"], r["pagefind"]):
            print(f"  {a[0]:<28} {kb(a[1]):>4} KB / {a[2]:>4} / {a[3]:>4.0f}  |  {kb(b[1]):>4} KB / {b[2]:>4} / {b[3]:>4.0f}")
        for rel in filter(None, (r["relevance"], r.get("heldout"))):
            print(f"  {rel['name']} set ({rel['n']} queries): success@10 {rel['ours']['success']:.2f} / "
                  f"{rel['pagefind']['success']:.2f}, zero results {rel['ours']['zero']:.2f} / {rel['pagefind']['zero']:.2f}"
                  f" (ours / Pagefind); Pagefind found an expected offer where we did not: "
                  f"{rel['pagefind_only'] or 'none'}; Pagefind found offers where we found none: "
                  f"{rel['ours_empty_pagefind_not'] or 'none'}")


if __name__ == "__main__":
    sys.exit(main())
