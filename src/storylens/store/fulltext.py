"""The full-text search tables (store migration 2): FTS5 on SQLite, a `tsvector` table on PostgreSQL.

Apart from `store.search` (which fills and queries them) so the store's migrations need nothing that imports
the store.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "kind UNINDEXED, ref UNINDEXED, article UNINDEXED, title, body, tokenize='porter unicode61')",
    "CREATE TABLE IF NOT EXISTS search_indexed (article_id VARCHAR(200) PRIMARY KEY)",
)
_PG_DDL = (
    "CREATE TABLE IF NOT EXISTS search_docs (id BIGSERIAL PRIMARY KEY, kind VARCHAR(16) NOT NULL, "
    "ref VARCHAR(260) NOT NULL, article VARCHAR(200) NOT NULL, title TEXT, body TEXT NOT NULL, "
    "tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', body), 'B')) STORED)",
    "CREATE INDEX IF NOT EXISTS search_docs_tsv ON search_docs USING GIN (tsv)",
    "CREATE INDEX IF NOT EXISTS search_docs_article ON search_docs (article)",
    "CREATE TABLE IF NOT EXISTS search_indexed (article_id VARCHAR(200) PRIMARY KEY)",
)



def create_index(conn: Connection) -> None:
    """Create the search tables for this database (the store migration calls this)."""
    for statement in _PG_DDL if conn.dialect.name == "postgresql" else _SQLITE_DDL:
        conn.execute(sa.text(statement))
