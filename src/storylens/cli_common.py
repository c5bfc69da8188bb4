"""Shared pieces of the command line: input arguments, progress bars, batch running, writing outputs."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storylens import store
from storylens.pipeline import Pipeline
from storylens.runner import Batch, Problem, collect_inputs, process_batch

console = Console(stderr=True)

Inputs = Annotated[list[str], typer.Argument(help="Files, directories, .gz, .jsonl, or - for stdin.")]
DbOption = Annotated[str | None, typer.Option("--db", help="Store URL (sqlite:///file.db, postgresql://...).")]


@contextmanager
def progress(label: str, total: int) -> Iterator[Any]:
    """A transient progress bar on stderr; yields a callable that advances it by one."""
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _result=None: progress.advance(task)


def run_batch(inputs: Iterable[str], pipeline: Pipeline, db: str | None, story_id: str | None) -> Batch:
    """Read, process and (with a db) store inputs; report problems; exit 1 when nothing was analysed."""
    raw, problems = collect_inputs(inputs)
    engine = store.connect(db) if db else None
    with progress("Analysing articles", len(raw)) as advance:
        batch = process_batch(raw, pipeline, engine, story_id, on_done=advance)
    batch.problems[:0] = problems
    report_problems(batch.problems)
    if not batch.articles:
        console.print("[red]error:[/] nothing could be analysed", soft_wrap=True)
        raise typer.Exit(1)
    return batch


def report_problems(problems: list[Problem]) -> None:
    """Print one line per problem on stderr."""
    # One unwrapped line per problem, naming the input and the reason, so it can be grepped.
    for problem in problems:
        console.print(f"[yellow]skipped[/] {escape(str(problem))}", soft_wrap=True, highlight=False)


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
    from storylens.report import render_report

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
