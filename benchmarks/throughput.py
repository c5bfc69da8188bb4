"""Single-process analysis throughput, and the pipeline's own overhead beside its model passes (issue 9).

On the same articles, alternating, from an empty parse cache each time:
  A = the model passes alone: spaCy `nlp.pipe` over the paragraphs the pipeline parses, then the sentence
      encoder over the claim sentences it embeds (one call per article, as the pipeline does);
  B = every article stage (`Pipeline.try_article`), then the story stages over stories of 5 articles.
With `--workers N`, also C = the same full analysis using the machine's cores the way `storylens add
--workers N` does: article stages on N warmed local Dask workers, each story's stages run in this process
as soon as its 5 articles are back (wall time; the cluster's start-up and model loading are not timed).
Overhead = (B - A) / A. Wall and CPU seconds are both reported: the machine is shared, and CPU time is the
figure least bent by other people's jobs.

Run: `python benchmarks/throughput.py [--articles 60] [--rounds 2] [--write benchmarks/RESULTS.md]`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from storylens.model import Article  # noqa: E402
from storylens.pipeline.build import build_pipeline  # noqa: E402
from storylens.pipeline.executors import DaskExecutor, load_models  # noqa: E402
from storylens.pipeline.runner import build_story  # noqa: E402
from storylens.stages.article.embed import encode  # noqa: E402
from storylens.text import parse  # noqa: E402

STORY_SIZE = 5
FLOOR_RATE, FLOOR_OVERHEAD = 5.0, 1.3


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    parse._cache.clear()  # every pass parses from scratch
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def model_inputs(done: list[Article]) -> tuple[list[str], list[list[str]]]:
    """The paragraph texts spaCy parses and, per article, the claim sentences the encoder embeds."""
    blocks = [a.text[s:e] for a in done for s, e, _ in parse._block_ranges(a)]
    return blocks, [[a.span_text(c) for c in a.layer("claims")] for a in done]


def model_passes(blocks: list[str], claims: list[list[str]]) -> None:
    """Run A: spaCy over every paragraph (batched), the encoder over each article's claims."""
    list(parse.load_nlp().pipe(blocks))
    for sentences in claims:
        encode(sentences)


def full_analysis(count: int) -> None:
    """Run B: article stages over fresh raw articles, then story stages over stories of STORY_SIZE."""
    pipeline = build_pipeline()
    done = [pipeline.try_article(a) for a in corpus.raw_articles(count)]
    for start in range(0, len(done), STORY_SIZE):
        build_story(done[start:start + STORY_SIZE], pipeline)


def full_analysis_on_workers(client: object, count: int) -> None:
    """Run C: article stages on the Dask workers; a story's stages run once its articles are all back."""
    pipeline, done, waiting = build_pipeline(), {}, set(range(0, count, STORY_SIZE))
    for position, result in DaskExecutor(client)(pipeline, corpus.raw_articles(count)):
        done[position] = result
        start = position - position % STORY_SIZE
        members = range(start, min(start + STORY_SIZE, count))
        if start in waiting and all(n in done for n in members):
            waiting.discard(start)
            build_story([done[n] for n in members], pipeline)


def measure_workers(count: int, rounds: int, workers: int) -> dict[str, float]:
    """Best wall seconds of run C over `rounds` on `workers` warmed local Dask workers."""
    from distributed import Client, LocalCluster

    with (LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                       dashboard_address=":0") as cluster, Client(cluster) as client):
        client.run(load_models)
        full_analysis_on_workers(client, 2 * workers)  # warm-up
        walls = [timed(lambda: full_analysis_on_workers(client, count))[0] for _ in range(rounds)]
    return {"workers": workers, "c_wall": min(walls), "c_rate": count / min(walls)}


def measure(count: int, rounds: int) -> dict[str, object]:
    """Alternate A and B; return the best wall and CPU seconds of each and the derived figures."""
    load_models()
    pipeline = build_pipeline()
    warm = [pipeline.try_article(a) for a in corpus.raw_articles(count)]  # warm-up; gives A its inputs
    blocks, claims = model_inputs(warm)
    a_runs, b_runs = [], []
    for _ in range(rounds):
        a_runs.append(timed(lambda: model_passes(blocks, claims)))
        b_runs.append(timed(lambda: full_analysis(count)))
    a_wall, a_cpu = min(w for w, _ in a_runs), min(c for _, c in a_runs)
    b_wall, b_cpu = min(w for w, _ in b_runs), min(c for _, c in b_runs)
    return {
        "count": count, "chars": corpus.mean_chars(corpus.raw_articles(count)), "rounds": rounds,
        "claims": sum(map(len, claims)) / count, "paragraphs": len(blocks) / count,
        "a_wall": a_wall, "a_cpu": a_cpu, "b_wall": b_wall, "b_cpu": b_cpu,
        "rate_wall": count / b_wall, "rate_cpu": count / b_cpu,
        "overhead_wall": (b_wall - a_wall) / a_wall, "overhead_cpu": (b_cpu - a_cpu) / a_cpu,
        "load": os.getloadavg(),
    }


def report(r: dict[str, object]) -> str:
    """The RESULTS.md section for one measurement."""
    verdict = "meets" if r["rate_wall"] >= FLOOR_RATE else "MISSES"
    overhead_verdict = "meets" if max(r["overhead_wall"], r["overhead_cpu"]) <= FLOOR_OVERHEAD else "MISSES"
    load = ", ".join(f"{x:.1f}" for x in r["load"])
    return f"""
## Single-process throughput and pipeline overhead (`benchmarks/throughput.py`)

Machine: {corpus.machine()}. Load average after the run: {load}.

Data: {r['count']} articles from Multi-News + Gender Gap Tracker texts (mean {r['chars']:.0f} characters,
{r['paragraphs']:.1f} paragraphs and {r['claims']:.1f} claims per article); best of {r['rounds']} alternating rounds.

| run | wall s | CPU s |
|---|---|---|
| A: model passes alone (spaCy `nlp.pipe` + sentence encoder) | {r['a_wall']:.1f} | {r['a_cpu']:.1f} |
| B: full analysis (article stages + story stages, stories of {STORY_SIZE}) | {r['b_wall']:.1f} | {r['b_cpu']:.1f} |

Throughput of B: {r['rate_wall']:.2f} articles/s wall, {r['rate_cpu']:.2f} articles per CPU-second
(floor 5 articles/s: {verdict} it on this shared machine).
Pipeline overhead (B - A) / A: {r['overhead_wall']:.0%} wall, {r['overhead_cpu']:.0%} CPU
(floor <= 130%: {overhead_verdict} it).
Model passes alone run at {r['count'] / r['a_wall']:.2f} articles/s wall.
{workers_line(r)}"""


def workers_line(r: dict[str, object]) -> str:
    """The sentence on run C, when it was measured."""
    if "c_wall" not in r:
        return ""
    verdict = "meets" if r["c_rate"] >= FLOOR_RATE else "MISSES"
    return (f"C, full analysis with article stages on {r['workers']} local Dask workers (`--workers "
            f"{r['workers']}`): {r['c_wall']:.1f} s wall, {r['c_rate']:.2f} articles/s "
            f"(floor 5 articles/s: {verdict} it).\n")


def main() -> None:
    """Parse options, measure, print (and optionally append) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--write", type=Path, help="append the results to this Markdown file")
    parser.add_argument("--workers", type=int, default=0, help="also time run C on this many Dask workers")
    args = parser.parse_args()
    figures = measure(args.articles, args.rounds)
    if args.workers:
        figures |= measure_workers(args.articles, args.rounds, args.workers)
    text = report(figures)
    corpus.publish(text, args.write)


if __name__ == "__main__":
    main()
