"""The report's coverage matrix: claim groups x outlets as a heat map, with blind spots and exclusives.

Reads the `coverage` story result when present; otherwise derives the plain matrix from `claim_groups`
(no blind-spot analysis then). Cell darkness is how many of that outlet's sentences fall in the group.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

LEVELS = 3  # heat levels 1..3 (CSS classes lvl1..lvl3); 0 = outlet absent


def _derived(data: dict[str, Any], lk: Any) -> dict[str, Any]:
    """A coverage dict in the stage's shape built from claim groups alone."""
    rows = [{"group": g.get("id"), "status": g.get("status", ""),
             "outlets": list(dict.fromkeys(lk.outlet(a) for a in g.get("articles") or []))}
            for g in data.get("claim_groups") or []]
    return {"outlets": list(lk.colour), "rows": rows, "blind_spots": {}, "exclusives": {}}


def _counts(data: dict[str, Any], lk: Any) -> dict[str, Counter]:
    """Per group id: how many claims each outlet has in it."""
    counts: dict[str, Counter] = {}
    for g in data.get("claim_groups") or []:
        articles = [(lk.claims.get(c) or {}).get("article") for c in g.get("claims") or []]
        counts[g.get("id")] = Counter(lk.outlet(a) for a in articles if a is not None)
    return counts


def _flag(marks: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {(outlet, group) for outlet, groups in (marks or {}).items() for group in groups or []}


def _cell(outlet: str, row: dict[str, Any], n: int, blind: set, exclusive: set) -> dict[str, Any]:
    key = (outlet, row.get("group"))
    covered = outlet in (row.get("outlets") or [])
    state = "blind" if key in blind else "exclusive" if key in exclusive else "covered" if covered else "absent"
    level = min(max(n, 1), LEVELS) if covered else 0
    title = {"blind": "blind spot: other outlets report this", "exclusive": "only this outlet reports this",
             "covered": f"{n} sentence(s)", "absent": "not reported"}[state]
    return {"state": state, "level": level, "title": f"{outlet}: {title}"}


def coverage_view(data: dict[str, Any], lk: Any, paging: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The heat-map rows (most widely reported groups first) and the pager info of the rows shown."""
    coverage = data.get("coverage") if isinstance(data.get("coverage"), dict) else None
    source = coverage or _derived(data, lk)
    outlets = list(source.get("outlets") or [])
    blind, exclusive = _flag(source.get("blind_spots")), _flag(source.get("exclusives"))
    counts = _counts(data, lk)
    groups = {g.get("id"): g for g in data.get("claim_groups") or []}
    rows = sorted(source.get("rows") or [], key=lambda r: -len(r.get("outlets") or []))
    shown, info = paging.take("coverage", rows)
    views = []
    for row in shown:
        group = groups.get(row.get("group")) or {}
        claims = group.get("claims") or []
        text = group.get("text") or (lk.claims.get(claims[0]) or {}).get("text", "") if claims else ""
        n = counts.get(row.get("group"), Counter())
        views.append({"group": row.get("group"), "status": row.get("status") or group.get("status", ""),
                      "text": text or row.get("group", ""),
                      "href": lk.claim_href(claims[0]) if claims else f"#group-{row.get('group')}",
                      "cells": [_cell(o, row, n[o], blind, exclusive) for o in outlets]})
    heads = [{"label": o, "colour": lk.colour.get(o, 0),
              "blind": sum(1 for b in blind if b[0] == o), "exclusive": sum(1 for e in exclusive if e[0] == o)}
             for o in outlets]
    return {"outlets": heads, "rows": views, "derived": coverage is None, "total": len(rows)}, info
