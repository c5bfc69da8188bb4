"""Article stage `claim_times`: when each claim's event happened, and how far that date can be trusted.

Every claim gets `attrs["when"] = {"value", "precision", "source", "confidence"}`:

- `explicit`: the claim itself names a resolved date or time ("on March 3, 2026", "in 2019"). The one that
  governs the claim's event verb wins (`governing_expression`): the event verb is the clause's main verb,
  or, past a verb of saying or thinking, the verb of what was said ("reports suggested that the militia
  deployed in late 2025": "deployed"); an expression attached to that verb (through the dependency
  parse, without crossing another verb) comes first, then one on the saying verb above it ("said on
  Tuesday that ..."), then any other (a relative or subordinate clause, "which it first hosted in
  2019"); the finest, then the first, among equals.
- `published`: the claim's own expression only resolves against the publication date ("yesterday",
  "on Tuesday"), so the value is only as good as that date: confidence scales with
  `article.published_confidence`.
- `context`: the claim names no date, and the nearest preceding claim of the same paragraph that does
  lends it (news paragraphs keep talking about the day they opened with); lower confidence. Only when
  that date is really the claim's frame: the lender's date governs the lender's own event, its saying
  or a clause below it (not a relative clause on one of its nouns), and the claim's event verb is in
  a tense that can happen then (a past-tense claim borrows a date up to publication, a future one a
  later date; a present-tense claim, "the plant employs 300 people", borrows nothing).
- `none`: nothing to go on (`value` and `precision` are None). Undated claims are never given the
  publication date: "the plant employs 300 people" did not happen on the day it was printed.
"""

from __future__ import annotations

from typing import Any

from storylens.model import Article, Span
from storylens.stages.article.nlp import Block, article_blocks
from storylens.temporal import interval_start, is_resolved

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


def _finest_first(spans: list[Span]) -> Span:
    return min(spans, key=lambda s: (PRECISIONS.index(s.attrs["precision"]), s.start))


def _block_of(blocks: list[Block], span: Span) -> Block | None:
    return next((b for b in blocks if not b.heading and b.start <= span.start < b.start + len(b.text)), None)


def _placeable_times(article: Article, claim: Span) -> list[Span]:
    times = article.layer("times")
    return [times[i] for i in claim.attrs.get("times") or [] if 0 <= i < len(times) and placeable(times[i])]


def _is_verb(token: Any) -> bool:
    return token.pos_ in ("VERB", "AUX")


def event_verb(tokens: Any) -> Any:
    """The claim's event verb: its main verb, or past a verb with a clausal complement, that complement's."""
    roots = [t for t in tokens if (t.head == t or not tokens.start <= t.head.i < tokens.end) and _is_verb(t)]
    if not roots:
        return None
    verb = roots[0]
    while True:  # "reports suggested that X deployed": the event is "deployed"
        inner = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")
                      and tokens.start <= c.i < tokens.end), None)  # fmt: skip
        if inner is not None and not _is_verb(inner):
            # the small model often parses "that the militia, which ..., deployed" as a noun complement
            # with the real verb hanging from it ("acl"): take that verb, never a relative clause's
            inner = next((c for c in inner.children if _is_verb(c) and c.dep_ not in ("relcl", "amod")), None)
        if inner is None:
            return verb
        verb = inner


def _governor(doc: Any, start: int, end: int) -> tuple[Any, bool]:
    """The verb an expression hangs from, and whether the path to it passes through a noun."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None, False
    token, through_noun = span.root, False
    while not _is_verb(token) and token.head != token:
        token = token.head
        through_noun = through_noun or (token.pos_ in ("NOUN", "PROPN") and not _is_verb(token))
    return (token if _is_verb(token) else None), through_noun


def _rank(governor: Any, event: Any) -> int:
    """0: on the event verb; 1: on a verb above it (the saying); 2: a clause below it; 3: a relative clause
    ("which it first hosted in 2019") or anything else."""
    if governor is None or event is None:
        return 3
    if governor == event:
        return 0
    if governor in list(event.ancestors):
        return 1
    # a clause below the event or beside it ("before workers sealed it on Tuesday"), unless a relative one
    return 3 if any(t.dep_ == "relcl" for t in [governor, *governor.ancestors]) else 2


def governing_expression(article: Article, claim: Span, block: Block | None) -> tuple[Span | None, int]:
    """The expression governing the claim's event verb, and its rank (see `_rank`; 3 without a parse)."""
    candidates = _placeable_times(article, claim)
    if not candidates:
        return None, 3
    if block is None:
        return _finest_first(candidates), 3
    doc, offset = block.doc, block.start
    tokens = doc.char_span(claim.start - offset, claim.end - offset, alignment_mode="expand")
    event = event_verb(tokens) if tokens is not None else None
    ranked = []
    for span in candidates:
        governor, through_noun = _governor(doc, span.start - offset, span.end - offset)
        ranked.append((_rank(governor, event), through_noun, PRECISIONS.index(span.attrs["precision"]),
                       span.start, span))  # fmt: skip
    best = min(ranked, key=lambda r: r[:4])
    return best[4], best[0]


def claim_tense(article: Article, claim: Span, block: Block | None) -> str | None:
    """Tense of the claim's event verb with its auxiliaries: "past", "present", "future" or None."""
    if block is None:
        return None
    tokens = block.doc.char_span(claim.start - block.start, claim.end - block.start, alignment_mode="expand")
    verb = event_verb(tokens) if tokens is not None else None
    if verb is None:
        return None
    group = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    if any(t.lower_ in ("will", "'ll", "shall", "wo") for t in group):  # "wo" = "won't"
        return "future"
    if any(t.tag_ in ("VBD", "VBN") for t in group) and not any(t.tag_ == "MD" for t in group):
        return "past"
    return "present" if any(t.tag_ in ("VBZ", "VBP") for t in group) else None


def frames(lender: dict[str, Any], tense: str | None, published: str | None) -> bool:
    """True when a lender's date can be the frame of a claim in this tense (see the module docstring)."""
    if tense in ("present", None):
        return False
    start, ref = interval_start(str(lender["value"])), (published or "")[:10]
    if start is None or not ref:
        return tense == "past"
    day = f"{start[0]:04d}-{start[1]:02d}-{start[2]:02d}"
    return day <= ref if tense == "past" else day > ref


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
    blocks = article_blocks(article)
    lender: dict[str, Any] | None = None  # the current paragraph's last claim dated by its own event
    paragraph: Any = object()
    for claim in article.layer("claims"):
        if claim.attrs.get("paragraph") != paragraph:
            paragraph, lender = claim.attrs.get("paragraph"), None
        block = _block_of(blocks, claim)
        expression, rank = governing_expression(article, claim, block)
        if expression is not None:
            claim.attrs["when"] = explicit_when(article, expression)
            # a date from a relative clause ("which it first hosted in 2019") is no frame for what follows
            lender = claim.attrs["when"] if rank < 3 else lender
        elif lender is not None and frames(lender, claim_tense(article, claim, block), article.published):
            claim.attrs["when"] = inherited_when(lender)
        else:
            claim.attrs["when"] = dict(NO_WHEN)
    return article
