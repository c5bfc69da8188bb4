"""Direct quotations inside one paragraph: pairing quotation marks of every style (telling quotation marks
from apostrophes), the quoted words' offsets, and token zones around each quotation for attribution.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from storylens.stages.names.namewords import TITLE_WORDS
from storylens.stages.speech.speakers import Speaker
from storylens.text.parse import Block

# Opening mark -> marks that may close it (straight and mixed marks are common in scraped text).
DOUBLE_QUOTES = {"“": "”\"", "„": "“”", "«": "»", '"': '"”“', "‹": "›"}
# Single marks double as apostrophes, so they get stricter rules (see _opens_single/_closes_single).
SINGLE_QUOTES = {"‘": "’", "'": "'"}
SENTENCE_END = frozenset({".", "!", "?"})
ABBREVIATIONS = TITLE_WORDS | frozenset(
    "st mt ft jan feb mar apr jun jul aug sep sept oct nov dec no co corp inc ltd jr sr vs gov sen rep".split()
)


@dataclass
class Direct:
    """A direct quotation in one block: block-relative mark positions, article offsets of the words."""

    block: Block
    open: int
    close: int
    start: int
    end: int
    single: bool = False
    speaker: Speaker | None = None

    @property
    def words(self) -> int:
        """Number of words quoted."""
        return len(re.findall(r"\w+", self.block.text[self.open + 1 : self.close]))


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{“\"—–-") and not after.isspace()


def _closes_single(text: str, j: int) -> bool:
    after = text[j + 1] if j + 1 < len(text) else " "
    return not text[j - 1].isspace() and not after.isalnum()


def _find_close(text: str, i: int, opener: str) -> tuple[int, bool]:
    """Position of the mark closing the quote opened at i; (end of paragraph, False) when unclosed."""
    single = opener in SINGLE_QUOTES
    closers = SINGLE_QUOTES[opener] if single else DOUBLE_QUOTES[opener]
    for j in range(i + 1, len(text)):
        if text[j] in closers and (not single or _closes_single(text, j)):
            return j, True
        if not single and text[j] == opener and opener != '"':
            return j, False  # a new opening mark: the previous quotation was never closed
    return len(text), False


def _continuation_close(text: str) -> int | None:
    """Where a quotation left open by the previous paragraph closes, if the first mark here closes it."""
    marks = [(j, ch) for j, ch in enumerate(text) if ch in DOUBLE_QUOTES or ch in "”»"]
    if not marks or marks[0][1] in "“„«‹":
        return None
    j, ch = marks[0]
    straight = [m for m in marks if m[1] == '"']
    # a straight mark closes only when the paragraph's straight marks cannot all pair up
    return j if ch != '"' or len(straight) % 2 else None


def scan_marks(text: str, continued: bool = False) -> list[tuple[int, int, bool]]:
    """(open, close, single) for the top-level quotations in one paragraph; nested quotes stay inside.

    `continued`: the previous paragraph ended inside a quotation; if this one has a closing mark before
    any opening mark, the text before it is that quotation's end (open = -1).
    """
    found, i = [], 0
    close = _continuation_close(text) if continued else None
    if close is not None:
        found.append((-1, close, False))
        i = close + 1
    while i < len(text):
        ch = text[i]
        single = ch in SINGLE_QUOTES and _opens_single(text, i)
        if ch in DOUBLE_QUOTES or single:
            close, closed = _find_close(text, i, ch)
            if closed or not single:
                found.append((i, close, single))
                i = close + (1 if closed else 0)
                continue
        i += 1
    return found


def _words_range(text: str, open_: int, close: int) -> tuple[int, int]:
    """The quoted words: inside the marks, without surrounding space or the comma before an attribution."""
    start, end = open_ + 1, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def directs_in(block: Block, continued: bool) -> list[Direct]:
    """The direct quotations of one block; `continued` if the previous paragraph ended inside one."""
    text, out = block.text, []
    for open_, close, single in scan_marks(text, continued):
        start, end = _words_range(text, open_, close)
        if end > start:
            out.append(Direct(block, open_, close, block.start + start, block.start + end, single))
    return out


def ends_sentence(tok: Any) -> bool:
    """Sentence-final punctuation; "a.m." may end a sentence, "Lt." or "Jan." may not."""
    if tok.text in SENTENCE_END:
        prev = tok.nbor(-1) if tok.i else None  # "Lt" + "." split by the tokenizer is still "Lt."
        return not (tok.text == "." and prev is not None and not prev.whitespace_ and prev.lower_ in ABBREVIATIONS)
    word = tok.lower_.rstrip(".")
    return tok.text.endswith(".") and tok.is_sent_end and len(word) > 1 and word not in ABBREVIATIONS


class BlockQuotes:
    """Direct quotations of one block with token lookups: which tokens are inside which quotation."""

    def __init__(self, block: Block, directs: list[Direct]):
        self.block, self.doc = block, block.doc
        # a mark glued inside a token (rare tokenizer cases) leaves a quotation without tokens: skip it
        # Tokens are found by bisecting their offsets: scanning every token for every quotation was
        # quadratic in a paragraph full of quotation marks.
        starts = [t.idx for t in self.doc]
        ranges = [(q, bisect_left(starts, q.open), bisect_right(starts, q.close)) for q in directs]
        self.directs = [q for q, lo, hi in ranges if hi > lo]
        self.inside: dict[int, int] = {}
        self._tokens: dict[int, list[int]] = {}
        for k, (lo, hi) in enumerate([(lo, hi) for _q, lo, hi in ranges if hi > lo]):
            # Each quotation keeps its own tokens: overlapping ones ("0«0 «0", marks never closed, found by make
            # fuzz) share tokens, which `inside` gives to the later one.
            self._tokens[k] = list(range(lo, hi))
            for i in range(lo, hi):
                self.inside[i] = k

    def tokens_of(self, k: int) -> list[Any]:
        """Tokens of quotation k, marks included."""
        return [self.doc[i] for i in self._tokens.get(k, [])]

    def after(self, k: int) -> list[Any]:
        """Tokens after quotation k up to the sentence end or the next quotation."""
        last = max(t.i for t in self.tokens_of(k))
        zone = []
        for tok in self.doc[last + 1 :]:
            if tok.i in self.inside or ends_sentence(tok):
                break
            zone.append(tok)
        return zone

    def before(self, k: int, first: int | None = None) -> list[Any]:
        """Tokens before quotation k (or token `first`) back to the sentence start or previous quotation."""
        first = min(t.i for t in self.tokens_of(k)) if first is None else first
        zone: list[Any] = []
        for tok in reversed(self.doc[:first]):
            if tok.i in self.inside or ends_sentence(tok):
                break
            zone.insert(0, tok)
        return zone

    def sentence_ends_between(self, a: int, b: int) -> int:
        """Sentence ends outside quotations between quotation a and quotation b."""
        lo = max(t.i for t in self.tokens_of(a))
        hi = min(t.i for t in self.tokens_of(b))
        return sum(1 for t in self.doc[lo + 1 : hi] if t.i not in self.inside and ends_sentence(t))
