"""One figure comparison for conflicts and claim grouping (`stages/story/figures.py`), on invented outlets."""

from __future__ import annotations

from storylens.ingest.readers import article_from_record
from storylens.model import Article
from storylens.pipeline.runner import build_story, process_batch
from storylens.stages.compare.claimindex import ClaimIndex
from storylens.stages.story.groups import compatible, numbers_disagree


def _last_claims(pipeline, first: str, second: str) -> tuple:
    """The two outlets' last claims (the sentences under test) in one processed story."""
    records = [{"id": "ledger", "outlet": "Velmora Ledger", "published": "2026-03-06",
                "text": f"The harbour of Velmora has been busy all week.\n\n{first}"},
               {"id": "courier", "outlet": "Ostrane Courier", "published": "2026-03-06",
                "text": f"Crowds filled the Velmora quays for days.\n\n{second}"}]
    raw = [article_from_record(r, f"{r['id']}.jsonl") for r in records]
    story = build_story(process_batch([a for a in raw if isinstance(a, Article)], pipeline).articles, pipeline, "f")
    index = ClaimIndex(story)
    return tuple(next(c for c in reversed(index.claims) if c.article.id == a.id) for a in story.articles)


def test_a_floor_and_a_figure_above_it_can_state_one_fact(pipeline) -> None:
    a, b = _last_claims(pipeline, "The audit put the cost of the Velmora ferry repairs at $1.1 million.",
                        "Auditors said the Velmora ferry repairs cost more than $1 million.")
    assert not numbers_disagree(a, b) and not numbers_disagree(b, a)
    assert compatible(a, b)


def test_a_figure_below_a_floor_and_exact_counts_that_differ_stay_apart(pipeline) -> None:
    a, b = _last_claims(pipeline, "The audit put the cost of the Velmora ferry repairs at $900,000.",
                        "Auditors said the Velmora ferry repairs cost more than $1 million.")
    assert numbers_disagree(a, b) and not compatible(a, b)
    a, b = _last_claims(pipeline, "Prosecutors in Velmora unsealed the 48-page indictment against Ilse Varga.",
                        "Prosecutors in Velmora unsealed a 47-page indictment against Ilse Varga.")
    assert numbers_disagree(a, b) and not compatible(a, b)
