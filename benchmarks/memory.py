"""Peak memory while streaming many articles through `storylens add` (issue 9 floor: flat, <= 2 GB).

Runs the real command in a child process on a corpus written to a temp dir, and samples the resident memory
(psutil RSS) of the whole process tree (the CLI, the stage guard's worker, Dask workers) every second.
"Flat" compares the peak of the second half of the run with the peak of the first half.

Run: `python benchmarks/memory.py [--articles 10000] [--workers 2] [--write benchmarks/RESULTS.md]`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from storylens import store  # noqa: E402

FLOOR_BYTES = 2 * 1024**3
SAMPLE_SECONDS = 1.0
MAIN_RSS: list[int] = []  # the `add` process alone, sampled with the tree


def tree_rss(proc: psutil.Process) -> int:
    """Resident bytes of a process and all its descendants (processes that vanish count 0)."""
    total = 0
    for member in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += member.memory_info().rss
    return total


def stream(count: int, workers: int | None, folder: Path) -> tuple[list[tuple[float, int]], float, int]:
    """Run `add` over `count` articles; return (elapsed s, RSS bytes) samples, wall seconds, rows stored."""
    inputs = corpus.write_jsonl(folder / "corpus.jsonl", count)
    db = f"sqlite:///{folder / 'store.db'}"
    cmd = [sys.executable, "-m", "storylens.cli", "add", str(inputs), "--db", db, "--story", "stream"]
    cmd += ["--workers", str(workers)] if workers else []
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    watched, samples = psutil.Process(child.pid), []
    while child.poll() is None:
        samples.append((time.perf_counter() - start, tree_rss(watched)))
        with contextlib.suppress(psutil.Error):
            MAIN_RSS.append(watched.memory_info().rss)
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - start
    stderr = child.stderr.read() if child.stderr else ""
    if child.returncode:
        raise SystemExit(f"add failed ({child.returncode}): {stderr[-2000:]}")
    with store.connect(db).connect() as conn:
        stored = conn.scalar(sa.select(sa.func.count()).select_from(store.articles))
    return samples, seconds, stored


def report(count: int, workers: int | None, samples: list[tuple[float, int]], seconds: float, stored: int) -> str:
    """The RESULTS.md section."""
    mib = 1024**2
    half = len(samples) // 2
    first, second = max(r for _, r in samples[:half]), max(r for _, r in samples[half:])
    peak = max(first, second)
    marks = [samples[min(len(samples) - 1, int(len(samples) * q))] for q in (0.1, 0.25, 0.5, 0.75, 0.99)]
    rows = "\n".join(f"| {t:.0f} | {r / mib:.0f} |" for t, r in marks)
    growth = (second - first) / first
    # Growth per article after warm-up (models loading), extrapolated to 10,000 articles.
    # Least-squares slope between 10% and 95% of the run (models loading before, shutdown after).
    end = samples[-1][0]
    warm = [(t, r) for t, r in samples if 0.1 * end <= t <= 0.95 * end] or samples
    per_article = float(np.polyfit([t for t, _ in warm], [r for _, r in warm], 1)[0]) * seconds / count
    at_10k = peak + max(per_article, 0) * max(10_000 - count, 0)
    flat = at_10k <= FLOOR_BYTES
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    how = f"--workers {workers}" if workers else "in-process stages (default)"
    return f"""
## Peak memory streaming {count} articles through `storylens add` (`benchmarks/memory.py`)

Machine: {corpus.machine()}. Load average after the run: {load}.

`storylens add corpus.jsonl --db sqlite:///... {how}`: {count} articles (mean
{corpus.mean_chars(corpus.raw_articles(min(count, 500))):.0f} characters), {stored} rows stored, {seconds:.0f} s wall
({count / seconds:.2f} articles/s). RSS of the whole process tree, sampled every {SAMPLE_SECONDS:g} s:

| seconds | RSS MiB |
|---|---|
{rows}

Peak {peak / mib:.0f} MiB (first half {first / mib:.0f}, second half {second / mib:.0f}: {growth:+.1%}). After warm-up
the tree grew {per_article / 1024:.0f} KiB per article; extrapolated to 10,000 articles: {at_10k / mib:.0f} MiB.
The `add` process alone (client, scheduler, store writes): {MAIN_RSS[len(MAIN_RSS) // 10] / mib:.0f} MiB at 10% of
the run, {max(MAIN_RSS) / mib:.0f} MiB at its peak.
Floor flat and <= 2 GB at 10,000: {"meets" if flat else "MISSES"} it.
"""


def main() -> None:
    """Parse options, stream, print (and optionally append) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--write", type=Path, help="append the results to this Markdown file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storylens-mem-") as folder:
        samples, seconds, stored = stream(args.articles, args.workers, Path(folder))
    text = report(args.articles, args.workers, samples, seconds, stored)
    corpus.publish(text, args.write)


if __name__ == "__main__":
    main()
