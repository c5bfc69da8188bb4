"""How cost grows with the number of articles: `add` into a fresh store, then the story stages over them.

For each size N: the article stages + store writes for N articles (`runner.process_batch`, in-process,
`keep=False` as `add` runs it) into a fresh SQLite store, then loading the N stored articles back and
running the story stages over them as one story (what `storylens story ID` does). Beyond the ~250 distinct
texts of the corpus, texts recur with a numbered closing line, so big stories hold near-copies.

Run: `python benchmarks/growth.py [--sizes 10 100 1000] [--write benchmarks/RESULTS.md]`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from storylens import store  # noqa: E402
from storylens.pipeline.build import build_pipeline  # noqa: E402
from storylens.pipeline.executors import load_models  # noqa: E402
from storylens.pipeline.runner import build_story, process_batch  # noqa: E402


def clock() -> tuple[float, float]:
    """Now, as (wall, CPU) seconds."""
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    """Wall and CPU seconds since `start`."""
    wall, cpu = clock()
    return wall - start[0], cpu - start[1]


def measure(size: int, folder: Path) -> dict[str, float]:
    """Seconds to add `size` articles to a fresh store and to run the story stages over all of them."""
    pipeline, raws = build_pipeline(), corpus.raw_articles(size)
    engine = store.connect(f"sqlite:///{folder / f'grow-{size}.db'}")
    start = clock()
    batch = process_batch(raws, pipeline, engine, "grow", keep=False)
    add_wall, add_cpu = since(start)
    assert batch.stored == size, (batch.stored, batch.problems[:3])
    start = clock()
    articles = list(store.load_articles(engine, story_id="grow"))
    load_wall, _ = since(start)
    start = clock()
    story = build_story(articles, pipeline, "grow")
    story_wall, story_cpu = since(start)
    groups = len(story.results.get("claim_groups", []))
    return {"size": size, "add_wall": add_wall, "add_cpu": add_cpu, "load_wall": load_wall,
            "story_wall": story_wall, "story_cpu": story_cpu, "groups": groups}


def report(rows: list[dict[str, float]]) -> str:
    """The RESULTS.md section."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = "\n".join(
        f"| {r['size']} | {r['add_wall']:.1f} | {r['add_cpu']:.1f} | {1000 * r['add_cpu'] / r['size']:.0f} | "
        f"{r['load_wall']:.1f} | {r['story_wall']:.1f} | {r['story_cpu']:.1f} | {r['groups']} |" for r in rows)
    return f"""
## Cost growth with the number of articles (`benchmarks/growth.py`)

Machine: {corpus.machine()}. Load average after the run: {load}.

Add N articles (mean {corpus.mean_chars(corpus.raw_articles(min(rows[-1]['size'], 500))):.0f} characters) to a
fresh SQLite store in-process, then load them and run the story stages over them as one story.

| N | add wall s | add CPU s | add CPU ms/article | load s | story stages wall s | story stages CPU s | claim groups |
|---|---|---|---|---|---|---|---|
{lines}
"""


def main() -> None:
    """Parse options, measure each size, print (and optionally append) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--write", type=Path, help="append the results to this Markdown file")
    args = parser.parse_args()
    load_models()
    build_pipeline().try_article(corpus.raw_articles(1)[0])  # warm-up: lazy imports and caches
    rows = []
    with tempfile.TemporaryDirectory(prefix="storylens-grow-") as folder:
        for size in args.sizes:
            rows.append(measure(size, Path(folder)))
            print(rows[-1], file=sys.stderr)
    text = report(rows)
    corpus.publish(text, args.write)


if __name__ == "__main__":
    main()
