"""The report's quotes panel: quotes grouped by speaker, the same words carried by several outlets merged
into one line with every outlet's chip (near-identical wording counts as the same quote)."""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz, process

SAME_QUOTE = 90  # rapidfuzz ratio (0..100) from which two quotes of one speaker are the same words
_NON_WORD = re.compile(r"[^\w]+")


def speaker_key(name: str) -> str:
    """The anchor id of a speaker block (`#speaker-<key>`), also used by the network picture."""
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-") or "unknown"


def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _merge(entry: dict[str, Any], q: dict[str, Any], chip: dict[str, Any]) -> None:
    """Add a quote to its speaker: to a line with the same words if there is one, else as a new line."""
    norm = _norm(q.get("text", ""))
    norms = entry["norms"]
    index = norms.get(norm)
    if index is None and norms:
        best = process.extractOne(norm, list(norms), scorer=fuzz.ratio, score_cutoff=SAME_QUOTE)
        index = norms[best[0]] if best else None
    if index is not None:
        line = entry["quotes"][index]
        same_outlet = next((c for c in line["chips"] if c["label"] == chip["label"]), None)
        if same_outlet is None:
            line["chips"].append(chip)
        elif chip["article"] != same_outlet["article"]:
            same_outlet["count"] += 1
        return
    sp = q.get("speaker") or {}
    norms[norm] = len(entry["quotes"])
    entry["quotes"].append({"id": q.get("id", ""), "text": q.get("text", ""), "kind": q.get("kind", ""),
                            "cue": q.get("cue") or "", "as_written": sp.get("text") or "", "chips": [chip]})


def quotes_view(data: dict[str, Any], lk: Any) -> list[dict[str, Any]]:
    """Speakers (most-quoted first), each with merged quote lines and the outlets carrying each line."""
    speakers: dict[str, dict[str, Any]] = {}
    for q in data.get("quotes") or []:
        sp = q.get("speaker") or {}
        name = sp.get("name") or sp.get("text") or "Unknown speaker"
        entry = speakers.setdefault(name, {"name": name, "key": speaker_key(name), "entity": sp.get("entity"),
                                           "quotes": [], "count": 0, "outlets": [], "norms": {}})
        entry["count"] += 1
        chip = {**lk.chip(q.get("article")), "quote": q.get("id"), "href": lk.href(q.get("article"),
                                                                                 f"quote-{q.get('id')}")}
        _merge(entry, q, chip)
        if chip["label"] not in entry["outlets"]:
            entry["outlets"].append(chip["label"])
    for entry in speakers.values():
        del entry["norms"]
        entry["quotes"].sort(key=lambda line: -len(line["chips"]))  # widely carried words first
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
