"""Split a sentence that joins two statements ("The mayor resigned, and the council voted to ...") into
its independent clauses, from spaCy's dependency parse.

Only coordinated main clauses are split, and only when the second has its own subject: "He resigned and
left town" stays one claim (one actor, one statement), subordinate clauses ("after the council voted ...")
stay with their main clause, and quoted or attributed sentences are never split (the claim stays linked
to its quote).
"""

from __future__ import annotations

from typing import Any

from storylens.text.parse import doc_text

SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
MIN_CLAUSE_TOKENS = 4
TRIM = " ,;:–—-"


def clause_ranges(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """Character ranges (in `doc`) of the independent clauses of the sentence doc[start:end] (chars)."""
    # char_span finds the tokens in C; walking the whole doc per sentence was quadratic in a long block.
    span = doc.char_span(start, end, alignment_mode="expand")
    tokens = [t for t in span if start <= t.idx < end] if span is not None else []
    cuts = {_cut_before(conj) for conj in tokens if _joins_main_clause(conj, start, end)}
    cuts |= {t.idx + 1 for t in tokens if _is_clause_semicolon(t, tokens)}
    cuts = sorted(c for c in cuts if start < c < end)
    ranges, pos = [], start
    for cut in cuts:
        ranges.append((pos, cut))
        pos = cut
    ranges.append((pos, end))
    text = doc_text(doc)
    ranges = [_trim(text, s, e) for s, e in ranges]
    if len(ranges) > 1 and all(_token_count(doc, s, e) >= MIN_CLAUSE_TOKENS for s, e in ranges):
        return ranges
    return [(start, end)]


def _joins_main_clause(token: Any, start: int, end: int) -> bool:
    """A verb coordinated with the sentence's main verb that has a subject of its own."""
    head = token.head
    return (
        token.dep_ in ("conj", "parataxis")
        and token.pos_ in ("VERB", "AUX")
        and head.dep_ == "ROOT"
        and start <= head.idx < end
        and any(child.dep_ in SUBJECTS for child in token.children)
    )


def _is_clause_semicolon(token: Any, tokens: list[Any]) -> bool:
    """A semicolon between two parts that each have a subject of their own."""
    if token.text != ";" or token.head.dep_ != "ROOT":
        return False
    before = any(t.dep_ in SUBJECTS for t in tokens if t.i < token.i)
    after = any(t.dep_ in SUBJECTS for t in tokens if t.i > token.i)
    return before and after


def _cut_before(conj: Any) -> int:
    """Where the second clause starts: its first token, after the conjunction and punctuation before it."""
    first = conj.left_edge
    return first.idx


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    # A conjunction left dangling at the end of the first clause belongs to neither claim.
    for conjunction in (" and", " but", " or", " yet", " so"):
        if text[start:end].endswith(conjunction):
            end -= len(conjunction)
            while end > start and text[end - 1] in TRIM:
                end -= 1
    return start, end


def _token_count(doc: Any, start: int, end: int) -> int:
    span = doc.char_span(start, end, alignment_mode="expand")  # the range's tokens, not the whole block's
    return sum(1 for t in (doc if span is None else span) if start <= t.idx < end and not t.is_punct)
