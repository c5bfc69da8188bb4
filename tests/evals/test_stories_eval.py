"""The BASIL stories eval: its scorer on fictional stories, and the gates on the 20 keyed triplets (checking part).

Issue 16 floors: consensus >= 0.65, contradictions found >= 0.40, contradiction precision >= 0.50, single-source
kept >= 0.85. Measured (`python -m storylens.evals.stories`, branch `basil`), default grouping (`rules`):
consensus 49/157 (0.31), contradictions 0/12, precision 0/3, single-source 88/100. Opt-in claim-pair model
(`--grouping pairs`): consensus 56/157 (0.36), contradictions 0/12, precision 0/3, single-source 85/100 (fewer
than the default keeps: why it is not the default). Tuning part (our key, 11 triplets), default: consensus 48/86,
contradictions 3/6, precision 3/3, single-source 68/70; pairs: 55/86, 3/6, 3/3, 68/70. Over all 60 tuning
triplets the rules report 3 conflicts, all real on reading. The contradiction floors are NOT met; the gates
hold what is reached, so they catch regressions.
After the conflict guards (`stages/story/conflict_guards.py`, branch `conflicts`): checking, default grouping,
consensus 49/157, contradictions 0/12, 0 conflicts reported (was 3, all false), single-source 89/100; pairs
56/157, 0/12, 0 reported, 86/100. Tuning unchanged (48/86, 3/6, 3/3, 68/70; pairs 55/86). False alarms are
capped at what is measured: none.
The tuning key then grew from 11 to 31 triplets (20 keyed blind, by reading them), the pair model gained
containment over Porter stems and became the default, after the whole training procedure run on 21 tuning
triplets and scored on the other 10 (both ways) beat `rules` on both counts (68 vs 59 of 159 consensus, 154 vs
151 of 160 single-source kept). Now, checking: default (pairs) consensus 58/157 (0.37), contradictions 0/12,
0 reported, single-source 88/100; rules 49/157, 0/12, 0 reported, 89/100. Tuning (31 triplets, trained on):
pairs 124/245, 3/13, 3/3, 223/230; rules 107/245, 3/13, 3/3, 219/230.
Tuning key at 60 triplets, the pair model retrained on it with pairs across sub-stories (cut 0.7): checking
62/157, 0/12, 0 reported, 87/100; tuning 258/525, 3/25, 3/3, 418/444. With the event feature `patient_clash`
and all three models retrained: checking 63/157, 0/12, 0 reported, 88/100; tuning 259/525, 3/25, 3/3, 417/444.
With he / she event participants resolved to their person and the three models retrained: checking 63/157,
0/12, 0 reported, 87/100; tuning 260/525, 3/25, 3/3, 419/444.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.evals.stories import DATA_DIR, evaluate, fold, matches, read_key, score_story

needs_data = pytest.mark.skipif(not (DATA_DIR / "gold").exists(), reason=f"BASIL data not found at {DATA_DIR}")


@needs_data
def test_basil_keyed_triplets_gate() -> None:
    result = evaluate("checking")
    assert result["triplets"] == 20
    assert result["single_source"]["rate"] >= 0.85, result["single_source"]  # issue floor 0.85 (measured 0.88)
    assert result["consensus"]["found"] >= 58, result["consensus"]  # measured 58/157; floor 0.65 not met
    # Floors 0.40 found / 0.50 precision are not met (0/12, 0/2): hold the false alarms at or below today's.
    reported = result["precision"]["total"]
    # Main reported three, all false; the conflict guards removed them (measured 0 reported): cap at none.
    assert reported - result["precision"]["found"] == 0, result["precision"]


@needs_data
def test_basil_keyed_triplets_gate_with_the_embedding_rule() -> None:
    result = evaluate("checking", options={"claim_grouping": "rules"})
    assert result["consensus"]["found"] >= 49, result["consensus"]  # measured 49/157
    assert result["single_source"]["found"] >= 89, result["single_source"]  # measured 89/100
    assert result["precision"]["total"] - result["precision"]["found"] == 0, result["precision"]  # measured 0


def test_fold_ignores_case_diacritics_and_quote_style() -> None:
    assert fold("  Zoë said “Fine”\n’twas ") == fold("zoe said \"fine\" 'twas")


def test_a_claim_matches_when_it_contains_the_probe_or_lies_inside_a_longer_one() -> None:
    assert matches("The Brindle council voted to close the ferry pier on Monday.", "close the ferry pier")
    inside = "the council voted to close the ferry pier"  # 41 characters, inside the probe
    assert matches(inside, "Brindle: the council voted to close the ferry pier on Monday")
    assert not matches("voted to close", "the council voted to close the ferry pier")  # too short to count inside


def _story() -> dict:
    claims = [
        {"id": "a:c0", "article": "a", "text": "Mayor Ilse Varga closed the Brindle pier on Monday.", "kind": "event"},
        {"id": "b:c0", "article": "b", "text": "The Brindle pier was shut by Varga on Monday.", "kind": "event"},
        {"id": "a:c1", "article": "a", "text": "The repairs will cost 4 million crowns.", "kind": "event"},
        {"id": "b:c1", "article": "b", "text": "The repairs will cost 9 million crowns.", "kind": "event"},
        {"id": "c:c0", "article": "c", "text": "Varga also fired the harbour master.", "kind": "event"},
    ]
    groups = [{"id": "g0", "claims": ["a:c0", "b:c0"], "status": "corroborated"},
              {"id": "g1", "claims": ["a:c1"], "status": "contested"},
              {"id": "g2", "claims": ["b:c1"], "status": "contested"},
              {"id": "g3", "claims": ["c:c0"], "status": "single-source"}]
    conflicts = [{"id": "x0", "claims": ["a:c1", "b:c1"], "kind": "number", "explanation": "4 vs 9"},
                 {"id": "x1", "claims": ["a:c0", "c:c0"], "kind": "polarity", "explanation": "bogus"}]
    return {"claims": claims, "claim_groups": groups, "conflicts": conflicts}


def _key() -> dict:
    return {"consensus": [{"id": "closed", "probes": {"a": "closed the Brindle pier", "b": "pier was shut"}},
                          {"id": "cost", "probes": {"a": "4 million", "b": "9 million"}}],
            "conflicts": [{"id": "cost", "kind": "number", "a": ["b", "9 million"], "b": ["a", "4 million"]},
                          {"id": "day", "kind": "date", "a": ["a", "on Monday"], "b": ["c", "on Tuesday"]}],
            "single_source": [["c", "fired the harbour master", "only c"], ["a", "4 million", "only a"]]}


def test_score_story_counts_each_rule_of_the_data_readme() -> None:
    counts = score_story(_story(), _key()).counts
    assert counts["consensus"] == [1, 2]  # the costs sit in two groups
    assert counts["contradictions"] == [1, 2]  # matched either way round
    assert counts["precision"] == [1, 2]  # x1 matches no key conflict
    assert counts["single_source"] == [1, 2]  # "4 million" is in a contested group


def test_read_key_resolves_offsets_to_the_record_text(tmp_path: Path) -> None:
    records = [{"id": "a", "text": "Mayor Ilse Varga closed the pier."}, {"id": "b", "text": "Varga shut it."}]
    key = {"consensus": [{"id": "k", "probes": {"a": [17, 32], "b": "shut it"}}],
           "conflicts": [{"id": "x", "kind": "fact", "a": ["a", [0, 5]], "b": ["b", [6, 10]]}],
           "single_source": [["a", [6, 16], "name"]]}
    path = tmp_path / "key.json"
    path.write_text(json.dumps(key), encoding="utf-8")
    resolved = read_key(path, records)
    assert resolved["consensus"][0]["probes"] == {"a": "closed the pier", "b": "shut it"}
    assert resolved["conflicts"][0]["a"] == ["a", "Mayor"] and resolved["conflicts"][0]["b"] == ["b", "shut"]
    assert resolved["single_source"] == [["a", "Ilse Varga", "name"]]
