"""Independent sources: syndicated copies (near-duplicate texts) and same-outlet articles count once."""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH
from scipy.cluster.hierarchy import DisjointSet

from storylens.model import Article, Story

SHINGLE_WORDS = 5
NUM_PERM = 128
# Jaccard similarity of word 5-gram shingles above which two texts are copies of one wire story.
SYNDICATION_THRESHOLD = 0.5


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
    """Pairs of article ids whose texts are near-duplicates (MinHash LSH, so sub-quadratic)."""
    lsh = MinHashLSH(threshold=SYNDICATION_THRESHOLD, num_perm=NUM_PERM)
    signatures = {}
    pairs = []
    for article in articles:
        signature = minhash(article.text)
        for other in lsh.query(signature):
            if signatures[other].jaccard(signature) >= SYNDICATION_THRESHOLD:
                pairs.append((other, article.id))
        if article.id not in signatures:
            lsh.insert(article.id, signature)
            signatures[article.id] = signature
    return pairs


def minhash(text: str) -> MinHash:
    """MinHash signature of a text's lower-cased word shingles."""
    words = re.findall(r"\w+", text.lower())
    signature = MinHash(num_perm=NUM_PERM)
    for i in range(max(1, len(words) - SHINGLE_WORDS + 1)):
        signature.update(" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8"))
    return signature


def _outlet_key(outlet: str) -> str:
    return re.sub(r"\W+", " ", outlet.casefold()).strip()
