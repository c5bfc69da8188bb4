"""The report's briefing panel: the `briefing` story result, or the extractive `summary` when absent.

A briefing whose sentences carry a `section` reads top down: the lead (with the lead event's who / what /
when / where), what the outlets agree on, what they dispute (both outlets cited), notable single-source
facts. Older briefings (no sections) and the summary fallback are one numbered list.
"""

from __future__ import annotations

from typing import Any

SINGLE_SOURCE_SHOWN = 8


def briefing_view(data: dict[str, Any], lk: Any) -> dict[str, Any]:
    """Lead, agreed and plain sentences with outlet chips, disputed points and single-source points."""
    briefing = data.get("briefing")
    if not isinstance(briefing, dict):
        return {"kind": "summary", "words": None, "lead": None, "facts": [], "agreed": [], "disputed": [],
                "single_source": [], "sentences": [_sentence(s, lk) for s in data.get("summary") or []]}
    conflicts = {x.get("id"): x for x in data.get("conflicts") or []}
    groups = {g.get("id"): g for g in data.get("claim_groups") or []}
    raw = [s for s in briefing.get("sentences") or [] if isinstance(s, dict)]
    lead = next((s for s in raw if s.get("section") == "lead"), None)
    singles = [_sentence(s, lk) for s in raw if s.get("section") == "single-source"]
    shown = {s.get("group") for s in raw if s.get("section") == "single-source"}
    singles += [_single(s, groups, lk) for s in briefing.get("single_source") or [] if s.get("group") not in shown]
    return {"kind": "briefing", "words": briefing.get("words"),
            "lead": _sentence(lead, lk) if lead else None,
            "facts": _facts(briefing.get("lead")) if lead else [],
            "agreed": [_sentence(s, lk) for s in raw if s.get("section") == "agreed"],
            "sentences": [_sentence(s, lk) for s in raw if not s.get("section")],
            "disputed": [_disputed(d, conflicts, lk) for d in briefing.get("disputed") or []],
            "single_source": singles[:SINGLE_SOURCE_SHOWN]}


def _facts(lead: Any) -> list[dict[str, str]]:
    """The lead event's who / what / when / where as label-value pairs (those that are known)."""
    if not isinstance(lead, dict) or not lead.get("event"):
        return []
    who = ", ".join(str(n) for n in lead.get("who") or [])
    pairs = (("Who", who), ("What", lead.get("what")), ("When", lead.get("when_text") or lead.get("when")),
             ("Where", lead.get("where")))
    return [{"label": label, "value": str(value)} for label, value in pairs if value]


def _sentence(s: dict[str, Any], lk: Any) -> dict[str, Any]:
    claims = list(s.get("claims") or [])
    first = s.get("claim") if s.get("claim") in claims else claims[0] if claims else None
    return {"text": s.get("text", ""), "claim": first, "href": lk.claim_href(first) if first else None,
            "chips": lk.chips(s.get("articles") or [], claims)}


def _disputed(d: dict[str, Any], conflicts: dict[str, Any], lk: Any) -> dict[str, Any]:
    conflict = conflicts.get(d.get("conflict")) or {}
    claims = [c for c in d.get("claims") or conflict.get("claims") or [] if c in lk.claims]
    return {"id": d.get("conflict"), "text": d.get("text") or conflict.get("explanation", ""),
            "href": f"#conflict-{d.get('conflict')}",
            "chips": lk.chips([lk.claims[c]["article"] for c in claims], claims)}


def _single(s: dict[str, Any], groups: dict[str, Any], lk: Any) -> dict[str, Any]:
    claims = s.get("claims") or (groups.get(s.get("group")) or {}).get("claims") or []
    first = s.get("claim") if s.get("claim") in lk.claims else claims[0] if claims else None
    chip = lk.chip(lk.claims[first]["article"], first) if first in lk.claims else None
    return {"text": s.get("text", ""), "claim": first if chip else None, "chips": [chip] if chip else [],
            "href": lk.claim_href(first) if chip else f"#group-{s.get('group')}"}
