"""What keeps two claims apart in claim grouping (figures: `stages/story/figures.py`; dates), on invented outlets."""

from __future__ import annotations

from helpers.two_outlets import last_claims
from storylens.stages.story.groups import compatible, dates_disagree, numbers_disagree


def test_a_floor_and_a_figure_above_it_can_state_one_fact(pipeline) -> None:
    a, b = last_claims(pipeline, "The audit put the cost of the Velmora ferry repairs at $1.1 million.",
                        "Auditors said the Velmora ferry repairs cost more than $1 million.")
    assert not numbers_disagree(a, b) and not numbers_disagree(b, a)
    assert compatible(a, b)


def test_a_figure_below_a_floor_and_exact_counts_that_differ_stay_apart(pipeline) -> None:
    a, b = last_claims(pipeline, "The audit put the cost of the Velmora ferry repairs at $900,000.",
                        "Auditors said the Velmora ferry repairs cost more than $1 million.")
    assert numbers_disagree(a, b) and not compatible(a, b)
    a, b = last_claims(pipeline, "Prosecutors in Velmora unsealed the 48-page indictment against Ilse Varga.",
                        "Prosecutors in Velmora unsealed a 47-page indictment against Ilse Varga.")
    assert numbers_disagree(a, b) and not compatible(a, b)


def test_a_time_of_day_names_its_day_when_two_claims_are_checked_for_a_shared_date(pipeline) -> None:
    # Both articles are dated Friday 6 March 2026: "Friday night" is 2026-03-06TNI, "Thursday" 2026-03-05.
    a, b = last_claims(pipeline, "The Velmora port authority denied the ferry report on Friday.",
                       "In a statement issued Friday night, the Velmora port authority denied the ferry report "
                       "published Thursday.")
    assert [t.label for t in b.times] == ["TIME", "DATE"]
    assert not dates_disagree(a, b) and not dates_disagree(b, a)
    a, b = last_claims(pipeline, "The Velmora port authority denied the ferry report on Friday.",
                       "The Velmora port authority denied the ferry report on Thursday.")
    assert dates_disagree(a, b)
