"""Article-body extraction eval on the ScrapingHub/Zyte benchmark, storylens beside bare trafilatura.

The metric follows the benchmark's published definition (its README and evaluate.py): word tokens
(`\\w+`), 4-gram shingles counted with multiplicity; per page tp/fp/fn normalised to sum 1; precision
and recall are means over pages (pages with nothing predicted, or nothing in gold, skipped for that
mean); F1 = 2PR/(P+R) of the means. Run: `python -m storylens.evals.extraction [DATA_DIR]`.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from statistics import mean
from typing import Any

from storylens.evals import dataset_dir

DEFAULT_DIR = dataset_dir("article_extraction_benchmark")
_TOKEN = re.compile(r"\w+")
Triple = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Word n-gram shingles with counts (a text shorter than n gives one short shingle)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def match_page(gold: str, predicted: str) -> Triple:
    """Normalised (tp, fp, fn) of one page's predicted body against its gold body."""
    gold_counts, pred_counts = shingles(gold), shingles(predicted)
    tp = sum((gold_counts & pred_counts).values())
    fp = sum((pred_counts - gold_counts).values())
    fn = sum((gold_counts - pred_counts).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _ratio(hit: float, miss: float, other_miss: float) -> float:
    if miss == other_miss == 0:
        return 1.0
    return 0.0 if hit == miss == 0 else hit / (hit + miss)


def scores(triples: list[Triple]) -> dict[str, float]:
    """Benchmark precision, recall and F1 from per-page triples."""
    precision = mean(_ratio(tp, fp, fn) for tp, fp, fn in triples if tp + fp > 0)
    recall = mean(_ratio(tp, fn, fp) for tp, fp, fn in triples if tp + fn > 0)
    return {"precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(2 * precision * recall / (precision + recall), 4)}


def storylens_body(html: str) -> str:
    """The cleaned text storylens keeps for an HTML page."""
    from storylens.cleaning import clean_raw

    return clean_raw(html, "html").text


def trafilatura_body(html: str) -> str:
    """Bare trafilatura with its default settings, the reference we must beat."""
    import trafilatura

    return trafilatura.extract(html) or ""


SYSTEMS: dict[str, Callable[[str], str]] = {"storylens": storylens_body, "trafilatura": trafilatura_body}


def load_pages(data_dir: Path) -> list[tuple[str, str, str]]:
    """(page id, html, gold body) for every benchmark page."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    return [(key, gzip.decompress((data_dir / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace"),
             item.get("articleBody", "")) for key, item in sorted(truth.items())]


def evaluate_extraction(data_dir: Path = DEFAULT_DIR, systems: dict[str, Callable[[str], str]] = SYSTEMS) -> dict:
    """Scores and seconds per system, measured side by side on the same pages in one run."""
    pages = load_pages(data_dir)
    results: dict[str, Any] = {"pages": len(pages)}
    for name, extract in systems.items():
        extract(pages[0][1])  # warm-up: imports and lazy set-up are not per-page cost
        started = time.perf_counter()
        predictions = [extract(html) for _, html, _ in pages]
        seconds = time.perf_counter() - started
        triples = [match_page(gold, pred) for (_, _, gold), pred in zip(pages, predictions, strict=True)]
        results[name] = {**scores(triples), "seconds": round(seconds, 2)}
    if "storylens" in results and "trafilatura" in results:
        results["time_ratio"] = round(results["storylens"]["seconds"] / results["trafilatura"]["seconds"], 2)
    return results


def main() -> None:
    """Print the extraction figures as JSON."""
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    print(json.dumps(evaluate_extraction(data_dir), indent=1))


if __name__ == "__main__":
    main()
