"""Search benchmark: bytes a phone downloads before the first result, and query latency.

    python benchmarks/search.py 1000 5000

For each size: generate a synthetic guide (benchmarks/generate.py), build it, run
Pagefind on the same built site (offer pages only), then in Debian's Chromium at
phone size measure, for a set of typical queries, the bytes (gzip-compressed, as a
server with compression sends them) requested from opening the search page until
the first results are shown — our search versus Pagefind's JS API showing the first
10 results — and the time a query takes once its data is loaded, with the CPU
throttled 4×. Prints one table.
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
PAGEFIND_HARNESS = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>pf</title></head>
<body><script type="module">
window.pfSearch = async (q) => {
  const t0 = performance.now();
  const pagefind = window.pf || (window.pf = await import('/pagefind/pagefind.js'));
  const r = await pagefind.search(q);
  const data = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
  return {count: r.results.length, ms: performance.now() - t0, titles: data.map(d => d.meta.title)};
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


def measure(browser_factory, base: str, site: Path, queries, mode: str):
    """Per query: (gzip bytes of search JS + data, number of results, warm query ms at 4× CPU)."""
    rows = []
    with browser_factory() as chromium:
        for q in queries:
            context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            resources = "performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
            if mode == "ours":
                page.goto(base + "/suche/")
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


def run_size(n: int, work: Path, browser_factory) -> dict:
    from generate import generate

    folder = work / f"guide-{n}"
    generate(n, folder)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "wegweiser.cli", "build", "--settings", str(folder / "pelicanconf.py")],
                   check=True, capture_output=True, cwd=ROOT)
    build_s = time.perf_counter() - started
    site = folder / "output"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--glob", "angebote/**/*.html",
                    "--force-language", "de"], check=True, capture_output=True)
    (site / "pf-harness.html").write_text(PAGEFIND_HARNESS, encoding="utf-8")
    server, base = serve(site)
    try:
        ours = measure(browser_factory, base, site, QUERIES, "ours")
        theirs = measure(browser_factory, base, site, QUERIES, "pagefind")
    finally:
        server.shutdown()
    index_total = sum(gz_size(p) for p in (site / "suche" / "daten").iterdir())
    return {"n": n, "build_s": build_s, "ours": ours, "pagefind": theirs, "index_total": index_total}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Search size and speed versus Pagefind.")
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    parser.add_argument("--work", type=Path, help="folder for generated guides (default: a temporary folder)")
    args = parser.parse_args(argv)
    from browser import browser

    work = args.work or Path(tempfile.mkdtemp(prefix="wegweiser-search-"))
    results = [run_size(n, work, browser) for n in args.sizes]
    kb = lambda b: f"{b / 1024:.0f}"  # noqa: E731
    print()
    print("| offers | search data total (gz KB) | first search, ours (gz KB, median / max) | first search, Pagefind "
          "(gz KB, median / max) | query at 4× CPU, ours (ms, median / max) | Pagefind (ms, median / max) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in results:
        o = [row[1] for row in r["ours"]]
        p = [row[1] for row in r["pagefind"]]
        ot = [row[3] for row in r["ours"]]
        pt = [row[3] for row in r["pagefind"]]
        print(f"| {r['n']} | {kb(r['index_total'])} | {kb(statistics.median(o))} / {kb(max(o))} | "
              f"{kb(statistics.median(p))} / {kb(max(p))} | {statistics.median(ot):.0f} / {max(ot):.0f} | "
              f"{statistics.median(pt):.0f} / {max(pt):.0f} |")
    print()
    for r in results:
        print(f"{r['n']} offers, per query (ours KB / results | Pagefind KB / results):")
        for a, b in zip(r["ours"], r["pagefind"]):
            print(f"  {a[0]:<28} {kb(a[1]):>4} KB / {a[2]:>3}   |  {kb(b[1]):>4} KB / {b[2]:>3}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
