"""Where article stages run: in this process (the default) or on Dask workers, in batches.

An executor maps a list of raw articles to `(position, result)` pairs in completion order, so the runner
can store each result as soon as it arrives. On Dask, a batch whose worker dies is recomputed by the
scheduler on another worker; the client consumes each batch's result once, so nothing is lost or doubled.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from storylens.model import Article
from storylens.pipeline.build import Pipeline, StageFailed

Result = Article | StageFailed
Executor = Callable[[Pipeline, list[Article]], Iterator[tuple[int, Result]]]
CONNECT_TIMEOUT = 30  # seconds to reach a Dask scheduler before giving up
# Dask keeps the last `low-level-log-length` messages of each stream and state machine for debugging
# (default 1000). Ours carry whole batches of articles, so those logs alone would hold thousands of
# articles per process and memory would keep growing for the first hours of a stream; a short log keeps
# it flat.
DASK_CONFIG = {"distributed.admin.low-level-log-length": 20}


def in_process(pipeline: Pipeline, raws: list[Article]) -> Iterator[tuple[int, Result]]:
    """Run the article stages here, one article after another, in input order."""
    for position, raw in enumerate(raws):
        yield position, pipeline.try_article(raw)


def run_batch_task(pipeline: Pipeline, raws: list[Article]) -> list[Result]:
    """Dask task: the article stages over one batch (models load once per worker process)."""
    return [pipeline.try_article(raw) for raw in raws]


def load_models() -> None:
    """Load spaCy and the sentence encoder in this process (warm a worker before timing it)."""
    from storylens.stages.article.embed import load_encoder
    from storylens.text.parse import load_nlp

    load_nlp()
    load_encoder()


@dataclass
class DaskExecutor:
    """Article stages on a Dask cluster: `batch_size` articles per task, at most `ahead` tasks queued."""

    client: Any  # distributed.Client
    batch_size: int = 4
    ahead: int = 16  # bounds the memory held by the scheduler and workers while streaming

    def __call__(self, pipeline: Pipeline, raws: list[Article]) -> Iterator[tuple[int, Result]]:
        """Submit batches, keep `ahead` in flight, and yield each article's result as its batch completes."""
        from distributed import as_completed

        starts = iter(range(0, len(raws), self.batch_size))
        offsets: dict[str, int] = {}
        queue = as_completed()
        run_id = uuid.uuid4().hex[:8]

        def submit_next() -> None:
            start = next(starts, None)
            if start is not None:
                future = self.client.submit(run_batch_task, pipeline, raws[start:start + self.batch_size],
                                            key=f"storylens-{run_id}-{start}")
                offsets[future.key] = start
                queue.add(future)

        for _ in range(self.ahead):
            submit_next()
        for future in queue:
            results, start = future.result(), offsets.pop(future.key)
            future.release()  # the scheduler may forget it now
            submit_next()
            yield from ((start + offset, result) for offset, result in enumerate(results))


def check_options(dask: str | None, workers: int | None) -> None:
    """Raise ValueError unless the options name at most one way to run (and a positive worker count)."""
    if dask and workers:
        raise ValueError("give either a Dask scheduler address or a number of local workers, not both")
    if workers is not None and workers < 1:
        raise ValueError(f"the number of workers must be at least 1, got {workers}")


@contextmanager
def executor_for(dask: str | None = None, workers: int | None = None) -> Iterator[Executor]:
    """The executor for the CLI options: a Dask scheduler address, N local worker processes, or in-process."""
    check_options(dask, workers)
    if not dask and not workers:
        yield in_process
        return
    from dask import config as dask_config
    from distributed import Client, LocalCluster

    with dask_config.set(DASK_CONFIG):  # local workers inherit it from their nanny
        if dask:
            with Client(dask, timeout=CONNECT_TIMEOUT) as client:
                yield DaskExecutor(client)
            return
        # ":0": the scheduler's HTTP endpoints take a free loopback port instead of fighting over 8787.
        with (LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=":0") as cluster, Client(cluster) as client):
            yield DaskExecutor(client)
