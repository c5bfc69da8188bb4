"""Story clustering evaluation on ECB+ (`../shared/data/ecbplus`): B-cubed P/R/F1 at the subtopic level.

Each ECB+ topic holds two stories of the same kind (two Oscar-host announcements, two navy anti-piracy
operations), so a topic-level grouping scores badly: entity, date and detail evidence must split them.
All documents of a split are clustered together, as one stream, in a fixed shuffled order (sha-256 of the
document id: topics interleave as in a real feed). Documents carry no publication date, so the time
window never helps here. Each document is one plain-text input (sentences as paragraphs) run through
the real article stages (`clean`, `nlp`, `times`, `quotes`, `claims`, `embed`).

Split (fixed, the standard one of the README: Cybulska & Vossen 2015): TUNING part = the train topics
(all but 2, 5, 12, 18, 21, 23, 34, 35 and the test topics 36-45, 575 documents, 50 stories), CHECKING
part = the dev topics {2, 5, 12, 18, 21, 23, 34, 35} (197 documents, 16 stories); the test topics are
not in the data folder. The weights and the threshold (`clustering.Params`) are chosen on train alone:
`--tune` prints train B-cubed per threshold as the mean over five stream orders (one order is noisy: a
single early merge of two big stories moves F1 by a few points), and the threshold with the best mean
is kept. The gate test (`tests/test_cluster_eval.py`) reads dev.

B-cubed (Bagga & Baldwin 1998): per document, precision = share of its predicted story that shares its
gold story, recall = share of its gold story inside its predicted story; averaged over documents.

The default stream order is one draw: a single early merge of two big look-alike stories (dev topic 35's two
Chargers DUI arrests) moves dev F1 by about 3 points, so `--orders` also prints each split's mean over the five
tuning orders (read it before believing a change of a point or two).

Run: `python -m storylens.evals.ecbplus [--split dev|train|all] [--cache FILE] [--tune] [--orders]`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from storylens.clustering import OnlineClusterer, Params, article_evidence, cluster_pipeline
from storylens.evals import SHARED_DATA
from storylens.ingest.readers import article_from_record
from storylens.model import Article

DATA_ROOT = SHARED_DATA
ECB_DIR = DATA_ROOT / "ecbplus"
SPLITS = ("dev", "train")


def read_documents(data_dir: Path = ECB_DIR) -> Iterator[dict[str, Any]]:
    """The ECB+ documents ({doc_id, subtopic, split, sentences, ...})."""
    with (Path(data_dir) / "documents.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def process_documents(docs: list[dict[str, Any]], on_done: Callable[[], Any] | None = None) -> list[Article]:
    """Run the clustering's article stages on each document (a failing one is left out, never fatal)."""
    pipeline = cluster_pipeline()
    articles = []
    for doc in docs:
        raw = article_from_record({"id": doc["doc_id"], "text": "\n\n".join(doc["sentences"])}, doc["doc_id"])
        result = pipeline.try_article(raw)  # type: ignore[arg-type]
        if isinstance(result, Article):
            articles.append(result)
        if on_done:
            on_done()
    return articles


def load_articles(splits: tuple[str, ...] = SPLITS, data_dir: Path = ECB_DIR,
                  cache: Path | None = None) -> list[Article]:
    """Processed articles of the splits' documents; with `cache`, reused from (or saved to) that pickle."""
    if cache and cache.exists():
        with cache.open("rb") as handle:
            return pickle.load(handle)  # noqa: S301 - a file this command wrote itself
    articles = process_documents([d for d in read_documents(data_dir) if d["split"] in splits])
    if cache:
        with cache.open("wb") as handle:
            pickle.dump(articles, handle)
    return articles


def stream_order(doc_id: str, salt: str = "") -> str:
    """The fixed shuffled order documents arrive in (another `salt` gives another order, for tuning)."""
    return hashlib.sha256((salt + doc_id).encode("utf-8")).hexdigest()


def cluster(articles: list[Article], params: Params | None = None, salt: str = "") -> dict[str, str]:
    """Document id -> predicted story id: the documents as one stream, then the batch's second look."""
    clusterer = OnlineClusterer(params)
    evidence = {a.id: article_evidence(a) for a in sorted(articles, key=lambda a: stream_order(a.id, salt))}
    predicted = {doc: clusterer.assign(item) for doc, item in evidence.items()}
    predicted.update(clusterer.second_look(evidence))
    return predicted


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 over the documents of `gold`."""
    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc, story in predicted.items():
        members["p", story].add(doc)
    for doc, story in gold.items():
        members["g", story].add(doc)
    precision = recall = 0.0
    for doc, story in gold.items():
        ours, theirs = members["p", predicted[doc]], members["g", story]
        shared = len(ours & theirs)
        precision += shared / len(ours)
        recall += shared / len(theirs)
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate(split: str, articles: list[Article], data_dir: Path = ECB_DIR,
             params: Params | None = None) -> dict[str, Any]:
    """Cluster one split's documents and score them against the gold subtopics."""
    gold = {d["doc_id"]: d["subtopic"] for d in read_documents(data_dir) if d["split"] == split}
    chosen = [a for a in articles if a.id in gold]
    predicted = cluster(chosen, params)
    for doc in gold.keys() - predicted.keys():  # a document we could not process is a story of its own
        predicted[doc] = "missing:" + doc
    return {"split": split, "documents": len(gold), "gold_stories": len(set(gold.values())),
            "predicted_stories": len(set(predicted.values())), **bcubed(predicted, gold)}


TUNING_ORDERS = ("", "1", "2", "3", "4")  # stream-order salts averaged over when tuning


def tune_threshold(articles: list[Article], thresholds: list[float]) -> list[dict[str, Any]]:
    """Train B-cubed F1 per threshold, the mean over `TUNING_ORDERS` stream orders (tuning part only)."""
    gold = {d["doc_id"]: d["subtopic"] for d in read_documents(ECB_DIR) if d["split"] == "train"}
    chosen = [a for a in articles if a.id in gold]
    rows = []
    for threshold in thresholds:
        params = replace(Params(), threshold=threshold)
        scores = [bcubed(cluster(chosen, params, salt), gold)["f1"] for salt in TUNING_ORDERS]
        rows.append({"threshold": threshold, "train_mean_f1": round(sum(scores) / len(scores), 4),
                     "per_order": scores})  # fmt: skip
    return rows


def mean_over_orders(split: str, articles: list[Article], params: Params | None = None) -> dict[str, Any]:
    """B-cubed P/R/F1 of one split, the mean over the `TUNING_ORDERS` stream orders."""
    gold = {d["doc_id"]: d["subtopic"] for d in read_documents(ECB_DIR) if d["split"] == split}
    chosen = [a for a in articles if a.id in gold]
    scores = [bcubed(cluster(chosen, params, salt), gold) for salt in TUNING_ORDERS]
    mean = {key: round(sum(s[key] for s in scores) / len(scores), 4) for key in ("precision", "recall", "f1")}
    return {"split": split, "orders": len(scores), **mean, "per_order_f1": [s["f1"] for s in scores]}


def main() -> None:
    """Print B-cubed scores for the chosen splits as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--cache", type=Path, help="pickle of processed articles to reuse between runs")
    parser.add_argument("--tune", action="store_true", help="print train B-cubed per threshold (0.30-0.42)")
    parser.add_argument("--orders", action="store_true", help="also print the mean over the five stream orders")
    args = parser.parse_args()
    splits = SPLITS if args.split == "all" else (args.split,)
    articles = load_articles(splits, ECB_DIR, args.cache)
    if args.tune:
        print(json.dumps(tune_threshold(articles, [round(0.30 + 0.01 * i, 2) for i in range(13)]), indent=1))
        return
    reports = [evaluate(split, articles) for split in splits]
    if args.orders:
        reports += [mean_over_orders(split, articles) for split in splits]
    print(json.dumps(reports, indent=1))


if __name__ == "__main__":
    main()
