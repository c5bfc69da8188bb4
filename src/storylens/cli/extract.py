"""`storylens extract`: clean and annotate articles without story analysis, one JSON record per line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

import typer

from storylens.cli.common import (
    Inputs,
    MaxBytesOption,
    StageTimeoutOption,
    console,
    limits_from,
    report_problems,
    run_batch,
    write_lines,
)
from storylens.outputs.story_json import extract_record
from storylens.pipeline.build import build_profile
from storylens.settings import DEFAULT_MAX_BYTES, DEFAULT_STAGE_TIMEOUT, RunOptions


def extract(
    inputs: Inputs,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One article record per line (the default).")] = True,
    out: Annotated[str, typer.Option(help="Output file (- = stdout).")] = "-",
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    stage_timeout: StageTimeoutOption = DEFAULT_STAGE_TIMEOUT,
    text_only: Annotated[bool, typer.Option(
        "--text-only", help="Only read, clean and find metadata (title, author, outlet, date, language): no "
        "entities, quotes, claims or times, so many times faster. Runs on every core; records keep the same "
        "shape with empty annotation lists.")] = False,
    processes: Annotated[int | None, typer.Option(
        "--processes", min=1, help="Processes for --text-only (default: one per core).")] = None,
) -> None:
    """Clean and annotate articles without story analysis; one JSON record per line (--text-only: clean text
    and metadata only, on every core)."""
    if text_only:
        extract_text_only(inputs, out, max_bytes, processes)
        return
    batch = run_batch(inputs, build_profile("extract"), RunOptions(limits=limits_from(max_bytes, stage_timeout)))
    write_lines((extract_record(a) for a in batch.articles), out)


def extract_text_only(inputs: list[str], out: str, max_bytes: int, processes: int | None) -> None:
    """`extract --text-only`: ingest and cleaning in a process pool, records written as they come, in order."""
    from storylens.cleaning.batch import clean_records, unique_articles
    from storylens.ingest.readers import InputError, ReadOptions, read_inputs

    problems: list[InputError] = []
    written = 0

    def records() -> Iterable[dict[str, Any]]:
        nonlocal written
        articles = unique_articles(read_inputs(inputs, ReadOptions(max_bytes=max_bytes)), problems)
        for record in clean_records(articles, processes):
            if isinstance(record, InputError):
                problems.append(record)
            else:
                written += 1
                yield record

    write_lines(records(), out)
    report_problems(problems)
    if not written:
        console.print("[red]error:[/] nothing could be extracted", soft_wrap=True)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the `extract` command."""
    app.command()(extract)
