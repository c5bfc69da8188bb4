"""Benchmark: grouping and conflicts for a 500-article story vs embedding its claims, side by side.

The story is assembled at run time from ../shared/data texts (FNC-1 dev bodies, then Multi-News
documents), never committed. Article stages run once and are cached in a store (`--db`). Then, in one
run: (1) encode every claim sentence again (the embedding cost), (2) the `claim_groups` + `conflicts`
story stages, (3) the neighbour search alone, exact vs the HNSW graph used for large stories, with the
HNSW recall of the exact top-k.

Run: `python benchmarks/claims_speed.py [--articles 500] [--db sqlite:////tmp/claims-bench.db]`.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from storylens import store
from storylens.cli.common import progress
from storylens.evals import dataset_dir
from storylens.ingest.readers import article_from_record
from storylens.model import Story
from storylens.pipeline.build import build_pipeline
from storylens.pipeline.runner import process_batch
from storylens.stages.article.embed import encode
from storylens.stages.compare import claimindex
from storylens.stages.story.conflicts import find_conflicts
from storylens.stages.story.groups import group_claims
from storylens.stages.story.sources import group_sources


def corpus(limit: int) -> list[dict[str, str]]:
    """News texts from the shared evaluation data, as input records."""
    records = []
    with open(dataset_dir("fnc1_stance") / "dev_bodies.jsonl", encoding="utf-8") as lines:
        records += [{"id": f"fnc-{json.loads(line)['body_id']}", "text": json.loads(line)["body"]} for line in lines]
    with open(dataset_dir("multinews") / "dev_100.jsonl", encoding="utf-8") as lines:
        for line in lines:
            cluster = json.loads(line)
            records += [{"id": f"mn-{cluster['id'][:8]}-{n}", "text": d} for n, d in enumerate(cluster["documents"])]
    return [r for r in records if len(r["text"].split()) > 80][:limit]


def timed(func, *args):  # noqa: ANN001, ANN201 - a benchmark helper
    start = time.perf_counter()
    result = func(*args)
    return result, time.perf_counter() - start


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--db", default="sqlite:////tmp/storylens-claims-bench.db")
    args = parser.parse_args()
    raw = [article_from_record(r, r["id"]) for r in corpus(args.articles)]
    pipeline = build_pipeline()
    with progress("Article stages (cached in the store)", len(raw)) as advance:
        batch = process_batch(raw, pipeline, store.connect(args.db), on_done=advance)
    articles = batch.articles
    texts = [a.span_text(c) for a in articles for c in a.layer("claims")]
    _, embed_s = timed(encode, texts)
    story = Story(id="bench", articles=articles)
    group_sources(story)
    _, group_s = timed(group_claims, story)
    _, conflict_s = timed(find_conflicts, story)
    print(f"{len(articles)} articles, {len(texts)} claims")
    print(f"embedding claims: {embed_s:.2f} s ({len(texts) / embed_s:.0f} claims/s)")
    print(f"claim_groups: {group_s:.2f} s, conflicts: {conflict_s:.2f} s, "
          f"ratio (groups+conflicts)/embedding = {(group_s + conflict_s) / embed_s:.2f}")
    print(f"groups {len(story.results['claim_groups'])}, conflicts {len(story.results['conflicts'])}")
    search_comparison(np.vstack([a.vectors["claims"] for a in articles if len(a.layer("claims"))]))


def search_comparison(vectors: np.ndarray, k: int = 11) -> None:
    """Exact vs HNSW neighbour search on the same vectors: time and recall of the exact top-k."""
    (exact_scores, exact), exact_s = timed(claimindex.nearest, vectors, k)
    saved = claimindex.EXACT_UP_TO
    claimindex.EXACT_UP_TO = 0
    try:
        (_, approx), hnsw_s = timed(claimindex.nearest, vectors, k)
    finally:
        claimindex.EXACT_UP_TO = saved
    relevant = exact_scores >= 0.35  # the PROPOSE threshold: only these neighbours matter
    hits = sum(len(set(e[m]) & set(a)) for e, a, m in zip(exact, approx, relevant, strict=True))
    print(f"neighbour search over {len(vectors)} claims: exact {exact_s:.2f} s, HNSW {hnsw_s:.2f} s, "
          f"HNSW recall of exact top-{k - 1} above 0.35: {hits / max(1, int(relevant.sum())):.3f}")


if __name__ == "__main__":
    main()
