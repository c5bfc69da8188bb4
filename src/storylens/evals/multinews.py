"""Briefing evaluation on Multi-News dev (`../shared/data/multinews/dev_100.jsonl`, 100 clusters).

Each cluster runs through the real pipeline as one story (each document its own outlet); the extractive
briefing, built with a budget a little over the reference's length, is cut to the reference's length in
words and scored with the `rouge-score` package (ROUGE-1/2/L F-measure, Porter stemming on). Means over
the clusters are printed as percentages: over all of them, and per part of the fixed split (file order):
the first 50 clusters are the tuning part (read their outputs and scores while changing anything), the last
50 the checking part (only their figures are looked at).

Processed articles are cached (pickled) in `--cache` (default: a folder under the system temp dir), keyed
by the document's content hash and a fingerprint of the article stages' source code (their modules and
every storylens module they import), so reruns only redo the story stages and a change to any article
stage processes the articles afresh.
Run: `python -m storylens.evals.multinews [--limit N] [--cache DIR] [--no-cache]`.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import importlib.util
import json
import pickle
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from storylens.evals import dataset_dir
from storylens.ingest.readers import make_article
from storylens.model import Article, Story
from storylens.pipeline.build import Pipeline, build_pipeline
from storylens.pipeline.registry import ARTICLE_STAGES

DATA_DIR = dataset_dir("multinews")
DEV_FILE = "dev_100.jsonl"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "storylens-multinews-cache"
# The briefing is built this many words over the reference's length, then cut to it, so its last
# sentence is cut mid-way rather than left out (a briefing that stops short would be scored short).
OVERSHOOT = 40
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
TUNING_CLUSTERS = 50  # the first 50 clusters of the file tune, the rest check (fixed split)


def read_clusters(data_dir: Path = DATA_DIR, limit: int | None = None) -> list[dict[str, Any]]:
    """The dev clusters: {"id", "documents": [text, ...], "reference_summary"}."""
    with (data_dir / DEV_FILE).open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return rows[:limit] if limit else rows


def cluster_articles(cluster: dict[str, Any]) -> list[Article]:
    """Raw articles for a cluster; each document is its own outlet (Multi-News does not name them)."""
    articles = []
    for n, text in enumerate(cluster["documents"]):
        if not text.strip():
            continue
        article = make_article(f"multinews/{cluster['id']}/{n}.txt", text, "text", record_id=f"d{n}")
        article.outlet = f"source {n + 1}"
        articles.append(article)
    return articles


@lru_cache(maxsize=1)
def article_code_fingerprint() -> str:
    """Hash of the source of every storylens module the article stages import, directly or not."""
    todo = [spec.target.partition(":")[0] for spec in ARTICLE_STAGES]
    seen: dict[str, bytes] = {}
    while todo:
        name = todo.pop()
        spec = _find(name) if name not in seen else None
        if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
            continue
        source = Path(spec.origin).read_bytes()
        seen[name] = source
        todo += [m for m in _imported(ast.parse(source), name, spec.submodule_search_locations is not None)
                 if m.startswith("storylens")]
    digest = hashlib.sha256()
    for name in sorted(seen):
        digest.update(name.encode() + b"\0" + seen[name])
    return digest.hexdigest()[:12]


def _find(name: str) -> Any:
    """The module spec for a name, or None when it names no module (e.g. a class: `storylens.model.Article`)."""
    try:
        return importlib.util.find_spec(name)
    except (ModuleNotFoundError, ValueError):
        return None


def _imported(tree: ast.Module, module: str, is_package: bool) -> list[str]:
    """Absolute names of the modules a module imports (`from x import y` also tries `x.y`)."""
    package = module if is_package else module.rpartition(".")[0]
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + [base]).strip(".")
            names += [base] + [f"{base}.{alias.name}" for alias in node.names]
    return names


def processed(raw: Article, pipeline: Pipeline, cache: Path | None) -> Article | None:
    """The article after the article stages, from the cache when it holds it; None if a stage failed."""
    path = cache / f"{raw.content_hash[:24]}-{article_code_fingerprint()}.pkl" if cache else None
    if path is not None and path.exists():
        with path.open("rb") as handle:
            return pickle.load(handle)  # noqa: S301 (our own cache, written below)
    result = pipeline.try_article(raw)
    if not isinstance(result, Article):
        return None
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            pickle.dump(result, handle)
    return result


def cluster_stories(clusters: list[dict[str, Any]], pipeline: Pipeline, cache: Path | None,
                    words: int | None = None) -> Iterator[tuple[dict[str, Any], Story]]:
    """Each cluster as a processed story; `words` (or the reference length + OVERSHOOT) sets the budget."""
    for cluster in clusters:
        articles = [a for a in (processed(r, pipeline, cache) for r in cluster_articles(cluster)) if a]
        budget = words or len(cluster["reference_summary"].split()) + OVERSHOOT
        story = Story(id=f"multinews-{cluster['id']}", articles=articles, options={"words": budget})
        yield cluster, pipeline.process_story(story)


def briefing_text(story: Story) -> str:
    """The briefing's sentences joined as one text."""
    return " ".join(s["text"] for s in story.results["briefing"]["sentences"])


def cut_words(text: str, words: int) -> str:
    """The first `words` whitespace-separated words of a text."""
    return " ".join(text.split()[:words])


def evaluate(data_dir: Path = DATA_DIR, limit: int | None = None, cache: Path | None = DEFAULT_CACHE,
             progress: Any = None) -> dict[str, Any]:
    """Mean ROUGE-1/2/L F (percent) of cut briefings against the references: all, "tuning", "checking"."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    clusters = read_clusters(data_dir, limit)
    per_cluster = []
    for cluster, story in cluster_stories(clusters, build_pipeline(), cache):
        reference = cluster["reference_summary"]
        scores = scorer.score(reference, cut_words(briefing_text(story), len(reference.split())))
        per_cluster.append({name: scores[name].fmeasure for name in ROUGE_TYPES})
        if progress:
            progress()
    parts = {"tuning": per_cluster[:TUNING_CLUSTERS], "checking": per_cluster[TUNING_CLUSTERS:]}
    return {"clusters": len(clusters), **_means(per_cluster),
            **{part: {"clusters": len(rows), **_means(rows)} for part, rows in parts.items()}}


def _means(rows: list[dict[str, float]]) -> dict[str, float]:
    """Mean ROUGE F per type, in percent."""
    return {name: round(100 * sum(r[name] for r in rows) / max(1, len(rows)), 2) for name in ROUGE_TYPES}


def main(argv: list[str] | None = None) -> None:
    """Print the mean ROUGE figures as JSON."""
    from storylens.cli.common import progress

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="processed-article cache dir")
    parser.add_argument("--no-cache", action="store_true", help="process every article afresh")
    args = parser.parse_args(argv)
    total = len(read_clusters(args.data, args.limit))
    with progress("Multi-News clusters", total) as advance:
        result = evaluate(args.data, args.limit, None if args.no_cache else args.cache, advance)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
