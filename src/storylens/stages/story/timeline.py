"""Story stage `timeline`: dated events from claim groups, merged across outlets, in time order.

One entry per (claim group, TIMEX3 value): every claim of the group that states that date is listed as
evidence. Only resolved DATE/TIME values count; a group's year-level dates are used only when it has
nothing finer. Groups that put the same event on different dates give separate entries (the conflicts
stage reports the disagreement).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storylens.model import Article, Span, Story
from storylens.stages.article.claim_times import PRECISIONS, placeable
from storylens.stages.compare.claimindex import ClaimIndex
from storylens.temporal import interval_start

FINE_PRECISIONS = frozenset({"time", "day", "week", "month"})
# How explicit a date is, most trusted first: written out, then from the dateline, then from the text.
SOURCE_ORDER = ("absolute", "published", "context")


@dataclass(frozen=True)
class DatedClaim:
    """One time expression inside one claim of a group."""

    claim_id: str
    article: Article
    claim: Span
    time: Span
    order: int  # position of the claim in the group, for stable choices


def dated_claims(index: ClaimIndex, group: dict[str, Any]) -> list[DatedClaim]:
    """Every placeable time expression in a claim group's claims."""
    found = []
    for order, claim_id in enumerate(group.get("claims") or []):
        if claim_id not in index.position:  # a group naming a claim this story lacks: nothing to date
            continue
        ref = index.ref(claim_id)
        found.extend(DatedClaim(claim_id, ref.article, ref.span, t, order) for t in ref.times if placeable(t))
    return found


def _finest(dated: list[DatedClaim]) -> list[DatedClaim]:
    """Keep year-level dates only when the group says nothing finer."""
    fine = [d for d in dated if d.time.attrs["precision"] in FINE_PRECISIONS]
    return fine or dated


def _representative(dated: list[DatedClaim]) -> DatedClaim:
    """The best-supported claim: most explicit date, then unhedged, then first in the group."""
    def rank(d: DatedClaim) -> tuple[int, bool, int]:
        source = d.time.attrs.get("resolved_from", "")
        explicit = SOURCE_ORDER.index(source) if source in SOURCE_ORDER else len(SOURCE_ORDER)
        return explicit, bool(d.claim.attrs.get("hedged")), d.order

    return min(dated, key=rank)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def timeline_entry(group: dict[str, Any], value: str, dated: list[DatedClaim]) -> dict[str, Any]:
    """One timeline entry for a group's claims that state `value`."""
    best = _representative(dated)
    return {
        "when": value,
        "precision": best.time.attrs["precision"],
        "text": " ".join(best.article.span_text(best.claim).split()),
        "claims": _unique([d.claim_id for d in dated]),
        "articles": _unique([d.article.id for d in dated]),
        "outlets": _unique([d.article.outlet or "" for d in dated]),
        "group": group.get("id"),
        "claim": best.claim_id,
        "expressions": [{"claim": d.claim_id, "text": d.article.span_text(d.time),
                         "resolved_from": d.time.attrs.get("resolved_from")} for d in dated],
    }  # fmt: skip


def _sort_key(entry: dict[str, Any], position: int) -> tuple[Any, ...]:
    # Finest first among entries that start at the same moment ("2026-03-01" before "2026-03").
    precision = PRECISIONS.index(entry["precision"])
    return interval_start(entry["when"]) or (0, 0, 0, 0), precision, position


def build_timeline(story: Story) -> Story:
    """Assign `story.results["timeline"]`: dated claim groups sorted by when they happened."""
    entries = []
    index = ClaimIndex(story)
    for group in story.results.get("claim_groups") or []:
        by_value: dict[str, list[DatedClaim]] = {}
        for dated in _finest(dated_claims(index, group)):
            by_value.setdefault(dated.time.attrs["value"], []).append(dated)
        entries.extend(timeline_entry(group, value, items) for value, items in by_value.items())
    order = sorted(range(len(entries)), key=lambda i: _sort_key(entries[i], i))
    story.results["timeline"] = [entries[i] for i in order]
    return story
