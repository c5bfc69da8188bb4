"""Quality gate for story clustering (issue 9) on ECB+ dev topics, run where ../shared/data exists."""

from __future__ import annotations

import pytest

from storylens.evals.ecbplus import ECB_DIR, bcubed, evaluate, load_articles

needs_ecb = pytest.mark.skipif(not ECB_DIR.exists(), reason=f"ECB+ data not found at {ECB_DIR}")


@needs_ecb
def test_ecbplus_dev_story_clustering_bcubed():
    report = evaluate("dev", load_articles(("dev",)))
    assert (report["documents"], report["gold_stories"]) == (197, 16)
    # issue 18 floor 0.93 with the threshold chosen on train alone: NOT met. Measured (default stream order):
    # times branch alone 0.937 (P 0.991 R 0.889); merged main 0.910 (P 0.955 R 0.869): the clean branch's
    # copied-header rules read ECB+'s URL line as the headline and the real headline as a dek, out of the
    # text (main with only those rules off: 0.937 again). With the URL line dropped and headline/dek read as
    # clustering evidence: 0.912 (P 0.955 R 0.873; train 0.903). The default order is one draw: over the five
    # tuning orders dev is 0.877 (times branch), 0.871 (main), 0.874 (now); one early merge of topic 35's two
    # Chargers DUI stories moves it by 3 points. Gated at the level held before the session.
    assert report["f1"] >= 0.90, report


def test_bcubed_counts_per_document():
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed({"a": "1", "b": "1", "c": "2"}, gold)["f1"] == 1.0
    lumped = bcubed({"a": "1", "b": "1", "c": "1"}, gold)
    assert lumped["recall"] == 1.0 and lumped["precision"] == round((2 / 3 + 2 / 3 + 1 / 3) / 3, 4)
