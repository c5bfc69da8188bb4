"""What the `events` stage adds to the article stages, and full analysis speed in one process (issue 16).

On the same articles, alternating, from empty parse and claim-frame caches each time:
  A = every article stage except `events`;
  B = every article stage (A + `events`);
  C = full analysis: every article stage, then the story stages (event coreference, claim groups,
      conflicts, briefing...) over stories of 5 articles.
Events overhead = (B - A) / A (target <= 20%); throughput = articles / C (target >= 5 articles/s). Wall and
CPU seconds are both reported; CPU time is the figure least bent by other jobs on a shared machine.

Run: `python benchmarks/events_speed.py [--articles 60] [--rounds 3] [--write benchmarks/RESULTS.md]`.
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

from storylens.pipeline.build import Pipeline, build_pipeline  # noqa: E402
from storylens.pipeline.executors import load_models  # noqa: E402
from storylens.pipeline.registry import ARTICLE_STAGES  # noqa: E402
from storylens.pipeline.runner import build_story  # noqa: E402
from storylens.stages.story import alignment  # noqa: E402
from storylens.text import parse  # noqa: E402

STORY_SIZE = 5
TARGET_OVERHEAD, TARGET_RATE = 0.20, 5.0


def clear_caches() -> None:
    """Empty the parse cache and the claim-frame caches: every round parses and aligns its claims afresh
    (rounds analyse the same articles, so a kept frame cache made rounds 2 and 3 skip that work)."""
    parse._cache.clear()
    alignment.frame_of.cache_clear()
    alignment._claim_frames.clear()


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one call, from empty caches."""
    clear_caches()
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def article_stages(pipeline: Pipeline, count: int) -> None:
    """Run the pipeline's article stages over fresh raw articles."""
    for article in corpus.raw_articles(count):
        pipeline.try_article(article)


def full_analysis(pipeline: Pipeline, count: int) -> None:
    """Article stages over fresh raw articles, then story stages over stories of STORY_SIZE."""
    done = [pipeline.try_article(a) for a in corpus.raw_articles(count)]
    for start in range(0, len(done), STORY_SIZE):
        build_story(done[start:start + STORY_SIZE], pipeline)


def measure(count: int, rounds: int) -> dict[str, object]:
    """Alternate A, B and C `rounds` times; keep the best wall and CPU seconds of each."""
    load_models()
    without_events = build_pipeline([s for s in ARTICLE_STAGES if s.name != "events"], ())
    full = build_pipeline()
    full_analysis(full, STORY_SIZE)  # warm-up: model weights, lazy imports, the pair model
    runs: dict[str, list[tuple[float, float]]] = {"a": [], "b": [], "c": []}
    for _ in range(rounds):
        runs["a"].append(timed(lambda: article_stages(without_events, count)))
        runs["b"].append(timed(lambda: article_stages(full, count)))
        runs["c"].append(timed(lambda: full_analysis(full, count)))
    best = {f"{k}_{kind}": min(r[i] for r in v) for k, v in runs.items() for i, kind in enumerate(("wall", "cpu"))}
    return best | {
        "count": count, "rounds": rounds, "chars": corpus.mean_chars(corpus.raw_articles(count)),
        "overhead_wall": (best["b_wall"] - best["a_wall"]) / best["a_wall"],
        "overhead_cpu": (best["b_cpu"] - best["a_cpu"]) / best["a_cpu"],
        "rate_wall": count / best["c_wall"], "rate_cpu": count / best["c_cpu"], "load": os.getloadavg(),
    }


def report(r: dict[str, object]) -> str:
    """The RESULTS.md section for one measurement."""
    overhead = "meets" if max(r["overhead_wall"], r["overhead_cpu"]) <= TARGET_OVERHEAD else "MISSES"
    rate = "meets" if r["rate_wall"] >= TARGET_RATE else "MISSES"
    load = ", ".join(f"{x:.1f}" for x in r["load"])
    return f"""
## Events stage and full analysis speed (`benchmarks/events_speed.py`), {time.strftime('%Y-%m-%d')}

Machine: {corpus.machine()}. Load average after the run: {load}.

Data: {r['count']} articles from Multi-News + Gender Gap Tracker texts (mean {r['chars']:.0f} characters);
best of {r['rounds']} alternating rounds, each from empty parse and claim-frame caches.

| run | wall s | CPU s |
|---|---|---|
| A: article stages without `events` | {r['a_wall']:.1f} | {r['a_cpu']:.1f} |
| B: every article stage | {r['b_wall']:.1f} | {r['b_cpu']:.1f} |
| C: full analysis (B + story stages, stories of {STORY_SIZE}) | {r['c_wall']:.1f} | {r['c_cpu']:.1f} |

Events add {r['overhead_wall']:.1%} wall, {r['overhead_cpu']:.1%} CPU to the article stages (target <= 20%:
{overhead} it). Full analysis in one process: {r['rate_wall']:.2f} articles/s wall, {r['rate_cpu']:.2f} per
CPU-second (target >= 5 articles/s: {rate} it).
"""


def main() -> None:
    """Parse options, measure, print (and optionally append) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", type=Path, help="append the results to this Markdown file")
    args = parser.parse_args()
    corpus.publish(report(measure(args.articles, args.rounds)), args.write)


if __name__ == "__main__":
    main()
