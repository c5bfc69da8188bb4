"""Independent sources: syndicated copies (near-duplicate texts) and same-outlet articles count once."""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH
from scipy.cluster.hierarchy import DisjointSet

from storylens.model import Article, Story

SHINGLE_WORDS = 5
NUM_PERM = 128
# LSH proposes pairs whose shingle Jaccard may reach this; a copy may be trimmed or extended, so the
# pair is accepted on containment: the share of the shorter text's shingles found in the other.
CANDIDATE_JACCARD = 0.3
SYNDICATION_CONTAINMENT = 0.6


def group_sources(story: Story) -> Story:
    """Assign `results["sources"]`: article id -> independent-source key (copies share a key)."""
    sets = DisjointSet(a.id for a in story.articles)
    for a_id, b_id in near_duplicate_pairs(story.articles):
        sets.merge(a_id, b_id)
    by_outlet: dict[str, str] = {}
    for article in story.articles:
        if article.outlet:
            sets.merge(by_outlet.setdefault(_outlet_key(article.outlet), article.id), article.id)
    # The smallest id names each source so keys are stable across runs.
    story.results["sources"] = {member: min(subset) for subset in sets.subsets() for member in subset}
    return story


def near_duplicate_pairs(articles: list[Article]) -> list[tuple[str, str]]:
    """Pairs of article ids where one text is (mostly) a copy of the other; LSH keeps it sub-quadratic."""
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    shingle_sets: dict[str, set[str]] = {}
    pairs = []
    for article in articles:
        if article.id in shingle_sets:
            continue
        shingles = shingle_set(article.text)
        signature = MinHash(num_perm=NUM_PERM)
        for shingle in shingles:
            signature.update(shingle.encode("utf-8"))
        pairs += [(other, article.id) for other in lsh.query(signature)
                  if containment(shingle_sets[other], shingles) >= SYNDICATION_CONTAINMENT]
        lsh.insert(article.id, signature)
        shingle_sets[article.id] = shingles
    return pairs


def shingle_set(text: str) -> set[str]:
    """Lower-cased word 5-gram shingles of a text."""
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the larger one."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _outlet_key(outlet: str) -> str:
    return re.sub(r"\W+", " ", outlet.casefold()).strip()
