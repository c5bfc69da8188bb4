"""Whole-process speed: `storylens extract --text-only` vs trafilatura's own CLI on the same pages (issue 17: <= 2x).

Both are run as the user would run them, each a fresh process over the same directory of HTML pages,
alternating A and B for `--rounds` rounds after one warm-up round (disk cache): A = `trafilatura --input-dir
DIR --output-dir OUT` (its defaults: plain text, its own parallelism), B = `storylens extract --text-only DIR
--out FILE` (ingest + cleaning + metadata, a process per core). Wall seconds from start to exit and CPU seconds
(user + system of the process and its children); ratio = B / A from the best rounds.

Pages: the WCXB dev article pages from ../shared/data (150), decompressed into a temporary directory (never
committed), or `--pages DIR` with *.html files.
Run: `python benchmarks/extract_cli.py [--rounds 3] [--pages DIR] [--write benchmarks/RESULTS.md]`.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from storylens.evals import dataset_dir

TARGET = 2.0
WCXB_HTML = dataset_dir("wcxb_article_metadata") / "dev" / "html"
BIN = Path(sys.executable).parent


def copy_pages(source: Path, target: Path) -> int:
    """Write every page of `source` (*.html or *.html.gz) into `target` as plain .html; return the count."""
    count = 0
    for path in sorted(source.iterdir()):
        if path.name.endswith(".html.gz"):
            (target / path.name[:-3]).write_bytes(gzip.decompress(path.read_bytes()))
        elif path.suffix == ".html":
            shutil.copyfile(path, target / path.name)
        else:
            continue
        count += 1
    return count


def run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, children included) of one command run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def commands(pages: Path, work: Path) -> dict[str, list[str]]:
    """The two command lines, A (trafilatura) and B (storylens)."""
    return {"A": [str(BIN / "trafilatura"), "--input-dir", str(pages), "--output-dir", str(work / "traf")],
            "B": [str(BIN / "storylens"), "extract", "--text-only", str(pages), "--out", str(work / "out.jsonl")]}


def measure(pages: Path, work: Path, rounds: int) -> dict[str, dict[str, float]]:
    """Alternate A and B; best and median wall and CPU seconds of each."""
    runs = commands(pages, work)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for index in range(rounds + 1):
        for name, command in runs.items():
            shutil.rmtree(work / "traf", ignore_errors=True)  # trafilatura skips files already written
            result = run(command)
            if index:  # round 0 warms the disk cache
                times[name].append(result)
    return {name: {"wall_best": min(w for w, _ in got), "wall_median": statistics.median(w for w, _ in got),
                   "cpu_best": min(c for _, c in got)} for name, got in times.items()}


def report(result: dict[str, dict[str, float]], pages: int, rounds: int) -> str:
    """The Markdown section for RESULTS.md."""
    import trafilatura

    ratio = result["B"]["wall_best"] / result["A"]["wall_best"]
    verdict = "meets it" if ratio <= TARGET else "misses it"
    rows = [f"| {label} | {r['wall_best']:.2f} | {r['wall_median']:.2f} | {r['cpu_best']:.2f} | "
            f"{pages / r['wall_best']:.1f} |"
            for label, r in (("A: trafilatura CLI", result["A"]), ("B: storylens extract --text-only", result["B"]))]
    return "\n".join([
        "", "## Text-only extraction, whole process: storylens vs trafilatura's CLI (`benchmarks/extract_cli.py`)", "",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, trafilatura {trafilatura.__version__}, "
        f"{platform.system()}. {pages} HTML pages, {rounds} alternating rounds after a warm-up.", "",
        "| run | wall best s | wall median s | CPU s (best) | pages/s (best) |", "|---|---|---|---|---|", *rows, "",
        f"Ratio B/A (wall, best rounds): {ratio:.2f}x. Target <= {TARGET}x: {verdict}.", ""])


def main() -> None:
    """Copy the pages, measure, print, and optionally append to RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", type=Path, default=WCXB_HTML)
    parser.add_argument("--write", type=Path, default=None)
    args = parser.parse_args()
    if not args.pages.is_dir():
        sys.exit(f"benchmark pages not found at {args.pages}")
    with tempfile.TemporaryDirectory(prefix="storylens-extract-cli-") as tmp:
        pages, work = Path(tmp) / "pages", Path(tmp) / "work"
        pages.mkdir()
        work.mkdir()
        count = copy_pages(args.pages, pages)
        text = report(measure(pages, work, args.rounds), count, args.rounds)
    corpus.publish(text, args.write)


if __name__ == "__main__":
    main()
