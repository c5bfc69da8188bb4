"""Run a batch: read inputs, reuse stored results, process the rest, store them, build the story."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from storylens import store
from storylens.ingest import InputError, read_inputs
from storylens.model import Article, Story
from storylens.pipeline import Pipeline, StageFailed

Problem = InputError | StageFailed


@dataclass
class Batch:
    """What a batch produced: processed articles (input order), problems, and store counts."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stored: int = 0
    reused: int = 0


def collect_inputs(inputs: Iterable[str]) -> tuple[list[Article], list[Problem]]:
    """Read every input; exact duplicates (same content hash) are kept once."""
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for item in read_inputs(inputs):
        if isinstance(item, InputError):
            problems.append(item)
        elif item.content_hash not in seen:
            seen.add(item.content_hash)
            articles.append(item)
    return articles, problems


def process_batch(
    raw_articles: list[Article],
    pipeline: Pipeline,
    engine: Engine | None = None,
    story_id: str | None = None,
    on_done: Callable[[Article | StageFailed], None] | None = None,
) -> Batch:
    """Process raw articles (reusing ones already in the store), storing each as soon as it is done."""
    batch = Batch()
    stored = _stored_articles(engine, raw_articles)
    for raw in raw_articles:
        if raw.content_hash in stored:
            result: Article | StageFailed = stored[raw.content_hash]
            batch.reused += 1
            if engine is not None and story_id:
                store.link_to_story(engine, story_id, result.id)
        else:
            result = pipeline.try_article(raw)
            if engine is not None:
                failed = result if isinstance(result, StageFailed) else None
                batch.stored += store.save_article(engine, raw if failed else result, story_id,
                                                   error=failed.reason if failed else None)
        _record(batch, result)
        if on_done:
            on_done(result)
    return batch


def _stored_articles(engine: Engine | None, raw_articles: list[Article]) -> dict[str, Article]:
    if engine is None:
        return {}
    hashes = {a.content_hash for a in raw_articles}
    return {a.content_hash: a for a in store.load_articles(engine, hashes=hashes)}


def _record(batch: Batch, result: Article | StageFailed) -> None:
    if isinstance(result, StageFailed):
        batch.problems.append(result)
    else:
        batch.articles.append(result)


def build_story(articles: list[Article], pipeline: Pipeline, story_id: str | None = None) -> Story:
    """Run the story stages over processed articles."""
    story = Story(id=story_id or default_story_id(articles), articles=articles, title=story_title(articles))
    return pipeline.process_story(story)


def default_story_id(articles: list[Article]) -> str:
    """A stable id for an ad-hoc story: a hash of its article ids."""
    digest = hashlib.sha256("\n".join(sorted(a.id for a in articles)).encode()).hexdigest()
    return "s" + digest[:11]


def story_title(articles: list[Article]) -> str | None:
    """The earliest article's headline (the story as first reported)."""
    dated = sorted((a.published or "9999", n) for n, a in enumerate(articles) if a.title)
    return articles[dated[0][1]].title if dated else None
