"""Article stages in a worker process with a per-stage time limit: a runaway stage costs one article.

Why a worker process and not SIGALRM: an alarm interrupts Python code only, and only in the main thread,
so it cannot stop a long C call (lxml on a hostile page, spaCy's parser), cannot be used from the web
app's or Dask's threads, and the exception it raises mid-stage can leave module caches (spaCy's parse
cache, the vocabulary) half-updated for the next article. Killing a worker discards all of that, and a
worker that crashes outright (segfault, out-of-memory kill) also costs only the article it was on.

The worker is forked from this process after a warm-up article has loaded the models here, so it
starts with them in shared memory and a replacement after a kill is ready at once. Fork is POSIX-only;
`--stage-timeout 0` runs the stages in-process without a limit.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any

from storylens.model import Article
from storylens.pipeline.build import Pipeline, StageFailed
from storylens.pipeline.executors import Executor, Result

WARM_UP_TEXT = "The Linmoor council met on Monday, a spokesperson said. Repairs will cost 3 million euros."
PARENT_CHECK_SECONDS = 1.0  # without prctl: how often the worker checks that its parent is alive
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


class StageGuard:
    """An executor running each article in a worker process; a stage over `timeout` seconds is stopped."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        self._proc: Any = None  # multiprocessing.Process
        self._conn: Connection | None = None
        self._pipeline: Pipeline | None = None

    def __call__(self, pipeline: Pipeline, raws: list[Article]) -> Iterator[tuple[int, Result]]:
        """Yield `(position, result)` for every raw article, in input order."""
        for position, raw in enumerate(raws):
            yield position, self.try_article(pipeline, raw)

    def try_article(self, pipeline: Pipeline, raw: Article) -> Result:
        """Process one article in the worker; a timed-out or crashed worker gives a StageFailed."""
        conn = self._ready(pipeline)
        stage = pipeline.article_stages[0].spec.name if pipeline.article_stages else "start"
        try:
            conn.send(raw)
            while conn.poll(self.timeout):
                kind, value = conn.recv()
                if kind == "done":
                    return value
                stage = value
        except (EOFError, OSError):
            code = self.stop()
            return StageFailed(stage, raw.source, f"worker process died in stage '{stage}' (exit code {code})")
        self.stop()
        return StageFailed(stage, raw.source, f"stage '{stage}' exceeded {self.timeout:g}s (--stage-timeout)")

    def _ready(self, pipeline: Pipeline) -> Connection:
        """The connection to a live worker for `pipeline`, forking one if needed."""
        if self._proc is not None and (self._pipeline is not pipeline or not self._proc.is_alive()):
            self.stop()
        if self._proc is None:
            if self._pipeline is not pipeline:
                pipeline.try_article(_warm_up_article())  # load the models here, once, before forking
            self._pipeline = pipeline
            self._conn, child_conn = multiprocessing.Pipe()
            context = multiprocessing.get_context("fork")
            self._proc = context.Process(target=_serve, args=(child_conn, pipeline, os.getpid()),
                                         name="storylens-stage-worker", daemon=True)
            self._proc.start()
            child_conn.close()
        assert self._conn is not None
        return self._conn

    def stop(self) -> int | None:
        """Kill the worker (if any) and return its exit code."""
        if self._proc is None:
            return None
        proc, self._proc = self._proc, None
        if proc.is_alive():
            proc.kill()
        proc.join(10)
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        return proc.exitcode


@contextmanager
def guarded(timeout: float) -> Iterator[Executor]:
    """An executor with a per-stage time limit; its worker process ends with the block."""
    guard = StageGuard(timeout)
    try:
        yield guard
    finally:
        guard.stop()


def _warm_up_article() -> Article:
    from storylens.ingest.readers import make_article

    return make_article("<warm-up>", WARM_UP_TEXT, "text")


def _serve(conn: Connection, pipeline: Pipeline, parent: int) -> None:
    """Worker loop: process articles sent by `parent`, reporting each stage as it starts."""
    _die_with_parent(parent)
    _detach_from_terminal()
    while True:
        try:
            article = conn.recv()
        except EOFError:
            return
        result = pipeline.try_article(article, on_stage=lambda name: conn.send(("stage", name)))
        conn.send(("done", result))


def _die_with_parent(parent: int) -> None:
    """A SIGKILLed parent must not leave this worker behind, even one stuck in a runaway stage."""
    try:  # Linux: the kernel kills us when the parent dies, even mid-way through a C call
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(1)


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _detach_from_terminal() -> None:
    # Ctrl-C reaches the whole process group: the parent handles it and stops this worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Fresh stream objects: a thread of the parent (the progress bar) may have held the old streams'
    # locks at fork time. stdout stays silent, since it may carry `--json -` output.
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False, buffering=1)  # noqa: SIM115
