"""Article stage `claim_times`: when each claim's event happened, and how far that date can be trusted.

Every claim gets `attrs["when"] = {"value", "precision", "source", "confidence"}`:

- `explicit`: the claim itself names a resolved date or time ("on March 3, 2026", "in 2019"); the finest
  one wins, the first among equals.
- `published`: the claim's own expression only resolves against the publication date ("yesterday",
  "on Tuesday"), so the value is only as good as that date: confidence scales with
  `article.published_confidence`.
- `context`: the claim names no date, and the nearest preceding claim of the same paragraph that does
  lends it (news paragraphs keep talking about the day they opened with); lower confidence.
- `none`: nothing to go on (`value` and `precision` are None). Undated claims are never given the
  publication date: "the plant employs 300 people" did not happen on the day it was printed.
"""

from __future__ import annotations

from typing import Any

from storylens.model import Article, Span
from storylens.temporal import is_resolved

# Calendar precisions a claim can be placed at, finest first (same scale as the timeline stage).
PRECISIONS = ("time", "day", "week", "month", "quarter", "season", "year")
# Confidence by how the claim's own expression was resolved: written out in full, from an earlier
# date in the text ("the next day"), or from the publication date ("yesterday").
EXPLICIT_CONFIDENCE = {"absolute": 0.9, "context": 0.75, "published": 0.8}
CONTEXT_DISCOUNT = 0.6  # an inherited date is a guess about which event the paragraph is on
NO_WHEN: dict[str, Any] = {"value": None, "precision": None, "source": "none", "confidence": 0.0}


def placeable(span: Span) -> bool:
    """True for a DATE/TIME expression with a resolved calendar value a timeline can place."""
    return (span.label in ("DATE", "TIME") and span.attrs.get("precision") in PRECISIONS
            and is_resolved(str(span.attrs.get("value", ""))))  # fmt: skip


def claim_expression(article: Article, claim: Span) -> Span | None:
    """The claim's own best time expression: the finest placeable one, the first among equals."""
    times = article.layer("times")
    spans = [times[i] for i in claim.attrs.get("times") or [] if 0 <= i < len(times)]
    candidates = [s for s in spans if placeable(s)]
    if not candidates:
        return None
    return min(candidates, key=lambda s: (PRECISIONS.index(s.attrs["precision"]), s.start))


def explicit_when(article: Article, expression: Span) -> dict[str, Any]:
    """The `when` record for a claim that names its own date."""
    resolved_from = expression.attrs.get("resolved_from") or "absolute"
    confidence = EXPLICIT_CONFIDENCE.get(resolved_from, EXPLICIT_CONFIDENCE["context"])
    source = "explicit"
    if resolved_from == "published":
        # "yesterday" is exactly as trustworthy as the publication date it counts from.
        source = "published"
        confidence *= article.published_confidence if article.published_confidence is not None else 1.0
    return {"value": expression.attrs["value"], "precision": expression.attrs["precision"],
            "source": source, "confidence": round(confidence, 3)}  # fmt: skip


def inherited_when(lender: dict[str, Any]) -> dict[str, Any]:
    """The `when` record a claim borrows from an earlier dated claim of its paragraph."""
    return {"value": lender["value"], "precision": lender["precision"], "source": "context",
            "confidence": round(lender["confidence"] * CONTEXT_DISCOUNT, 3)}  # fmt: skip


def date_claims(article: Article) -> Article:
    """Set `attrs["when"]` on every claim: explicit, published-relative, from context, or none."""
    lender: dict[str, Any] | None = None  # last claim of the current paragraph with its own date
    paragraph: Any = object()
    for claim in article.layer("claims"):
        if claim.attrs.get("paragraph") != paragraph:
            paragraph, lender = claim.attrs.get("paragraph"), None
        expression = claim_expression(article, claim)
        if expression is not None:
            claim.attrs["when"] = lender = explicit_when(article, expression)
        elif lender is not None:
            claim.attrs["when"] = inherited_when(lender)
        else:
            claim.attrs["when"] = dict(NO_WHEN)
    return article
