"""Outputs of a story: the story/1 JSON, its schemas, the terminal summary and the HTML report."""
