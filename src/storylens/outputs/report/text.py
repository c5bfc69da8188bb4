"""Article text for the report: paragraphs cut into runs at claim and quote offsets (raw text, escaped later)."""

from __future__ import annotations

from typing import Any

from storylens.text.textspans import paragraph_ranges

Segment = dict[str, Any]


def _non_overlapping(spans: list[tuple[int, int, str]], length: int) -> list[tuple[int, int, str]]:
    """Keep valid spans in text order, dropping any that overlap an earlier kept one."""
    kept: list[tuple[int, int, str]] = []
    for start, end, ident in sorted(s for s in spans if 0 <= s[0] < s[1] <= length):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, ident))
    return kept


def _cut(start: int, end: int, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str | None]]:
    """Cut [start, end) into consecutive pieces, each inside one span (its id) or in none (None)."""
    pieces: list[tuple[int, int, str | None]] = []
    pos = start
    for s_start, s_end, ident in spans:
        lo, hi = max(s_start, start), min(s_end, end)
        if lo >= hi:
            continue
        if lo > pos:
            pieces.append((pos, lo, None))
        pieces.append((lo, hi, ident))
        pos = hi
    if pos < end:
        pieces.append((pos, end, None))
    return pieces


def segment_article(text: str, claims: list[tuple[int, int, str]],
                    quotes: list[tuple[int, int, str]] | None = None) -> list[list[Segment]]:
    """Cut `text` into paragraphs of runs `{claim, first, pieces: [{text, quote, first}]}` (raw text)."""
    claims = _non_overlapping(list(claims), len(text))
    quotes = _non_overlapping(list(quotes or []), len(text))
    seen: set[tuple[str, str]] = set()
    paragraphs = []
    for p_start, p_end in paragraph_ranges(text):
        runs = []
        for r_start, r_end, claim in _cut(p_start, p_end, claims):
            pieces = []
            for q_start, q_end, quote in _cut(r_start, r_end, quotes):
                first = _first(seen, "q", quote)
                pieces.append({"text": text[q_start:q_end], "quote": quote, "first": first})
            runs.append({"claim": claim, "first": _first(seen, "c", claim), "pieces": pieces})
        paragraphs.append(runs)
    return paragraphs


def _first(seen: set[tuple[str, str]], prefix: str, ident: str | None) -> bool:
    """True the first time `ident` is met (so the element id is emitted once when a span is split)."""
    if ident is None or (prefix, ident) in seen:
        return False
    seen.add((prefix, ident))
    return True
