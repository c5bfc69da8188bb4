"""Article stages on 1 vs 2 local Dask workers (issue 9 floor: 2 workers >= 1.7x one).

Each cluster (`LocalCluster(n_workers=N, threads_per_worker=1, processes=True)`) is started and its workers
warmed (models loaded) before timing; the timed run is `DaskExecutor` over the same articles, results
gathered by this process as they complete. Runs alternate 1, 2, 1, 2 ... so the machine's state is shared.

Run: `python benchmarks/dask_scaling.py [--articles 40] [--rounds 1] [--write benchmarks/RESULTS.md]`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from storylens.pipeline.build import build_pipeline  # noqa: E402
from storylens.pipeline.executors import DaskExecutor, load_models  # noqa: E402

FLOOR = 1.7


def workers_cpu(pids: list[int]) -> float:
    """CPU seconds (user + system) the worker processes have used so far."""
    return sum(sum(psutil.Process(pid).cpu_times()[:2]) for pid in pids)


def run_once(workers: int, count: int) -> tuple[float, float]:
    """Wall seconds and worker CPU seconds for `workers` warmed local workers over `count` articles."""
    from distributed import Client, LocalCluster

    raws, pipeline = corpus.raw_articles(count), build_pipeline()
    with (LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                       dashboard_address=":0") as cluster, Client(cluster) as client):
        client.run(load_models)
        list(DaskExecutor(client, batch_size=1)(pipeline, corpus.raw_articles(2 * workers)))  # warm-up
        pids = list(client.run(os.getpid).values())
        start, cpu = time.perf_counter(), workers_cpu(pids)
        done = list(DaskExecutor(client)(pipeline, raws))
        seconds, cpu = time.perf_counter() - start, workers_cpu(pids) - cpu
    assert len(done) == count
    return seconds, cpu


def report(count: int, runs: dict[int, list[tuple[float, float]]]) -> str:
    """The RESULTS.md section."""
    best = {n: min(wall for wall, _ in times) for n, times in runs.items()}
    speedup = best[1] / best[2]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    rows = "\n".join(
        f"| {n} | {', '.join(f'{w:.1f}' for w, _ in runs[n])} | {count / best[n]:.2f} | "
        f"{', '.join(f'{1000 * c / count:.0f}' for _, c in runs[n])} | "
        f"{', '.join(f'{c / w:.2f}' for w, c in runs[n])} |" for n in runs)
    return f"""
## 1 vs 2 Dask workers (`benchmarks/dask_scaling.py`)

Machine: {corpus.machine()}. Load average after the run: {load}.

Data: {count} articles (mean {corpus.mean_chars(corpus.raw_articles(count)):.0f} characters), article stages on
local Dask worker processes (1 thread each), batches of 4, workers warmed before timing.

| workers | wall s per run | articles/s (best) | worker CPU ms/article per run | cores busy (worker CPU / wall) |
|---|---|---|---|---|
{rows}

Speed-up of 2 workers over 1 (best wall times): {speedup:.2f}x
(floor {FLOOR}x: {"meets" if speedup >= FLOOR else "MISSES"}
it). "Cores busy" is the CPU the workers actually got per second of wall time: other people's jobs on the
same 2 cores decide how much of the second core a second worker gets; equal CPU per article for 1 and 2
workers means the split itself costs nothing.
"""


def main() -> None:
    """Parse options, alternate 1 and 2 workers, print (and optionally append) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--write", type=Path, help="append the results to this Markdown file")
    args = parser.parse_args()
    runs: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
    for _ in range(args.rounds):
        for workers in runs:
            runs[workers].append(run_once(workers, args.articles))
            print(f"{workers} worker(s): {runs[workers][-1]}", file=sys.stderr)
    text = report(args.articles, runs)
    corpus.publish(text, args.write)


if __name__ == "__main__":
    main()
