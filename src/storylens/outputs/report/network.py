"""The report's entity and quote network: outlets in an inner ring, the people and organisations they
quote or mention in an outer ring, laid out in Python (deterministic: same story, same picture).

Each outer node sits at the mean angle of the outlets it is linked to (barycentre), then the ring is
spread evenly in that order, which keeps most lines short without a random force layout.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import numpy as np

from storylens.outputs.report.quotes import speaker_key

WIDTH, HEIGHT = 760, 560
INNER, OUTER = 120, 220  # ring radii
MAX_NODES = 36  # outer nodes kept (most-cited first); the rest are counted in `left_out`
MENTION_TYPES = {"PERSON", "ORG", "NORP", "GPE", "FAC"}


def _links(data: dict[str, Any], lk: Any) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """Per person/organisation name: quotes per outlet, and mentions per outlet (entities only)."""
    quoted: dict[str, Counter] = {}
    for q in data.get("quotes") or []:
        sp = q.get("speaker") or {}
        name = sp.get("name") or sp.get("text")
        if name:
            quoted.setdefault(name, Counter())[lk.outlet(q.get("article"))] += 1
    mentioned: dict[str, Counter] = {}
    for e in data.get("entities") or []:
        if e.get("type") in MENTION_TYPES and e.get("name") not in quoted:
            outlets = Counter(lk.outlet(m.get("article")) for m in e.get("mentions") or [])
            if len(outlets) >= 2:  # mentioned by one outlet only: not a cross-outlet link
                mentioned[e["name"]] = outlets
    return quoted, mentioned


def _ring(n: int) -> np.ndarray:
    """Angles of n evenly spaced points on a ring, starting at the top."""
    return -math.pi / 2 + 2 * math.pi * np.arange(n) / max(n, 1)


def _xy(angle: float, radius: float) -> tuple[float, float]:
    return round(WIDTH / 2 + radius * math.cos(angle), 1), round(HEIGHT / 2 + radius * math.sin(angle), 1)


def _order_outer(names: list[str], weights: dict[str, Counter], outlet_angle: dict[str, float]) -> list[str]:
    """Outer names sorted by the circular mean angle of their outlets (ties by name)."""
    def barycentre(name: str) -> float:
        vec = sum((w * np.array([math.cos(outlet_angle[o]), math.sin(outlet_angle[o])])
                   for o, w in weights[name].items() if o in outlet_angle), np.zeros(2))
        return (math.atan2(vec[1], vec[0]) + math.pi / 2) % (2 * math.pi)
    return sorted(names, key=lambda n: (round(barycentre(n), 6), n))


def _label(x: float, y: float) -> dict[str, Any]:
    """Label position outside the node, anchored away from the centre."""
    dx, dy = x - WIDTH / 2, y - HEIGHT / 2
    anchor = "middle" if abs(dx) < 30 else "start" if dx > 0 else "end"
    return {"lx": round(x + (10 if dx > 0 else -10 if anchor == "end" else 0), 1),
            "ly": round(y + (16 if dy > 0 and anchor == "middle" else -10 if anchor == "middle" else 4), 1),
            "anchor": anchor}


def network_view(data: dict[str, Any], lk: Any) -> dict[str, Any]:
    """Nodes and edges with positions, ready for the SVG template."""
    quoted, mentioned = _links(data, lk)
    weights = {**mentioned, **quoted}
    ranked = sorted(weights, key=lambda n: (n not in quoted, -sum(weights[n].values()), n))
    kept = ranked[:MAX_NODES]
    outlets = [o for o in lk.colour if any(o in weights[n] for n in kept)]
    view = {"width": WIDTH, "height": HEIGHT, "nodes": [], "edges": [], "n_outlets": len(outlets),
            "left_out": len(ranked) - len(kept)}
    if not kept:
        return view
    outlet_angle = dict(zip(outlets, _ring(len(outlets)).tolist(), strict=True))
    ordered = _order_outer(kept, weights, outlet_angle)
    place = {o: _xy(a, INNER if len(outlets) > 1 else 0) for o, a in outlet_angle.items()}
    place.update({n: _xy(a, OUTER) for n, a in zip(ordered, _ring(len(ordered)).tolist(), strict=True)})
    for name in ordered:
        kind = "quoted" if name in quoted else "mentioned"
        for outlet, n in sorted(weights[name].items()):
            if outlet in place:
                verb = f"quotes {name} {n} time(s)" if kind == "quoted" else f"mentions {name} {n} time(s)"
                view["edges"].append({"x1": place[outlet][0], "y1": place[outlet][1], "x2": place[name][0],
                                      "y2": place[name][1], "w": round(min(1 + math.log2(n), 5), 1),
                                      "kind": kind, "title": f"{outlet} {verb}"})
    for o in outlets:
        x, y = place[o]
        view["nodes"].append({"x": x, "y": y, "r": 9, "kind": "outlet", "label": o, "href": None,
                              "colour": lk.colour.get(o, 0), "title": o, **_label(x, y)})
    for name in ordered:
        x, y = place[name]
        total = sum(weights[name].values())
        kind = "speaker" if name in quoted else "entity"
        view["nodes"].append({"x": x, "y": y, "r": round(4 + min(total, 16) ** 0.5 * 1.5, 1), "kind": kind,
                              "label": name if len(name) <= 24 else name[:23] + "…", "colour": 0,
                              "href": f"#speaker-{speaker_key(name)}" if kind == "speaker" else None,
                              "title": f"{name}: {total} {'quote' if kind == 'speaker' else 'mention'}(s)",
                              **_label(x, y)})
    return view
