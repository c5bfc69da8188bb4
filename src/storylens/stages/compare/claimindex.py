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

    @property
    def events(self) -> list[Span]:
        """Event mentions inside the claim (the `events` layer; none before that stage ran)."""
        layer = self.article.layer("events") if "events" in self.article.layers else []
        return [layer[i] for i in self.span.attrs.get("events", []) if i < len(layer)]


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

    def neighbour_pairs(self, threshold: float, k: int = 10) -> list[tuple[int, int, float]]:
        """Pairs (i, j, cosine) with i < j from different articles, each i's top-k above `threshold`.

        Each claim is compared with its k nearest neighbours only (see `nearest`), so a story of 1,000
        articles x 40 claims costs 40,000 searches, not 1.6 billion comparisons.
        """
        articles = [c.article.id for c in self.claims]
        scores, neighbours = nearest(self.vectors, k + 1)
        pairs: dict[tuple[int, int], float] = {}
        for i, (row_scores, row) in enumerate(zip(scores, neighbours, strict=True)):
            for score, j in zip(row_scores, row, strict=True):
                j = int(j)
                if j >= 0 and score >= threshold and articles[i] != articles[j]:
                    pairs[(min(i, j), max(i, j))] = float(score)
        return sorted((i, j, s) for (i, j), s in pairs.items())


# Up to this many claims an exact search is fast and deterministic; beyond, an HNSW graph keeps the cost
# near n log n (faiss; recall about 0.95 at these settings, measured in benchmarks/claims_speed.py).
EXACT_UP_TO = 10_000
HNSW_LINKS = 32
HNSW_SEARCH_DEPTH = 128


def nearest(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Inner-product scores and indices of each row's k nearest rows (itself included; -1 pads)."""
    import faiss  # only the story stages need it

    n = len(vectors)
    if n == 0:
        return np.zeros((0, k), dtype=np.float32), np.zeros((0, k), dtype=np.int64)
    data = np.ascontiguousarray(vectors, dtype=np.float32)
    if n <= EXACT_UP_TO:
        index = faiss.IndexFlatIP(data.shape[1])
    else:
        index = faiss.IndexHNSWFlat(data.shape[1], HNSW_LINKS, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efSearch = HNSW_SEARCH_DEPTH
    index.add(data)
    return index.search(data, min(k, n))
