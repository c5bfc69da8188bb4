"""Story stage `summary`: the contract's `summary` field, the briefing's sentences (one summariser)."""

from __future__ import annotations

from storylens.model import Story

SUMMARY_FIELDS = ("text", "claims", "articles", "outlets", "group")


def summarise(story: Story) -> Story:
    """Assign `results["summary"]`: each briefing sentence as {"text", "claims", "articles", ...}."""
    sentences = story.results.get("briefing", {}).get("sentences", [])
    story.results["summary"] = [{key: s[key] for key in SUMMARY_FIELDS} for s in sentences]
    return story
