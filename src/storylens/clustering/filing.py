"""Stories in the store: auto-filing new articles, and the user's merge and split decisions.

Auto-filing only ever files articles that are in no story yet; it never moves a filed article. So what
a user decided stays: an article split out stays where it was put, a merged story stays merged (its
articles moved, its row points at the story it went into, and filing under its id goes there instead).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from storylens import store
from storylens.clustering import OnlineClusterer, Params, arrival_order, article_evidence, story_id_for


class StoryError(ValueError):
    """A merge or split the store cannot do (unknown story, article not in the story...)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def memberships(conn: Connection) -> dict[str, list[str]]:
    """Article id -> the stories it is filed under (sorted)."""
    found: dict[str, list[str]] = defaultdict(list)
    query = sa.select(store.story_articles.c.article_id, store.story_articles.c.story_id)
    for article_id, story_id in conn.execute(query.order_by(store.story_articles.c.story_id)):
        found[article_id].append(story_id)
    return found


def file_unfiled(engine: Engine, params: Params | None = None) -> dict[str, str]:
    """File every stored article that is in no story into the best-matching story or a new one; return the
    articles this call filed (another process filing at the same time files each article once, never twice)."""
    with engine.connect() as conn:
        filed = memberships(conn)
    clusterer, unfiled = OnlineClusterer(params), []
    for article in arrival_order(store.load_articles(engine)):
        if article.id in filed:
            clusterer.add(article_evidence(article), filed[article.id][0])
        else:
            unfiled.append(article)
    placed = {a.id: clusterer.assign(article_evidence(a)) for a in unfiled}
    titles = {a.id: a.title for a in unfiled}
    with store._writing(engine) as conn:
        store.lock_stories(conn)
        # Placed from a snapshot read without the lock: another `add` may have filed some since. Those stay
        # where it put them (inserting them again was the UNIQUE-constraint crash of two concurrent runs).
        filed_now = memberships(conn)
        placed = {a: s for a, s in placed.items() if a not in filed_now}
        for article_id, story_id in placed.items():
            _ensure_story(conn, story_id, titles[article_id], "auto")
            conn.execute(store.story_articles.insert().values(story_id=story_id, article_id=article_id))
    return placed


def _ensure_story(conn: Connection, story_id: str, title: str | None, origin: str) -> None:
    if conn.scalar(sa.select(store.stories.c.id).where(store.stories.c.id == story_id)) is None:
        conn.execute(store.stories.insert().values(id=story_id, title=title, created=_now(), origin=origin))


def resolve_story(engine: Engine, story_id: str) -> str:
    """The story an id stands for now: a merged story's id leads to the story it was merged into."""
    seen = {story_id}
    with engine.connect() as conn:
        while True:
            target = conn.scalar(sa.select(store.stories.c.merged_into).where(store.stories.c.id == story_id))
            if not target or target in seen:
                return story_id
            seen.add(target)
            story_id = target


def list_stories(engine: Engine) -> list[dict[str, Any]]:
    """Every story with its title, origin and number of articles (merged-away stories included, empty)."""
    links = store.story_articles
    with engine.connect() as conn:
        counts = dict(conn.execute(sa.select(links.c.story_id, sa.func.count()).group_by(links.c.story_id)).all())
        rows = {r.id: r for r in conn.execute(sa.select(store.stories))}
    result = []
    for story_id in sorted(counts.keys() | rows.keys(), key=lambda s: (-counts.get(s, 0), s)):
        row = rows.get(story_id)
        result.append({"id": story_id, "title": row.title if row else None, "articles": counts.get(story_id, 0),
                       "origin": row.origin if row else "user", "merged_into": row.merged_into if row else None})
    return result


def story_members(conn: Connection, story_id: str) -> list[str]:
    """Article ids filed under a story."""
    links = store.story_articles
    return list(conn.scalars(sa.select(links.c.article_id).where(links.c.story_id == story_id)
                             .order_by(links.c.article_id)))


def merge_stories(engine: Engine, keep: str, gone: str) -> int:
    """Move every article of story `gone` into `keep` and remember it; return how many moved."""
    keep, gone = resolve_story(engine, keep), resolve_story(engine, gone)
    if keep == gone:
        raise StoryError(f"stories '{keep}' and '{gone}' are already one story")
    with store._writing(engine) as conn:
        store.lock_stories(conn)
        moving = story_members(conn, gone)
        if not moving:
            raise StoryError(f"story '{gone}' has no articles")
        if not story_members(conn, keep):
            raise StoryError(f"story '{keep}' has no articles")
        _move(conn, moving, gone, keep)
        _ensure_story(conn, gone, None, "user")
        _ensure_story(conn, keep, None, "user")
        conn.execute(store.stories.update().where(store.stories.c.id == gone).values(merged_into=keep))
        conn.execute(store.story_decisions.insert().values(kind="merge", story_id=gone, target_id=keep,
                                                           decided_at=_now()))
    return len(moving)


def split_story(engine: Engine, story_id: str, article_ids: Iterable[str]) -> str:
    """Move the given articles of a story into a new story and remember it; return the new story's id."""
    story_id, chosen = resolve_story(engine, story_id), sorted(set(article_ids))
    with store._writing(engine) as conn:
        store.lock_stories(conn)
        members = story_members(conn, story_id)
        missing = [a for a in chosen if a not in members]
        if missing:
            raise StoryError(f"not in story '{story_id}': {', '.join(missing)}")
        if not chosen or len(chosen) == len(members):
            raise StoryError("a split must leave at least one article on each side")
        new_id = story_id_for(f"split:{story_id}:{','.join(chosen)}")
        title = conn.scalar(sa.select(store.articles.c.title).where(store.articles.c.id == chosen[0]))
        _ensure_story(conn, new_id, title, "user")
        _move(conn, chosen, story_id, new_id)
        conn.execute(store.story_decisions.insert(), [
            {"kind": "split", "story_id": story_id, "target_id": new_id, "article_id": a, "decided_at": _now()}
            for a in chosen])
    return new_id


def _move(conn: Connection, article_ids: list[str], source: str, target: str) -> None:
    links = store.story_articles
    conn.execute(links.delete().where((links.c.story_id == source) & links.c.article_id.in_(article_ids)))
    present = set(story_members(conn, target))
    rows = [{"story_id": target, "article_id": a} for a in article_ids if a not in present]
    if rows:
        conn.execute(links.insert(), rows)

