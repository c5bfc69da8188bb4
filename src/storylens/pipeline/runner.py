"""Run a batch: pick where the article stages run, read inputs, reuse stored results, process the rest, store
them, build the story."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine

from storylens import store
from storylens.ingest.readers import InputError, ReadOptions, read_inputs
from storylens.model import Article, Story
from storylens.outputs.story_json import story_to_json
from storylens.pipeline.build import Pipeline, StageFailed
from storylens.pipeline.executors import Executor, executor_for, in_process
from storylens.pipeline.guard import guarded
from storylens.settings import RunOptions

Problem = InputError | StageFailed


@contextmanager
def open_executor(run: RunOptions) -> Iterator[Executor]:
    """Where a run's article stages go, for the CLI and the web app alike: a Dask scheduler or local Dask
    workers when asked, else one worker process under the stage time limit (`pipeline.guard`), else
    in-process (`stage_timeout` 0). Raises ValueError for contradictory options, OSError for an unreachable
    scheduler."""
    if run.dask or run.workers:
        with executor_for(run.dask, run.workers) as executor:
            yield executor
    elif run.limits.stage_timeout:
        with guarded(run.limits.stage_timeout) as executor:
            yield executor
    else:
        yield in_process


@dataclass
class Batch:
    """What a batch produced: processed articles (input order), problems, and store counts."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stored: int = 0
    reused: int = 0
    analysed: int = 0  # articles that went through every stage (also counted when not kept)

    def merge(self, other: Batch) -> None:
        """Add another batch's articles, problems and counts to this one (chunks of one input stream)."""
        self.articles += other.articles
        self.problems += other.problems
        self.stored += other.stored
        self.reused += other.reused
        self.analysed += other.analysed


def collect_inputs(inputs: Iterable[str], options: ReadOptions | None = None) -> tuple[list[Article], list[Problem]]:
    """Read every input; exact duplicates (same content hash) are kept once."""
    return next(input_chunks(inputs, options), ([], []))


def input_chunks(inputs: Iterable[str], options: ReadOptions | None = None,
                 size: int | None = None) -> Iterator[tuple[list[Article], list[Problem]]]:
    """Read the inputs `size` articles at a time (all at once when None), with the input problems met on the
    way; an exact duplicate (same content hash) of any earlier article is dropped, also across chunks."""
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for item in read_inputs(inputs, options):
        if isinstance(item, InputError):
            problems.append(item)
        elif item.content_hash not in seen:
            seen.add(item.content_hash)
            articles.append(item)
            if size is not None and len(articles) >= size:
                yield articles, problems
                articles, problems = [], []
    if articles or problems or not seen:  # the rest; an empty input still gives one (empty) chunk
        yield articles, problems


def process_batch(
    raw_articles: list[Article],
    pipeline: Pipeline,
    engine: Engine | None = None,
    story_id: str | None = None,
    on_done: Callable[[Article | StageFailed], None] | None = None,
    executor: Executor = in_process,
    keep: bool = True,
) -> Batch:
    """Process raw articles (reusing ones already in the store), storing each as soon as it is done.

    `executor` runs the article stages (in-process by default, or on Dask workers); results are stored
    in completion order and listed in input order. With `keep=False` only counts and problems are kept
    (streaming a large batch into the store without holding every processed article in memory).
    """
    batch = Batch()
    stored = _stored_articles(engine, raw_articles)
    done: list[tuple[int, Article | StageFailed]] = []
    todo: list[int] = []
    for position, raw in enumerate(raw_articles):
        if raw.content_hash not in stored:
            todo.append(position)
            continue
        batch.reused += 1
        if engine is not None and story_id:
            store.link_to_story(engine, story_id, stored[raw.content_hash].id)
        _finish(batch, done, position, stored[raw.content_hash], keep, on_done)
    for index, result in executor(pipeline, [raw_articles[p] for p in todo]):
        if engine is not None:
            result = _save(engine, raw_articles[todo[index]], result, story_id, batch)
        _finish(batch, done, todo[index], result, keep, on_done)
    for _position, result in sorted(done, key=lambda pair: pair[0]):
        _record(batch, result)
    return batch


def _save(engine: Engine, raw: Article, result: Article | StageFailed, story_id: str | None,
          batch: Batch) -> Article | StageFailed:
    """Store one result (a failure as its raw article); a record the store refuses becomes that article's
    problem, and the batch goes on."""
    failed = result if isinstance(result, StageFailed) else None
    try:
        batch.stored += store.save_article(engine, raw if failed else result, story_id,
                                           error=failed.reason if failed else None)
    except store.RecordRefused as exc:
        return StageFailed("store", raw.source, str(exc))
    return result


def _finish(batch: Batch, done: list[tuple[int, Article | StageFailed]], position: int,
            result: Article | StageFailed, keep: bool, on_done: Callable[[Article | StageFailed], None] | None) -> None:
    """Count one finished article and keep it (or only its problem) for the input-ordered lists."""
    batch.analysed += not isinstance(result, StageFailed)
    if keep or isinstance(result, StageFailed):
        done.append((position, result))
    if on_done:
        on_done(result)


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


def build_story(articles: list[Article], pipeline: Pipeline, story_id: str | None = None,
                options: dict[str, Any] | None = None) -> Story:
    """Run the story stages over processed articles (`options` as in `Story.options`, e.g. {"words": 120})."""
    story = Story(id=story_id or default_story_id(articles), articles=articles, title=story_title(articles),
                  options=dict(options or {}))
    return pipeline.process_story(story)


def analyse_story(articles: list[Article], pipeline: Pipeline, story_id: str | None = None,
                  options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `storylens.story/1` dict of processed articles: the story stages, then the JSON builder (one place
    for analyze, story, demo and the web app)."""
    return story_to_json(build_story(articles, pipeline, story_id, options))


def default_story_id(articles: list[Article]) -> str:
    """A stable id for an ad-hoc story: a hash of its article ids."""
    digest = hashlib.sha256("\n".join(sorted(a.id for a in articles)).encode()).hexdigest()
    return "s" + digest[:11]


def story_title(articles: list[Article]) -> str | None:
    """The earliest article's headline (the story as first reported)."""
    dated = sorted((a.published or "9999", n) for n, a in enumerate(articles) if a.title)
    return articles[dated[0][1]].title if dated else None
