"""Story stage `event_coref`: link event mentions across articles into story events.

Candidate pairs are mentions from different articles whose predicates are related (same stem, or
synonyms: `predicates.related`); reporting verbs ("said", "told") are left out, they carry no event of
the story. A logistic model over the named evidence of `event_features` (weights in `event_model.json`,
fitted on ECB+ train topics by `python -m storylens.evals.train_event_coref`) gives each pair a
probability; pairs at or above the model's threshold are one event (union-find).

`results["events"]`: events reported by two or more articles, in the contract's shape; `results
["event_links"]`: the accepted mention pairs as ((article, event index), (article, event index), p), which
the claim groups read.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storylens.model import Story
from storylens.stages.article.predicates import SYNONYMS
from storylens.stages.compare.claimindex import ClaimIndex
from storylens.stages.story.event_features import FEATURES, Mention, StoryView, features, mention, story_view
from storylens.stages.story.linear_model import load_linear_model, probabilities
from storylens.stages.story.linkage import average_link

MODEL_FILE = Path(__file__).with_name("event_model.json")
# A predicate block this large ("killed" in a 1,000-article story) is compared by claim similarity only
# among each mention's nearest neighbours, so cost stays near linear.
MAX_BLOCK = 300
BLOCK_NEIGHBOURS = 40
# Pairs kept in `event_links` for the claim groups to weigh (below this they count as no link).
LINK_FLOOR = 0.1


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> dict[str, Any]:
    """The shipped event-pair model: {"features", "weights", "bias", "threshold", ...}."""
    return load_linear_model(path, FEATURES)


def story_mentions(story: Story) -> tuple[list[Mention], Any]:
    """Every event mention of the story, resolved against its entities and claim vectors, and the view."""
    index = ClaimIndex(story)
    rows = {(c.article.id, c.index): n for n, c in enumerate(index.claims)}
    view = story_view(story, rows, index.vectors)
    mentions = [mention(view, article, i, span, rows[article.id, span.attrs["claim"]])
                for article in story.articles for i, span in enumerate(article.layer("events"))
                if not span.attrs.get("reporting")]
    return mentions, view


def candidate_pairs(mentions: list[Mention], view: Any) -> list[tuple[int, int]]:
    """Cross-article pairs whose predicates share a stem or a synonym set."""
    blocks: dict[Any, list[int]] = defaultdict(list)
    for n, m in enumerate(mentions):
        blocks["key", m.attrs["key"]].append(n)
        for synonym in SYNONYMS.get(m.attrs["lemma"], ()):
            blocks["syn", synonym].append(n)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        pairs.update(_block_pairs(members, mentions, view))
    return sorted(pairs)


def _block_pairs(members: list[int], mentions: list[Mention], view: Any) -> list[tuple[int, int]]:
    if len(members) > MAX_BLOCK:
        vectors = view.claim_vectors[[mentions[n].claim for n in members]]
        nearest = np.argsort(-(vectors @ vectors.T), axis=1)[:, :BLOCK_NEIGHBOURS]
        candidates = {(members[i], members[j]) for i, row in enumerate(nearest) for j in row}
    else:
        candidates = {(a, b) for k, a in enumerate(members) for b in members[k + 1 :]}
    return [(min(a, b), max(a, b)) for a, b in candidates
            if a != b and mentions[a].article.id != mentions[b].article.id]


def scored_pairs(story: Story) -> tuple[list[Mention], list[tuple[int, int]], np.ndarray, StoryView]:
    """The story's mentions, candidate pairs, each pair's feature row, and the story view."""
    mentions, view = story_mentions(story)
    pairs = candidate_pairs(mentions, view)
    rows = np.array([features(view, mentions[a], mentions[b]) for a, b in pairs], dtype=float)
    return mentions, pairs, rows.reshape(len(pairs), len(FEATURES)), view


def link_events(story: Story) -> Story:
    """Assign `results["events"]` (events of 2+ articles) and `results["event_links"]`."""
    model = load_model()
    mentions, pairs, rows, view = scored_pairs(story)
    chance = probabilities(model, rows)
    edges = {pair: float(p) for pair, p in zip(pairs, chance, strict=True) if p >= LINK_FLOOR}
    story.results["event_links"] = [
        ((mentions[a].article.id, mentions[a].index), (mentions[b].article.id, mentions[b].index), round(p, 4))
        for (a, b), p in edges.items()
    ]
    clusters = average_link([m.article.id for m in mentions], edges, model["threshold"])
    sources = story.results.get("sources", {})
    records = [_record([mentions[n] for n in c], story, view, sources) for c in clusters
               if len({mentions[n].article.id for n in c}) >= 2]
    story.results["events"] = [{"id": f"v{n}", **r} for n, r in enumerate(records)]
    return story


def _record(members: list[Mention], story: Story, view: StoryView, sources: dict[str, str]) -> dict[str, Any]:
    entities = story.results.get("entities", [])
    articles = list(dict.fromkeys(m.article.id for m in members))
    participants: dict[tuple[str, str], dict[str, Any]] = {}
    for m in members:
        for p in m.attrs.get("participants", []):
            found = view.entity_of.get((m.article.id, p["start"], p["end"])) if p.get("entity") else None
            name = entities[found]["name"] if found is not None else p["text"]
            entity = entities[found]["id"] if found is not None else None
            participants.setdefault((p["role"], name), {"role": p["role"], "name": name, "entity": entity})
    whens = Counter(m.attrs["when"] for m in members if m.attrs.get("when"))
    wheres = Counter(m.attrs["where"] for m in members if m.attrs.get("where"))
    return {
        "predicate": Counter(m.attrs["lemma"] for m in members).most_common(1)[0][0],
        "mentions": [{"article": m.article.id, "start": m.span.start, "end": m.span.end,
                      "text": m.article.span_text(m.span), "claim": f"{m.article.id}:c{m.attrs['claim']}"}
                     for m in members],
        "participants": list(participants.values()),
        "when": whens.most_common(1)[0][0] if whens else None,
        "where": wheres.most_common(1)[0][0] if wheres else None,
        "articles": articles,
        "independent_sources": len({sources.get(a, a) for a in articles}),
    }
