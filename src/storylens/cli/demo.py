"""`storylens demo`: analyse the bundled demo story (src/storylens/demo/articles)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storylens.cli.analyze import analyse_to_outputs
from storylens.cli.common import console
from storylens.outputs.terminal.story import print_story
from storylens.settings import RunOptions

DEMO_DIR = Path(__file__).parents[1] / "demo" / "articles"


def demo(out: Annotated[Path, typer.Option(help="Where to write the report.")] = Path("demo-output")) -> None:
    """Analyse the bundled demo story; write report.json and report.html and print a summary."""
    json_path, html_path = out / "report.json", out / "report.html"
    data = analyse_to_outputs([str(DEMO_DIR)], str(json_path), str(html_path),
                              RunOptions(db=f"sqlite:///{out / 'storylens.db'}", story_id="demo"))
    print_story(console, data)
    console.print(f"\nWrote [bold]{json_path}[/] and [bold]{html_path}[/] (open it in a browser).")


def register(app: typer.Typer) -> None:
    """Add the `demo` command."""
    app.command()(demo)
