"""Extractive briefing: central, corroborated claims first, no repeats (MMR), each citing its sources."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from storylens.claimindex import ClaimIndex, ClaimRef
from storylens.model import Story

WORD_BUDGET = 120
MMR_LAMBDA = 0.7  # weight of relevance against redundancy with what is already chosen
MAX_CANDIDATES = 200
QUOTE_OPENERS = "\"“‘«„'"
PRONOUN_SPEAKER = re.compile(r"[,”\"]\s*(?:he|she|they|it|we) (?:said|added|told|says|warned)\b", re.IGNORECASE)
SUMMARY_KINDS = ("event", "statement", "prediction")


def summarize(story: Story, words: int = WORD_BUDGET) -> Story:
    """Assign `results["summary"]`: up to `words` words of uncontested claims, one per group, cited."""
    index = ClaimIndex(story)
    eligible = [g for g in story.results.get("claim_groups", []) if _eligible(g, index)]
    # Disputed claims belong in the conflicts section, not in the statement of what is known.
    groups = [g for g in eligible if g["status"] != "contested"] or eligible
    if not groups:
        story.results["summary"] = []
        return story
    reps = [index.position[_representative(g, index)] for g in groups]
    vectors = index.vectors[reps]
    relevance = _relevance(groups, vectors, index)
    chosen = _mmr(relevance, vectors, [len(index.claims[r].text.split()) for r in reps], words)
    # MMR picks in order of importance, so the briefing leads with the best-supported central claim.
    story.results["summary"] = [_item(groups[n], _readable(index.claims[reps[n]])) for n in chosen]
    return story


def _eligible(group: dict[str, Any], index: ClaimIndex) -> bool:
    first = index.ref(group["claims"][0])
    return first.span.label in SUMMARY_KINDS and len(first.text.split()) >= 6


def _representative(group: dict[str, Any], index: ClaimIndex) -> str:
    """The plainest member: unhedged, readable alone (not opening on a quote or pronoun), then shortest."""
    refs = [index.ref(c) for c in group["claims"]]
    return min(refs, key=lambda r: (bool(r.span.attrs.get("hedged")), not _stands_alone(r.text), len(r.text))).id


def _readable(claim: ClaimRef) -> str:
    """The claim as it reads alone: a quote sentence whose speaker is a pronoun names the speaker."""
    quote_index = claim.span.attrs.get("quote")
    if _stands_alone(claim.text) or quote_index is None:
        return claim.text
    quote = claim.article.layer("quotes")[quote_index]
    speaker = quote.attrs.get("speaker_name")
    return f"{speaker}: “{claim.article.span_text(quote)}”" if speaker else claim.text


def _stands_alone(text: str) -> bool:
    """False for sentences a reader cannot place without their context: '"...," she said.'"""
    return not (text[:1] in QUOTE_OPENERS or PRONOUN_SPEAKER.search(text))


def _relevance(groups: list[dict[str, Any]], vectors: np.ndarray, index: ClaimIndex) -> np.ndarray:
    centrality = (vectors @ index.vectors.T).mean(axis=1)
    support = np.array([g["independent_sources"] for g in groups], dtype=np.float32)
    return centrality + 0.15 * np.log1p(support - 1)


def _mmr(relevance: np.ndarray, vectors: np.ndarray, lengths: list[int], budget: int) -> list[int]:
    chosen: list[int] = []
    used = 0
    # Only the most relevant groups can make a short briefing; this keeps MMR cheap on big stories.
    candidates = {int(n) for n in np.argsort(-relevance)[:MAX_CANDIDATES]}
    while candidates:
        def score(n: int) -> float:
            redundancy = max((float(vectors[n] @ vectors[c]) for c in chosen), default=0.0)
            return MMR_LAMBDA * float(relevance[n]) - (1 - MMR_LAMBDA) * redundancy

        best = max(sorted(candidates), key=score)
        candidates.discard(best)
        if used and used + lengths[best] > budget:
            continue
        chosen.append(best)
        used += lengths[best]
    return chosen


def _item(group: dict[str, Any], text: str) -> dict[str, Any]:
    return {"text": text, "claims": list(group["claims"]), "articles": list(group["articles"]),
            "outlets": list(group.get("outlets", [])), "group": group["id"]}
