"""The report's framing panel: one card per outlet, side by side (the `framing` story result).

Bars are drawn as SVG shapes with attribute geometry, never inline styles, so the strict CSP holds.
"""

from __future__ import annotations

import re
from typing import Any

QUOTED_KINDS = ("official", "expert", "media", "anonymous", "other")
STACK_W = 200  # width of the "who it quotes" stacked bar (SVG units)
MAX_TERMS, MAX_TONE, MAX_TONE_CLAIMS = 8, 6, 5


def _percent(value: Any) -> str:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return f"{round(100 * value)}%" if ok else "–"


def _count(articles: Any) -> int:
    """Article count from either a list of article ids or a number."""
    if isinstance(articles, list):
        return len(articles)
    return articles if isinstance(articles, int) and not isinstance(articles, bool) else 0


def headline_pieces(text: str, stressed: list[str]) -> list[dict[str, Any]]:
    """The headline cut into pieces, those matching a stressed term (any case) flagged."""
    terms = sorted({t for t in stressed if isinstance(t, str) and t.strip()}, key=len, reverse=True)
    if not text or not terms:
        return [{"text": text or "", "stressed": False}]
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in terms), re.IGNORECASE)
    pieces, pos = [], 0
    for match in pattern.finditer(text):
        if match.start() > pos:
            pieces.append({"text": text[pos:match.start()], "stressed": False})
        pieces.append({"text": match.group(0), "stressed": True})
        pos = match.end()
    if pos < len(text):
        pieces.append({"text": text[pos:], "stressed": False})
    return pieces


def _stack(quoted: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """Segments of the stacked bar of quoted-source kinds, and the total."""
    counts = [(k, int(quoted.get(k) or 0)) for k in QUOTED_KINDS]
    total = sum(n for _, n in counts)
    segments, x = [], 0.0
    for kind, n in counts:
        if n and total:
            w = round(STACK_W * n / total, 1)
            segments.append({"kind": kind, "n": n, "x": round(x, 1), "w": w})
            x += w
    return segments, total


def _tone(t: dict[str, Any], lk: Any) -> dict[str, Any]:
    score = t.get("score")
    score = max(-1.0, min(1.0, float(score))) if isinstance(score, int | float) else 0.0
    w = round(abs(score) * 50, 1)
    claims = [{"id": c, "href": lk.claim_href(c), "text": (lk.claims.get(c) or {}).get("text", "")}
              for c in (t.get("sentences") or [])[:MAX_TONE_CLAIMS]]
    return {"name": t.get("name") or t.get("entity") or "", "score_text": f"{score:+.2f}", "negative": score < 0,
            "x": 50 - w if score < 0 else 50, "w": w, "claims": claims}


def framing_view(data: dict[str, Any], lk: Any) -> list[dict[str, Any]]:
    """One card per outlet: headline stress, hedging, own voice, distinctive words, who it quotes, tone."""
    cards = []
    for f in data.get("framing") or []:
        if not isinstance(f, dict):
            continue
        outlet = f.get("outlet") or ""
        headline = f.get("headline") if isinstance(f.get("headline"), dict) else None
        stack, total = _stack(f.get("quoted") or {})
        cards.append({
            "outlet": {"label": outlet, "colour": lk.colour.get(outlet, 0)}, "articles": _count(f.get("articles")),
            "terms": [{"term": t.get("term", ""), "z": t.get("z")} for t in (f.get("distinctive_terms") or [])
                      [:MAX_TERMS]],
            "tone": [_tone(t, lk) for t in (f.get("tone") or [])[:MAX_TONE]],
            "hedged": _percent(f.get("hedged_rate")), "own_voice": _percent(f.get("own_voice_share")),
            "quoted": stack, "quoted_total": total,
            "headline": {"pieces": headline_pieces(headline.get("text") or "", headline.get("stressed") or []),
                         "explanation": headline.get("explanation") or ""} if headline else None,
        })
    return cards
