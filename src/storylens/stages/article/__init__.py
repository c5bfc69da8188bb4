"""Article stages: pure functions of one Article, in pipeline order."""
