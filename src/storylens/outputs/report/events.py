"""The report's event matrix: story events x outlets, each cell linking to the sentence that reports it.

Rows are the `events` of the story (reported by two or more articles), most independent sources first, ties
by more mentions (vague predicates last); a row is labelled by its predicate and key participants. Columns
are the outlets, drawn like the coverage heat map. A cell shows the word that outlet used for the event
(darker = more mentions) and links to its first mention's sentence; its tooltip is that sentence. The first
ROWS_SHOWN rows show; the rest wait behind "show all" (a checkbox, so it works without script).
"""

from __future__ import annotations

from typing import Any

from storylens.stages.story.lead import VAGUE_PREDICATES, names, when_text

LEVELS = 3  # heat levels 1..3 (CSS classes lvl1..lvl3), as in the coverage matrix
ROWS_SHOWN = 12
WORD_CHARS = 14  # longest word drawn in a cell; the whole sentence is in its tooltip
TOOLTIP_CHARS = 240


def ranked(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events most independent sources first, then most mentions (stable); vague predicates ("according",
    "know") last, as the briefing's lead skips them."""
    return sorted((e for e in events if isinstance(e, dict)),
                  key=lambda e: (e.get("predicate") in VAGUE_PREDICATES, -int(e.get("independent_sources") or 0),
                                 -len(e.get("mentions") or [])))


def label(event: dict[str, Any]) -> dict[str, str]:
    """A row's label: the predicate and up to three key participants (agents, then patients, then place); named
    (entity-linked) participants only, unless the event has none (then its plain-noun patients)."""
    linked = {**event, "participants": [p for p in event.get("participants") or []
                                        if isinstance(p, dict) and p.get("entity")]}
    people = names(linked, "agent", 2) + names(linked, "patient", 2)
    if not people and not event.get("where"):
        people = names(event, "patient", 2)
    place = [event["where"]] if isinstance(event.get("where"), str) and event["where"] not in people else []
    return {"predicate": str(event.get("predicate") or event.get("id") or ""),
            "participants": " · ".join(list(dict.fromkeys(people + place))[:3])}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cell(outlet: str, mentions: list[dict[str, Any]], lk: Any) -> dict[str, Any]:
    if not mentions:
        return {"state": "absent", "level": 0, "title": f"{outlet}: not reported", "claim": None, "href": None,
                "word": "", "count": 0}
    first = mentions[0]
    claim = first.get("claim") if first.get("claim") in lk.claims else None
    sentence = (lk.claims.get(claim) or {}).get("text") or first.get("text") or ""
    more = f" (+{len(mentions) - 1} more)" if len(mentions) > 1 else ""
    return {"state": "covered", "level": min(len(mentions), LEVELS), "count": len(mentions),
            "title": f"{outlet}: {_clip(sentence, TOOLTIP_CHARS)}{more}", "claim": claim,
            "href": lk.claim_href(claim) if claim else f"#article-{first.get('article')}",
            "word": _clip(str(first.get("text") or "●"), WORD_CHARS)}


def _row(event: dict[str, Any], outlets: list[str], lk: Any) -> dict[str, Any]:
    by_outlet: dict[str, list[dict[str, Any]]] = {o: [] for o in outlets}
    for m in event.get("mentions") or []:
        if isinstance(m, dict) and m.get("article") in lk.articles:
            by_outlet.setdefault(lk.outlet(m["article"]), []).append(m)
    return {"id": str(event.get("id") or ""), **label(event), "when": when_text(event.get("when")) or "",
            "independent": int(event.get("independent_sources") or 0), "mentions": len(event.get("mentions") or []),
            "cells": [_cell(o, by_outlet[o], lk) for o in outlets]}


def events_view(data: dict[str, Any], lk: Any, paging: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The matrix rows of one page (the report: all of them) and the pager info."""
    events = ranked(data.get("events") or [])
    outlets = list(lk.colour)
    shown, info = paging.take("events", events)
    rows = [_row(e, outlets, lk) | {"more": n >= ROWS_SHOWN} for n, e in enumerate(shown)]
    heads = [{"label": o, "colour": lk.colour.get(o, 0)} for o in outlets]
    return {"outlets": heads, "rows": rows, "total": len(events), "hidden": sum(r["more"] for r in rows)}, info
