"""`storylens check`: does each article agree with, dispute, discuss or ignore a claim? With evidence."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from storylens import store
from storylens.check.run import check_claim, check_pairs, check_pipeline, claim_text
from storylens.cli.common import DbOption, console, progress, report_problems, run_batch, write_json
from storylens.ingest.readers import InputError
from storylens.settings import RunOptions


def register(app: typer.Typer) -> None:
    """Add the `check` command to the CLI."""
    app.command(name="check")(check_command)


def check_command(
    claim: Annotated[str | None, typer.Argument(help="The claim to check (omit with --pairs).")] = None,
    inputs: Annotated[list[str] | None, typer.Argument(help="Articles: files, directories, .jsonl, URLs.")] = None,
    pairs: Annotated[Path | None, typer.Option("--pairs", help="JSONL of {id, claim, article} to check.")] = None,
    json_out: Annotated[str | None, typer.Option("--json", help="Write results as JSON (- = stdout).")] = None,
    db: DbOption = None,
    story: Annotated[str | None, typer.Option(help="With --db and no inputs: check this stored story.")] = None,
) -> None:
    """Check a claim against articles: agree / disagree / discuss / unrelated, with the evidence sentences."""
    if pairs is not None:
        data = _check_pairs_file(pairs, db)
    elif claim:
        try:
            claim = claim_text(claim)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="CLAIM") from exc
        data = {"claim": claim, "results": check_claim(claim, _articles_to_check(inputs or [], db, story))}
    else:
        raise typer.BadParameter("give a CLAIM and inputs, or --pairs PAIRS.jsonl")
    if json_out:
        write_json(data, json_out)
    if json_out != "-":
        _print_results(data)


def _articles_to_check(inputs: list[str], db: str | None, story: str | None) -> list[Any]:
    if inputs:
        return run_batch(inputs, check_pipeline(), RunOptions(db=db)).articles
    if not db:
        raise typer.BadParameter("give inputs to check, or --db (and optionally --story) to check stored articles")
    articles = list(store.load_articles(store.connect(db), story_id=story))  # a generator: used twice below
    if not articles:
        console.print(f"[red]error:[/] no stored articles{' in story ' + escape(story) if story else ''}")
        raise typer.Exit(1)
    return articles


def _check_pairs_file(path: Path, db: str | None) -> dict[str, Any]:
    problems: list[InputError] = []
    records = list(_read_pairs(path, problems))
    engine = store.connect(db) if db else None
    distinct = len({json.dumps(r.get("article"), sort_keys=True) for r in records if isinstance(r, dict)})
    with progress("Checking pairs", distinct) as advance:
        result = check_pairs(records, check_pipeline(), engine, on_done=advance)
    report_problems([*problems, *result.problems])
    if not result.results:
        console.print("[red]error:[/] no pair could be checked", soft_wrap=True)
        raise typer.Exit(1)
    return {"results": result.results}


def _read_pairs(path: Path, problems: list[InputError]) -> Iterator[Any]:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        problems.append(InputError(str(path), exc.strerror or "cannot read"))
        return
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(InputError(f"{path}:{number}", f"invalid JSON ({exc.msg})"))


def _print_results(data: dict[str, Any]) -> None:
    table = Table(title=escape(data.get("claim", "claim/article pairs")), show_lines=False)
    for column in ("article" if "claim" in data else "pair", "stance", "evidence"):
        table.add_column(column)
    for result in data["results"]:
        evidence = result["evidence"][0]["text"] if result["evidence"] else ""
        table.add_row(escape(result.get("article", result.get("id", ""))), result["stance"], escape(evidence[:160]))
    console.print(table)
