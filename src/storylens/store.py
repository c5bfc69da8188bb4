"""The article store: SQLAlchemy Core over SQLite (default) or PostgreSQL, with ordered migrations.

Articles are keyed by content hash, so adding the same article twice stores it once, and each article
is written in its own transaction, so a crash never leaves half of one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from storylens.model import Article
from storylens.serialize import article_from_dict, article_to_dict, vectors_from_bytes, vectors_to_bytes

DEFAULT_DB = "sqlite:///storylens.db"
metadata = sa.MetaData()

schema_migrations = sa.Table(
    "schema_migrations", metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.String(40), nullable=False),
)
articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("outlet", sa.Text), sa.Column("title", sa.Text), sa.Column("author", sa.Text),
    sa.Column("published", sa.String(10)), sa.Column("language", sa.String(16)), sa.Column("url", sa.Text),
    sa.Column("status", sa.String(16), nullable=False),  # "ok" or "failed"
    sa.Column("error", sa.Text),
    sa.Column("record", sa.Text, nullable=False),  # JSON of the processed Article (text + layers)
    sa.Column("vectors", sa.LargeBinary),
    sa.Column("added_at", sa.String(40), nullable=False),
)
story_articles = sa.Table(
    "story_articles", metadata,
    sa.Column("story_id", sa.String(200), primary_key=True),
    sa.Column("article_id", sa.String(200), sa.ForeignKey("articles.id"), primary_key=True),
)


def _create_v1(conn: Connection) -> None:
    for table in (articles, story_articles):
        table.create(conn, checkfirst=True)


# Ordered migrations: append, never edit a released one. Each runs in its own transaction.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "articles and story membership", _create_v1),
]


def connect(url: str = DEFAULT_DB) -> Engine:
    """Open (creating if needed) the store at `url` and bring its schema up to date."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine)
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets readers work while a batch writes; the busy timeout makes a second writer wait, not fail.
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> int:
    """Apply pending migrations; return the schema version."""
    with engine.begin() as conn:
        schema_migrations.create(conn, checkfirst=True)
        done = set(conn.scalars(sa.select(schema_migrations.c.version)))
    for version, name, apply in MIGRATIONS:
        if version in done:
            continue
        with engine.begin() as conn:
            apply(conn)
            conn.execute(schema_migrations.insert().values(version=version, name=name, applied_at=_now()))
    return max(v for v, _, _ in MIGRATIONS)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _row(article: Article, error: str | None) -> dict[str, Any]:
    return {
        "content_hash": article.content_hash, "source": article.source,
        "outlet": article.outlet, "title": article.title, "author": article.author,
        "published": article.published, "language": article.language, "url": article.url,
        "status": "failed" if error else "ok", "error": error,
        "record": json.dumps(article_to_dict(article), ensure_ascii=False),
        "vectors": vectors_to_bytes(article.vectors) if article.vectors else None, "added_at": _now(),
    }


def save_article(engine: Engine, article: Article, story_id: str | None = None,
                 error: str | None = None) -> bool:
    """Store one processed (or failed) article in one transaction; False if its content was stored."""
    with engine.begin() as conn:
        found = conn.execute(sa.select(articles.c.id, articles.c.status).where(
            articles.c.content_hash == article.content_hash)).first()
        retry_succeeded = found is not None and found.status == "failed" and error is None
        if found is None:
            conn.execute(articles.insert().values(id=article.id, **_row(article, error)))
        elif retry_succeeded:
            # A retry that now succeeds replaces the failure record.
            conn.execute(articles.update().where(articles.c.id == found.id).values(**_row(article, error)))
        if story_id and error is None:
            _link(conn, story_id, found.id if found else article.id)
    return found is None or retry_succeeded


def link_to_story(engine: Engine, story_id: str, article_id: str) -> None:
    """File an already stored article under a story (no-op if it is there already)."""
    with engine.begin() as conn:
        _link(conn, story_id, article_id)


def _link(conn: Connection, story_id: str, article_id: str) -> None:
    linked = conn.scalar(sa.select(sa.func.count()).select_from(story_articles).where(
        (story_articles.c.story_id == story_id) & (story_articles.c.article_id == article_id)))
    if not linked:
        conn.execute(story_articles.insert().values(story_id=story_id, article_id=article_id))


def load_articles(engine: Engine, story_id: str | None = None, hashes: set[str] | None = None,
                  status: str = "ok") -> Iterator[Article]:
    """Stored articles (all, one story's, or those with given content hashes), oldest first."""
    query = sa.select(articles.c.record, articles.c.vectors).where(articles.c.status == status)
    if story_id is not None:
        query = query.join(story_articles, story_articles.c.article_id == articles.c.id).where(
            story_articles.c.story_id == story_id)
    if hashes is not None:
        query = query.where(articles.c.content_hash.in_(sorted(hashes)))
    with engine.connect() as conn:
        for record, blob in conn.execute(query.order_by(articles.c.added_at, articles.c.id)):
            yield article_from_dict(json.loads(record), vectors_from_bytes(blob))
