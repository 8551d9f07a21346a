"""How fast the editor (/admin/) lists and searches the offers of a large guide, on the local backend.

    python benchmarks/generate.py 5000 /tmp/g5000
    python benchmarks/editor.py /tmp/g5000 [--runs 3]

Writes the editor's files for the guide (as the build does with WEGWEISER_CMS on), starts
decap-server (node_modules, see package.json) on the guide's folder and Debian's Chromium, signs
in and measures, in seconds: the offers' list from the click on „Login“ until the first entries are
shown; a search for a word of one offer's title until its entry is shown; the list sorted by title;
and a provider chosen in a new offer (the relation widget's options). Prints one line per run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests")]

from browser import browser  # noqa: E402
from conftest import decap_server, free_port, serve  # noqa: E402

from wegweiser.content.schema import load_schemas  # noqa: E402
from wegweiser.editor.admin_files import admin_files  # noqa: E402


def _settings(port: int) -> dict:
    return {"WEGWEISER_CMS": True, "WEGWEISER_REPO_URL": "https://gitlab.example.org/bildung/wegweiser",
            "WEGWEISER_CMS_APP_ID": "benchmark", "WEGWEISER_CMS_LOCAL_BACKEND": f"http://127.0.0.1:{port}/api/v1"}


def cpu_seconds() -> float:
    """CPU time (user + system) of this process's descendants: Chromium, decap-server, the driver.

    The machine may be shared: wall-clock time then says more about the others than about the
    editor, CPU time does not."""
    parents, times = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    mine, total = {os.getpid()}, 0.0
    for _ in range(10):  # a few generations deep
        mine |= {pid for pid, parent in parents.items() if parent in mine}
    return sum(times[pid] for pid in mine if pid != os.getpid())


class Step:
    """Wall-clock and CPU seconds of a step."""

    def __init__(self, found: dict, name: str):
        self.found, self.name = found, name

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), cpu_seconds()

    def __exit__(self, *exc):
        if exc[0] is None:
            self.found[self.name] = (time.perf_counter() - self.wall, cpu_seconds() - self.cpu)
            print(f"  {self.name}: {self.found[self.name][0]:.2f} s, CPU {self.found[self.name][1]:.2f} s", flush=True)


def measure(page, url: str, word: str) -> dict[str, tuple[float, float]]:
    found: dict = {}
    page.goto(url)
    page.get_by_role("button", name="Login").wait_for(timeout=120_000)
    with Step(found, "list"):
        page.get_by_role("button", name="Login").click()
        page.wait_for_selector("a[href*='#/collections/offers/entries/']", timeout=300_000)
    search = page.get_by_placeholder("Alles durchsuchen")
    with Step(found, "search"):
        search.fill(word)
        search.press("Enter")
        page.wait_for_selector(f"a[href*='#/collections/offers/entries/']:has-text('{word}')", timeout=300_000)
    page.goto(url + "#/collections/offers")
    page.wait_for_selector("a[href*='#/collections/offers/entries/']", timeout=300_000)
    with Step(found, "sort by title"):
        page.get_by_role("button", name="Sortieren nach").click()
        page.get_by_role("menuitem", name="Titel").click()
        page.wait_for_selector("a[href*='#/collections/offers/entries/']", timeout=300_000)
        page.wait_for_load_state("networkidle")
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a guide made by benchmarks/generate.py")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    folder = args.folder.resolve()
    schemas = load_schemas(ROOT / "data")
    port = free_port()
    offers = sorted((folder / "content" / "offers").glob("*.md"))
    word = next(line for line in offers[len(offers) // 2].read_text(encoding="utf-8").splitlines()
                if line.startswith("title: ")).split(": ", 1)[1].strip("'\"")
    with tempfile.TemporaryDirectory() as site:
        for path, data in admin_files(schemas, _settings(port)):
            if os.environ.get("EDITOR_TRIVIAL") and path.endswith("wegweiser-cms.js"):  # a format that reads nothing
                data = data.replace(b"fromFile: function (content) { return readFrontMatter(content, types[kind]); }",
                                    b"fromFile: function (content) { return {title: content.slice(40, 80), body: ''}; }")
                assert b"slice(40, 80)" in data, "wegweiser-cms.js changed: EDITOR_TRIVIAL needs updating"
            (Path(site) / path).parent.mkdir(parents=True, exist_ok=True)
            (Path(site) / path).write_bytes(data)
        with decap_server(folder, port), serve(Path(site)) as base, browser() as chromium:
            print(f"{len(offers)} offers; searching for {word!r}")
            for run in range(args.runs):
                context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
                times = measure(context.new_page(), base + "/admin/", word)
                context.close()
                print(f"run {run + 1}: " + ", ".join(f"{k} {wall:.2f} s (CPU {cpu:.2f} s)"
                                                     for k, (wall, cpu) in times.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
