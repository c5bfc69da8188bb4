"""`storylens export`: every stored article record, one per line (backup, hand-off to other tools)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from storylens import store
from storylens.cli.common import DbOption, write_lines
from storylens.outputs.story_json import extract_record


def export(
    db: DbOption = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One article record per line (the default).")] = True,
    out: Annotated[str, typer.Option(help="Output file (- = stdout).")] = "-",
) -> None:
    """Write every stored article record, one per line, with its `status` (backup, hand-off to other tools);
    an article stored as failed comes with its `error` and its `raw` input."""
    engine = store.connect(db or store.DEFAULT_DB)
    write_lines((export_record(*row) for row in store.export_rows(engine)), out)


def export_record(article: Any, status: str, error: str | None) -> dict[str, Any]:
    """One `export` line: the article record plus its status; a failed one also carries its error and raw input."""
    record = {**extract_record(article), "status": status}
    if status != "ok":
        record.update(error=error, raw=article.raw, raw_format=article.raw_format)
    return record


def register(app: typer.Typer) -> None:
    """Add the `export` command."""
    app.command()(export)
