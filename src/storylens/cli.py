"""The `storylens` command line: a thin shell over the library (ingest, pipeline, store, outputs).

Exit codes: 0 done (some inputs may have failed, each reported on stderr); 1 nothing could be analysed;
2 usage error.
"""

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
from storylens.display import print_story
from storylens.output import extract_record, story_to_json
from storylens.pipeline import Pipeline, build_pipeline
from storylens.registry import ARTICLE_STAGES
from storylens.runner import Batch, Problem, build_story, collect_inputs, process_batch

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
console = Console(stderr=True)
DEMO_DIR = Path(__file__).parent / "demo" / "articles"

Inputs = Annotated[list[str], typer.Argument(help="Files, directories, .gz, .jsonl, or - for stdin.")]
DbOption = Annotated[str | None, typer.Option("--db", help="Store URL (sqlite:///file.db, postgresql://...).")]


@contextmanager
def _progress(label: str, total: int) -> Iterator[Any]:
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _result=None: progress.advance(task)


def _run_batch(inputs: Iterable[str], pipeline: Pipeline, db: str | None, story_id: str | None) -> Batch:
    raw, problems = collect_inputs(inputs)
    engine = store.connect(db) if db else None
    with _progress("Analysing articles", len(raw)) as advance:
        batch = process_batch(raw, pipeline, engine, story_id, on_done=advance)
    batch.problems[:0] = problems
    _report_problems(batch.problems)
    if not batch.articles:
        console.print("[red]error:[/] nothing could be analysed", soft_wrap=True)
        raise typer.Exit(1)
    return batch


def _report_problems(problems: list[Problem]) -> None:
    # One unwrapped line per problem, naming the input and the reason, so it can be grepped.
    for problem in problems:
        console.print(f"[yellow]skipped[/] {escape(str(problem))}", soft_wrap=True, highlight=False)


def _write_json(data: Any, target: str) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if target == "-":
        sys.stdout.write(text + "\n")
    else:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        Path(target).write_text(text + "\n", encoding="utf-8")


def _write_html(data: dict[str, Any], target: str) -> None:
    from storylens.report import render_report

    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_text(render_report(data), encoding="utf-8")


def analyze_to_outputs(inputs: Iterable[str], json_out: str | None, html_out: str | None,
                       db: str | None, story_id: str | None) -> dict[str, Any]:
    """Analyse inputs as one story and write the requested outputs; return the story JSON."""
    pipeline = build_pipeline()
    batch = _run_batch(inputs, pipeline, db, story_id)
    with console.status("Comparing outlets..."):
        data = story_to_json(build_story(batch.articles, pipeline, story_id))
    if json_out:
        _write_json(data, json_out)
    if html_out:
        _write_html(data, html_out)
    return data


@app.command()
def analyze(
    inputs: Inputs,
    json_out: Annotated[str | None, typer.Option("--json", help="Story JSON file (- = stdout).")] = None,
    html_out: Annotated[str | None, typer.Option("--html", help="Write the HTML report here.")] = None,
    db: DbOption = None,
    story: Annotated[str | None, typer.Option(help="Story id to file the articles under.")] = None,
) -> None:
    """Analyse articles about one story: corroborated, single-source, contested claims, quotes, timeline."""
    data = analyze_to_outputs(inputs, json_out, html_out, db, story)
    if json_out != "-":
        print_story(console, data)


@app.command()
def add(inputs: Inputs, db: DbOption = None,
        story: Annotated[str, typer.Option(help="Story id to file the articles under.")] = "default") -> None:
    """Process articles and keep them in the store (re-adding the same article stores it once)."""
    batch = _run_batch(inputs, build_pipeline(), db or store.DEFAULT_DB, story)
    console.print(f"stored {batch.stored} new, {batch.reused} already stored, {len(batch.problems)} skipped")


@app.command()
def extract(
    inputs: Inputs,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One article record per line (the default).")] = True,
    out: Annotated[str, typer.Option(help="Output file (- = stdout).")] = "-",
) -> None:
    """Clean and annotate articles without story analysis; one JSON record per line."""
    stages = [s for s in ARTICLE_STAGES if s.name != "embed"]
    batch = _run_batch(inputs, build_pipeline(stages, ()), None, None)
    _write_lines((extract_record(a) for a in batch.articles), out)


@app.command()
def export(
    db: DbOption = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One article record per line (the default).")] = True,
    out: Annotated[str, typer.Option(help="Output file (- = stdout).")] = "-",
) -> None:
    """Write every stored article record, one per line (backup, hand-off to other tools)."""
    engine = store.connect(db or store.DEFAULT_DB)
    _write_lines((extract_record(a) for a in store.load_articles(engine)), out)


def _write_lines(records: Iterable[dict[str, Any]], out: str) -> None:
    stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115
    try:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if stream is not sys.stdout:
            stream.close()


@app.command()
def demo(out: Annotated[Path, typer.Option(help="Where to write the report.")] = Path("demo-output")) -> None:
    """Analyse the bundled demo story; write report.json and report.html and print a summary."""
    json_path, html_path = out / "report.json", out / "report.html"
    data = analyze_to_outputs([str(DEMO_DIR)], str(json_path), str(html_path),
                              f"sqlite:///{out / 'storylens.db'}", "demo")
    print_story(console, data)
    console.print(f"\nWrote [bold]{json_path}[/] and [bold]{html_path}[/] (open it in a browser).")


if __name__ == "__main__":
    app()
