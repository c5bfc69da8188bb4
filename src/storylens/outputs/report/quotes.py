"""The report's quotes panel: quotes grouped by speaker, each statement (the same words carried by several
outlets, see `stages.statements`) one line with every outlet's chip."""

from __future__ import annotations

from typing import Any

from storylens.outputs.story_json import statement_wording


def speaker_key(name: str) -> str:
    """The anchor id of a speaker block (`#speaker-<key>`), also used by the network picture."""
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-") or "unknown"


def _line(statement: dict[str, Any], quotes: dict[str, dict[str, Any]], lk: Any) -> dict[str, Any]:
    """One statement as a quote line: its wording (`statement_wording`), one chip per outlet linked to that outlet's
    quote."""
    chips: dict[str, dict[str, Any]] = {}
    first = quotes.get(statement["quotes"][0]) or {}
    for qid in statement["quotes"]:
        q = quotes.get(qid) or {}
        chip = {**lk.chip(q.get("article")), "quote": qid, "href": lk.href(q.get("article"), f"quote-{qid}")}
        if chip["label"] in chips:
            chips[chip["label"]]["count"] += 1
        else:
            chips[chip["label"]] = chip
    text, kind = statement_wording(statement, quotes)
    return {"id": statement["id"], "text": text, "kind": kind,
            "cue": first.get("cue") or "", "as_written": (first.get("speaker") or {}).get("text") or "",
            "chips": list(chips.values())}


def quotes_view(data: dict[str, Any], lk: Any) -> list[dict[str, Any]]:
    """Speakers (most-quoted first), each with their statements (widely carried first) and the outlets
    carrying each."""
    quotes = {q["id"]: q for q in data.get("quotes") or [] if q.get("id")}
    speakers: dict[str, dict[str, Any]] = {}
    for statement in data.get("statements") or []:  # older documents: story_json.with_derived_sections
        sp = statement.get("speaker") or {}
        name = sp.get("name") or "Unknown speaker"
        entry = speakers.setdefault(name, {"name": name, "key": speaker_key(name), "entity": sp.get("entity"),
                                           "quotes": [], "count": 0, "outlets": []})
        line = _line(statement, quotes, lk)
        entry["quotes"].append(line)
        entry["count"] += len(statement["quotes"])
        entry["outlets"] += [c["label"] for c in line["chips"] if c["label"] not in entry["outlets"]]
    return sorted(speakers.values(), key=lambda s: (-s["count"], s["name"].lower()))


def page_quotes(speakers: list[dict[str, Any]], paging: Any) -> tuple[list[dict[str, Any]], Any]:
    """One page of quote lines, still grouped under their speakers (a speaker may span pages)."""
    lines = [(i, line) for i, s in enumerate(speakers) for line in s["quotes"]]
    shown, info = paging.take("quotes", lines)
    if info is None:
        return speakers, None
    kept: dict[int, dict[str, Any]] = {}
    for i, line in shown:
        kept.setdefault(i, {**speakers[i], "quotes": []})["quotes"].append(line)
    return list(kept.values()), info
