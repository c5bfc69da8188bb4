"""Claims stage: every non-heading sentence becomes a claim with kind, hedging, voice, numbers and times."""

from __future__ import annotations

import re
from typing import Any

from storylens.model import Article, Span
from storylens.text.clauses import clause_ranges
from storylens.text.parse import Block, article_blocks
from storylens.text.quantities import find_quantities

# Hedge cues: words that make a claim tentative. Phrases are matched on word boundaries.
HEDGES = (
    "may", "might", "could", "reportedly", "allegedly", "apparently", "possibly", "probably", "likely",
    "unconfirmed", "appears to", "appeared to", "seems to", "seemed to", "it is believed", "is thought to",
    "are thought to", "suggested", "suggests", "according to unconfirmed", "is said to", "are said to",
    "some reports", "analysts say", "perhaps", "unclear whether", "not yet clear", "suspected",
)
# Kind cues, checked in this order (first match wins): question, opinion, prediction; else event.
OPINION_CUES = (
    # First person in the outlet's own voice is the writer speaking: a column, not a report.
    "i", "my", "me",
    "i think", "i believe", "in my view", "i would argue", "we should", "should", "must", "ought to",
    "it is time", "shameful", "disgrace", "outrageous", "unacceptable", "clearly failed", "let us",
)
PREDICTION_CUES = (
    "will", "is expected to", "are expected to", "is set to", "are set to", "plans to", "is likely to",
    "are likely to", "is due to", "are due to", "forecast", "is scheduled", "are scheduled", "would",
)


def cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any cue word or phrase on word boundaries."""
    alternatives = sorted((re.escape(c).replace(r"\ ", r"\s+") for c in cues), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


HEDGE_RE, OPINION_RE, PREDICTION_RE = map(cue_pattern, (HEDGES, OPINION_CUES, PREDICTION_CUES))


def make_claims(article: Article) -> Article:
    """Assign the `claims` layer: one claim per independent clause of each sentence that is not a heading."""
    headings = {(h.start, h.end) for h in article.layer("headings")}
    blocks = article_blocks(article)
    claims = []
    for index, sentence in enumerate(article.layer("sentences")):
        if (sentence.start, sentence.end) in headings or _inside_any(sentence, article.layer("headings")):
            continue
        for start, end in _clauses(article, blocks, sentence):
            claims.append(_claim_for(article, Span(start, end, "sentence", {**sentence.attrs, "sentence": index})))
    article.layers["claims"] = claims
    return article


def _clauses(article: Article, blocks: list[Block], sentence: Span) -> list[tuple[int, int]]:
    """The sentence's independent clauses; an attributed (quoted) sentence stays whole."""
    if _overlapping_quote(article, sentence) is not None:
        return [(sentence.start, sentence.end)]
    block = next((b for b in blocks if b.start <= sentence.start < b.start + len(b.text)), None)
    if block is None or block.heading:
        return [(sentence.start, sentence.end)]
    ranges = clause_ranges(block.doc, sentence.start - block.start, sentence.end - block.start)
    return [(block.start + s, block.start + e) for s, e in ranges]


def _inside_any(span: Span, containers: list[Span]) -> bool:
    return any(c.start <= span.start and span.end <= c.end for c in containers)


def _claim_for(article: Article, sentence: Span) -> Span:
    text = article.span_text(sentence)
    quote_index = _overlapping_quote(article, sentence)
    hedges = find_hedges(text)
    attrs: dict[str, Any] = {
        "hedged": bool(hedges),
        "hedges": hedges,
        "voice": "source" if quote_index is not None else "outlet",
        "quote": quote_index,
        "numbers": _offset_numbers(text, sentence.start),
        "times": [i for i, t in enumerate(article.layer("times")) if _overlaps(t, sentence)],
        "paragraph": sentence.attrs.get("paragraph"),
        "sentence": sentence.attrs.get("sentence"),
    }
    return Span(sentence.start, sentence.end, classify(text, quote_index is not None), attrs)


def find_hedges(text: str) -> list[str]:
    """Hedge cues in a sentence, lower-cased; the month "May" (capitalised mid-sentence) is not one."""
    cues = {m.group(0).lower() for m in HEDGE_RE.finditer(text) if not _is_month_may(m)}
    return sorted(cues)


def _is_month_may(match: re.Match[str]) -> bool:
    return match.group(0) == "May" and match.start() > 0


def classify(text: str, attributed: bool) -> str:
    """Claim kind from explainable cues: question, statement, opinion, prediction or event."""
    if text.rstrip().rstrip("\"”’'»").endswith("?"):
        return "question"
    if attributed:
        return "statement"
    if OPINION_RE.search(text):
        return "opinion"
    if PREDICTION_RE.search(text):
        return "prediction"
    return "event"


def _overlapping_quote(article: Article, sentence: Span) -> int | None:
    for index, quote in enumerate(article.layer("quotes")):
        if _overlaps(quote, sentence):
            return index
    return None


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _offset_numbers(text: str, offset: int) -> list[dict[str, Any]]:
    numbers = find_quantities(text)
    for number in numbers:
        number["start"] += offset
        number["end"] += offset
    return numbers
