"""`storylens extract`: clean and annotate articles without story analysis, one JSON record per line."""

from __future__ import annotations

from typing import Annotated

import typer

from storylens.cli.common import Inputs, MaxBytesOption, StageTimeoutOption, limits_from, run_batch, write_lines
from storylens.outputs.story_json import extract_record
from storylens.pipeline.build import build_profile
from storylens.settings import DEFAULT_MAX_BYTES, DEFAULT_STAGE_TIMEOUT, RunOptions


def extract(
    inputs: Inputs,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One article record per line (the default).")] = True,
    out: Annotated[str, typer.Option(help="Output file (- = stdout).")] = "-",
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    stage_timeout: StageTimeoutOption = DEFAULT_STAGE_TIMEOUT,
) -> None:
    """Clean and annotate articles without story analysis; one JSON record per line."""
    batch = run_batch(inputs, build_profile("extract"), RunOptions(limits=limits_from(max_bytes, stage_timeout)))
    write_lines((extract_record(a) for a in batch.articles), out)


def register(app: typer.Typer) -> None:
    """Add the `extract` command."""
    app.command()(extract)
