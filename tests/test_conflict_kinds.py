"""Each conflict rule on a fictional two-outlet story, with the near miss it must stay silent on.

Outlets, people and events are invented. Each story runs through the real pipeline, so alignment (shared
entity + predicate family from the claim's parse) is exercised as it is on real articles.
"""

from __future__ import annotations

import pytest

from storylens.ingest.readers import article_from_record
from storylens.model import Article
from storylens.pipeline.runner import build_story, process_batch
from storylens.stages.compare.opposition import valence_pole
from storylens.stages.story.alignment import frame_of, same_family

# Each outlet's own background paragraph, worded apart so the two are independent sources, not wire copies.
BACKGROUND = ("The harbour of Velmora has been busy all week, and ferries from Ostrane kept their usual timetable.",
              "Crowds filled the Velmora quays for days while Ostrane sent extra boats across the strait.")


def _conflicts(pipeline, first: str, second: str) -> list[dict]:
    records = [{"id": "ledger", "outlet": "Velmora Ledger", "published": "2026-03-06",
                "text": f"{BACKGROUND[0]}\n\n{first}"},
               {"id": "courier", "outlet": "Ostrane Courier", "published": "2026-03-06",
                "text": f"{BACKGROUND[1]}\n\n{second}"}]
    raw = [article_from_record(r, f"{r['id']}.jsonl") for r in records]
    articles = process_batch([a for a in raw if isinstance(a, Article)], pipeline).articles
    return build_story(articles, pipeline, "fiction").results["conflicts"]


def _kinds(conflicts: list[dict]) -> list[str]:
    return sorted(c["kind"] for c in conflicts)


def test_number_conflict_names_both_outlets_and_figures(pipeline) -> None:
    found = _conflicts(pipeline, "Prosecutors in Velmora unsealed the 48-page indictment against Ilse Varga.",
                       "Prosecutors in Velmora unsealed a 47-page indictment against Ilse Varga.")
    assert _kinds(found) == ["number"]
    assert "Velmora Ledger says 48-page" in found[0]["explanation"]
    assert "Ostrane Courier says 47-page" in found[0]["explanation"]


def test_numbers_counting_different_things_are_no_conflict(pipeline) -> None:
    found = _conflicts(pipeline, "Ilse Varga bought a $43,000 watch for the Velmora harbour office.",
                       "Ilse Varga spent $750,000 in harbour funds on the Velmora festival.")
    assert _kinds(found) == []


def test_date_conflict_on_the_same_predicate_and_subject(pipeline) -> None:
    found = _conflicts(pipeline, "Ilse Varga resigned as mayor of Velmora on March 3, 2026.",
                       "Ilse Varga resigned as mayor of Velmora on March 4, 2026.")
    assert _kinds(found) == ["date"]
    assert "2026-03-03" in found[0]["explanation"] and "2026-03-04" in found[0]["explanation"]


def test_two_people_speaking_on_different_days_is_no_date_conflict(pipeline) -> None:
    found = _conflicts(pipeline, "Ilse Varga said on March 3, 2026 that the Velmora harbour would reopen.",
                       "Tomas Brell said on March 4, 2026 that the Velmora harbour would reopen.")
    assert "date" not in _kinds(found)


def test_polarity_conflict_same_subject_and_verb(pipeline) -> None:
    found = _conflicts(pipeline, "Ilse Varga did not sign the Velmora harbour contract.",
                       "Ilse Varga signed the Velmora harbour contract.")
    assert _kinds(found) == ["polarity"]
    assert "“Ilse Varga did not sign”" in found[0]["explanation"]


def test_a_denial_inside_a_quotation_is_no_polarity_conflict(pipeline) -> None:
    found = _conflicts(pipeline, "“Ilse Varga did not sign the Velmora harbour contract,” her aide Tomas Brell said.",
                       "Ilse Varga signed the Velmora harbour contract.")
    assert "polarity" not in _kinds(found)


def test_attribution_conflict_silence_against_a_demand(pipeline) -> None:
    found = _conflicts(pipeline, "The Ostrane ministry has avoided issuing a direct statement on Ilse Varga.",
                       "The Ostrane ministry demanded the release of Ilse Varga.")
    assert _kinds(found) == ["attribution"]
    explanation = found[0]["explanation"]
    assert "avoided issuing a direct statement" in explanation and "demanded the release" in explanation


def test_declining_one_question_is_no_attribution_conflict(pipeline) -> None:
    found = _conflicts(pipeline,
                       "The Ostrane ministry declined to say whether it would back Ilse Varga.",
                       "The Ostrane ministry demanded the release of Ilse Varga.")
    assert "attribution" not in _kinds(found)


def test_characterisation_conflict_with_negation(pipeline) -> None:
    found = _conflicts(pipeline, "The closure of the Velmora harbour is hardly a dramatic setback for Ostrane.",
                       "The closure of the Velmora harbour is a serious setback for Ostrane.")
    assert _kinds(found) == ["characterisation"]
    assert "hardly a dramatic" in found[0]["explanation"] and "serious" in found[0]["explanation"]


def test_valence_of_modifiers_turns_with_a_reverser() -> None:
    assert valence_pole("a successful launch") == 1
    assert valence_pole("hardly a successful launch") == -1
    assert valence_pole("a weak economy") == -1
    assert valence_pole("the harbour launch") == 0


@pytest.mark.parametrize(("a", "b", "same"), [
    ("react", "reaction", True), ("indict", "indictment", True), ("capture", "capturing", True),
    ("rest", "restrain", False), ("sign", "resign", False),
])
def test_predicate_families(a: str, b: str, same: bool) -> None:
    assert same_family(a, b) is same


def test_a_reporting_verb_hands_the_aspect_to_its_clause() -> None:
    frame = frame_of("Officials said the army withdrew from Velmora.")
    assert "withdraw" in frame.lemmas
    assert frame_of("The mayor refused to testify.").predicates[0].negated


def test_precise_figures_that_differ_at_all_are_a_number_conflict(pipeline) -> None:
    found = _conflicts(pipeline, "Ilse Varga spent $5,687.75 of harbour funds on the Velmora spa retreat.",
                       "Ilse Varga spent $5,587.75 of harbour funds on the Velmora spa retreat.")
    assert _kinds(found) == ["number"]
    assert "$5,687.75" in found[0]["explanation"] and "$5,587.75" in found[0]["explanation"]


def test_a_round_figure_and_a_precise_one_within_rounding_are_no_conflict(pipeline) -> None:
    found = _conflicts(pipeline, "Ilse Varga bought a $43,000 watch with harbour funds for the Velmora office.",
                       "Ilse Varga bought a $43,350 watch with harbour funds for the Velmora office.")
    assert _kinds(found) == []


@pytest.mark.parametrize("first, second", [
    # Two ceilings of one count, either outlet first: "as many as" is a ceiling like "up to".
    ("The Velmora suit covers as many as 1.5 million workers, Ilse Varga said.",
     "The Velmora suit covers up to 1.9 million workers, Ilse Varga said."),
    ("The Velmora suit covers up to 1.9 million workers, Ilse Varga said.",
     "The Velmora suit covers as many as 1.5 million workers, Ilse Varga said."),
])
def test_two_ceilings_of_one_count_that_differ_are_a_number_conflict(pipeline, first, second) -> None:
    assert _kinds(_conflicts(pipeline, first, second)) == ["number"]


def test_a_floor_below_a_ceiling_is_no_conflict(pipeline) -> None:
    found = _conflicts(pipeline, "The Velmora suit covers more than 1.5 million workers, Ilse Varga said.",
                       "The Velmora suit covers up to 1.9 million workers, Ilse Varga said.")
    assert _kinds(found) == []
