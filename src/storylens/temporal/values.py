"""Shared value objects for normalisation: the resolved value, the document context and small helpers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storylens.temporal.calendar import interval_start
from storylens.temporal.lexicon import FUTURE_CUES, NUMBER_WORDS, UNITS

# Coarse-to-fine order of calendar granularities; "time" anchors count as days.
GRANULARITIES = ("day", "week", "month", "quarter", "season", "year", "decade", "century")
UNRESOLVED = {
    "day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
    "season": "XXXX-XX", "year": "XXXX", "decade": "XXX", "century": "XX",
}  # fmt: skip


@dataclass
class Value:
    """A normalised expression: TIMEX3 type and value, precision, how it was resolved, extra attrs."""

    type: str
    value: str
    precision: str
    resolved_from: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Timex:
    """A normalised expression placed in the text (what becomes one `times` span)."""

    start: int
    end: int
    rule: str
    value: Value
    mod: str | None = None


@dataclass
class Context:
    """What normalisers may look at: the text, reference date, sentence bounds and earlier anchors."""

    text: str
    ref: date | None
    sentence_starts: list[int]
    # (interval start, granularity, offset in text) of every resolved date so far, in text order.
    anchors: list[tuple[date, str, int]] = field(default_factory=list)
    # (start, end) -> "past" / "present" / "future" / None: the governing verb's tense (`temporal.tense`).
    tense: Callable[[int, int], str | None] | None = None

    def sentence_start(self, pos: int) -> int:
        """Offset where the sentence containing `pos` begins."""
        index = bisect.bisect_right(self.sentence_starts, pos) - 1
        return self.sentence_starts[index] if index >= 0 else 0

    def anchor_for(self, granularity: str) -> tuple[date, str] | None:
        """The latest earlier anchor at least as fine as `granularity` (None if there is none)."""
        limit = GRANULARITIES.index(granularity)
        for start, granularity, _ in reversed(self.anchors):
            if GRANULARITIES.index(granularity) <= limit:
                return start, granularity
        return None

    def nearby_quarter(self, pos: int) -> date | None:
        """A quarter named in this or the previous sentence ("rose from $5 million a year ago")."""
        if not self.anchors or self.anchors[-1][1] != "quarter":
            return None
        previous_sentence = self.sentence_start(max(0, self.sentence_start(pos) - 1))
        return self.anchors[-1][0] if self.anchors[-1][2] >= previous_sentence else None


# Not after "p.m.", titles or initials ("U.S.", "J. Smith"): those periods rarely end a sentence.
_SENTENCE_END = re.compile(
    r"(?<![ap]\.m)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\b[A-Z])"
    r"[.!?][\"'”’)\]]*\s+(?=[A-Z\"'“‘(])|\n\s*\n?"
)


def split_sentence_starts(text: str) -> list[int]:
    """Sentence start offsets by punctuation (used when no `sentences` layer is available)."""
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


_REPORTED_BEFORE = re.compile(
    r"\b(?:said|told|announced|reported|confirmed|added|stated|declared|wrote|tweeted)\s+"
    r"(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(r"^\W*(?:(?:on|by|from|until|this|early|late)\s+)?$", re.IGNORECASE)


def points_forward(ctx: Context, start: int, end: int) -> bool:
    """True when the clause around an expression talks about the future ("will meet on Tuesday")."""
    sent_start = ctx.sentence_start(start)
    before = ctx.text[max(sent_start, start - 60) : start]
    if _REPORTED_BEFORE.search(before):
        return False  # "said on Tuesday that it will ...": the saying is past
    if FUTURE_CUES.search(before):
        return True
    # "On Tuesday, the council will vote": a sentence-initial date takes the main clause's tense.
    after = re.split(r"[.!?;]", ctx.text[end : end + 50], maxsplit=1)[0]
    return bool(_LEAD_IN.match(ctx.text[sent_start:start]) and FUTURE_CUES.search(after))


def clause_direction(ctx: Context, start: int, end: int) -> int:
    """Which way a bare date points from the reference: -1 past, +1 future, 0 undecided (take the nearest).

    The governing verb's tense decides when a parse is at hand ("ended Tuesday" -1, "will end Tuesday"
    +1, "meet Tuesday" +1: a present with a date tells a scheduled event, see `temporal.tense`); no
    governing verb or no parse falls back to the future cues around the expression."""
    tense = ctx.tense(start, end) if ctx.tense is not None else None
    if tense == "past":
        return -1
    if tense in ("future", "present"):
        return 1
    return 1 if points_forward(ctx, start, end) else 0


def parse_number(text: str) -> float | None:
    """Value of a number written in digits or words ("twenty-four" -> 24); None if vague ("several")."""
    words = re.sub(r"\s+", " ", text.strip().lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words)
    halved = re.fullmatch(r"(\d+)(?: 1/2|½)", words)  # "2 1/2", "2½"
    if halved:
        return float(halved[1]) + 0.5
    if words in NUMBER_WORDS:
        return float(NUMBER_WORDS[words])
    parts = re.split(r"[-\s]", words)
    if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
        return float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])
    return None


def amount_of(groups: dict[str, str | None]) -> float | None:
    """The amount of a duration's number group, plus a half for "and a half" ("a year and a half" -> 1.5)."""
    amount = parse_number(groups.get("num") or "")
    if amount is not None and (groups.get("half1") or groups.get("half2")):
        amount += 0.5
    return amount


def unit_of(word: str) -> tuple[str, int, str]:
    """(TIMEX3 letter, multiplier, granularity) of a unit word, plural or not."""
    base = word.lower()
    base = "century" if base.startswith("centur") else base.rstrip("s")
    return UNITS[base]


def fmt_amount(amount: float) -> str:
    """Write an amount without a trailing .0."""
    return str(int(amount)) if amount == int(amount) else f"{amount:g}"


def is_resolved(value: str) -> bool:
    """True when a TIMEX3 date value names a calendar interval (no X, not a REF token)."""
    return "X" not in value and interval_start(value) is not None


def precision_granularity(precision: str) -> str | None:
    """Calendar granularity an anchor of this precision supports ("time" anchors act as days)."""
    return "day" if precision == "time" else precision if precision in GRANULARITIES else None
