"""`storylens story ID --db URL`: the story-level analysis of a stored story, from its stored articles.

Adding articles (`storylens add ... --story ID`) runs only the new articles' article stages; this
command reruns the story stages over every stored article of the story, so its output equals a full
`analyze` of the same articles.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from storylens import store
from storylens.cli.common import DbOption, console, write_html, write_json
from storylens.outputs.terminal.story import print_story
from storylens.pipeline.build import build_profile
from storylens.pipeline.runner import analyse_story


def story(
    story_id: Annotated[str, typer.Argument(metavar="ID", help="The story id given to `add --story`.")],
    db: DbOption = None,
    json_out: Annotated[str | None, typer.Option("--json", help="Story JSON file (- = stdout).")] = None,
    html_out: Annotated[str | None, typer.Option("--html", help="Write the HTML report here.")] = None,
) -> None:
    """Analyse a stored story from its stored articles (no article is processed again)."""
    engine = store.connect(db or store.DEFAULT_DB)
    articles = list(store.load_articles(engine, story_id=story_id))
    if not articles:
        console.print(f"[red]error:[/] story {escape(repr(story_id))} has no stored articles", soft_wrap=True,
                      highlight=False)
        raise typer.Exit(1)
    with console.status("Comparing outlets..."):
        data = analyse_story(articles, build_profile("analyze"), story_id)
    if json_out:
        write_json(data, json_out)
    if html_out:
        write_html(data, html_out)
    if json_out != "-":
        print_story(console, data)


def register(app: typer.Typer) -> None:
    """Add the `story` command."""
    app.command(name="story")(story)
