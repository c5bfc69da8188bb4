"""The article store: SQLAlchemy Core over SQLite (default) or PostgreSQL, with ordered migrations.

Articles are keyed by content hash, so adding the same article twice stores it once, and each article
is written in its own transaction, so a crash never leaves half of one.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from storylens.model import Article
from storylens.settings import FIELD_LIMITS
from storylens.store.codec import article_from_dict, article_to_dict, vectors_from_bytes, vectors_to_bytes
from storylens.store.fulltext import create_index

DEFAULT_DB = "sqlite:///storylens.db"
T = TypeVar("T")
metadata = sa.MetaData()

schema_migrations = sa.Table(
    "schema_migrations", metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.String(40), nullable=False),
)
articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.String(FIELD_LIMITS["id"]), primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("outlet", sa.Text), sa.Column("title", sa.Text), sa.Column("author", sa.Text),
    sa.Column("published", sa.String(FIELD_LIMITS["published"])),
    sa.Column("language", sa.String(FIELD_LIMITS["language"])),
    sa.Column("url", sa.Text),
    sa.Column("status", sa.String(16), nullable=False),  # "ok" or "failed"
    sa.Column("error", sa.Text),
    sa.Column("record", sa.Text, nullable=False),  # JSON of the processed Article (text + layers)
    sa.Column("vectors", sa.LargeBinary),
    sa.Column("added_at", sa.String(40), nullable=False),
)
story_articles = sa.Table(
    "story_articles", metadata,
    sa.Column("story_id", sa.String(FIELD_LIMITS["story"]), primary_key=True),
    sa.Column("article_id", sa.String(FIELD_LIMITS["id"]), sa.ForeignKey("articles.id"), primary_key=True),
)
stories = sa.Table(  # one row per story; `merged_into` set when a user merged it into another
    "stories", metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("created", sa.String(40), nullable=False),
    sa.Column("origin", sa.String(16), nullable=False),  # "auto" (clustering), "user" (--story, split)
    sa.Column("merged_into", sa.String(200)),
)
story_decisions = sa.Table(  # the user's split/merge decisions, in order; clustering never undoes them
    "story_decisions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),  # "merge" or "split"
    sa.Column("story_id", sa.String(200), nullable=False),  # merged away / split from
    sa.Column("target_id", sa.String(200), nullable=False),  # merged into / split into
    sa.Column("article_id", sa.String(200)),  # the moved article (split only)
    sa.Column("decided_at", sa.String(40), nullable=False),
)


def _create_v1(conn: Connection) -> None:
    for table in (articles, story_articles):
        table.create(conn, checkfirst=True)


def _create_stories_v3(conn: Connection) -> None:
    for table in (stories, story_decisions):
        table.create(conn, checkfirst=True)
    # Stories filed before this migration get their row (user-named: they came from --story).
    known = sa.select(story_articles.c.story_id).distinct()
    conn.execute(stories.insert().from_select(
        ["id", "created", "origin"], sa.select(known.subquery().c.story_id, sa.literal(_now()), sa.literal("user"))))


# Ordered migrations: append, never edit a released one. Each runs in its own transaction.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "articles and story membership", _create_v1),
    (2, "full-text search index (FTS5 / tsvector)", create_index),
    (3, "stories and users' split/merge decisions", _create_stories_v3),
]


def connect(url: str = DEFAULT_DB) -> Engine:
    """Open (creating if needed) the store at `url` and bring its schema up to date."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(engine_url(url), future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    migrate(engine)
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets readers work while a batch writes; the busy timeout makes a second writer wait, not fail. The
    # timeout comes first: switching to WAL takes a lock too, and under load the driver's 5 s default ran out
    # while another process held it ("database is locked" from two `add` runs on a busy 2-core machine).
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # The sqlite3 module would open transactions itself, but not before DDL (so a migration killed
    # half-way stayed half-applied); with this off, `_sqlite_begin` starts every transaction.
    dbapi_conn.isolation_level = None


def _sqlite_begin(conn: Connection) -> None:
    # Writers take the write lock up front (IMMEDIATE) and so wait their turn under the busy timeout;
    # a deferred transaction that reads first and writes later fails at once ("database is locked")
    # when another process committed in between. Readers stay deferred and never block writers (WAL).
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


_WRITE = "storylens_write"
LOCK_RETRIES = 5  # each attempt first waits out the busy timeout


def _writing(engine: Engine) -> Any:
    """A write transaction (`with _writing(engine) as conn:`); on SQLite it starts BEGIN IMMEDIATE."""
    return engine.execution_options(**{_WRITE: True}).begin()


def _retry_locked(work: Callable[[], T]) -> T:
    """Run a whole write transaction again while SQLite still reports "database is locked"."""
    for attempt in range(1, LOCK_RETRIES + 1):
        try:
            return work()
        except sa.exc.OperationalError as exc:
            if "database is locked" not in str(exc) or attempt == LOCK_RETRIES:
                raise
            time.sleep(random.uniform(0.05, 0.5) * attempt)  # jitter: two waiting writers do not collide again
    raise AssertionError("unreachable")


def engine_url(url: str) -> sa.URL:
    """Parse a store URL; plain `postgresql://` (and `postgres://`) use the psycopg 3 driver."""
    parsed = sa.make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def migrate(engine: Engine) -> int:
    """Apply pending migrations; return the schema version."""
    with _writing(engine) as conn:
        _serialise_migrations(conn)
        schema_migrations.create(conn, checkfirst=True)
    for version, name, apply in MIGRATIONS:
        with _writing(engine) as conn:
            _serialise_migrations(conn)
            # Looked up inside the locked transaction: another process may have just applied it.
            if conn.scalar(sa.select(schema_migrations.c.version).where(
                    schema_migrations.c.version == version)) is not None:
                continue
            apply(conn)
            conn.execute(schema_migrations.insert().values(version=version, name=name, applied_at=_now()))
    return max(v for v, _, _ in MIGRATIONS)


def _serialise_migrations(conn: Connection) -> None:
    # Several processes may open a fresh PostgreSQL store at once; a transaction-scoped advisory lock
    # makes them migrate one after another (PostgreSQL DDL is transactional, so the loser sees it done).
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(4715)"))


def lock_stories(conn: Connection) -> None:
    """Serialise story filing, merges and splits between processes, for the rest of this write transaction.

    SQLite's write transactions (BEGIN IMMEDIATE) already run one at a time; on PostgreSQL a transaction-scoped
    advisory lock does the same, so a filer that waited sees what the other one filed."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(4716)"))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class RecordRefused(ValueError):
    """An article the store cannot keep as it is (a field over its limit); the message says which."""


def check_limits(article: Article, story_id: str | None = None) -> None:
    """Raise RecordRefused when a field is longer than its column (settings.FIELD_LIMITS), or holds NUL.

    PostgreSQL enforces both and SQLite neither; checked here so the two stores keep the same records."""
    values = {"id": article.id, "language": article.language, "published": article.published, "story": story_id}
    for name, value in values.items():
        if value is not None and len(value) > FIELD_LIMITS[name]:
            raise RecordRefused(f"'{name}' is {len(value):,} characters long; at most {FIELD_LIMITS[name]} are stored")
    for name in ("source", "outlet", "title", "author", "url", "text"):
        if "\x00" in (getattr(article, name) or ""):
            raise RecordRefused(f"'{name}' holds a NUL character")


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
    """Store one processed (or failed) article in one transaction; False if its content was stored.

    Raises RecordRefused (before writing) for a field over its limit: both databases refuse the same."""
    check_limits(article, story_id)
    try:
        return _retry_locked(lambda: _save(engine, article, story_id, error))
    except sa.exc.IntegrityError:
        # Another process stored the same content (or link) between our look-up and our insert: look
        # again, now seeing its row. A second failure is a real conflict (same id, other content).
        return _retry_locked(lambda: _save(engine, article, story_id, error))


def _save(engine: Engine, article: Article, story_id: str | None, error: str | None) -> bool:
    with _writing(engine) as conn:
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
    for attempt in (1, 2):
        try:
            _retry_locked(lambda: _link_in_transaction(engine, story_id, article_id))
            return
        except sa.exc.IntegrityError:
            if attempt == 2:  # a concurrent link of the same pair wins once; twice is a real error
                raise


def _link_in_transaction(engine: Engine, story_id: str, article_id: str) -> None:
    with _writing(engine) as conn:
        _link(conn, story_id, article_id)


def _link(conn: Connection, story_id: str, article_id: str) -> None:
    linked = conn.scalar(sa.select(sa.func.count()).select_from(story_articles).where(
        (story_articles.c.story_id == story_id) & (story_articles.c.article_id == article_id)))
    if not linked:
        conn.execute(story_articles.insert().values(story_id=story_id, article_id=article_id))


def export_rows(engine: Engine) -> Iterator[tuple[Article, str, str | None]]:
    """Every stored article with its status ("ok" or "failed") and error, oldest first (a failed one is its
    raw input, as read: re-adding it retries it)."""
    query = sa.select(articles.c.record, articles.c.vectors, articles.c.status, articles.c.error)
    with engine.connect() as conn:
        for record, blob, status, error in conn.execute(query.order_by(articles.c.added_at, articles.c.id)):
            yield article_from_dict(json.loads(record), vectors_from_bytes(blob)), status, error


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
