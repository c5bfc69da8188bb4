"""The evidence that two claims from different articles state the same fact, and a logistic model over it.

Candidates are claim pairs whose events were linked (`results["event_links"]`) or whose sentence vectors
are near neighbours (`ClaimIndex.neighbour_pairs`), from articles that story clustering
(`storylens.clustering`) puts in one story: ECB+ topics pair two look-alike stories, and the same words in
two stories are two facts. Within one story, only claim-level evidence counts (article-level likeness says
nothing there): the best event-link probability, how many of their events are linked, sentence cosine,
shared story entities, word overlap, and the embedding rule of `groups.same_claim`. Weights in
`claim_model.json`, fitted on ECB+ train topics by `python -m storylens.evals.train_event_coref`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storylens.ids import claim_id
from storylens.model import Story
from storylens.stages.compare.claimindex import ClaimIndex
from storylens.stages.story.event_features import StoryView, story_view

MODEL_FILE = Path(__file__).with_name("claim_model.json")
CLAIM_FEATURES = ("event_link", "linked_events", "claim_cosine", "shared_claim_entities", "word_overlap",
                  "embedding_rule")


@lru_cache(maxsize=1)
def load_claim_model(path: Path = MODEL_FILE) -> dict[str, Any]:
    """The shipped claim-pair model: {"features", "weights", "bias", "threshold", ...}."""
    model = json.loads(path.read_text(encoding="utf-8"))
    if tuple(model["features"]) != CLAIM_FEATURES:
        raise ValueError(f"{path}: model features {model['features']} differ from the code's {CLAIM_FEATURES}")
    return model


def event_evidence(story: Story, index: ClaimIndex) -> dict[tuple[int, int], tuple[float, int]]:
    """Claim positions (i, j), i < j, whose events were linked: (best link probability, links)."""
    out: dict[tuple[int, int], tuple[float, int]] = {}
    for (article_a, event_a), (article_b, event_b), p in story.results.get("event_links", []):
        claim_a = story.article(article_a).layer("events")[event_a].attrs["claim"]
        claim_b = story.article(article_b).layer("events")[event_b].attrs["claim"]
        i, j = index.position[claim_id(article_a, claim_a)], index.position[claim_id(article_b, claim_b)]
        if i != j:
            best, count = out.get((min(i, j), max(i, j)), (0.0, 0))
            out[min(i, j), max(i, j)] = (max(best, p), count + 1)
    return out


def substories(story: Story) -> dict[str, str]:
    """Article id -> the story the clustering puts it in: a look-alike second story in the set stands apart."""
    from storylens.clustering import cluster_articles  # story clustering, the same as `storylens cluster`

    return {a: found["id"] for found in cluster_articles(story.articles) for a in found["articles"]}


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def claim_rows(story: Story, index: ClaimIndex, similar: dict[tuple[int, int], float],
               rule: set[tuple[int, int]], overlap: Any) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Candidate pairs (event-linked or similar) and their CLAIM_FEATURES rows.

    `similar` maps neighbour pairs to cosine, `rule` holds pairs the embedding rule accepts, and
    `overlap(text_a, text_b)` is the content-word overlap.
    """
    rows_of = {(c.article.id, c.index): n for n, c in enumerate(index.claims)}
    view: StoryView = story_view(story, rows_of, index.vectors)
    evidence = event_evidence(story, index)
    substory = substories(story)
    # Articles the story clustering puts in different stories state different facts, whatever the words.
    pairs = sorted(p for p in set(evidence) | set(similar)
                   if substory[index.claims[p[0]].article.id] == substory[index.claims[p[1]].article.id])
    rows = []
    for i, j in pairs:
        a, b = index.claims[i], index.claims[j]
        best, count = evidence.get((i, j), (0.0, 0))
        rows.append([
            best, min(count, 3) / 3,
            float(index.vectors[i] @ index.vectors[j]),
            _jaccard(view.claim_entities[i], view.claim_entities[j]),
            overlap(a.text, b.text),
            float((i, j) in rule),
        ])
    return pairs, np.array(rows, dtype=float).reshape(len(pairs), len(CLAIM_FEATURES))
