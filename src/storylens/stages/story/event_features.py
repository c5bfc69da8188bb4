"""The evidence that two event mentions from different articles are one real event, as named features.

Each feature is 0..1 (or -1..1 for "agree / unknown / disagree") so a logistic model's weights read as
"how much this evidence counts" (`event_model.json`, fitted by `storylens.evals.train_event_coref`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from storylens.model import Article, Span, Story
from storylens.stages.article.predicates import SYNONYMS
from storylens.text.quantities import values_disagree

FEATURES = (
    "same_lemma", "same_stem", "synonym", "claim_cosine", "article_cosine", "shared_participants",
    "shared_entities_claims", "agent_clash", "shared_article_entities", "when", "where", "numbers",
    "reporting", "noun_verb", "polarity_clash", "patient_clash",
)
# Patient heads that name nothing a second mention could be compared on ("accept it", "told them").
NAMELESS_LABELS = frozenset({"PRON", "DET", "NUM"})


@dataclass
class Mention:
    """One event mention with what the features compare, resolved against story-level results."""

    article: Article
    index: int
    span: Span
    claim: int  # row in the story's claim matrix
    entities: frozenset[int] = field(default_factory=frozenset)  # story entities among its participants
    words: frozenset[str] = field(default_factory=frozenset)  # non-entity participant lemmas
    agents: frozenset[int] = field(default_factory=frozenset)
    # What the event is done to: story entity ids and noun lemmas ("accept [the] nomination" / "accept [their]
    # counsel": one verb, two events).
    patients: frozenset[int | str] = field(default_factory=frozenset)

    @property
    def attrs(self) -> dict[str, Any]:
        """The event's attributes (article layer)."""
        return self.span.attrs


@dataclass
class StoryView:
    """Story-wide lookups the features share: entity ids by mention, claim vectors, article profiles."""

    entity_of: dict[tuple[str, int, int], int]
    claim_vectors: np.ndarray
    claim_entities: list[frozenset[int]]
    article_vectors: dict[str, np.ndarray]
    article_entities: dict[str, frozenset[int]]


def story_view(story: Story, claim_rows: dict[tuple[str, int], int], claim_vectors: np.ndarray) -> StoryView:
    """Build the lookups from the story's linked entities and claim vectors."""
    entity_of = {(m["article"], m["start"], m["end"]): n for n, e in enumerate(story.results.get("entities", []))
                 for m in e["mentions"]}
    # Rows index the vector matrix, which may hold more rows than the claims listed here.
    claim_entities: list[frozenset[int]] = [frozenset()] * len(claim_vectors)
    article_vectors, article_entities = {}, {}
    for article in story.articles:
        claims = article.layer("claims")
        spans = [(e.start, e.end) for e in article.layer("entities")]
        ids = [entity_of.get((article.id, s, e)) for s, e in spans]
        article_entities[article.id] = frozenset(i for i in ids if i is not None)
        for n, claim in enumerate(claims):
            inside = {i for (s, _e), i in zip(spans, ids, strict=True)
                      if i is not None and claim.start <= s < claim.end}
            claim_entities[claim_rows[article.id, n]] = frozenset(inside)
        rows = [claim_rows[article.id, n] for n in range(len(claims))]
        if rows:
            mean = claim_vectors[rows].mean(axis=0)
            article_vectors[article.id] = mean / (np.linalg.norm(mean) or 1.0)
    return StoryView(entity_of, claim_vectors, claim_entities, article_vectors, article_entities)


def mention(view: StoryView, article: Article, index: int, span: Span, claim_row: int) -> Mention:
    """A Mention with its participants resolved to story entity ids."""
    entities, words, agents, patients = set(), set(), set(), set()
    for p in span.attrs.get("participants", []):
        found = view.entity_of.get((article.id, p["start"], p["end"])) if p.get("entity") else None
        if found is None:
            words.add(p["text"])
        else:
            entities.add(found)
            if p["role"] == "agent":
                agents.add(found)
        if p["role"] == "patient" and (found is not None or p.get("label") not in NAMELESS_LABELS):
            patients.add(found if found is not None else p["text"])
    return Mention(article, index, span, claim_row, frozenset(entities), frozenset(words), frozenset(agents),
                   frozenset(patients))


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _agree(a: Any, b: Any, same: bool) -> float:
    """1 when both known and agreeing, -1 when both known and disagreeing, 0 when either is unknown."""
    if not a or not b:
        return 0.0
    return 1.0 if same else -1.0


def _when(a: str | None, b: str | None) -> float:
    if not a or not b or "X" in a or "X" in b:
        return 0.0
    return 1.0 if a.startswith(b) or b.startswith(a) else -1.0


def _numbers(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> float:
    shared_units = {n["unit"] for n in a} & {n["unit"] for n in b}
    if not shared_units:
        return 0.0
    for unit in shared_units:
        ours = [n["value"] for n in a if n["unit"] == unit]
        theirs = [n["value"] for n in b if n["unit"] == unit]
        if any(not values_disagree(x, y) for x in ours for y in theirs):
            return 1.0
    return -1.0


def features(view: StoryView, a: Mention, b: Mention) -> list[float]:
    """The FEATURES of a mention pair, in order."""
    la, lb = a.attrs["lemma"], b.attrs["lemma"]
    where_a, where_b = a.attrs.get("where"), b.attrs.get("where")
    return [
        float(la == lb),
        float(a.attrs["key"] == b.attrs["key"]),
        float(bool(SYNONYMS.get(la, frozenset()) & SYNONYMS.get(lb, frozenset()))),
        float(view.claim_vectors[a.claim] @ view.claim_vectors[b.claim]),
        float(view.article_vectors[a.article.id] @ view.article_vectors[b.article.id]),
        max(_jaccard(a.entities, b.entities), 0.5 * _jaccard(a.words, b.words)),
        _jaccard(view.claim_entities[a.claim], view.claim_entities[b.claim]),
        float(bool(a.agents and b.agents and not a.agents & b.agents)),
        _jaccard(view.article_entities[a.article.id], view.article_entities[b.article.id]),
        _when(a.attrs.get("when"), b.attrs.get("when")),
        _agree(where_a, where_b, (where_a or "").lower() == (where_b or "").lower()),
        _numbers(a.attrs.get("numbers", []), b.attrs.get("numbers", [])),
        float(a.attrs.get("reporting", False) or b.attrs.get("reporting", False)),
        float(a.attrs["pos"] != b.attrs["pos"]),
        float((a.attrs.get("polarity") == "positive") != (b.attrs.get("polarity") == "positive")),
        float(bool(a.patients and b.patients and not a.patients & b.patients)),
    ]
