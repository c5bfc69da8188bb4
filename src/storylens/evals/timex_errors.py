"""Kinds of time-expression errors, for the TempEval-3 eval's error table (issue 18).

Extraction (each expression counted once):
- `missed`: a gold expression no prediction overlaps;
- `spurious`: a prediction that overlaps no gold expression;
- `wrong_span`: a relaxed (overlapping, one-to-one) pair whose offsets differ.

Normalisation, over relaxed pairs whose values differ (`wrong_value`), one kind each, first that applies:
- `form`: a DURATION or SET on either side (P4Y vs P3Y, P1Y vs 1989, PXY vs P2Y): the duration/set form;
- `vague`: a reference token (PAST_REF, PRESENT_REF, FUTURE_REF) or an unresolved X value on one side only;
- `granularity`: both resolved, at different granularities (1989-10 vs 1989-Q4, 1989 vs 1989-10-26);
- `direction`: same granularity, on different sides of the reference date (DCT): one before it, the
  other containing it or after it ("Tuesday" read as last Tuesday vs next Tuesday);
- `anchor`: same granularity, same side, another value: counted from the wrong date or occurrence
  ("two days later" from the DCT instead of the date before it, "March" of the wrong past year);
- `other`: the rest (different clock times on one day, two different unresolved patterns, ...).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from storylens.temporal.calendar import add_months, interval_start

SPAN_KINDS = ("missed", "spurious", "wrong_span")
VALUE_KINDS = ("anchor", "granularity", "direction", "form", "vague", "other")

_GRANULARITY = [
    (re.compile(r"^\d{4}-\d{2}-\d{2}T"), "time"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{4}-W\d{2}-WE$"), "weekend"),
    (re.compile(r"^\d{4}-W\d{2}$"), "week"),
    (re.compile(r"^\d{4}-Q[1-4]$"), "quarter"),
    (re.compile(r"^\d{4}-H[12]$"), "half"),
    (re.compile(r"^\d{4}-(?:SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
]
# Interval length in months for the granularities measured in months (days for the others).
_MONTHS = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120, "century": 1200}
_DAYS = {"time": 1, "day": 1, "week": 7, "weekend": 7}


def granularity(value: str) -> str | None:
    """Calendar granularity of a resolved TIMEX3 date/time value ("1989-Q4" -> "quarter"); None otherwise."""
    for pattern, name in _GRANULARITY:
        if pattern.match(value):
            return name
    return None


def _is_form(value: str, type_: str) -> bool:
    return type_ in ("DURATION", "SET") or re.match(r"P[\dTX]", value) is not None  # not PAST_REF


def _is_vague(value: str) -> bool:
    return value.endswith("_REF") or "X" in value or granularity(value) is None


def side(value: str, reference: date) -> int | None:
    """-1 when the value's interval ends before the reference day, +1 when it starts after it, else 0."""
    kind, start = granularity(value), interval_start(value)
    if kind is None or start is None:
        return None
    first = date(start[0], start[1], start[2])
    if kind == "half":
        first = date(start[0], 1 if value.endswith("H1") else 7, 1)
    end = first + timedelta(days=_DAYS[kind]) if kind in _DAYS else add_months(first, _MONTHS[kind])
    if end <= reference:
        return -1
    return 1 if first > reference else 0


def value_error_kind(gold: str, gold_type: str, ours: str, our_type: str, reference: str | None) -> str:
    """The kind (one of VALUE_KINDS) of a wrong value on a matched pair; `reference` is the DCT (YYYY-MM-DD)."""
    if _is_form(gold, gold_type) or _is_form(ours, our_type):
        return "form"
    gold_vague, ours_vague = _is_vague(gold), _is_vague(ours)
    if gold_vague != ours_vague:
        return "vague"
    if gold_vague:
        return "other"
    if granularity(gold) != granularity(ours):
        return "granularity"
    if granularity(gold) == "time" and gold[:10] == ours[:10]:
        return "other"  # the right day, another clock time
    ref = date.fromisoformat(reference[:10]) if reference else None
    if ref is not None and side(gold, ref) != side(ours, ref):
        return "direction"
    return "anchor"


def count_errors(
    gold: list[dict[str, Any]], predicted: list[Any], relaxed: Iterable[tuple[dict[str, Any], Any]],
    reference: str | None,
) -> Counter[str]:
    """Error kinds for one document: SPAN_KINDS, `wrong_value` and `value:<kind>` counts.

    `predicted` are spans with `start`, `end`, `label` and `attrs["value"]`; `relaxed` the one-to-one
    overlapping (gold, predicted) pairs."""
    counts: Counter[str] = Counter()
    pairs = list(relaxed)
    matched_gold = {id(g) for g, _ in pairs}
    matched_pred = {id(p) for _, p in pairs}
    counts["missed"] = sum(id(g) not in matched_gold for g in gold)
    counts["spurious"] = sum(id(p) not in matched_pred for p in predicted)
    for g, p in pairs:
        if (g["start"], g["end"]) != (p.start, p.end):
            counts["wrong_span"] += 1
        if g["value"] != p.attrs["value"]:
            counts["wrong_value"] += 1
            counts["value:" + value_error_kind(g["value"], g["type"], p.attrs["value"], p.label, reference)] += 1
    return counts


def error_table(counts: Counter[str] | dict[str, int]) -> dict[str, Any]:
    """The counts as a nested dict: span kinds, `wrong_value` and its kinds (all present, zero or not)."""
    return {
        **{kind: counts.get(kind, 0) for kind in SPAN_KINDS},
        "wrong_value": counts.get("wrong_value", 0),
        "wrong_value_kinds": {kind: counts.get("value:" + kind, 0) for kind in VALUE_KINDS},
    }
