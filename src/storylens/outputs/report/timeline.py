"""The report's timeline: entries in time order and a zoomable SVG picture of them.

Every point, tick and conflict link carries its position as a fraction `t` of the story's time span
(0 = first date, 1 = last), so the report's script can zoom by widening the drawing and moving each
group sideways (`translate`) without touching any text: labels keep their size at every zoom level.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from storylens.temporal import interval_start

SVG_W, SVG_PAD, AXIS_Y, LINE = 960, 40, 120, 14
LEVELS = (-26, 30, -58, 62, -90, 94)  # label offsets from the axis, alternating above and below
TICK_GAP = 70  # px between tick labels; closer ones are hidden (the script redoes this on zoom)
LABEL_GAP = 210  # px between two event labels on one level (~34 characters); closer ones show the mark only
CONFLICT_DIP = 40  # how far below the axis the red arc between two conflicting dates reaches
# Mark shape per precision: a dot for a day (or finer), a diamond for a week or month, an open square
# for anything coarser, so "in 2019" is never mistaken for a known day.
MARKS = {"time": "day", "day": "day", "week": "month", "month": "month"}


def timex_ordinal(value: Any) -> int | None:
    """Day ordinal where a TIMEX3 date value's interval starts (2026-01-03, 2025-12, 201, 2026-W10...)."""
    start = interval_start(value) if isinstance(value, str) else None
    try:
        return date(*start[:3]).toordinal() if start else None
    except ValueError:  # "2026-13": matched the shape, not a calendar date
        return None


def x_at(t: float) -> float:
    """Unzoomed x of a fraction of the time span."""
    return round(SVG_PAD + (SVG_W - 2 * SVG_PAD) * t, 1)


def mark_for(entry: dict[str, Any]) -> str:
    """Mark shape for an entry: "day", "month" or "year" (precision from the entry, else from its value)."""
    precision = entry.get("precision") or {10: "day", 7: "month"}.get(len(entry["when"][:10]), "year")
    return MARKS.get(precision, "year")


def _point(t: float, i: int, entry: dict[str, Any]) -> dict[str, Any]:
    """One mark with its stem and a two-line label (date, text) at a staggered level."""
    off = LEVELS[i % len(LEVELS)]
    first = AXIS_Y + off - LINE if off < 0 else AXIS_Y + off
    anchor = "start" if t < 0.13 else "end" if t > 0.87 else "middle"
    text = entry["text"]
    return {"t": round(t, 6), "x": x_at(t), "y1": first, "y2": first + LINE, "level": i % len(LEVELS),
            "stem": AXIS_Y + off + (4 if off < 0 else -12), "anchor": anchor, "when": entry["when"],
            "label": text if len(text) <= 34 else text[:33] + "…", "text": text, "claim": entry["first_claim"],
            "href": entry.get("href"), "mark": mark_for(entry)}  # fmt: skip


def _thin_labels(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Hide the label of a point too close to the last labelled point of its level (mark and tooltip stay)."""
    last: dict[int, float] = {}
    for point in points:
        point["hidden"] = point["level"] in last and point["x"] - last[point["level"]] < LABEL_GAP
        if not point["hidden"]:
            last[point["level"]] = point["x"]
    return points


def _tick_dates(lo: int, hi: int) -> list[tuple[int, str]]:
    """(ordinal, label) of round dates between lo and hi: years, months or days, by the span."""
    first, last = date.fromordinal(lo), date.fromordinal(hi)
    if hi - lo > 2 * 366:
        years = last.year - first.year
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if years / s <= 200)
        start = first.year + (-first.year % step)
        return [(date(y, 1, 1).toordinal(), str(y)) for y in range(start, last.year + 1, step)]
    if hi - lo > 62:
        months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
        return [(date(m // 12, m % 12 + 1, 1).toordinal(), f"{m // 12}-{m % 12 + 1:02d}") for m in months]
    return [(o, date.fromordinal(o).isoformat()) for o in range(lo, hi + 1)]


def _ticks(lo: int, hi: int) -> list[dict[str, Any]]:
    """Axis ticks: both ends (full dates, always shown) and round dates between, thinned to fit."""
    span = hi - lo
    ends = [{"t": 0.5 if span == 0 else 0.0, "label": date.fromordinal(lo).isoformat(), "end": True}]
    if span:
        ends.append({"t": 1.0, "label": date.fromordinal(hi).isoformat(), "end": True})
    inner = [{"t": (o - lo) / span, "label": label, "end": False}
             for o, label in _tick_dates(lo, hi) if span and lo < o < hi]  # fmt: skip
    shown = [x_at(e["t"]) for e in ends]
    for tick in inner:
        tick["hidden"] = any(abs(x_at(tick["t"]) - x) < TICK_GAP for x in shown)
        if not tick["hidden"]:
            shown.append(x_at(tick["t"]))
    anchors = {0.0: "start", 1.0: "end"} if span else {}
    return [{**tick, "t": round(tick["t"], 6), "x": x_at(tick["t"]), "hidden": tick.get("hidden", False),
             "anchor": anchors.get(tick["t"], "middle") if tick["end"] else "middle"}
            for tick in ends + inner]  # fmt: skip


def _conflict_links(conflicts: list[dict[str, Any]], points: list[dict[str, Any]],
                    entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Red arcs between the two dated entries of each date conflict (both must be drawn)."""
    point_of: dict[str, dict[str, Any]] = {}
    for entry, point in zip(entries, points, strict=True):
        for claim in entry["claims"]:
            point_of.setdefault(claim, point)
    links = []
    for x in conflicts:
        ends = [point_of.get(c) for c in x.get("claims") or []]
        if x.get("kind") == "date" and len(ends) == 2 and ends[0] and ends[1] and ends[0] is not ends[1]:
            t1, t2 = sorted((ends[0]["t"], ends[1]["t"]))
            links.append({"id": x.get("id", ""), "t1": t1, "t2": t2, "d": arc(x_at(t1), x_at(t2)),
                          "explanation": x.get("explanation", "")})
    return links


def arc(x1: float, x2: float) -> str:
    """SVG path of the arc under the axis joining two x positions (the script draws the same on zoom)."""
    middle = round((x1 + x2) / 2, 1)
    return f"M{x1} {AXIS_Y} Q{middle} {AXIS_Y + 2 * CONFLICT_DIP} {x2} {AXIS_Y}"


def svg_layout(entries: list[dict[str, Any]], conflicts: list[dict[str, Any]]) -> dict[str, Any]:
    """Positions of the dated entries, ticks and date-conflict links (undatable entries are left out)."""
    layout: dict[str, Any] = {"width": SVG_W, "height": 2 * AXIS_Y + 24, "axis_y": AXIS_Y, "pad": SVG_PAD,
                              "dip": CONFLICT_DIP, "gap": TICK_GAP, "label_gap": LABEL_GAP, "x1": SVG_PAD,
                              "x2": SVG_W - SVG_PAD, "points": [], "ticks": [], "links": []}
    dated = [(o, e) for e in entries if (o := timex_ordinal(e["when"])) is not None]
    if not dated:
        return layout
    lo, hi = min(o for o, _ in dated), max(o for o, _ in dated)
    layout["points"] = _thin_labels([_point((o - lo) / (hi - lo) if hi > lo else 0.5, i, e)
                                     for i, (o, e) in enumerate(dated)])
    layout["ticks"] = _ticks(lo, hi)
    layout["links"] = _conflict_links(conflicts, layout["points"], [e for _, e in dated])
    return layout


def timeline_view(data: dict[str, Any], chips: Any, claim_href: Any = None,
                  take: Any = None) -> tuple[dict[str, Any], Any]:
    """Timeline entries in time order (undatable ones last) and their SVG layout, and the pager info.

    `chips` cites articles, `claim_href` links a claim id (default: its anchor on this page), `take`
    picks the page of entries to show (default: all); the picture draws the entries shown."""
    claim_href = claim_href or (lambda cid: f"#claim-{cid}")
    conflicts = [x for x in data.get("conflicts") or [] if x.get("kind") == "date"]
    in_conflict = {c for x in conflicts for c in x.get("claims") or []}
    entries = []
    for t in data.get("timeline") or []:
        claims = list(t.get("claims") or [])
        entries.append({"when": str(t.get("when", "")), "text": t.get("text", ""), "claims": claims,
                        "first_claim": claims[0] if claims else None,
                        "href": claim_href(claims[0]) if claims else None, "precision": t.get("precision") or "",
                        "chips": chips(t.get("articles") or [], claims),
                        "conflict": bool(in_conflict.intersection(claims))})  # fmt: skip
    entries.sort(key=lambda e: (timex_ordinal(e["when"]) is None, timex_ordinal(e["when"]) or 0, e["when"]))
    shown, info = take(entries) if take else (entries, None)
    return {"entries": shown, "svg": svg_layout(shown, conflicts), "total": len(entries)}, info
