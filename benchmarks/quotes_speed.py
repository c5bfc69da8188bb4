"""How much entities + quotes add to the spaCy pass, on the Gender Gap Tracker dev texts (issue 4: <= 25%).

Both runs parse the same paragraphs with the same pipeline from an empty parse cache, alternating, so the
machine's state is shared: A = the spaCy pass alone (`article_blocks`), B = the `nlp` stage (spaCy +
sentences + entities) then the `quotes` stage. Overhead = (B - A) / A, from the fastest of the rounds.

Run: `python benchmarks/quotes_speed.py [--rounds 3] [--write benchmarks/RESULTS.md]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from storylens.evals.quotes import GGT_DIR, read_jsonl
from storylens.model import Article
from storylens.stages.article.nlp import annotate
from storylens.stages.article.quotes import find_quotes
from storylens.text import parse

TARGET = 0.25


def articles() -> list[Article]:
    """The GGT dev texts as articles, as the quote evaluation builds them."""
    return [Article(id=d["doc_id"], source=d["doc_id"], text=d["text"], layers={"headings": []})
            for d in read_jsonl(GGT_DIR / "dev_49.jsonl")]


def spacy_only(article: Article) -> None:
    """Run A: parse the article's paragraphs, nothing else."""
    parse.article_blocks(article)


def full(article: Article) -> None:
    """Run B: the `nlp` stage (parse, sentences, entities) and the `quotes` stage."""
    find_quotes(annotate(article))


def timed(run: Callable[[Article], None], docs: list[Article]) -> float:
    """Seconds for one pass over all articles, from an empty parse cache."""
    parse._cache.clear()  # every pass parses from scratch
    start = time.perf_counter()
    for article in docs:
        article.layers = {"headings": []}
        run(article)
    return time.perf_counter() - start


def measure(rounds: int) -> dict[str, object]:
    """Alternate A and B `rounds` times; report best and median seconds and the overhead of B over A."""
    docs = articles()
    parse.load_nlp()
    timed(full, docs[:3])  # warm-up: model weights and lazy imports
    a_times, b_times = [], []
    for _ in range(rounds):
        a_times.append(timed(spacy_only, docs))
        b_times.append(timed(full, docs))
    best_a, best_b = min(a_times), min(b_times)
    return {
        "articles": len(docs), "characters": sum(len(d.text) for d in docs), "rounds": rounds,
        "spacy_best": best_a, "spacy_median": statistics.median(a_times),
        "full_best": best_b, "full_median": statistics.median(b_times),
        "overhead": (best_b - best_a) / best_a,
        "overhead_median": (statistics.median(b_times) - statistics.median(a_times)) / statistics.median(a_times),
    }  # fmt: skip


def machine() -> str:
    """One line describing the machine and software."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    model = parse.load_nlp().meta
    return (f"{os.cpu_count()} cores ({cpu}), no GPU, Python {platform.python_version()}, "
            f"spaCy model {model.get('name')} {model.get('version')}, {platform.system()}")


def report(result: dict, where: str) -> str:
    """The results as a Markdown section."""
    verdict = "meets" if result["overhead"] <= TARGET else "misses"
    return "\n".join([
        "## Entities + quotes vs the spaCy pass (`benchmarks/quotes_speed.py`)", "",
        f"Machine: {where}.", "",
        f"Data: Gender Gap Tracker dev, {result['articles']} articles, {result['characters']:,} characters; "
        f"{result['rounds']} alternating rounds from an empty parse cache.", "",
        "| run | best s | median s |", "|---|---|---|",
        f"| A: spaCy pass alone | {result['spacy_best']:.2f} | {result['spacy_median']:.2f} |",
        f"| B: spaCy + sentences + entities + quotes | {result['full_best']:.2f} | {result['full_median']:.2f} |",
        "",
        f"Overhead of entities + quotes: {result['overhead']:.1%} (best rounds), "
        f"{result['overhead_median']:.1%} (medians). Target <= {TARGET:.0%}: {verdict} it.", "",
    ])  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    """Measure, print the Markdown report, optionally write it to a file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", type=Path, help="append the report to this Markdown file")
    args = parser.parse_args(argv)
    if not GGT_DIR.exists():
        sys.exit(f"Gender Gap Tracker data not found at {GGT_DIR}")
    text = report(measure(args.rounds), machine())
    print(text)
    if args.write:  # appended: RESULTS.md keeps every earlier measurement
        with args.write.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)


if __name__ == "__main__":
    main()
