"""`storylens export`: every stored article record, one per line (backup, hand-off to other tools)."""

from __future__ import annotations

from typing import Annotated

import typer

from storylens import store
from storylens.cli.common import DbOption, write_lines
from storylens.outputs.story_json import extract_record


def export(
    db: DbOption = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One article record per line (the default).")] = True,
    out: Annotated[str, typer.Option(help="Output file (- = stdout).")] = "-",
) -> None:
    """Write every stored article record, one per line (backup, hand-off to other tools)."""
    engine = store.connect(db or store.DEFAULT_DB)
    write_lines((extract_record(a) for a in store.load_articles(engine)), out)


def register(app: typer.Typer) -> None:
    """Add the `export` command."""
    app.command()(export)
