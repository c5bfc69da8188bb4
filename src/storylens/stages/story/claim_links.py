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

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storylens.ids import claim_id
from storylens.model import Story
from storylens.stages.compare.claimindex import ClaimIndex, ClaimRef
from storylens.stages.story.event_features import StoryView, story_view
from storylens.stages.story.linear_model import load_linear_model
from storylens.text.stems import stem

MODEL_FILE = Path(__file__).with_name("claim_model.json")
CLAIM_FEATURES = ("event_link", "linked_events", "claim_cosine", "shared_claim_entities", "word_overlap",
                  "embedding_rule")


@lru_cache(maxsize=1)
def load_claim_model(path: Path = MODEL_FILE) -> dict[str, Any]:
    """The shipped claim-pair model: {"features", "weights", "bias", "threshold", ...}."""
    return load_linear_model(path, CLAIM_FEATURES)


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


# --- The default claim-pair model (`groups`, claim_grouping "pairs") -------------------------------------

PAIR_MODEL_FILE = Path(__file__).with_name("pair_model.json")
PAIR_FEATURES = ("event_link", "claim_cosine", "word_overlap", "rare_overlap", "rare_containment", "shared_run",
                 "shared_entities", "shared_anchor", "shared_predicate", "length_ratio", "agent_clash")
RUN_CAP = 8  # a shared run of this many words (a quotation both outlets print) counts fully
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@lru_cache(maxsize=1)
def load_pair_model(path: Path = PAIR_MODEL_FILE) -> dict[str, Any]:
    """The shipped claim-pair model of the `pairs` grouping: {"features", "weights", "bias", "threshold"}."""
    return load_linear_model(path, PAIR_FEATURES)


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))


def longest_run(a: list[str], b: list[str]) -> int:
    """Length of the longest run of consecutive words two texts share."""
    best, previous = 0, [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def _agents(claim: ClaimRef, view: StoryView) -> frozenset[int]:
    """Story entities that are agents of the claim's non-reporting events ("Enzi" of "Mr. Enzi opposes")."""
    found = (e.attrs for e in claim.events)
    return frozenset(view.entity_of[claim.article.id, p["start"], p["end"]] for e in found if not e.get("reporting")
                     for p in e.get("participants", []) if p["role"] == "agent" and p.get("entity")
                     and (claim.article.id, p["start"], p["end"]) in view.entity_of)


def _predicate_keys(claim: ClaimRef) -> frozenset[str]:
    """Stems of the claim's non-reporting event predicates (`events` layer)."""
    return frozenset(e.attrs["key"] for e in claim.events if not e.attrs.get("reporting"))


def _clash(agents: dict[int, frozenset[int]], index: ClaimIndex, view: StoryView, i: int, j: int) -> float:
    """1 when both claims name their agents and no agent is shared (two actors, two facts)."""
    for n in (i, j):
        if n not in agents:
            agents[n] = _agents(index.claims[n], view)
    return float(bool(agents[i] and agents[j] and not agents[i] & agents[j]))


def pair_rows(story: Story, index: ClaimIndex, pairs: list[tuple[int, int]], anchors: Any,
              content: Any) -> np.ndarray:
    """The PAIR_FEATURES row of each claim pair (positions in `index`), in order.

    `anchors(claim)` gives a claim's specific figures and dates, `content(text)` its content words (compared
    as Porter stems, so "sued" meets "sue" and "resigned" "resignation").
    """
    rows_of = {(c.article.id, c.index): n for n, c in enumerate(index.claims)}
    view: StoryView = story_view(story, rows_of, index.vectors)
    evidence = event_evidence(story, index)
    words = [frozenset(map(stem, content(c.text))) for c in index.claims]
    # Story-level rarity: a word every outlet repeats ("Farenthold") tells two facts apart less than a rare one.
    frequency: dict[str, int] = {}
    for found in words:
        for w in found:
            frequency[w] = frequency.get(w, 0) + 1
    total = max(len(words), 2)
    rarity = {w: float(np.log(total / n)) for w, n in frequency.items()}
    mass = [sum(rarity[w] for w in found) for found in words]
    tokens = [_words(c.text) for c in index.claims]
    agents: dict[int, frozenset[int]] = {}
    rows = []
    for i, j in pairs:
        a, b = index.claims[i], index.claims[j]
        shared, union = words[i] & words[j], words[i] | words[j]
        rare_union, rare_shared = sum(rarity[w] for w in union), sum(rarity[w] for w in shared)
        # Containment: a short report of one fact inside a long sentence that carries a second fact too.
        smaller = min(mass[i], mass[j])
        rows.append([
            evidence.get((i, j), (0.0, 0))[0],
            float(index.vectors[i] @ index.vectors[j]),
            len(shared) / len(union) if union else 0.0,
            rare_shared / rare_union if rare_union else 0.0,
            rare_shared / smaller if smaller else 0.0,
            min(longest_run(tokens[i], tokens[j]), RUN_CAP) / RUN_CAP,
            _jaccard(view.claim_entities[i], view.claim_entities[j]),
            float(bool(anchors(a) & anchors(b))),
            float(bool(_predicate_keys(a) & _predicate_keys(b))),
            min(len(tokens[i]), len(tokens[j])) / max(len(tokens[i]), len(tokens[j]), 1),
            _clash(agents, index, view, i, j),
        ])
    return np.array(rows, dtype=float).reshape(len(pairs), len(PAIR_FEATURES))
