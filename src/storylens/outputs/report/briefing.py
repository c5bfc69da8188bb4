"""The report's briefing panel: the `briefing` story result, or the extractive `summary` when absent."""

from __future__ import annotations

from typing import Any


def briefing_view(data: dict[str, Any], lk: Any) -> dict[str, Any]:
    """Briefing sentences with outlet chips, disputed points and single-source points (summary fallback)."""
    briefing = data.get("briefing")
    if not isinstance(briefing, dict):
        return {"kind": "summary", "words": None, "disputed": [], "single_source": [],
                "sentences": [_sentence(s, lk) for s in data.get("summary") or []]}
    conflicts = {x.get("id"): x for x in data.get("conflicts") or []}
    groups = {g.get("id"): g for g in data.get("claim_groups") or []}
    return {"kind": "briefing", "words": briefing.get("words"),
            "sentences": [_sentence(s, lk) for s in briefing.get("sentences") or []],
            "disputed": [_disputed(d, conflicts, lk) for d in briefing.get("disputed") or []],
            "single_source": [_single(s, groups, lk) for s in briefing.get("single_source") or []]}


def _sentence(s: dict[str, Any], lk: Any) -> dict[str, Any]:
    claims = list(s.get("claims") or [])
    first = claims[0] if claims else None
    return {"text": s.get("text", ""), "claim": first, "href": lk.claim_href(first) if first else None,
            "chips": lk.chips(s.get("articles") or [], claims)}


def _disputed(d: dict[str, Any], conflicts: dict[str, Any], lk: Any) -> dict[str, Any]:
    conflict = conflicts.get(d.get("conflict")) or {}
    return {"id": d.get("conflict"), "text": d.get("text") or conflict.get("explanation", ""),
            "href": f"#conflict-{d.get('conflict')}"}


def _single(s: dict[str, Any], groups: dict[str, Any], lk: Any) -> dict[str, Any]:
    claims = (groups.get(s.get("group")) or {}).get("claims") or []
    first = claims[0] if claims else None
    chip = lk.chip(lk.claims[first]["article"], first) if first in lk.claims else None
    return {"text": s.get("text", ""), "claim": first if chip else None, "chip": chip,
            "href": lk.claim_href(first) if chip else f"#group-{s.get('group')}"}
