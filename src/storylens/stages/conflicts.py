"""Conflicts between claims of different independent sources: differing numbers or dates for one fact.

Each conflict is explainable: the two claims, the kind, and a one-line explanation a person can check.
"""

from __future__ import annotations

import re
from typing import Any

from storylens.claimindex import ClaimIndex, ClaimRef
from storylens.model import Story
from storylens.stages.groups import dates_disagree, numbers_disagree, word_overlap

# Two claims must be this similar (cosine) and share this much wording to be about the same fact.
# Measured on the demo: same-fact pairs share 0.43-0.62 of their content words, pairs about different
# events of the story (spill on the 2nd, closure on the 3rd) 0.18-0.27.
SAME_FACT = 0.55
MIN_WORD_OVERLAP = 0.35


def find_conflicts(story: Story) -> Story:
    """Assign `results["conflicts"]` and mark the claim groups involved as contested."""
    index = ClaimIndex(story)
    sources = story.results.get("sources", {})
    conflicts: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    group_of = {c: g["id"] for g in story.results.get("claim_groups", []) for c in g["claims"]}
    for a_id, b_id, similarity in story.results.get("claim_pairs", []):
        a, b = index.ref(a_id), index.ref(b_id)
        if not _comparable(a, b, similarity, sources):
            continue
        for kind, explanation, values in _disagreements(a, b):
            key = (group_of.get(a_id, a_id), group_of.get(b_id, b_id), kind)
            if key in seen:
                continue
            seen.add(key)
            conflicts.append({"id": f"x{len(conflicts)}", "claims": [a_id, b_id], "kind": kind,
                              "explanation": explanation, "values": values})
    story.results["conflicts"] = conflicts
    _mark_contested(story, conflicts)
    return story


def _comparable(a: ClaimRef, b: ClaimRef, similarity: float, sources: dict[str, str]) -> bool:
    independent = sources.get(a.article.id, a.article.id) != sources.get(b.article.id, b.article.id)
    return independent and similarity >= SAME_FACT and word_overlap(a.text, b.text) >= MIN_WORD_OVERLAP


def _disagreements(a: ClaimRef, b: ClaimRef) -> list[tuple[str, str, list[str]]]:
    found = []
    for ours, theirs in numbers_disagree(a, b):
        values = [_amount(a, ours), _amount(b, theirs)]
        explanation = f"{_outlet(a)} says {values[0]}; {_outlet(b)} says {values[1]}"
        found.append(("number", explanation, values))
    dates = dates_disagree(a, b)
    if dates:
        explanation = f"{_outlet(a)} dates it {dates[0]}; {_outlet(b)} dates it {dates[1]}"
        found.append(("date", explanation, list(dates)))
    return found


def _amount(claim: ClaimRef, number: dict[str, Any]) -> str:
    """The number as written plus its unit word, e.g. "about 40 tonnes"."""
    following = re.match(r"\s+(?:of\s+)?[^\W\d][\w-]*", claim.article.text[number["end"] :])
    written = claim.article.text[number["start"] : number["end"]].strip()
    if number["unit"] in ("%", "USD", "EUR", "GBP", "JPY") or not following:
        return written
    return written + following.group(0).rstrip()


def _outlet(claim: ClaimRef) -> str:
    return claim.article.outlet or claim.article.source


def _mark_contested(story: Story, conflicts: list[dict[str, Any]]) -> None:
    contested = {c for conflict in conflicts for c in conflict["claims"]}
    for group in story.results.get("claim_groups", []):
        if contested.intersection(group["claims"]):
            group["status"] = "contested"
