"""Two invented outlets' articles, each a background line and one sentence under test, as one processed story."""

from __future__ import annotations

from storylens.ingest.readers import article_from_record
from storylens.model import Article
from storylens.pipeline.runner import build_story, process_batch
from storylens.stages.compare.claimindex import ClaimIndex, ClaimRef


def last_claims(pipeline, first: str, second: str) -> tuple[ClaimRef, ...]:
    """The two outlets' last claims (the sentences under test) in one processed story."""
    records = [{"id": "ledger", "outlet": "Velmora Ledger", "published": "2026-03-06",
                "text": f"The harbour of Velmora has been busy all week.\n\n{first}"},
               {"id": "courier", "outlet": "Ostrane Courier", "published": "2026-03-06",
                "text": f"Crowds filled the Velmora quays for days.\n\n{second}"}]
    raw = [article_from_record(r, f"{r['id']}.jsonl") for r in records]
    story = build_story(process_batch([a for a in raw if isinstance(a, Article)], pipeline).articles, pipeline, "f")
    index = ClaimIndex(story)
    return tuple(next(c for c in reversed(index.claims) if c.article.id == a.id) for a in story.articles)
