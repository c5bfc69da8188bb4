"""Read-only queries for browsing the store: stories with their counts, outlets and dates."""

from __future__ import annotations

import hashlib
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from storylens.store import articles, story_articles

_OK = articles.c.status == "ok"


def stories(engine: Engine) -> list[dict[str, Any]]:
    """Every story: id, article count, outlets (most articles first) and publication date range."""
    query = (sa.select(story_articles.c.story_id, articles.c.outlet, articles.c.published, articles.c.title)
             .join(articles, articles.c.id == story_articles.c.article_id).where(_OK)
             .order_by(story_articles.c.story_id, articles.c.published, articles.c.id))
    found: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for story_id, outlet, published, title in conn.execute(query):
            entry = found.setdefault(story_id, {"id": story_id, "articles": 0, "outlets": {}, "first": None,
                                                "last": None, "title": title})
            entry["articles"] += 1
            if outlet:
                entry["outlets"][outlet] = entry["outlets"].get(outlet, 0) + 1
            if published:
                entry["first"] = min(filter(None, (entry["first"], published)))
                entry["last"] = max(filter(None, (entry["last"], published)))
    for entry in found.values():
        entry["outlets"] = sorted(entry["outlets"], key=lambda o: (-entry["outlets"][o], o))
    return sorted(found.values(), key=lambda s: (s["last"] or "", s["id"]), reverse=True)


def story_key(engine: Engine, story_id: str) -> str | None:
    """A fingerprint of a story's stored articles (their content hashes); None if the story is empty."""
    query = (sa.select(articles.c.content_hash).join(story_articles, story_articles.c.article_id == articles.c.id)
             .where((story_articles.c.story_id == story_id) & _OK).order_by(articles.c.content_hash))
    with engine.connect() as conn:
        hashes = list(conn.scalars(query))
    return hashlib.sha256("\n".join(hashes).encode()).hexdigest() if hashes else None


def article_stories(engine: Engine, article_id: str) -> list[str]:
    """The stories an article is filed under."""
    query = (sa.select(story_articles.c.story_id).where(story_articles.c.article_id == article_id)
             .order_by(story_articles.c.story_id))
    with engine.connect() as conn:
        return list(conn.scalars(query))
