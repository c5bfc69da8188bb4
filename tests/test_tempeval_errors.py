"""The TempEval eval's error kinds (issue 18): each kind on a tiny fictional document."""

from __future__ import annotations

import pytest

from storylens.evals.tempeval import match_document
from storylens.evals.timex_errors import count_errors, error_table, granularity, side, value_error_kind
from storylens.model import Span

DCT = "2026-03-04"  # a Wednesday


@pytest.mark.parametrize(
    ("gold", "gold_type", "ours", "our_type", "kind"),
    [
        ("P3Y", "DURATION", "P2Y", "DURATION", "form"),
        ("P1Y", "DURATION", "2025", "DATE", "form"),  # "the past year" read as last year
        ("XXXX-WXX-2", "SET", "2026-03-03", "DATE", "form"),  # "on Tuesdays"
        ("PRESENT_REF", "DATE", "2026-03-04", "DATE", "vague"),
        ("2026-W09", "DATE", "XXXX-WXX", "DATE", "vague"),
        ("2026-Q1", "DATE", "2026-03", "DATE", "granularity"),
        ("2026", "DATE", "2026-03-04", "DATE", "granularity"),
        ("2026-03-03", "DATE", "2026-03-10", "DATE", "direction"),  # last Tuesday vs next Tuesday
        ("2025-06", "DATE", "2026-06", "DATE", "direction"),  # "in June" past vs future
        ("2026-Q1", "DATE", "2025-Q4", "DATE", "direction"),  # this quarter vs the one just ended
        ("2024-06-04", "DATE", "2026-03-02", "DATE", "anchor"),  # "two days later" from the wrong date
        ("2024-03", "DATE", "2025-03", "DATE", "anchor"),  # March of the wrong past year
        ("2026-03-04T09:00", "TIME", "2026-03-04T21:00", "TIME", "other"),
        ("XXXX-WXX-2", "DATE", "XXXX-XX-XX", "DATE", "other"),
    ],
)
def test_value_error_kinds(gold: str, gold_type: str, ours: str, our_type: str, kind: str) -> None:
    assert value_error_kind(gold, gold_type, ours, our_type, DCT) == kind


def test_granularity_and_side_of_the_reference_date() -> None:
    assert [granularity(v) for v in ("2026-W09-WE", "2026-W09", "2026-H1", "2026-SU", "202", "20")] == [
        "weekend", "week", "half", "season", "decade", "century"]  # fmt: skip
    assert granularity("PAST_REF") is None
    reference = __import__("datetime").date(2026, 3, 4)
    assert [side(v, reference) for v in ("2026-03-03", "2026-03-04", "2026-03-05")] == [-1, 0, 1]
    assert [side(v, reference) for v in ("2026-02", "2026-Q1", "2026-H2", "2025", "202")] == [-1, 0, 1, -1, 0]


def gold(tid: str, start: int, end: int, value: str, type_: str = "DATE") -> dict[str, object]:
    return {"tid": tid, "start": start, "end": end, "value": value, "type": type_}


def test_count_errors_on_a_fictional_document() -> None:
    text = "The Velm ferry sank on Tuesday and the inquiry lasted three weeks; last year it was fine. Now calm."
    at = {word: (text.index(word), text.index(word) + len(word))
          for word in ("Tuesday", "three weeks", "last year", "Now", "lasted three", "Velm")}  # fmt: skip
    golds = [
        gold("t1", *at["Tuesday"], "2026-03-03"),  # we read next Tuesday: a wrong direction
        gold("t2", *at["three weeks"], "P3W", "DURATION"),  # we say "lasted three": wrong span, right value
        gold("t3", *at["last year"], "2025"),  # found exactly and right
        gold("t4", *at["Now"], "PRESENT_REF"),  # missed
    ]
    predicted = [
        Span(*at["Tuesday"], "DATE", {"value": "2026-03-10"}),
        Span(*at["lasted three"], "DURATION", {"value": "P3W"}),
        Span(*at["last year"], "DATE", {"value": "2025"}),
        Span(*at["Velm"], "DATE", {"value": "XXXX"}),  # spurious
    ]
    pairs = match_document(golds, predicted)  # type: ignore[arg-type]
    table = error_table(count_errors(golds, predicted, pairs["relaxed"], DCT))  # type: ignore[arg-type]
    assert table == {
        "missed": 1, "spurious": 1, "wrong_span": 1, "wrong_value": 1,
        "wrong_value_kinds": {"anchor": 0, "granularity": 0, "direction": 1, "form": 0, "vague": 0, "other": 0},
    }  # fmt: skip
