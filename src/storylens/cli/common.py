"""Shared pieces of the command line: input arguments, progress bars, batch running, writing outputs."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from itertools import chain
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storylens import store
from storylens.ingest.readers import InputWarning, ReadOptions
from storylens.pipeline.build import Pipeline
from storylens.pipeline.executors import Executor, check_options, in_process
from storylens.pipeline.runner import Batch, Problem, input_chunks, open_executor, process_batch
from storylens.settings import DEFAULT_MAX_BYTES, DEFAULT_STAGE_TIMEOUT, Limits, RunOptions

console = Console(stderr=True)
STREAM_CHUNK = 500  # articles read at a time when streaming into the store (`add`)

Inputs = Annotated[list[str], typer.Argument(
    help="Files, directories, globs, .gz, .jsonl/.json/.csv, RSS/Atom feeds, URLs, or - for stdin.")]
DbOption = Annotated[str | None, typer.Option("--db", help="Store URL (sqlite:///file.db, postgresql://...).")]
DaskOption = Annotated[str | None, typer.Option(
    "--dask", help="Run the article stages on this Dask scheduler (tcp://HOST:8786).")]
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", help="Run the article stages on N local Dask worker processes.")]
MaxBytesOption = Annotated[int, typer.Option(
    "--max-bytes", min=1, help="Per-article input cap in bytes; a bigger input is skipped with its reason.")]
StageTimeoutOption = Annotated[float, typer.Option(
    "--stage-timeout", min=0, help="Seconds one article stage may run (0 = no limit, in-process); "
    "an article over it is stored as failed.")]


def limits_from(max_bytes: int = DEFAULT_MAX_BYTES, stage_timeout: float = DEFAULT_STAGE_TIMEOUT) -> Limits:
    """The Limits settings for the --max-bytes / --stage-timeout options."""
    return Limits(max_bytes=max_bytes, stage_timeout=stage_timeout)


@contextmanager
def progress(label: str, total: int | None) -> Iterator[Any]:
    """A transient progress bar on stderr (a running count when `total` is None); yields a callable that
    advances it by one."""
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _result=None: progress.advance(task)


def run_batch(inputs: Iterable[str], pipeline: Pipeline, run: RunOptions | None = None) -> Batch:
    """Read, process and (with `run.db`) store inputs; report problems; exit 1 when nothing was analysed.

    `run.dask` (a scheduler address) or `run.workers` (local worker processes) run the article stages on Dask;
    otherwise they run in a worker process under `run.limits.stage_timeout` (`runner.open_executor`). With
    `run.keep=False` (streaming into the store) inputs are read STREAM_CHUNK articles at a time, so memory
    does not grow with the size of the input.
    """
    run = run or RunOptions()
    try:
        check_options(run.dask, run.workers)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    chunks = input_chunks(inputs, ReadOptions(max_bytes=run.limits.max_bytes), None if run.keep else STREAM_CHUNK)
    first = next(chunks)
    engine = store.connect(run.db) if run.db else None
    batch, read_problems = Batch(), []
    with ExitStack() as stack:
        executor = _enter_executor(stack, run) if first[0] else in_process
        advance = stack.enter_context(progress("Analysing articles", len(first[0]) if run.keep else None))
        for raw, problems in chain([first], chunks):
            read_problems += problems
            batch.merge(process_batch(raw, pipeline, engine, run.story_id, on_done=advance, executor=executor,
                                      keep=run.keep))
    batch.problems[:0] = read_problems
    report_problems(batch.problems)
    if not batch.analysed:
        console.print("[red]error:[/] nothing could be analysed", soft_wrap=True)
        raise typer.Exit(1)
    return batch


def _enter_executor(stack: ExitStack, run: RunOptions) -> Executor:
    """Open this batch's executor (`runner.open_executor`); an unreachable scheduler exits 1."""
    try:
        return stack.enter_context(open_executor(run))
    except OSError as exc:  # distributed raises OSError/TimeoutError when the scheduler cannot be reached
        console.print(f"[red]error:[/] cannot reach Dask scheduler {escape(str(run.dask))}: {escape(str(exc))}",
                      soft_wrap=True)
        raise typer.Exit(1) from exc


def report_problems(problems: list[Problem]) -> None:
    """Print one line per problem on stderr."""
    # One unwrapped line per problem, naming the input and the reason, so it can be grepped.
    for problem in problems:
        label = "warning" if isinstance(problem, InputWarning) else "skipped"
        console.print(f"[yellow]{label}[/] {escape(str(problem))}", soft_wrap=True, highlight=False)


def skipped_count(problems: list[Problem]) -> int:
    """How many inputs were skipped (warnings about an article that was read are not counted)."""
    return sum(not isinstance(p, InputWarning) for p in problems)


def write_json(data: Any, target: str) -> None:
    """Write indented JSON to a file or stdout (-)."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if target == "-":
        sys.stdout.write(text + "\n")
    else:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        Path(target).write_text(text + "\n", encoding="utf-8")


def write_html(data: dict[str, Any], target: str) -> None:
    """Render the story report to an HTML file."""
    from storylens.outputs.report.context import render_report

    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_text(render_report(data), encoding="utf-8")




def write_lines(records: Iterable[dict[str, Any]], out: str) -> None:
    """Write one JSON record per line to a file or stdout (-)."""
    stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115
    try:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if stream is not sys.stdout:
            stream.close()
