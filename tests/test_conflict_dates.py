"""Date conflicts: one event put on two different days by two outlets, and the near misses that must stay
silent (one weekday resolved against two publication dates, dates of other events in the same sentence, the
edge of a span). Outlets, people and events are invented; each story runs through the real pipeline.
"""

from __future__ import annotations

from storylens.ingest.readers import article_from_record
from storylens.model import Article
from storylens.pipeline.runner import build_story, process_batch

# Each outlet's own background paragraph, worded apart so the two are independent sources.
BACKGROUND = ("The Brisk Valley ferry line has run twice a day since the spring, carrying workers to Quillon.",
              "Commuters in Quillon depend on the Brisk Valley boats, which the harbour board runs at a loss.")


def _conflicts(pipeline, first: str, second: str, published: tuple[str, str] = ("2026-04-11", "2026-04-11")
               ) -> list[dict]:
    records = [{"id": "herald", "outlet": "Quillon Herald", "published": published[0],
                "text": f"{BACKGROUND[0]}\n\n{first}"},
               {"id": "gazette", "outlet": "Brisk Valley Gazette", "published": published[1],
                "text": f"{BACKGROUND[1]}\n\n{second}"}]
    raw = [article_from_record(r, f"{r['id']}.jsonl") for r in records]
    articles = process_batch([a for a in raw if isinstance(a, Article)], pipeline).articles
    return build_story(articles, pipeline, "fiction").results["conflicts"]


def _dates(conflicts: list[dict]) -> list[dict]:
    return [c for c in conflicts if c["kind"] == "date"]


def test_one_apology_on_two_weekdays_told_by_two_descriptions_of_one_person(pipeline) -> None:
    # Published a day apart (Saturday, Sunday): "Friday" and "Saturday" are two days whatever the anchor.
    found = _dates(_conflicts(
        pipeline,
        "A harbour board clerk on Friday apologized for a mocking post about the Quillon ferry crews.",
        "The board's press officer had to apologize Saturday for a mocking post about the Quillon ferry crews.",
        ("2026-04-11", "2026-04-12")))
    assert len(found) == 1
    assert "Friday" in found[0]["explanation"] and "Saturday" in found[0]["explanation"]


def test_a_date_between_subject_and_verb_dates_the_verb(pipeline) -> None:
    found = _dates(_conflicts(pipeline,
                              "Mayor Odile Farrant on Monday signed the Quillon harbour lease with the ferry line.",
                              "Mayor Odile Farrant signed the Quillon harbour lease with the ferry line on Wednesday."))
    assert len(found) == 1
    assert "Monday" in found[0]["explanation"] and "Wednesday" in found[0]["explanation"]


def test_one_weekday_resolved_against_two_publication_dates_is_one_day(pipeline) -> None:
    found = _dates(_conflicts(pipeline,
                              "Mayor Odile Farrant signed the Quillon harbour lease with the ferry line on Tuesday.",
                              "Mayor Odile Farrant signed the Quillon harbour lease with the ferry line on Tuesday.",
                              ("2026-04-08", "2026-04-15")))
    assert found == []


def test_the_date_of_another_event_in_the_sentence_is_not_compared(pipeline) -> None:
    found = _dates(_conflicts(
        pipeline,
        "Mayor Odile Farrant signed the Quillon harbour lease on Monday, after the ferry strike ended Friday.",
        "Mayor Odile Farrant signed the Quillon harbour lease with the ferry line on Monday."))
    assert found == []


def test_the_edge_of_a_span_is_not_the_day_of_the_event(pipeline) -> None:
    found = _dates(_conflicts(pipeline,
                              "Mayor Odile Farrant has signed harbour leases with the ferry line since Monday.",
                              "Mayor Odile Farrant signed the harbour lease with the ferry line on Wednesday."))
    assert found == []


def _numbers(conflicts: list[dict]) -> list[dict]:
    return [c for c in conflicts if c["kind"] == "number"]


def test_two_bounds_on_one_side_of_one_counted_event_disagree(pipeline) -> None:
    # The figures hang from different verbs ("involving" / "block ... on behalf of"); the lawsuit they
    # count for is one story event.
    found = _numbers(_conflicts(
        pipeline,
        "Judges in Quillon voiced doubts about a lawsuit involving as many as 1.5 million ferry "
        "passengers seeking refunds from the Brisk Valley line.",
        "The Quillon court seems ready to block a refund lawsuit against the Brisk Valley line on behalf of "
        "up to 1.6 million ferry passengers."))
    assert len(found) == 1
    assert "as many as 1.5 million" in found[0]["explanation"] and "up to 1.6 million" in found[0]["explanation"]


def test_a_bound_and_a_figure_on_its_side_agree(pipeline) -> None:
    found = _numbers(_conflicts(
        pipeline,
        "Judges in Quillon voiced doubts about a lawsuit involving 1.5 million ferry passengers "
        "seeking refunds from the Brisk Valley line.",
        "The Quillon court seems ready to block a refund lawsuit against the Brisk Valley line on behalf of "
        "up to 1.6 million ferry passengers."))
    assert found == []


def test_the_whole_a_part_is_taken_from_is_not_the_quantity(pipeline) -> None:
    found = _numbers(_conflicts(
        pipeline,
        "Mayor Odile Farrant signed a harbour budget that includes just $1.4 million for the Quillon pier.",
        "The harbour budget signed by Mayor Odile Farrant included none of the $5.7 million that the ferry "
        "line demanded for the Quillon pier."))
    assert found == []


def test_one_kind_of_event_years_apart_is_two_occasions(pipeline) -> None:
    found = _dates(_conflicts(
        pipeline,
        "Odile Farrant was named harbour master of Quillon on May 3, 2019.",
        "Odile Farrant returned to the ferry line in 2015, until the Quillon board hired her as harbour master "
        "on June 7, 2023."))
    assert found == []


def test_a_figure_things_come_from_is_not_the_count_of_the_event(pipeline) -> None:
    found = _numbers(_conflicts(
        pipeline,
        "Commander Ilya Sorne and her crew boarded the boats and seized nine rifles from the 12 smugglers on board.",
        "Commander Ilya Sorne and her crew on Thursday foiled a raid on the ferries, seizing 26 smugglers and "
        "their rifles."))
    assert found == []


def test_two_named_actors_of_one_kind_of_event_are_two_events(pipeline) -> None:
    # The appositions share a place; the people falling are two.
    found = _conflicts(
        pipeline,
        "Duncan Merrow, a Quillon pilot, fell 200 feet from a ridge above the Brisk Valley on Friday.",
        "Aurel Penhallow, a Quillon climber, fell 2,000 feet from a ridge above the Brisk Valley on Saturday.")
    assert found == []
