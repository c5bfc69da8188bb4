"""The HTML report: one context from the story JSON, a view per panel, Jinja2 templates."""
