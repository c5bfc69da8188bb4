"""Quality gates for "who said what" on real annotated news (issue 4), run where ../shared/data exists.

Each floor is the issue's where we reach it; where we do not yet, a floor just under the measured figure
(never lowered once reached), with the issue's floor and the measurement next to it.
"""

from __future__ import annotations

import pytest

from storylens.evals.quotes import GGT_DIR, POLNEAR_DIR, evaluate_gendergap, evaluate_polnear, same_name

needs_ggt = pytest.mark.skipif(not GGT_DIR.exists(), reason=f"Gender Gap Tracker data not found at {GGT_DIR}")
needs_polnear = pytest.mark.skipif(not POLNEAR_DIR.exists(), reason=f"PolNeAR data not found at {POLNEAR_DIR}")


@pytest.fixture(scope="module")
def gendergap() -> dict:
    return evaluate_gendergap(GGT_DIR)


@pytest.fixture(scope="module")
def polnear() -> dict:
    return evaluate_polnear(POLNEAR_DIR)


@needs_ggt
def test_gendergap_quote_detection(gendergap: dict) -> None:
    assert (gendergap["documents"], gendergap["gold"]) == (49, 743)
    assert gendergap["detection"]["f1"] >= 0.85, gendergap  # issue floor 0.85 (measured 0.868)


@needs_ggt
def test_gendergap_speaker_accuracy(gendergap: dict) -> None:
    assert gendergap["speaker_accuracy"] >= 0.85, gendergap  # issue floor 0.85 (measured 0.871; 0.809 before)


@needs_polnear
def test_polnear_content(polnear: dict) -> None:
    assert (polnear["documents"], polnear["gold"]) == (84, 2193)
    # issue floor 0.70: measured 0.7002 (P 0.786, R 0.632; 0.686 before passives with a "by" agent, attitude
    # adjectives, phrasal and light verbs, one-word name objects, split reporter conjuncts; 0.580 before the
    # non-speech `attributions` layer, which this eval counts and the speech-only GGT eval does not). Most
    # remaining misses are a long tail of stance nouns ("disdain for", "questions about"), multi-sentence
    # contents, nested sources.
    assert polnear["content"]["f1"] >= 0.70, polnear


@needs_polnear
def test_polnear_source_match(polnear: dict) -> None:
    assert polnear["source_match"] >= 0.80, polnear  # issue floor 0.80 (measured 0.894)


def test_speaker_names_compare_exactly_up_to_case_accents_and_article() -> None:
    assert same_name("José Álvarez", "jose alvarez")
    assert same_name("United Nations", "the United Nations")
    assert not same_name("Álvarez", "José Álvarez")  # a surname alone is not the canonical name
    assert not same_name(None, "José Álvarez")
