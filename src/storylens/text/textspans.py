"""Character-range helpers over cleaned article text, shared by the NLP stage and the report."""

from __future__ import annotations

import re
from typing import Any

# Paragraphs are separated by a blank line (possibly holding stray spaces).
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def strip_range(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink (start, end) so the range neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph, trimmed of surrounding whitespace."""
    ranges, pos = [], 0
    for brk in PARAGRAPH_BREAK.finditer(text):
        ranges.append((pos, brk.start()))
        pos = brk.end()
    ranges.append((pos, len(text)))
    return [strip_range(text, s, e) for s, e in ranges if text[s:e].strip()]


def token_chars(doc: Any, start: int, end: int, offset: int = 0) -> tuple[int, int]:
    """Character range of tokens [start, end) of a parsed block, shifted by the block's `offset` in the text."""
    last = doc[end - 1]
    return offset + doc[start].idx, offset + last.idx + len(last)
