"""Claim-check evaluation on FNC-1 dev (`../shared/data/fnc1_stance`, 12,041 headline/body pairs).

Each headline is checked against its body through the same code as `storylens check --pairs`. Prints
per-class P/R/F1, macro-F1 over the four classes (the honest measure: 72% of pairs are unrelated),
related-vs-unrelated accuracy and the weighted FNC score for reference. Nothing is trained on FNC labels;
the few thresholds and word lists in `storylens.check.stance` were tuned on these dev pairs.
Run: `python -m storylens.evals.stance [--limit N] [--db sqlite:///cache.db]`.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from storylens import store
from storylens.check.run import check_pairs, check_pipeline
from storylens.check.stance import STANCES
from storylens.evals import dataset_dir

DATA_DIR = dataset_dir("fnc1_stance")


def read_pairs(data_dir: Path = DATA_DIR, limit: int | None = None) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """FNC pairs in the `check --pairs` shape, and the gold stance per pair id."""
    bodies = {}
    for line in (data_dir / "dev_bodies.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        bodies[record["body_id"]] = record["body"]
    pairs, gold = [], {}
    for line in (data_dir / "dev_pairs.jsonl").read_text(encoding="utf-8").splitlines()[:limit]:
        record = json.loads(line)
        pair_id = str(record["pair_id"])
        pairs.append({"id": pair_id, "claim": record["headline"],
                      "article": {"id": f"body-{record['body_id']}", "text": bodies[record["body_id"]]}})
        gold[pair_id] = record["stance"]
    return pairs, gold


def score(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, Any]:
    """Per-class P/R/F1, macro-F1, related accuracy and the FNC weighted score (relative to its maximum)."""
    counts = Counter((gold[k], predicted.get(k, "unrelated")) for k in gold)
    per_class = {}
    for label in STANCES:
        tp = counts[(label, label)]
        fp = sum(counts[(g, label)] for g in STANCES if g != label)
        fn = sum(counts[(label, p)] for p in STANCES if p != label)
        precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
        per_class[label] = {"precision": precision, "recall": recall,
                            "f1": 2 * precision * recall / max(1e-9, precision + recall)}
    related = sum(n for (g, p), n in counts.items() if (g == "unrelated") == (p == "unrelated"))
    fnc = sum(n * _fnc_points(g, p) for (g, p), n in counts.items())
    best = sum(n * _fnc_points(g, g) for (g, _), n in counts.items())
    return {"pairs": len(gold), "per_class": per_class,
            "macro_f1": sum(c["f1"] for c in per_class.values()) / len(STANCES),
            "related_accuracy": related / max(1, len(gold)), "fnc_score": fnc / max(1e-9, best)}


def _fnc_points(gold: str, predicted: str) -> float:
    points = 0.25 if (gold == "unrelated") == (predicted == "unrelated") else 0.0
    if gold != "unrelated" and gold == predicted:
        points += 0.75
    return points


def evaluate(data_dir: Path = DATA_DIR, limit: int | None = None, db: str | None = None) -> dict[str, Any]:
    """Run every pair through the claim check and score it."""
    from storylens.cli.common import progress

    pairs, gold = read_pairs(data_dir, limit)
    engine = store.connect(db) if db else None
    bodies = len({p["article"]["text"] for p in pairs})
    with progress("Checking FNC-1 pairs", bodies) as advance:
        result = check_pairs(pairs, check_pipeline(), engine, on_done=advance)
    return score(gold, {r["id"]: r["stance"] for r in result.results})


def main() -> None:
    """Print the FNC-1 figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--db", help="store URL to cache analysed bodies between runs")
    args = parser.parse_args()
    figures = evaluate(args.data, args.limit, args.db)
    print(f"FNC-1 dev: {figures['pairs']} pairs")
    for label, c in figures["per_class"].items():
        print(f"  {label:<10} P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}")
    print(f"  macro-F1 {figures['macro_f1']:.3f}  related-vs-unrelated accuracy {figures['related_accuracy']:.4f}"
          f"  FNC score {figures['fnc_score']:.3f} of max")


if __name__ == "__main__":
    main()
