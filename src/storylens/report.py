"""The self-contained HTML report: one `storylens.story/1` dict -> one offline HTML file.

All article-derived text is untrusted. Python only builds plain views (strings, numbers, segments);
the Jinja2 template autoescapes every value, and only http(s) URLs ever reach an href.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from storylens.output import PUBLISHED_UNKNOWN, publication_warnings
from storylens.report_timeline import timeline_view, timex_ordinal
from storylens.textspans import paragraph_ranges

__all__ = ["build_context", "render_report", "safe_url", "segment_article", "timex_ordinal"]

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATUS_ORDER = ("corroborated", "contested", "single-source")
PALETTE_SIZE = 8  # outlet chip colours (CSS classes chip-c0..chip-c7)

Segment = dict[str, Any]


def safe_url(url: Any) -> str | None:
    """Return `url` stripped if it is an http(s) URL, else None (never link anything else)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if url.lower().startswith(("http://", "https://")) else None


def _non_overlapping(spans: list[tuple[int, int, str]], length: int) -> list[tuple[int, int, str]]:
    """Keep valid spans in text order, dropping any that overlap an earlier kept one."""
    kept: list[tuple[int, int, str]] = []
    for start, end, ident in sorted(s for s in spans if 0 <= s[0] < s[1] <= length):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, ident))
    return kept


def _cut(start: int, end: int, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str | None]]:
    """Cut [start, end) into consecutive pieces, each inside one span (its id) or in none (None)."""
    pieces: list[tuple[int, int, str | None]] = []
    pos = start
    for s_start, s_end, ident in spans:
        lo, hi = max(s_start, start), min(s_end, end)
        if lo >= hi:
            continue
        if lo > pos:
            pieces.append((pos, lo, None))
        pieces.append((lo, hi, ident))
        pos = hi
    if pos < end:
        pieces.append((pos, end, None))
    return pieces


def segment_article(text: str, claims: list[tuple[int, int, str]],
                    quotes: list[tuple[int, int, str]] | None = None) -> list[list[Segment]]:
    """Cut `text` into paragraphs of runs `{claim, first, pieces: [{text, quote, first}]}` (raw text)."""
    claims = _non_overlapping(list(claims), len(text))
    quotes = _non_overlapping(list(quotes or []), len(text))
    seen: set[tuple[str, str]] = set()
    paragraphs = []
    for p_start, p_end in paragraph_ranges(text):
        runs = []
        for r_start, r_end, claim in _cut(p_start, p_end, claims):
            pieces = []
            for q_start, q_end, quote in _cut(r_start, r_end, quotes):
                first = _first(seen, "q", quote)
                pieces.append({"text": text[q_start:q_end], "quote": quote, "first": first})
            runs.append({"claim": claim, "first": _first(seen, "c", claim), "pieces": pieces})
        paragraphs.append(runs)
    return paragraphs


def _first(seen: set[tuple[str, str]], prefix: str, ident: str | None) -> bool:
    """True the first time `ident` is met (so the element id is emitted once when a span is split)."""
    if ident is None or (prefix, ident) in seen:
        return False
    seen.add((prefix, ident))
    return True


class _Lookup:
    """Indexes over the contract dict shared by the view builders."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.articles = {a["id"]: a for a in data.get("articles") or []}
        self.claims = {c["id"]: c for c in data.get("claims") or []}
        self.sources = data.get("sources") or {}
        outlets = list(dict.fromkeys(self.outlet(a) for a in self.articles))
        self.colour = {name: i % PALETTE_SIZE for i, name in enumerate(outlets)}
        groups = data.get("claim_groups") or []
        self.status = {cid: g.get("status") for g in groups for cid in g.get("claims") or []}
        self.group = {cid: g.get("id") for g in groups for cid in g.get("claims") or []}

    def outlet(self, article_id: str) -> str:
        """Display name of an article's outlet (falls back to its source, then its id)."""
        art = self.articles.get(article_id) or {}
        return art.get("outlet") or art.get("source") or str(article_id)

    def chip(self, article_id: str, claim_id: str | None = None) -> dict[str, Any]:
        """An outlet chip citing one article (and, if given, jumping to one of its claims)."""
        art = self.articles.get(article_id) or {}
        name = self.outlet(article_id)
        return {"label": name, "article": article_id, "claim": claim_id, "quote": None,
                "colour": self.colour.get(name, 0), "title": f"{name}: {art.get('title') or article_id}",
                "known": bool(art)}

    def chips(self, article_ids: list[str], claim_ids: list[str] | None = None) -> list[dict[str, Any]]:
        """One chip per cited article, linked to that article's first cited claim when there is one."""
        first_claim: dict[str, str] = {}
        for cid in claim_ids or []:
            art = (self.claims.get(cid) or {}).get("article")
            first_claim.setdefault(art, cid)
        ids = list(dict.fromkeys(list(article_ids) + list(first_claim)))
        return [self.chip(a, first_claim.get(a)) for a in ids if a is not None]

    def claim(self, claim_id: str) -> dict[str, Any]:
        """View of one claim: text, outlet chip, badges (missing claims are shown as such)."""
        c = self.claims.get(claim_id)
        if c is None:
            return {"id": claim_id, "text": f"(claim {claim_id} not found)", "missing": True, "chip": None,
                    "kind": "", "hedged": False, "hedges": []}
        return {"id": claim_id, "text": c.get("text", ""), "missing": False,
                "chip": self.chip(c.get("article"), claim_id), "kind": c.get("kind") or "",
                "hedged": bool(c.get("hedged")), "hedges": c.get("hedges") or []}


def _header(data: dict[str, Any], lk: _Lookup) -> dict[str, Any]:
    """Story title, article count, outlets and the publication date range."""
    story = data.get("story") or {}
    articles = data.get("articles") or []
    titles = [a.get("title") for a in articles if a.get("title")]
    dates = sorted(a["published"] for a in articles if a.get("published"))
    return {"title": story.get("title") or (titles[0] if titles else "Untitled story"),
            "story_id": story.get("id"), "count": len(articles),
            "outlets": [{"label": name, "colour": i} for name, i in lk.colour.items()],
            "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
            "schema": data.get("schema", "")}


def _summary(data: dict[str, Any], lk: _Lookup) -> list[dict[str, Any]]:
    """Summary sentences with the claims and outlet chips that back them."""
    return [{"text": s.get("text", ""), "claims": list(s.get("claims") or []),
             "chips": lk.chips(s.get("articles") or [], s.get("claims") or [])}
            for s in data.get("summary") or []]


def _groups(data: dict[str, Any], lk: _Lookup) -> list[dict[str, Any]]:
    """Claim groups bucketed by status: corroborated, then contested, then single-source."""
    buckets: dict[str, list[dict[str, Any]]] = {s: [] for s in STATUS_ORDER}
    for g in data.get("claim_groups") or []:
        claims = [lk.claim(cid) for cid in g.get("claims") or []]
        headline = g.get("text") or next((c["text"] for c in claims if not c["missing"]), g.get("id", ""))
        view = {"id": g.get("id", ""), "status": g.get("status", ""), "text": headline, "claims": claims,
                "independent": g.get("independent_sources", 0),
                "chips": lk.chips(g.get("articles") or [], g.get("claims") or [])}
        buckets.setdefault(view["status"], []).append(view)
    return [{"status": s, "groups": items} for s, items in buckets.items()]


def _values(values: Any) -> str:
    """Conflicting values as one readable line."""
    if isinstance(values, dict):
        return "; ".join(f"{k}: {v}" for k, v in values.items())
    if isinstance(values, list):
        return " vs ".join(str(v) for v in values)
    return ""


def _conflicts(data: dict[str, Any], lk: _Lookup) -> list[dict[str, Any]]:
    """Conflicts with both sides' claim views."""
    return [{"id": x.get("id", ""), "kind": x.get("kind", ""), "explanation": x.get("explanation", ""),
             "values_text": _values(x.get("values")), "sides": [lk.claim(cid) for cid in x.get("claims") or []]}
            for x in data.get("conflicts") or []]


def _quotes(data: dict[str, Any], lk: _Lookup) -> list[dict[str, Any]]:
    """Quotes grouped by speaker display name, most-quoted speaker first."""
    speakers: dict[str, dict[str, Any]] = {}
    for q in data.get("quotes") or []:
        sp = q.get("speaker") or {}
        name = sp.get("name") or sp.get("text") or "Unknown speaker"
        entry = speakers.setdefault(name, {"name": name, "entity": sp.get("entity"), "quotes": []})
        entry["quotes"].append({"id": q.get("id", ""), "text": q.get("text", ""), "kind": q.get("kind", ""),
                                "cue": q.get("cue") or "", "as_written": sp.get("text") or "",
                                "chip": {**lk.chip(q.get("article")), "quote": q.get("id")}})
    return sorted(speakers.values(), key=lambda s: (-len(s["quotes"]), s["name"].lower()))


def _entities(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Entities with alias list and mention counts, most-mentioned first."""
    views = [{"id": e.get("id", ""), "name": e.get("name", ""), "type": e.get("type", ""),
              "aliases": [a for a in e.get("aliases") or [] if a != e.get("name")],
              "mentions": len(e.get("mentions") or []),
              "articles": len({m.get("article") for m in e.get("mentions") or []})}
             for e in data.get("entities") or []]
    return sorted(views, key=lambda v: (-v["mentions"], v["name"].lower()))


def _spans_by_article(items: list[dict[str, Any]]) -> dict[str, list[tuple[int, int, str]]]:
    """(start, end, id) of claims or quotes, per article, ignoring malformed offsets."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for i in items:
        if isinstance(i.get("start"), int) and isinstance(i.get("end"), int):
            spans.setdefault(i.get("article"), []).append((i["start"], i["end"], str(i.get("id"))))
    return spans


def _confidence(value: Any) -> str:
    """A 0..1 confidence as text with two decimals ("" when absent or not a number)."""
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return f"{value:.2f}" if ok else ""


def _article_meta(a: dict[str, Any]) -> list[str]:
    """Byline pieces: author, date (with where it came from and how sure), language, id, source."""
    date_text = a.get("published") or "date unknown"
    origin = [f"date from {a.get('published_source') or 'an unknown source'}"] if a.get("published") else []
    confidence = _confidence(a.get("published_confidence"))
    origin += [f"confidence {confidence}"] if a.get("published") and confidence else []
    parts = [f"by {a['author']}"] if a.get("author") else []
    parts.append(f"{date_text} ({', '.join(origin)})" if origin else date_text)
    parts += [a["language"]] if a.get("language") else []
    parts.append(f"id {a['id']}")
    parts += [a["source"]] if a.get("source") and not safe_url(a.get("url")) else []
    return parts


def _articles(data: dict[str, Any], lk: _Lookup) -> list[dict[str, Any]]:
    """Articles with metadata, segmented text (claims and quotes marked) and what cleaning removed."""
    shared = {}
    for key in lk.sources.values():
        shared[key] = shared.get(key, 0) + 1
    claims = _spans_by_article(data.get("claims") or [])
    quotes = _spans_by_article(data.get("quotes") or [])
    views = []
    for a in data.get("articles") or []:
        key = lk.sources.get(a["id"])
        views.append({
            "id": a["id"], "title": a.get("title") or "(untitled)", "outlet": lk.outlet(a["id"]),
            "colour": lk.colour.get(lk.outlet(a["id"]), 0), "meta": _article_meta(a),
            "url": safe_url(a.get("url")) or safe_url(a.get("source")),
            "syndicated": key if key is not None and shared.get(key, 0) > 1 else None,
            "date_warning": None if a.get("published") else PUBLISHED_UNKNOWN,
            "paragraphs": segment_article(a.get("text") or "", claims.get(a["id"], []), quotes.get(a["id"], [])),
            "removed": [{"text": r.get("text", ""), "reason": r.get("reason", "")}
                        for r in a.get("removed") or []],
        })
    return views


def _warnings(data: dict[str, Any], lk: _Lookup) -> list[dict[str, Any]]:
    """Story-level warnings (the JSON's, or derived from the articles for older documents), with chips."""
    warnings = data.get("warnings")
    if warnings is None:
        warnings = publication_warnings(data.get("articles") or [])
    return [{"message": w.get("message", ""), "chip": lk.chip(w.get("article"))} for w in warnings]


def build_context(data: dict[str, Any]) -> dict[str, Any]:
    """Turn a `storylens.story/1` dict into the plain views the report template reads."""
    lk = _Lookup(data)
    return {"header": _header(data, lk), "summary": _summary(data, lk), "groups": _groups(data, lk),
            "n_groups": len(data.get("claim_groups") or []), "conflicts": _conflicts(data, lk),
            "speakers": _quotes(data, lk), "n_quotes": len(data.get("quotes") or []),
            "timeline": timeline_view(data, lk.chips), "entities": _entities(data), "articles": _articles(data, lk),
            "warnings": _warnings(data, lk), "claim_status": lk.status, "claim_group": lk.group}


def _csp_hash(source: str) -> Markup:
    """CSP source expression allowing exactly this inline script or style (base64: safe to emit as is)."""
    digest = hashlib.sha256(str(source).encode("utf-8")).digest()
    return Markup("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["csp_hash"] = _csp_hash
    return env


def render_report(data: dict[str, Any]) -> str:
    """Render a `storylens.story/1` dict as one self-contained, offline HTML page."""
    return _environment().get_template("report.html.j2").render(**build_context(data))
