"""Story stage `coverage`: who reports what (claim groups x outlets), each outlet's blind spots and exclusives.

A blind spot of an outlet is a claim group that most of the other outlets report (more than half of
them, from at least two independent sources so one wire copy reprinted everywhere does not count twice)
and this outlet does not. An exclusive is a group only this outlet reports.
"""

from __future__ import annotations

from typing import Any

from storylens.cleaning.outlet import display_name
from storylens.model import Story

# Claim kinds an outlet can be said to leave out; opinions and questions are the writer's own.
FACT_KINDS = frozenset({"event", "statement", "prediction"})


def outlet_name(article: Any) -> str:
    """The outlet an article is filed under (a short name of its source when the outlet is unknown: a file's
    name without its folders, so no path reaches the report)."""
    return article.outlet or display_name(article.source)


def map_coverage(story: Story) -> Story:
    """Assign `results["coverage"]`: outlets, one row per claim group, blind spots and exclusives."""
    outlets = list(dict.fromkeys(outlet_name(a) for a in story.articles))
    outlet_of = {a.id: outlet_name(a) for a in story.articles}
    groups = story.results.get("claim_groups", [])
    rows = [_row(g, outlet_of) for g in groups]
    exclusives: dict[str, list[str]] = {o: [] for o in outlets}
    for row in rows:
        if len(row["outlets"]) == 1:
            exclusives[row["outlets"][0]].append(row["group"])
    story.results["coverage"] = {"outlets": outlets, "rows": rows,
                                 "blind_spots": _blind_spots(outlets, groups, rows), "exclusives": exclusives}
    return story


def _row(group: dict[str, Any], outlet_of: dict[str, str]) -> dict[str, Any]:
    outlets = list(dict.fromkeys(outlet_of[a] for a in group["articles"]))
    return {"group": group["id"], "outlets": outlets, "status": group["status"]}


def _blind_spots(outlets: list[str], groups: list[dict[str, Any]], rows: list[dict[str, Any]]
                 ) -> dict[str, list[str]]:
    """Per outlet, the widely reported factual groups it does not report."""
    others = len(outlets) - 1
    # A group more than half of the *other* outlets report: at least others // 2 + 1 outlets carry it.
    wide = [row for group, row in zip(groups, rows, strict=True)
            if others > 0 and len(row["outlets"]) > others // 2 and group["independent_sources"] >= 2
            and group.get("kind", "event") in FACT_KINDS]
    return {o: [row["group"] for row in wide if o not in row["outlets"]] for o in outlets}
