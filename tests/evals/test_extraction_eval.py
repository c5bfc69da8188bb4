"""Quality gate: HTML body extraction on the ScrapingHub benchmark (../shared/data), beside bare trafilatura."""

from __future__ import annotations

import pytest

from storylens.evals.extraction import DEFAULT_DIR, evaluate_extraction, match_page, scores

needs_data = pytest.mark.skipif(not DEFAULT_DIR.exists(), reason=f"evaluation data not found at {DEFAULT_DIR}")


def test_metric_on_hand_made_pages():
    gold = "one two three four five six"
    assert match_page(gold, gold) == (1.0, 0.0, 0.0)
    assert match_page(gold, "") == (0.0, 0.0, 1.0)
    tp, fp, fn = match_page(gold, "one two three four five six seven")
    assert tp > 0.7 and fp > 0 and fn == 0
    assert scores([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0)]) == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}


@needs_data
def test_extraction_f1_gate():
    result = evaluate_extraction(DEFAULT_DIR)
    assert result["pages"] == 181
    # Issue 3/17 floor is 0.965; measured 0.9659 (bare trafilatura 0.9525 in the same run). Gate at what we
    # reach so a regression fails; raise it as extraction improves..
    assert result["storylens"]["f1"] >= 0.965
    assert result["storylens"]["f1"] >= result["trafilatura"]["f1"]
