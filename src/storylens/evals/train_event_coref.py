"""Fit the event-coreference and claim-pair models (`stages/story/event_model.json`, `claim_model.json`) on
ECB+ TRAIN topics only.

Each train topic is one story run through the article stages and the story stages `sources` and
`entities`; candidate mention pairs come from `event_coref.scored_pairs`. A predicted mention takes the
gold chain of the verified-sentence gold event mention its span overlaps; pairs whose two mentions both
have one are the training rows (label: same chain, singletons never positive). The model is an
L2-regularised logistic regression fitted by Newton's method (numpy; scikit-learn is not a dependency).
The event threshold is the probability that maximises pairwise F1 on the same train pairs.

The claim-pair model is fitted next, with the new event model's links: rows are the candidate claim pairs
of `claim_links.claim_rows` whose two claims both hold a cross-document gold mention (label: they share a
chain). Its threshold (the average-link cut of `groups`) is the one with the best train claim-alignment
F1 among those with precision >= 0.75 (the floor), else the best F1. The claim-alignment figures on dev
(`storylens.evals.ecb_alignment`) check both models on topics they never saw.

Run: `python -m storylens.evals.train_event_coref [--cache /tmp/ecb_articles.pkl]` (rewrites both JSON files).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

from storylens.evals.ecb_alignment import analyse_topic, claim_chains, evaluate, gold_mentions, topic_articles
from storylens.evals.ecb_corpus import process, read_documents
from storylens.stages.compare.claimindex import ClaimIndex
from storylens.stages.story import groups
from storylens.stages.story.claim_links import CLAIM_FEATURES, claim_rows, load_claim_model
from storylens.stages.story.claim_links import MODEL_FILE as CLAIM_MODEL_FILE
from storylens.stages.story.event_coref import MODEL_FILE, load_model, scored_pairs
from storylens.stages.story.event_features import FEATURES
from storylens.stages.story.linear_model import fit_logistic


def best_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The probability cut with the best pairwise F1."""
    best, best_f1 = 0.5, -1.0
    for cut in np.arange(0.2, 0.91, 0.05):
        tp = float(((p >= cut) & (y == 1)).sum())
        predicted, positive = float((p >= cut).sum()), float(y.sum())
        f1 = 2 * tp / (predicted + positive) if predicted + positive else 0.0
        if f1 > best_f1:
            best, best_f1 = float(round(cut, 2)), f1
    return best


def labelled_rows(split: str, articles: dict[str, Any], docs: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of the split's candidate pairs whose mentions both match a gold mention."""
    xs, ys = [], []
    for topic, topic_docs in topic_articles(split, articles, docs).items():
        story = analyse_topic([articles[d.doc_id] for d in topic_docs], topic, ("sources", "entities"))
        gold = {d.doc_id: gold_mentions(d, articles[d.doc_id]) for d in topic_docs}
        mentions, pairs, rows, _view = scored_pairs(story)
        chains = [_chain(m.article.id, m.span.start, m.span.end, gold) for m in mentions]
        for (a, b), row in zip(pairs, rows, strict=True):
            if chains[a] and chains[b]:
                xs.append(row)
                ys.append(float(chains[a] == chains[b] and not chains[a].startswith("SINGLETON")))
    return np.array(xs), np.array(ys)


def _chain(article: str, start: int, end: int, gold: dict[str, list[dict[str, Any]]]) -> str | None:
    return next((g["chain_id"] for g in gold.get(article, []) if g["start"] < end and start < g["end"]), None)


def claim_labelled_rows(split: str, articles: dict[str, Any], docs: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Claim-pair feature rows and labels (share a gold chain) of the split's topics."""
    xs, ys = [], []
    for topic, topic_docs in topic_articles(split, articles, docs).items():
        story = analyse_topic([articles[d.doc_id] for d in topic_docs], topic, ("sources", "entities", "event_coref"))
        chains = {}
        for d in topic_docs:
            for n, found in claim_chains(articles[d.doc_id], gold_mentions(d, articles[d.doc_id])).items():
                chains[d.doc_id, n] = found
        index = ClaimIndex(story)
        pairs = index.neighbour_pairs(groups.PROPOSE)
        rule = {(i, j) for i, j, s in pairs if groups.same_claim(index.claims[i], index.claims[j], s)}
        candidates, rows = claim_rows(story, index, {(i, j): s for i, j, s in pairs}, rule, groups.word_overlap)
        for (i, j), row in zip(candidates, rows, strict=True):
            a = chains.get((index.claims[i].article.id, index.claims[i].index))
            b = chains.get((index.claims[j].article.id, index.claims[j].index))
            if a and b:
                xs.append(row)
                ys.append(float(bool(a & b)))
    return np.array(xs), np.array(ys)


def fit(x: np.ndarray, y: np.ndarray, names: tuple[str, ...]) -> dict[str, Any]:
    """A model record: features, weights, bias, the best-F1 pair threshold and what it was trained on."""
    weights, bias = fit_logistic(x, y)
    p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
    return {"features": list(names), "weights": [round(float(w), 4) for w in weights], "bias": round(bias, 4),
            "threshold": best_threshold(p, y), "trained_on": "ECB+ train topics", "pairs": len(y),
            "positives": int(y.sum())}


def pick_group_threshold(articles: dict[str, Any], docs: list[Any], model: dict[str, Any]) -> float:
    """The average-link cut with the best train alignment F1 at precision >= 0.75 (else the best F1)."""
    scores = []
    for cut in (0.1, 0.15, 0.2, 0.3, 0.4, 0.5):
        model["threshold"] = cut
        found = evaluate("train", articles, docs, "events")["alignment"]
        print(f"group threshold {cut}: train alignment {found}")
        scores.append((found["precision"] >= 0.75, found["f1"], cut))
    return max(scores)[2]


def _write(path: Path, model: dict[str, Any]) -> None:
    path.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    """Fit both models on train, write their JSON files and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="pickle of processed articles (and parses) to reuse")
    args = parser.parse_args()
    docs = [d for d in read_documents() if d.split == "train"]
    articles = process(docs, args.cache)
    event_model = fit(*labelled_rows("train", articles, docs), FEATURES)
    _write(MODEL_FILE, event_model)
    load_model.cache_clear()
    claim_model = fit(*claim_labelled_rows("train", articles, docs), CLAIM_FEATURES)
    _write(CLAIM_MODEL_FILE, claim_model)
    load_claim_model.cache_clear()
    live = load_claim_model()
    live["threshold"] = claim_model["threshold"] = pick_group_threshold(articles, docs, live)
    _write(CLAIM_MODEL_FILE, claim_model)
    print(json.dumps({"event_model": event_model, "claim_model": claim_model}, indent=1))


if __name__ == "__main__":
    main()
