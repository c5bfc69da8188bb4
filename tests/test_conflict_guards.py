"""Each conflict guard (`stages/story/conflict_guards.py`) on a fictional two-outlet story: two claims that
look opposed but can both be true, so no conflict; and a near twin that still conflicts where it must.

Outlets, people and places are invented; the stories run through the real pipeline.
"""

from __future__ import annotations

from storylens.ingest.readers import article_from_record
from storylens.model import Article
from storylens.pipeline.runner import build_story, process_batch

BACKGROUND = ("The harbour of Velmora has been busy all week, and ferries from Ostrane kept their usual timetable.",
              "Crowds filled the Velmora quays for days while Ostrane sent extra boats across the strait.")


def _kinds(pipeline, first: str, second: str) -> list[str]:
    records = [{"id": "ledger", "outlet": "Velmora Ledger", "published": "2026-03-06",
                "text": f"{BACKGROUND[0]}\n\n{first}"},
               {"id": "courier", "outlet": "Ostrane Courier", "published": "2026-03-06",
                "text": f"{BACKGROUND[1]}\n\n{second}"}]
    raw = [article_from_record(r, f"{r['id']}.jsonl") for r in records]
    articles = process_batch([a for a in raw if isinstance(a, Article)], pipeline).articles
    return sorted(c["kind"] for c in build_story(articles, pipeline, "fiction").results["conflicts"])


def test_two_polls_giving_two_figures_are_no_conflict(pipeline) -> None:
    assert _kinds(pipeline, "The Velmora Gazette poll, which found 55 percent of voters backing Ilse Varga, "
                            "was published on Monday.",
                  "According to a Brindle Institute survey, 39 percent of voters back Ilse Varga.") == []


def test_added_parts_are_no_number_conflict_but_plain_figures_are(pipeline) -> None:
    assert _kinds(pipeline, "Velmora imposed duties on an additional $200 million of Ostrane timber.",
                  "Velmora imposed duties on another $16 million of Ostrane timber.") == []
    assert _kinds(pipeline, "Velmora imposed duties on $200 million of Ostrane timber.",
                  "Velmora imposed duties on $16 million of Ostrane timber.") == ["number"]


def test_a_predicted_figure_is_no_number_conflict(pipeline) -> None:
    assert _kinds(pipeline, "Velmora will propose duties on $200 million of Ostrane timber.",
                  "Velmora imposed duties on $16 million of Ostrane timber.") == []


def test_figures_of_two_written_years_are_two_occasions(pipeline) -> None:
    assert _kinds(pipeline, "Ilse Varga won 59 percent of the Velmora vote in 2019.",
                  "Ilse Varga won 96 percent of the Velmora vote in 2015.") == []


def test_one_predicate_with_two_agents_is_two_events(pipeline) -> None:
    assert _kinds(pipeline, "Ilse Varga won 332 votes in the Velmora council ballot.",
                  "Tomas Brell won 306 votes in the Velmora council ballot.") == []


def test_two_speakers_stating_opposite_facts_still_conflict(pipeline) -> None:
    # Only judgements depend on who speaks; a fact denied by one speaker and stated by another is disputed.
    assert _kinds(pipeline, "Detective Anna Holm said the dog did not find the scent of Tomas Brell.",
                  "Detective Piet Rask said the dog found the scent of Tomas Brell.") == ["polarity"]


def test_a_denial_bound_to_its_moment_is_no_polarity_conflict(pipeline) -> None:
    assert _kinds(pipeline, "Velmora prosecutors have not charged Tomas Brell yet.",
                  "Velmora prosecutors charged Tomas Brell with fraud.") == []


def test_a_denial_narrowed_to_other_places_is_no_polarity_conflict(pipeline) -> None:
    assert _kinds(pipeline, "The Velmora police dog did not find the scent of Tomas Brell near other apartments.",
                  "The Velmora police dog found the scent of Tomas Brell at the ferry terminal.") == []


def test_a_denial_of_another_object_is_no_polarity_conflict(pipeline) -> None:
    assert _kinds(pipeline, "Ilse Varga did not sign the Velmora harbour contract.",
                  "Ilse Varga signed the Ostrane ferry order.") == []


def test_saying_one_cannot_discuss_is_no_statement_against_declining(pipeline) -> None:
    assert _kinds(pipeline, "Tomas Brell, a lawyer for Ilse Varga, said he could not discuss the Velmora inquiry.",
                  "Tomas Brell, a lawyer for Ilse Varga, declined to comment on the Velmora inquiry.") == []


def test_a_speakers_judgement_against_the_outlets_is_no_characterisation_conflict(pipeline) -> None:
    assert _kinds(pipeline, "Tomas Brell said the closure of the Velmora harbour is hardly a dramatic setback.",
                  "The closure of the Velmora harbour is a serious setback for Ostrane.") == []
