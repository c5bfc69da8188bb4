"""storylens: cross-source news analysis with evidence for every line."""

__version__ = "0.1.0"
SCHEMA = "storylens.story/1"
