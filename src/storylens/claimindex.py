"""A flat, story-wide view of claims (id, article, span, vector) shared by the story stages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from storylens.ids import claim_id
from storylens.model import Article, Span, Story


@dataclass(frozen=True)
class ClaimRef:
    """One claim with the article it belongs to."""

    id: str
    article: Article
    index: int
    span: Span

    @property
    def text(self) -> str:
        """The claim sentence."""
        return self.article.span_text(self.span)

    @property
    def times(self) -> list[Span]:
        """Time expressions inside the claim."""
        layer = self.article.layer("times")
        return [layer[i] for i in self.span.attrs.get("times", [])]


class ClaimIndex:
    """All claims of a story in a fixed order, with their vectors stacked into one matrix."""

    def __init__(self, story: Story):
        self.story = story
        self.claims: list[ClaimRef] = [
            ClaimRef(claim_id(a.id, i), a, i, span)
            for a in story.articles
            for i, span in enumerate(a.layer("claims"))
        ]
        self.position = {ref.id: n for n, ref in enumerate(self.claims)}

    def __len__(self) -> int:
        return len(self.claims)

    @cached_property
    def vectors(self) -> np.ndarray:
        """(n_claims, dim) matrix of normalised claim vectors."""
        blocks = [a.vectors["claims"] for a in self.story.articles if len(a.layer("claims"))]
        return np.vstack(blocks).astype(np.float32) if blocks else np.zeros((0, 1), dtype=np.float32)

    def ref(self, claim: str) -> ClaimRef:
        """The ClaimRef for a claim id."""
        return self.claims[self.position[claim]]

    def neighbour_pairs(
        self, threshold: float, k: int = 10, chunk: int = 1024
    ) -> list[tuple[int, int, float]]:
        """Pairs (i, j, cosine) with i < j from different articles, each i's top-k above `threshold`."""
        vectors, articles = self.vectors, [c.article.id for c in self.claims]
        pairs: dict[tuple[int, int], float] = {}
        for start in range(0, len(self.claims), chunk):
            sims = vectors[start : start + chunk] @ vectors.T
            for row, scores in enumerate(sims):
                i = start + row
                for j in np.argsort(-scores)[: k + 1]:
                    j = int(j)
                    if scores[j] >= threshold and articles[i] != articles[j]:
                        pairs[(min(i, j), max(i, j))] = float(scores[j])
        return sorted((i, j, s) for (i, j), s in pairs.items())
