"""Story commands: `cluster` (sort articles into stories), and the store's `stories`, `merge-stories`,
`split-story`; `add` without `--story` files articles through `auto_file`."""

from __future__ import annotations

from typing import Annotated, NoReturn

import typer
from rich.markup import escape
from rich.table import Table

from storylens import store
from storylens.cli.common import DbOption, Inputs, console, run_batch, write_json
from storylens.settings import FIELD_LIMITS

# storylens.clustering is imported inside the commands: it loads spaCy, which every other command (and
# `extract --text-only` above all) would otherwise pay for at start-up.

AUTO_STORY = "auto-cluster"  # `add --story` default: file each new article by clustering


def cluster(
    inputs: Inputs,
    json_out: Annotated[str, typer.Option("--json", help="Stories JSON file (- = stdout).")] = "-",
) -> None:
    """Sort articles into stories: {"stories": [{"id", "title", "articles": [article ids]}]}."""
    from storylens.clustering import cluster_articles, cluster_pipeline

    batch = run_batch(inputs, cluster_pipeline())
    with console.status("Clustering stories..."):
        stories = cluster_articles(batch.articles)
    write_json({"stories": stories}, json_out)
    if json_out != "-":
        console.print(f"{len(batch.articles)} articles in {len(stories)} stories")


def filing_target(db: str, story: str) -> str | None:
    """The story `add --story` files under: None when clustering decides, else the story (after merges)."""
    from storylens.clustering.filing import resolve_story

    if len(story) > FIELD_LIMITS["story"]:
        raise typer.BadParameter(f"a story id is at most {FIELD_LIMITS['story']} characters", param_hint="--story")
    return None if story == AUTO_STORY else resolve_story(store.connect(db), story)


def auto_file(db: str) -> dict[str, str]:
    """File every stored article that is in no story yet (the `add` default); print a one-line summary."""
    from storylens.clustering.filing import file_unfiled

    with console.status("Filing articles into stories..."):
        placed = file_unfiled(store.connect(db))
    console.print(f"filed {len(placed)} articles into {len(set(placed.values()))} stories")
    return placed


def stories(db: DbOption = None) -> None:
    """List the stored stories with their article counts."""
    from storylens.clustering.filing import list_stories

    table = Table("story", "articles", "origin", "title")
    for row in list_stories(store.connect(db or store.DEFAULT_DB)):
        origin = f"merged into {row['merged_into']}" if row["merged_into"] else row["origin"]
        table.add_row(escape(row["id"]), str(row["articles"]), escape(origin), escape(row["title"] or ""))
    console.print(table)


def merge(keep: Annotated[str, typer.Argument(help="Story that stays.")],
          gone: Annotated[str, typer.Argument(help="Story merged into it.")], db: DbOption = None) -> None:
    """Merge story GONE into story KEEP; later adds keep them merged."""
    from storylens.clustering.filing import StoryError, merge_stories

    try:
        moved = merge_stories(store.connect(db or store.DEFAULT_DB), keep, gone)
    except StoryError as exc:
        _fail(exc)
    console.print(f"moved {moved} articles from {escape(gone)} into {escape(keep)}")


def split(story: Annotated[str, typer.Argument(help="Story to split.")],
          articles: Annotated[list[str], typer.Argument(help="Article ids that leave it for a new story.")],
          db: DbOption = None) -> None:
    """Move the given articles of STORY into a new story; later adds leave them there."""
    from storylens.clustering.filing import StoryError, split_story

    try:
        new_id = split_story(store.connect(db or store.DEFAULT_DB), story, articles)
    except StoryError as exc:
        _fail(exc)
    typer.echo(new_id)


def _fail(exc: Exception) -> NoReturn:
    console.print(f"[red]error:[/] {escape(str(exc))}", soft_wrap=True)
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add the story commands to the CLI."""
    app.command(name="cluster")(cluster)
    app.command(name="stories")(stories)
    app.command(name="merge-stories")(merge)
    app.command(name="split-story")(split)
