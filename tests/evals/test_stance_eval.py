"""Quality gates for claim check and conflicts on real data (issue 5), run where ../shared/data exists."""

from __future__ import annotations

import pytest

from storylens.evals import false_alarms, stance

needs_fnc = pytest.mark.skipif(not stance.DATA_DIR.exists(), reason=f"FNC-1 data not found at {stance.DATA_DIR}")
needs_ecb = pytest.mark.skipif(not false_alarms.DATA_DIR.exists(),
                               reason=f"ECB+ data not found at {false_alarms.DATA_DIR}")


@needs_fnc
def test_fnc1_dev_stance_through_the_check_command_code():
    figures = stance.evaluate()
    assert figures["pairs"] == 12041
    assert figures["macro_f1"] >= 0.60, figures  # issue floor 0.60
    assert figures["related_accuracy"] >= 0.97, figures  # issue floor 0.97
    assert figures["per_class"]["disagree"]["f1"] >= 0.25, figures  # the hard class; measured ~0.30


@needs_ecb
def test_no_conflict_between_claims_about_different_ecbplus_stories():
    result = false_alarms.evaluate(per_story=4)
    assert result["articles"] >= 50 and result["stories"] == 16
    assert result["across"] == [], result["across"]
