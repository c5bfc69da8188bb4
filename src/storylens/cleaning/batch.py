"""Clean many articles on every core: the `extract --text-only` path (ingest + cleaning + metadata, no NLP).

Workers get raw Articles and send back finished article records (`output.extract_record` with empty
annotation layers), so only text crosses the process boundary. Results come back in input order; at
most `AHEAD` articles per worker are in flight, so memory stays flat on big batches. An article that
cannot be cleaned gives one `InputError` (source and reason, as for unreadable inputs) and the batch goes on.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from storylens.ingest.readers import InputError
from storylens.model import Article

AHEAD = 16  # articles queued per worker: enough to keep it busy, few enough to bound memory


def text_record(article: Article) -> dict[str, Any] | InputError:
    """Clean one raw article into its record (the `extract` line without entities, quotes and claims)."""
    from storylens.outputs.story_json import extract_record
    from storylens.stages.article.clean import clean_article

    try:
        return extract_record(clean_article(article))
    except Exception as exc:  # one bad article never stops the batch; its reason is reported
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return InputError(article.source, f"cleaning failed: {reason[:300]}")


def warm_up() -> None:
    """Load what cleaning needs once (trafilatura, htmldate, the language models) in this process."""
    import trafilatura  # noqa: F401

    from storylens.cleaning.html import date_parser
    from storylens.cleaning.language import detect_language

    detect_language("The ferry timetable for the island was approved by the council on Tuesday evening. " * 2)
    # htmldate's wider search hands odd strings to dateparser, whose first miss compiles the patterns of its
    # locales; done here once, the workers inherit them.
    date_parser().get_date_data("no date in this line")


def default_workers() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def clean_records(articles: Iterable[Article], workers: int | None = None
                  ) -> Iterator[dict[str, Any] | InputError]:
    """Records (or InputErrors) for `articles`, in input order, cleaned by `workers` processes (1 = this one)."""
    workers = workers or default_workers()
    if workers <= 1:
        yield from map(text_record, articles)
        return
    warm_up()  # before the workers fork, so they share what it loaded instead of each loading it again
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future] = deque()
        for article in articles:
            pending.append(pool.submit(text_record, article))
            if len(pending) >= workers * AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def unique_articles(items: Iterable[Article | InputError], problems: list[InputError]) -> Iterator[Article]:
    """The articles among `items`, exact duplicates (same content hash) dropped; input errors go to `problems`."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, InputError):
            problems.append(item)
        elif item.content_hash not in seen:
            seen.add(item.content_hash)
            yield item
