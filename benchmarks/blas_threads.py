"""The sentence encoder with OpenBLAS on 1 vs 2 threads (why `storylens.blas` keeps it on one).

Each setting runs in its own child process (OPENBLAS_NUM_THREADS is read when numpy loads), alternating,
encoding the same sentences: the paragraphs' sentences of the first articles of the benchmark corpus.

Run: `python benchmarks/blas_threads.py [--articles 20] [--rounds 2] [--write benchmarks/RESULTS.md]`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

CHILD = """
import json, re, sys, time
sys.path.insert(0, {bench!r})
import corpus
from storylens.stages.article.embed import encode
sentences = [s for t in corpus.texts()[:{count}] for s in re.split(r"(?<=[.!?])\\s+", t) if s.strip()]
encode(sentences[:8])
wall, cpu = time.perf_counter(), time.process_time()
encode(sentences)
print(json.dumps({{"sentences": len(sentences), "wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}}))
"""


def run(threads: int, count: int) -> dict[str, float]:
    """Encode in a child process with OPENBLAS_NUM_THREADS=threads; return its timings."""
    code = CHILD.format(bench=str(Path(__file__).resolve().parent), count=count)
    env = {**os.environ, "OPENBLAS_NUM_THREADS": str(threads)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def seconds(runs: list[dict[str, float]], key: str) -> str:
    """One timing of every run, comma-separated."""
    return ", ".join(f"{r[key]:.1f}" for r in runs)


def main() -> None:
    """Alternate 1 and 2 threads; print (and optionally append) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--write", type=Path, help="append the results to this Markdown file")
    args = parser.parse_args()
    runs: dict[int, list[dict[str, float]]] = {1: [], 2: []}
    for _ in range(args.rounds):
        for threads in runs:
            runs[threads].append(run(threads, args.articles))
    sentences = runs[1][0]["sentences"]
    rows = "\n".join(f"| {n} | {seconds(rs, 'wall')} | {seconds(rs, 'cpu')} | "
                     f"{sentences / min(r['wall'] for r in rs):.0f} |" for n, rs in runs.items())
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    text = f"""
## Sentence encoder: OpenBLAS threads (`benchmarks/blas_threads.py`)

Machine: {corpus.machine()}. Load average after the run: {load}. Finished {time.strftime('%H:%M')} UTC.

{sentences} sentences from the first {args.articles} corpus texts, one `encode` call, each setting in its own process.

| OpenBLAS threads | wall s per run | CPU s per run | sentences/s (best wall) |
|---|---|---|---|
{rows}
"""
    corpus.publish(text, args.write)


if __name__ == "__main__":
    main()
