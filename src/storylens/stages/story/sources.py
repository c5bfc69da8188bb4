"""Independent sources: syndicated copies (near-duplicate texts) and same-outlet articles count once."""

from __future__ import annotations

import re
from functools import lru_cache

from datasketch import MinHash, MinHashLSH
from scipy.cluster.hierarchy import DisjointSet

from storylens.model import Article, Story

SHINGLE_WORDS = 5
NUM_PERM = 128
# LSH proposes pairs whose shingle Jaccard may reach this; a copy may be trimmed or extended, so the
# pair is accepted on containment: the share of the shorter text's shingles found in the other.
CANDIDATE_JACCARD = 0.3
SYNDICATION_CONTAINMENT = 0.6
# Near-duplicates are the same text, not a trimmed copy: most shingles shared both ways.
DUPLICATE_JACCARD = 0.8


def group_sources(story: Story) -> Story:
    """Fill `results["sources"]` (id -> independent-source key) and `results["duplicates"]` (id -> original)."""
    sets = DisjointSet(a.id for a in story.articles)
    duplicates: dict[str, str] = {}
    for a_id, b_id, overlap in near_duplicate_pairs(story.articles):
        sets.merge(a_id, b_id)
        if overlap >= DUPLICATE_JACCARD:
            duplicates.setdefault(b_id, duplicates.get(a_id, a_id))
    by_outlet: dict[str, str] = {}
    for article in story.articles:
        if article.outlet:
            sets.merge(by_outlet.setdefault(_outlet_key(article.outlet), article.id), article.id)
    # The smallest id names each source so keys are stable across runs; articles keep the story's order (a set's
    # order follows string hashing, which changes from run to run).
    story.results["sources"] = {a.id: min(sets.subset(a.id)) for a in story.articles}
    story.results["duplicates"] = duplicates
    return story


def near_duplicate_pairs(articles: list[Article]) -> list[tuple[str, str, float]]:
    """(earlier id, later id, shingle Jaccard) where one text mostly copies the other; LSH, sub-quadratic."""
    lsh = MinHashLSH(num_perm=NUM_PERM, params=_lsh_bands())
    shingle_sets: dict[str, set[str]] = {}
    pairs = []
    for article in articles:
        if article.id in shingle_sets:
            continue
        shingles = shingle_set(article.text)
        signature = MinHash(num_perm=NUM_PERM)
        signature.update_batch([shingle.encode("utf-8") for shingle in shingles])  # vectorised: ~3x faster
        pairs += [(other, article.id, jaccard(shingle_sets[other], shingles)) for other in lsh.query(signature)
                  if containment(shingle_sets[other], shingles) >= SYNDICATION_CONTAINMENT]
        lsh.insert(article.id, signature)
        shingle_sets[article.id] = shingles
    return pairs


@lru_cache(maxsize=1)
def _lsh_bands() -> tuple[int, int]:
    # datasketch finds the bands x rows for a threshold by numeric integration (~0.1 s): do it once.
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def shingle_set(text: str) -> set[str]:
    """Lower-cased word 5-gram shingles of a text."""
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the larger one."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def jaccard(a: set[str], b: set[str]) -> float:
    """Shared shingles over all shingles of the two sets."""
    return len(a & b) / len(a | b) if a and b else 0.0


def _outlet_key(outlet: str) -> str:
    return re.sub(r"\W+", " ", outlet.casefold()).strip()
