"""The terminal summary of a story (rich)."""

from __future__ import annotations

import textwrap


def clip(text: str, width: int) -> str:
    """`text` cut at a word boundary to at most `width` characters, ending in "…" when cut (a hard cut
    left lines that read as if the source had stopped mid-sentence)."""
    return textwrap.shorten(text, width, placeholder=" …") if len(text) > width else text
