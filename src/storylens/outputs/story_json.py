"""Build `storylens.story/1` JSON from processed Articles and a Story (the contract in DESIGN.md)."""

from __future__ import annotations

from typing import Any

from storylens import SCHEMA
from storylens.ids import claim_id, heading_id
from storylens.model import Article, Span, Story

# Shown wherever an article has no publication date (JSON `warnings`, the report's article header).
PUBLISHED_UNKNOWN = "publication date unknown — relative dates (yesterday, on Tuesday) left unresolved"
# Claim kind of a section heading in the JSON `claims` list (issue 5). Headings are never in the internal
# `claims` layer, so grouping, conflicts, timeline, briefing, framing, stance and search never see them.
HEADING = "heading"


def article_record(article: Article) -> dict[str, Any]:
    """The contract's article record (also the `extract` and `export` line)."""
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "author": article.author,
        "published": article.published,
        "published_source": article.published_source,
        "published_confidence": article.published_confidence,
        "language": article.language,
        "url": article.url,
        "text": article.text,
        "removed": [{"text": r["text"], "reason": r["reason"]} for r in article.removed],
        "times": [time_record(article, t) for t in article.layer("times")],
    }


def time_record(article: Article, span: Span) -> dict[str, Any]:
    """A time expression in the contract's shape."""
    return {"start": span.start, "end": span.end, "text": article.span_text(span),
            "value": span.attrs.get("value"), "type": span.label,
            "precision": span.attrs.get("precision"), "resolved_from": span.attrs.get("resolved_from")}


def claim_records(article: Article) -> list[dict[str, Any]]:
    """The contract's claim records for one article."""
    return [
        {"id": claim_id(article.id, i), "article": article.id, "start": c.start, "end": c.end,
         "text": article.span_text(c), "kind": c.label, "hedged": bool(c.attrs.get("hedged")),
         "hedges": c.attrs.get("hedges", []), "voice": c.attrs.get("voice"),
         "numbers": c.attrs.get("numbers", []), "quote": c.attrs.get("quote"), "when": claim_when(c)}
        for i, c in enumerate(article.layer("claims"))
    ]


def heading_records(article: Article) -> list[dict[str, Any]]:
    """The article's section headings as claim records of kind "heading" (never hedged, never dated)."""
    return [
        {"id": heading_id(article.id, i), "article": article.id, "start": h.start, "end": h.end,
         "text": article.span_text(h), "kind": HEADING, "hedged": False, "hedges": [], "voice": None,
         "numbers": [], "quote": None, "when": claim_when(h)}
        for i, h in enumerate(article.layer("headings")) if not _is_title(article, h)
    ]


def _is_title(article: Article, heading: Span) -> bool:
    """True for a headline that stayed in the text: it is already the record's `title`, so not listed twice."""
    def key(value: str) -> str:
        return "".join(ch for ch in value.casefold() if ch.isalnum())

    return bool(article.title) and key(article.span_text(heading)) == key(article.title or "")


def article_claims(article: Article) -> list[dict[str, Any]]:
    """The JSON `claims` of one article: its claims and section headings, in text order."""
    return sorted(claim_records(article) + heading_records(article), key=lambda c: c["start"])


def claim_when(claim: Span) -> dict[str, Any]:
    """When the claim's event happened (`claim_times` stage); "none" for claims stored before it ran."""
    when = claim.attrs.get("when")
    if not when:
        return {"value": None, "precision": None, "source": "none", "confidence": 0.0}
    return {key: when.get(key) for key in ("value", "precision", "source", "confidence")}


def publication_warnings(articles: list[dict[str, Any]]) -> list[dict[str, str]]:
    """A warning per article record without a publication date: its relative dates stayed unresolved."""
    return [{"article": a["id"], "message": PUBLISHED_UNKNOWN} for a in articles if not a.get("published")]


def source_fields(article_id: str, results: dict[str, Any]) -> dict[str, Any]:
    """`source_group` (syndicated copies share it) and `duplicate_of` (the near-identical original, or None)."""
    return {"source_group": results.get("sources", {}).get(article_id, article_id),
            "duplicate_of": results.get("duplicates", {}).get(article_id)}


# Story-level sections beyond the contract's required ones, written when their stages ran.
ADDITIVE_SECTIONS = ("attributions", "statements", "coverage", "framing", "briefing")


def story_to_json(story: Story) -> dict[str, Any]:
    """The whole story as one `storylens.story/1` object."""
    results = story.results
    articles = [article_record(a) | source_fields(a.id, results) for a in story.articles]
    return {
        "schema": SCHEMA,
        "story": {"id": story.id, "title": story.title},
        "articles": articles,
        "sources": results.get("sources", {}),
        "entities": results.get("entities", []),
        "quotes": results.get("quotes", []),
        "claims": [c for a in story.articles for c in article_claims(a)],
        "claim_groups": results.get("claim_groups", []),
        "events": results.get("events", []),
        "conflicts": results.get("conflicts", []),
        "timeline": results.get("timeline", []),
        "summary": results.get("summary", []),
        **{key: results[key] for key in ADDITIVE_SECTIONS if key in results},
        "warnings": publication_warnings(articles),
    }


def with_derived_sections(data: dict[str, Any]) -> dict[str, Any]:
    """A story dict with what an older document lacks derived as the builder derives it: `statements` from its
    quotes, `warnings` from its articles (so the shells read the contract only, with no fallbacks of their own)."""
    derived: dict[str, Any] = {}
    if data.get("statements") is None:
        # Imported here: statements loads spaCy's name words, which `extract --text-only` must not pay for.
        from storylens.stages.story.statements import statements_of

        outlets = {a["id"]: a.get("outlet") for a in data.get("articles") or []}
        derived["statements"] = statements_of(data.get("quotes") or [], outlets, data.get("sources") or {})
    if data.get("warnings") is None:
        derived["warnings"] = publication_warnings(data.get("articles") or [])
    return {**data, **derived} if derived else data


def statement_wording(statement: dict[str, Any], quotes: dict[str, dict[str, Any]]) -> tuple[str, str]:
    """What to show for a statement, and whether it goes in quotation marks ("direct") or not ("indirect").

    A statement's `text` is its fullest wording, which may be one outlet's reported speech around the words
    another outlet quotes directly ('he was “very proud to announce” what he called ...'): shown in quotation
    marks, that puts narration in the speaker's mouth. So a statement any article quotes directly shows its
    fullest direct quote (`quotes`: the contract's quotes by id); one only reported shows its text, unmarked.
    """
    direct = [q["text"] for q in (quotes.get(qid) or {} for qid in statement.get("quotes") or [])
              if q.get("kind") == "direct" and q.get("text")]
    return (max(direct, key=len), "direct") if direct else (statement.get("text") or "", "indirect")


def extract_record(article: Article) -> dict[str, Any]:
    """An article record plus its own annotations (sentences skipped): the `extract --jsonl` line."""
    record = article_record(article)
    record["entities"] = [{"start": e.start, "end": e.end, "type": e.label, "text": article.span_text(e),
                           **e.attrs} for e in article.layer("entities")]
    record["quotes"] = [{"start": q.start, "end": q.end, "kind": q.label, "text": article.span_text(q),
                         **q.attrs} for q in article.layer("quotes")]
    record["attributions"] = [{"start": a.start, "end": a.end, "kind": a.label, "text": article.span_text(a),
                               **a.attrs} for a in article.layer("attributions")]
    record["claims"] = article_claims(article)
    return record
