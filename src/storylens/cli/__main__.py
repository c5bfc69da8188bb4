"""`python -m storylens.cli`: the same command line as the `storylens` script."""

from storylens.cli import app

app()
