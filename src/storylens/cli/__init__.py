"""The `storylens` command line: a thin shell over the library (ingest, pipeline, store, outputs).

Exit codes: 0 done (some inputs may have failed, each reported on stderr); 1 nothing could be analysed;
2 usage error.
"""

from __future__ import annotations

import typer

from storylens.cli import add, analyze, check, cluster, demo, export, extract, serve, story
from storylens.cli.demo import DEMO_DIR

__all__ = ["DEMO_DIR", "app"]

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
# One module per command (or family of commands), each with `register(app)`: the one way a command is added.
# Listed in the order `storylens --help` shows them.
COMMANDS = (analyze, add, extract, export, demo, story, check, serve, cluster)

for command in COMMANDS:
    command.register(app)
