"""Full-text search over stored articles, claims and quotes: SQLite FTS5, or PostgreSQL tsvector.

The index tables are created by a store migration (`create_index`). Documents are added lazily:
`ensure_indexed` indexes every stored article not yet indexed (whoever added it: CLI, web app, worker),
so the store's write path stays free of search concerns. One `search` function serves both databases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from storylens import store
from storylens.ids import quote_id
from storylens.model import Article
from storylens.outputs.story_json import claim_records

KINDS = ("article", "claim", "quote")
HIT_START, HIT_END = "\ue000", "\ue001"  # private-use markers around matches, split out before display
INDEX_CHUNK = 50  # articles per indexing transaction
_WORD = re.compile(r"\w+", re.UNICODE)
# A query is read up to MAX_QUERY_CHARS characters and MAX_QUERY_WORDS distinct words: FTS5's cost grows with
# the square of the terms (16 KB of one repeated word took 1.5 s, 65 KB 25 s).
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 32

@dataclass
class Hit:
    """One search result: what it is (article, claim, quote), its id, its article and a marked snippet."""

    kind: str
    ref: str
    article: str
    speaker: str  # quotes: who said it ("" otherwise)
    snippet: list[dict[str, Any]]  # [{"text", "hit": bool}]
    title: str = ""  # the article's headline
    outlet: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for views and JSON."""
        return {"kind": self.kind, "ref": self.ref, "article": self.article, "speaker": self.speaker,
                "title": self.title, "outlet": self.outlet, "snippet": self.snippet}


def documents(article: Article) -> list[dict[str, str]]:
    """The searchable documents of one processed article: itself, each claim, each quote."""
    docs = [{"kind": "article", "ref": article.id, "article": article.id, "title": article.title or "",
             "body": article.text}]
    docs += [{"kind": "claim", "ref": c["id"], "article": article.id, "title": "", "body": c["text"]}
             for c in claim_records(article)]
    docs += [{"kind": "quote", "ref": quote_id(article.id, i), "article": article.id,
              "title": q.attrs.get("speaker_name") or q.attrs.get("speaker_text") or "",
              "body": article.span_text(q)} for i, q in enumerate(article.layer("quotes"))]
    return docs


def _doc_table(conn: Connection) -> str:
    return "search_docs" if conn.dialect.name == "postgresql" else "search_fts"


def ensure_indexed(engine: Engine) -> int:
    """Index every stored article not indexed yet; return how many were added."""
    with engine.connect() as conn:
        hashes = list(conn.scalars(sa.text(
            "SELECT content_hash FROM articles WHERE status = 'ok' AND id NOT IN "
            "(SELECT article_id FROM search_indexed)")))
    for start in range(0, len(hashes), INDEX_CHUNK):
        chunk = list(store.load_articles(engine, hashes=set(hashes[start:start + INDEX_CHUNK])))
        with engine.begin() as conn:
            table = _doc_table(conn)
            for article in chunk:
                conn.execute(sa.text(f"DELETE FROM {table} WHERE article = :a"), {"a": article.id})
                conn.execute(sa.text(f"INSERT INTO {table} (kind, ref, article, title, body) "
                                     "VALUES (:kind, :ref, :article, :title, :body)"), documents(article))
                conn.execute(sa.text("INSERT INTO search_indexed (article_id) VALUES (:a)"), {"a": article.id})
    return len(hashes)


def query_words(text: str) -> list[str]:
    """The distinct words of a query (case-insensitively, first spelling kept), within the query caps."""
    distinct: dict[str, str] = {}
    for match in _WORD.finditer(capped_query(text)):
        distinct.setdefault(match.group().casefold(), match.group())
    return list(distinct.values())[:MAX_QUERY_WORDS]


def capped_query(text: str) -> str:
    """The query's first MAX_QUERY_CHARS characters, cut after a whole word."""
    if len(text) <= MAX_QUERY_CHARS:
        return text
    cut = text[:MAX_QUERY_CHARS + 1]
    return cut.rsplit(None, 1)[0] if cut[-1:].strip() else cut


def fts5_query(text: str) -> str | None:
    """A safe FTS5 MATCH expression: every distinct word of the input, quoted (all must match); None if none."""
    words = query_words(text)
    return " ".join('"' + w.replace('"', "") + '"' for w in words) if words else None


def _kinds_clause(kinds: tuple[str, ...] | None, params: dict[str, Any]) -> str:
    chosen = [k for k in kinds or KINDS if k in KINDS]
    params.update({f"k{i}": k for i, k in enumerate(chosen)})
    return "kind IN (" + ", ".join(f":k{i}" for i in range(len(chosen))) + ")" if chosen else "1 = 0"


def _sqlite_search(conn: Connection, query: str, where: str, params: dict[str, Any]) -> tuple[str, str]:
    params["q"] = fts5_query(query)
    match = f"FROM search_fts WHERE search_fts MATCH :q AND {where}"
    select = (f"SELECT kind, ref, article, title, snippet(search_fts, 4, '{HIT_START}', '{HIT_END}', '…', 24) "
              f"{match} ORDER BY bm25(search_fts, 0, 0, 0, 2.0, 1.0), ref LIMIT :limit OFFSET :offset")
    return f"SELECT count(*) {match}", select


def _pg_search(conn: Connection, query: str, where: str, params: dict[str, Any]) -> tuple[str, str]:
    params["q"] = capped_query(query)  # websearch syntax ("-word", OR, quotes) kept, its length capped
    match = f"FROM search_docs, websearch_to_tsquery('english', :q) AS q WHERE tsv @@ q AND {where}"
    headline = (f"ts_headline('english', body, q, 'StartSel={HIT_START}, StopSel={HIT_END}, "
                "MaxWords=40, MinWords=15, MaxFragments=1, FragmentDelimiter=…')")
    select = (f"SELECT kind, ref, article, title, {headline} {match} "
              "ORDER BY ts_rank(tsv, q) DESC, ref LIMIT :limit OFFSET :offset")
    return f"SELECT count(*) {match}", select


def search(engine: Engine, query: str, limit: int = 20, offset: int = 0,
           kinds: tuple[str, ...] | None = None, story: str | None = None) -> tuple[int, list[Hit]]:
    """Total matches and one page of hits (best first) for a plain-words query, on SQLite or PostgreSQL."""
    ensure_indexed(engine)
    if not _WORD.search(query or ""):
        return 0, []
    params: dict[str, Any] = {"limit": max(limit, 1), "offset": max(offset, 0)}
    where = _kinds_clause(kinds, params)
    if story is not None:
        where += " AND article IN (SELECT article_id FROM story_articles WHERE story_id = :story)"
        params["story"] = story
    with engine.connect() as conn:
        build = _pg_search if conn.dialect.name == "postgresql" else _sqlite_search
        count_sql, select_sql = build(conn, query, where, params)
        total = conn.scalar(sa.text(count_sql), params) or 0
        hits = [Hit(kind, ref, article, title or "" if kind == "quote" else "", marked_pieces(snippet or ""))
                for kind, ref, article, title, snippet in conn.execute(sa.text(select_sql), params)]
        _add_titles(conn, hits)
    return total, hits


def _add_titles(conn: Connection, hits: list[Hit]) -> None:
    """Fill each hit's article headline and outlet."""
    ids = sorted({h.article for h in hits})
    if not ids:
        return
    rows = conn.execute(sa.select(store.articles.c.id, store.articles.c.title, store.articles.c.outlet)
                        .where(store.articles.c.id.in_(ids)))
    meta = {r.id: (r.title or "", r.outlet or "") for r in rows}
    for hit in hits:
        hit.title, hit.outlet = meta.get(hit.article, ("", ""))


def marked_pieces(snippet: str) -> list[dict[str, Any]]:
    """Split a snippet with match markers into pieces [{"text", "hit"}] (the template escapes the text)."""
    pieces, hit = [], False
    for part in re.split(f"([{HIT_START}{HIT_END}])", snippet):
        if part == HIT_START:
            hit = True
        elif part == HIT_END:
            hit = False
        elif part:
            pieces.append({"text": part, "hit": hit})
    return pieces
