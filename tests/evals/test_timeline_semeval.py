"""SemEval-2015 Task 4 timeline scoring: the temporal-awareness scorer by hand, then the F1 gate."""

from __future__ import annotations

import pytest

from storylens.evals.temporal_awareness import BEFORE, SIMULTANEOUS, Line, reduce_relations, score_timeline
from storylens.evals.timeline_semeval import (
    DEFAULT_DIR,
    entity_matches,
    evaluate_semeval_timelines,
    task_date,
)

GOLD = [
    Line(0, "XXXX-XX-XX", ("1-3-owned",)),
    Line(1, "2007-XX-XX", ("1-4-planned",)),
    Line(2, "2007-03-19", ("1-5-delivered", "2-2-handed")),
    Line(3, "2008-01-16", ("2-6-delayed",)),
]


def test_identical_timelines_score_100() -> None:
    assert score_timeline(GOLD, GOLD).scores() == {"precision": 100.0, "recall": 100.0, "f1": 100.0}


def test_empty_system_scores_zero_and_counts_every_gold_relation() -> None:
    counts = score_timeline(GOLD, [])
    # 5 events each SIMULTANEOUS with an anchor + 3 BEFORE links between consecutive lines.
    assert (counts.system, counts.gold, counts.recall_matched) == (0, 8, 0)
    assert counts.scores()["f1"] == 0.0


def test_reduction_keeps_one_before_link_per_step() -> None:
    graph, reduced = reduce_relations([("a", "t1", SIMULTANEOUS), ("b", "t1", SIMULTANEOUS),
                                       ("c", "t2", SIMULTANEOUS), ("a", "c", BEFORE), ("b", "c", BEFORE)])
    assert ("b", "c", BEFORE) not in reduced and len(reduced) == 4
    assert graph.relation("b", "c") == BEFORE and graph.relation("c", "a") == "AFTER"


def test_wrong_order_loses_the_before_links_only() -> None:
    swapped = [Line(0, "2008-01-16", ("2-6-delayed",)), Line(1, "2007-03-19", ("1-5-delivered",))]
    counts = score_timeline(GOLD, swapped)
    # Both anchor links are right; the one BEFORE link contradicts the gold order.
    assert (counts.precision_matched, counts.system) == (2, 3)


def test_contradictions_are_scored_not_dropped() -> None:
    # The same event on two consecutive lines: BEFORE itself, a violation the script still counts.
    counts = score_timeline(GOLD, [Line(0, "2007-03-19", ("1-5-delivered",)), Line(1, "2008", ("1-5-delivered",))])
    assert counts.system == 3 and counts.precision_matched == 1


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [("2008-03-01", "day", "2008-03-01"), ("2008-03-01T10:00", "time", "2008-03-01"),
     ("2008-03", "month", "2008-03-XX"), ("2008-W10", "week", "2008-03-XX"), ("2008", "year", "2008-XX-XX"),
     ("2008-Q2", "quarter", "2008-XX-XX"), (None, None, "XXXX-XX-XX"), ("XXXX-WXX-2", "day", "XXXX-XX-XX")],
)
def test_task_date(value: str | None, precision: str | None, expected: str) -> None:
    assert task_date(value, precision) == expected


def test_entity_matching_takes_distinctive_parts_only() -> None:
    targets = ["Boeing", "Boeing 777", "Airbus A380", "China Eastern Airlines"]
    assert entity_matches({"name": "A380", "type": "PRODUCT"}, "Airbus A380", targets)
    assert entity_matches({"name": "Air Force", "aliases": ["USAF"], "type": "ORG"}, "USAF", targets)
    assert not entity_matches({"name": "Boeing", "type": "ORG"}, "Boeing 777", targets)
    assert not entity_matches({"name": "China", "type": "GPE"}, "China Eastern Airlines", targets)


@pytest.mark.skipif(not DEFAULT_DIR.exists(), reason=f"SemEval-2015 Task 4 data not found at {DEFAULT_DIR}")
def test_semeval_timeline_f1_gate() -> None:
    scores = evaluate_semeval_timelines(DEFAULT_DIR)
    # Measured: P 13.29, R 9.00, F1 10.73 on corpus_1 (undated claims at publication: F1 12.21).
    # The task's best Track A (raw text) run scored 7.85 F1.
    assert scores["f1"] >= 10.2, scores
    assert scores["undated_at_publication"]["f1"] >= 11.7, scores
    assert scores["corpora"]["corpus_1"]["timelines"] == 13
