"""Brochure benchmark: time and peak memory of `wegweiser brochure` (the whole brochure and one PDF
per Bildungsbereich) for synthetic guides of N offers, and for the example guide.

    python benchmarks/brochure.py 300            # budget: 300 offers in 60 s on two cores
    python benchmarks/brochure.py 300 1000 --example --paper A5
    python benchmarks/brochure.py 300 --lang ar  # another language (--lang all: every language of the guide)

Each size is generated with benchmarks/generate.py (fixed seed). Memory: the largest process (the
command or its largest worker; ru_maxrss). CPU: user and system seconds of all its processes; with
the load average at the end, since on a shared machine the wall-clock time says little by itself.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader  # a test dependency (pip install -e '.[test]')

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

WRAPPER = """
import resource, sys
from wegweiser.cli import main
code = main(["brochure", *sys.argv[1:]])
print("MAXRSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
print("WORKER_MAXRSS_KB", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""
SITE = "https://bildung.landkreis-musterland.example"


def run(settings: Path, output: Path, paper: str, cwd: Path, lang: str = "de") -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAPPER, "--settings", str(settings), "--site-url", SITE,
                           "--paper", paper, "--lang", lang, "--output", str(output)], cwd=cwd, capture_output=True,
                          text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode:
        raise SystemExit(f"wegweiser brochure failed:\n{done.stdout}\n{done.stderr}")
    rss = max(int(n) for n in re.findall(r"MAXRSS_KB (\d+)", done.stderr))
    pdfs = sorted(output.rglob("*.pdf"))
    whole = sorted(output.rglob("bildungswegweiser.pdf"))[0]
    return {"seconds": seconds, "cpu": cpu, "load": os.getloadavg()[0], "rss_mb": rss / 1024, "files": len(pdfs),
            "mb": sum(p.stat().st_size for p in pdfs) / 1e6,
            "pages": len(PdfReader(whole).pages)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[300], help="numbers of offers")
    parser.add_argument("--example", action="store_true", help="also the example guide (content/)")
    parser.add_argument("--paper", choices=["A4", "A5"], default="A4")
    parser.add_argument("--lang", default="de", help="the brochure's language(s), as for wegweiser brochure --lang")
    args = parser.parse_args(argv)
    from generate import generate

    rows = []
    with tempfile.TemporaryDirectory(prefix="brochure-bench-") as tmp:
        tmp = Path(tmp)
        if args.example:
            rows.append(("Beispiel", run(ROOT / "pelicanconf.py", tmp / "example", args.paper, ROOT, args.lang)))
        for n in args.sizes:
            folder = tmp / f"guide-{n}"
            # the example's languages when another than German is asked for (the synthetic offers have no
            # translations: their texts are German in every language, the interface's translated)
            generate(n, folder, 20261123, ["de", "en", "tr", "ar", "uk", "ru", "fa"] if args.lang != "de" else ["de"])
            rows.append((f"{n} Angebote", run(folder / "pelicanconf.py", tmp / f"out-{n}", args.paper, folder, args.lang)))
    print(f"{'guide':<16}{'seconds':>9}{'CPU s':>8}{'load':>6}{'peak MB':>9}{'PDFs':>6}{'MB':>7}{'pages (whole)':>15}")
    for name, r in rows:
        print(f"{name:<16}{r['seconds']:>9.1f}{r['cpu']:>8.1f}{r['load']:>6.1f}{r['rss_mb']:>9.0f}{r['files']:>6}"
              f"{r['mb']:>7.1f}{r['pages']:>15}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
