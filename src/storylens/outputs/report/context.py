"""The self-contained HTML report: one `storylens.story/1` dict -> one offline HTML file.

All article-derived text is untrusted. Python only builds plain views (strings, numbers, segments);
the Jinja2 template autoescapes every value, and only http(s) URLs ever reach an href.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from storylens.cleaning.outlet import display_name
from storylens.outputs.report.briefing import briefing_view
from storylens.outputs.report.coverage import coverage_view
from storylens.outputs.report.events import events_view
from storylens.outputs.report.framing import framing_view
from storylens.outputs.report.network import network_view
from storylens.outputs.report.paging import EVERYTHING, Paging
from storylens.outputs.report.quotes import page_quotes, quotes_view
from storylens.outputs.report.text import segment_article
from storylens.outputs.report.timeline import timeline_view, timex_ordinal
from storylens.outputs.story_json import HEADING, PUBLISHED_UNKNOWN, with_derived_sections

__all__ = ["build_context", "render_report", "safe_url", "segment_article", "timex_ordinal"]

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATUS_ORDER = ("corroborated", "contested", "single-source")
PALETTE_SIZE = 8  # outlet chip colours (CSS classes chip-c0..chip-c7)
GROUP_CLAIMS = 12  # claims listed per group card; the rest are counted (each is marked in its article)

Link = Callable[[str | None, str], str]  # (article id, anchor) -> href


def anchor_link(_article: str | None, anchor: str) -> str:
    """The report's link: everything is on the one page."""
    return f"#{anchor}"


def safe_url(url: Any) -> str | None:
    """Return `url` stripped if it is an http(s) URL, else None (never link anything else)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if url.lower().startswith(("http://", "https://")) else None


class _Lookup:
    """Indexes over the contract dict shared by the view builders."""

    def __init__(self, data: dict[str, Any], link: Link = anchor_link) -> None:
        self.link = link
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
        return art.get("outlet") or (display_name(art["source"]) if art.get("source") else str(article_id))

    def chip(self, article_id: str, claim_id: str | None = None) -> dict[str, Any]:
        """An outlet chip citing one article (and, if given, jumping to one of its claims)."""
        art = self.articles.get(article_id) or {}
        name = self.outlet(article_id)
        anchor = f"claim-{claim_id}" if claim_id else f"article-{article_id}"
        return {"label": name, "article": article_id, "claim": claim_id, "quote": None,
                "colour": self.colour.get(name, 0), "title": f"{name}: {art.get('title') or article_id}",
                "known": bool(art), "href": self.link(article_id, anchor), "count": 1}

    def href(self, article_id: str | None, anchor: str) -> str:
        """Link to an anchor inside an article's text (on this page or on the article's page)."""
        return self.link(article_id, anchor)

    def claim_href(self, claim_id: str) -> str:
        """Link to a claim's sentence in its article."""
        return self.link((self.claims.get(claim_id) or {}).get("article"), f"claim-{claim_id}")

    def chips(self, article_ids: list[str], claim_ids: list[str] | None = None) -> list[dict[str, Any]]:
        """One chip per citing outlet (its first article, linked to that article's first cited claim when
        there is one); `count` says how many of the cited articles are that outlet's."""
        first_claim: dict[str, str] = {}
        for cid in claim_ids or []:
            art = (self.claims.get(cid) or {}).get("article")
            first_claim.setdefault(art, cid)
        by_outlet: dict[str, dict[str, Any]] = {}
        for a in dict.fromkeys(list(article_ids) + list(first_claim)):
            if a is None:
                continue
            name = self.outlet(a)
            if name in by_outlet:
                by_outlet[name]["count"] += 1
            else:
                by_outlet[name] = self.chip(a, first_claim.get(a))
        return list(by_outlet.values())

    def claim(self, claim_id: str) -> dict[str, Any]:
        """View of one claim: text, outlet chip, badges (missing claims are shown as such)."""
        c = self.claims.get(claim_id)
        if c is None:
            return {"id": claim_id, "text": f"(claim {claim_id} not found)", "missing": True, "chip": None,
                    "kind": "", "hedged": False, "hedges": []}
        return {"id": claim_id, "text": c.get("text", ""), "missing": False, "href": self.claim_href(claim_id),
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


def _group(g: dict[str, Any], lk: _Lookup) -> dict[str, Any]:
    """View of one claim group: headline, its first claims, independent-source count, outlet chips."""
    ids = list(g.get("claims") or [])
    claims = [lk.claim(cid) for cid in ids[:GROUP_CLAIMS]]
    headline = g.get("text") or next((c["text"] for c in claims if not c["missing"]), g.get("id", ""))
    return {"id": g.get("id", ""), "status": g.get("status", ""), "text": headline, "claims": claims,
            "more_claims": max(len(ids) - GROUP_CLAIMS, 0),
            "independent": g.get("independent_sources", 0),
            "chips": lk.chips(g.get("articles") or [], g.get("claims") or [])}


def _groups(data: dict[str, Any], lk: _Lookup, paging: Paging) -> tuple[list[dict[str, Any]], Any]:
    """Claim groups bucketed by status (corroborated, contested, single-source), one page of them."""
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    ordered = sorted(data.get("claim_groups") or [], key=lambda g: rank.get(g.get("status"), len(rank)))
    totals: dict[str, int] = {}
    for g in ordered:
        totals[g.get("status", "")] = totals.get(g.get("status", ""), 0) + 1
    shown, info = paging.take("groups", ordered)
    buckets: dict[str, list[dict[str, Any]]] = {s: [] for s in totals}
    for g in shown:
        buckets[g.get("status", "")].append(_group(g, lk))
    return [{"status": s, "groups": items, "total": totals[s]} for s, items in buckets.items()], info


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


def _entities(data: dict[str, Any], lk: _Lookup) -> list[dict[str, Any]]:
    """Entities with aliases, roles, descriptions (each citing its article) and mention counts, most-mentioned
    first."""
    views = [{"id": e.get("id", ""), "name": e.get("name", ""), "type": e.get("type", ""),
              "aliases": [a for a in e.get("aliases") or [] if a != e.get("name")],
              "roles": e.get("roles") or [],
              "descriptions": [{"text": d.get("text", ""), "chip": lk.chip(d.get("article"))}
                               for d in e.get("descriptions") or []],
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
    parts += [display_name(a["source"])] if a.get("source") and not safe_url(a.get("url")) else []
    return parts


def _articles(data: dict[str, Any], lk: _Lookup, paging: Paging,
              only: set[str] | None = None) -> tuple[list[dict[str, Any]], Any]:
    """Articles with metadata, segmented text (claims and quotes marked) and what cleaning removed."""
    shared = {}
    for key in lk.sources.values():
        shared[key] = shared.get(key, 0) + 1
    # Section headings are listed among the JSON claims (kind "heading") but are not claims to click.
    claims = _spans_by_article([c for c in data.get("claims") or [] if c.get("kind") != HEADING])
    quotes = _spans_by_article(data.get("quotes") or [])
    views = []
    listed = [a for a in data.get("articles") or [] if only is None or a["id"] in only]
    shown, info = paging.take("articles", listed)
    for a in shown:
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
    return views, info


def _warnings(data: dict[str, Any], lk: _Lookup) -> list[dict[str, Any]]:
    """Story-level warnings, with chips."""
    return [{"message": w.get("message", ""), "chip": lk.chip(w.get("article"))} for w in data.get("warnings") or []]


@dataclass(frozen=True)
class PanelInput:
    """What every panel view gets: the story dict, its lookups, the page wanted, the articles to show."""

    data: dict[str, Any]
    lk: _Lookup
    paging: Paging
    only_articles: set[str] | None


@dataclass(frozen=True)
class Panel:
    """One section of the story page: its template, and its view, which returns the context entries the
    template reads plus (for a paged list) the page info, kept under `pages[page]`."""

    template: str
    view: Callable[[PanelInput], tuple[dict[str, Any], Any]]
    page: str | None = None


def _paged(key: str, count: str, view: Callable[[PanelInput], tuple[Any, Any]], total: Callable[[dict], int]
           ) -> Callable[[PanelInput], tuple[dict[str, Any], Any]]:
    """A paged panel's view: its list under `key`, the full length under `count`."""
    def build(p: PanelInput) -> tuple[dict[str, Any], Any]:
        shown, info = view(p)
        return {key: shown, count: total(p.data)}, info
    return build


def _plain(key: str, view: Callable[[dict[str, Any], _Lookup], Any]) -> Callable[[PanelInput], tuple[dict, None]]:
    """An unpaged panel's view: one entry under `key`."""
    return lambda p: ({key: view(p.data, p.lk)}, None)


def _count(section: str) -> Callable[[dict], int]:
    return lambda data: len(data.get(section) or [])


def _timeline_panel(p: PanelInput) -> tuple[dict[str, Any], Any]:
    timeline, info = timeline_view(p.data, p.lk.chips, p.lk.claim_href, partial(p.paging.take, "timeline"))
    return {"timeline": timeline, "n_timeline": timeline["total"]}, info


def _coverage_panel(p: PanelInput) -> tuple[dict[str, Any], Any]:
    coverage, info = coverage_view(p.data, p.lk, p.paging)
    return {"coverage": coverage}, info


def _events_panel(p: PanelInput) -> tuple[dict[str, Any], Any]:
    events, info = events_view(p.data, p.lk, p.paging)
    return {"events": events}, info


# The story page, in order: the report and the app's story page include these templates (story_body.html.j2) and
# the context holds each view's entries. A new panel is one entry here plus its template.
PANELS: tuple[Panel, ...] = (
    Panel("panels/header.html.j2", _plain("header", _header)),
    Panel("panels/briefing.html.j2", _plain("briefing", briefing_view)),
    Panel("panels/events.html.j2", _events_panel, "events"),
    Panel("panels/claims.html.j2", _paged("groups", "n_groups", lambda p: _groups(p.data, p.lk, p.paging),
                                          _count("claim_groups")), "groups"),
    Panel("panels/conflicts.html.j2", _plain("conflicts", _conflicts)),
    Panel("panels/quotes.html.j2", _paged("speakers", "n_quotes",
                                          lambda p: page_quotes(quotes_view(p.data, p.lk), p.paging),
                                          _count("quotes")), "quotes"),
    Panel("panels/timeline.html.j2", _timeline_panel, "timeline"),
    Panel("panels/coverage.html.j2", _coverage_panel, "coverage"),
    Panel("panels/network.html.j2", _plain("network", network_view)),
    Panel("panels/framing.html.j2", _plain("framing", framing_view)),
    Panel("panels/entities.html.j2", _plain("entities", _entities)),
    Panel("panels/articles.html.j2", _paged("articles", "n_articles",
                                            lambda p: _articles(p.data, p.lk, p.paging, p.only_articles),
                                            _count("articles")), "articles"),
)


def build_context(data: dict[str, Any], paging: Paging = EVERYTHING, link: Link = anchor_link,
                  only_articles: set[str] | None = None) -> dict[str, Any]:
    """Turn a `storylens.story/1` dict into the plain views the story templates read (one page of each list;
    `only_articles` limits the article viewer to those ids): one entry per PANELS view, plus the page infos."""
    data = with_derived_sections(data)
    lk = _Lookup(data, link)
    panel_input = PanelInput(data, lk, paging, only_articles)
    context: dict[str, Any] = {"panels": [panel.template for panel in PANELS]}
    pages: dict[str, Any] = {}
    for panel in PANELS:
        entries, info = panel.view(panel_input)
        context.update(entries)
        if panel.page:
            pages[panel.page] = info
    return {**context, "warnings": _warnings(data, lk), "claim_status": lk.status, "claim_group": lk.group,
            "pages": pages}


def _csp_hash(source: str) -> Markup:
    """CSP source expression allowing exactly this inline script or style (base64: safe to emit as is)."""
    digest = hashlib.sha256(str(source).encode("utf-8")).digest()
    return Markup("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of the story templates (autoescaping, strict about undefined names)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["csp_hash"] = _csp_hash
    return env


@lru_cache(maxsize=1)
def assets() -> tuple[Markup, Markup]:
    """The report's static CSS and JS (trusted files shipped with the package)."""
    return (Markup((TEMPLATE_DIR / "report.css").read_text(encoding="utf-8")),
            Markup((TEMPLATE_DIR / "report.js").read_text(encoding="utf-8")))


def render_report(data: dict[str, Any]) -> str:
    """Render a `storylens.story/1` dict as one self-contained, offline HTML page."""
    css, js = assets()
    return environment().get_template("report.html.j2").render(css=css, js=js, **build_context(data))
