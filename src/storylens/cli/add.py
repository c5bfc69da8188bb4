"""`storylens add`: process articles and keep them in the store, filed under a story."""

from __future__ import annotations

from typing import Annotated

import typer

from storylens import store
from storylens.cli.cluster import AUTO_STORY, auto_file, filing_target
from storylens.cli.common import (
    DaskOption,
    DbOption,
    Inputs,
    MaxBytesOption,
    StageTimeoutOption,
    WorkersOption,
    console,
    limits_from,
    run_batch,
    skipped_count,
)
from storylens.pipeline.build import build_profile
from storylens.settings import DEFAULT_MAX_BYTES, DEFAULT_STAGE_TIMEOUT, RunOptions


def add(inputs: Inputs, db: DbOption = None,
        story: Annotated[str, typer.Option(help="Story id to file the articles under (default: each new "
                                                "article joins the best-matching stored story or a new one).")
                         ] = AUTO_STORY,
        dask: DaskOption = None, workers: WorkersOption = None, max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
        stage_timeout: StageTimeoutOption = DEFAULT_STAGE_TIMEOUT) -> None:
    """Process articles and keep them in the store (re-adding the same article stores it once)."""
    db = db or store.DEFAULT_DB
    # keep=False: articles stream into the store and are not held in memory (flat memory for big batches).
    run = RunOptions(db, filing_target(db, story), dask, workers, limits_from(max_bytes, stage_timeout), keep=False)
    batch = run_batch(inputs, build_profile("analyze"), run)
    console.print(f"stored {batch.stored} new, {batch.reused} already stored, {skipped_count(batch.problems)} skipped")
    if story == AUTO_STORY:
        auto_file(db)


def register(app: typer.Typer) -> None:
    """Add the `add` command."""
    app.command()(add)
