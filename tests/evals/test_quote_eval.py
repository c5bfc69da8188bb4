"""Quality gates for "who said what" on real annotated news (issues 4, 18), run where ../shared/data exists.

Each floor is the issue's where we reach it; where we do not yet, a floor just under the measured figure
(never lowered once reached), with the issue's floor and the measurement next to it. The Gender Gap Tracker
gates read the CHECKING part of the fixed split (`storylens.evals.quotes` docstring); rules are tuned on the
other part.
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
def test_gendergap_split_is_fixed(gendergap: dict) -> None:
    parts = [gendergap[part] for part in ("tuning", "checking", "all")]
    assert [(p["documents"], p["gold"]) for p in parts] == [(25, 365), (24, 378), (49, 743)]


@needs_ggt
def test_gendergap_quote_detection(gendergap: dict) -> None:
    # issue 18 floor 0.87 on the checking part: measured 0.8818 (tuning part 0.8844; 0.8668 / 0.8715 before
    # short quoted phrases inside a reported clause became part of it)
    assert gendergap["checking"]["detection"]["f1"] >= 0.87, gendergap["checking"]


@needs_ggt
def test_gendergap_speaker_accuracy(gendergap: dict) -> None:
    # issue 18 floor 0.86 on the checking part, within 0.03 of the tuning part: measured 0.8855 (tuning
    # 0.9149; 0.8735 / 0.8693 before the people model of stages/people.py)
    checking, tuning = gendergap["checking"]["speaker_accuracy"], gendergap["tuning"]["speaker_accuracy"]
    assert checking >= 0.86, gendergap["checking"]
    assert abs(tuning - checking) <= 0.03, (tuning, checking)


@needs_polnear
def test_polnear_content(polnear: dict) -> None:
    assert (polnear["documents"], polnear["gold"]) == (84, 2193)
    # issue floor 0.70: measured 0.7012 (P 0.791, R 0.630; 0.7002 before issue 18; 0.686 before passives
    # with a "by" agent, attitude adjectives, phrasal and light verbs, one-word name objects, split reporter
    # conjuncts; 0.580 before the non-speech `attributions` layer, which this eval counts and the
    # speech-only GGT eval does not). Most remaining misses are a long tail of stance nouns ("disdain
    # for", "questions about"), multi-sentence contents, nested sources.
    assert polnear["content"]["f1"] >= 0.70, polnear


@needs_polnear
def test_polnear_source_match(polnear: dict) -> None:
    assert polnear["source_match"] >= 0.80, polnear  # issue floor 0.80 (measured 0.894)


def test_speaker_names_compare_exactly_up_to_case_accents_and_article() -> None:
    assert same_name("José Álvarez", "jose alvarez")
    assert same_name("United Nations", "the United Nations")
    assert not same_name("Álvarez", "José Álvarez")  # a surname alone is not the canonical name
    assert not same_name(None, "José Álvarez")
