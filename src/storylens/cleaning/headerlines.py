"""The lines around a plain-text headline that are not the article: kickers above it, a dek and bylines below.

Copied text comes with the page's header flattened into lines. The signals are structural: kickers are a
run of short lines without sentence punctuation standing above a longer headline; a dek is the line under
the headline that does not end like a sentence (or names its author: "Jo Penn on how ..."); bylines
take the forms "By Jo Penn" (`frontmatter.parse_byline`), "Jo Penn on how ..." and "Jo Penn, special to
The Outlet".
"""

from __future__ import annotations

import re

from storylens.cleaning.normalise import ends_sentence

MAX_KICKERS = 3
KICKER_WORDS = 4  # "Foreign policy", "Ostland - World": a section or tag label (separators not counted)
KICKER_CHARS = 48
HEADLINE_WORDS = 5  # a headline under kickers is longer than any of them
HEADLINE_CHARS = 200
BYLINE_CHARS = 160
DEK_WORDS = 6
DEK_CHARS = 260
# "Jo Penn on how the vote will change ..." — a dek that names its author.
_NAME = r"[A-Z][\w.'’-]{0,30}(?:\s+(?:[A-Z][\w.'’-]{0,30}|van|von|de|der|da|di|du|la|le|al|el|del)){0,3}"
_ABOUT = re.compile(rf"^(?P<name>{_NAME})\s+on\s+(?:how|why|what|whether|where|when|who)\b\s?\S")
# "Jo Penn, special to The Outlet" — a contributor's byline that also names the outlet.
_SPECIAL_TO = re.compile(rf"^(?:by\s+)?(?P<name>{_NAME}),?\s+(?:special|exclusive)\s+to\s+(?P<outlet>.{{2,60}})$",
                         re.IGNORECASE)
_TERMINAL = ".!?"


def is_kicker(text: str) -> bool:
    """A short label line: at most `KICKER_WORDS` words, no sentence punctuation, not a number."""
    words = [word for word in text.split() if any(ch.isalnum() for ch in word)]
    return (0 < len(words) <= KICKER_WORDS and len(text) <= KICKER_CHARS and not ends_sentence(text)
            and any(ch.isalpha() for ch in text))


def is_headline_shape(text: str) -> bool:
    """A headline-shaped line: several words, not too long, not ending with a full stop or colon."""
    words = text.split()
    return (len(words) >= HEADLINE_WORDS and len(text) < HEADLINE_CHARS
            and text.rstrip("\"'”’»)")[-1:] not in ".,;:…")


def kicker_run(texts: list[str]) -> int:
    """How many of the leading `texts` (the first non-blank lines) are kickers above a headline (0 if none)."""
    count = 0
    while count < min(MAX_KICKERS, len(texts) - 1) and is_kicker(texts[count]):
        count += 1
    if not count or not is_headline_shape(texts[count]):
        return 0
    longest = max(len(t.split()) for t in texts[:count])
    return count if len(texts[count].split()) > longest else 0


def about_author(text: str) -> str | None:
    """The author a dek names ("Jo Penn on how ..."), or None."""
    match = _ABOUT.match(text) if len(text) <= DEK_CHARS else None  # bounded: no regex runs on a huge line
    return match.group("name") if match else None


def special_to(text: str) -> tuple[str, str] | None:
    """(author, outlet) from "Jo Penn, special to The Outlet", or None."""
    text = text.strip()
    match = _SPECIAL_TO.match(text) if len(text) <= BYLINE_CHARS else None
    if match is None:
        return None
    return match.group("name"), match.group("outlet").strip().rstrip(".")


def is_dek(text: str, following: str | None) -> bool:
    """The line under a headline that sums it up: a phrase without a full stop, or one naming its author.

    A sentence ending in a full stop is taken as the first paragraph unless it names its author; so is a
    line followed by nothing (a dek always has the article under it). Only words with a letter count, so a
    date-and-time line ("May 2 , 2013 | 5 : 03pm") is never a dek."""
    words = [word for word in text.split() if any(ch.isalpha() for ch in word)]
    if following is None or not len(words) >= DEK_WORDS or len(text) > DEK_CHARS:
        return False
    return about_author(text) is not None or text.rstrip("\"'”’»)")[-1:] not in _TERMINAL + ",;:"
