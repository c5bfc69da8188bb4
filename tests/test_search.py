"""Full-text search over stored articles, claims and quotes: SQLite FTS5 and real PostgreSQL."""

from __future__ import annotations

import time

import pytest

from helpers.articles import make_text_article
from storylens import store
from storylens.store import search

TEXTS = {
    "s1": "The Quillby ferry terminal reopened on Monday after the harbour dredging ended.\n\n"
          "\"The channel is finally deep enough,\" said harbour master Edda Lorne.",
    "s2": "Dredging in Quillby harbour cost 4 million euros, the council said.\n\n"
          "Residents complained about noise from the dredgers for three weeks.",
    "s3": "A lighthouse keeper in Marrowby counted 40 seals on the sandbank.",
}


@pytest.fixture(scope="module")
def processed(pipeline) -> list:
    raw = [make_text_article(text, aid, outlet=f"Outlet {aid}") for aid, text in TEXTS.items()]
    return [pipeline.try_article(a) for a in raw]


def _fill(url: str, articles: list) -> store.Engine:
    engine = store.connect(url)
    for article in articles:
        store.save_article(engine, article, story_id="harbour" if article.id != "s3" else "seals")
    return engine


def _check_search(engine) -> None:
    total, hits = search.search(engine, "dredging")
    assert total >= 3
    assert {h.kind for h in hits} >= {"article", "claim"}
    assert {h.article for h in hits} == {"s1", "s2"}
    claim = next(h for h in hits if h.kind == "claim" and h.article == "s2")
    assert claim.ref.startswith("s2:c") and claim.outlet == "Outlet s2"
    assert any(p["hit"] and p["text"].lower().startswith("dredg") for p in claim.snippet)
    _total, quotes = search.search(engine, "channel deep", kinds=("quote",))
    assert quotes and quotes[0].kind == "quote" and quotes[0].ref == "s1:q0" and quotes[0].speaker == "Edda Lorne"
    assert search.search(engine, "seals", story="harbour")[0] == 0
    assert search.search(engine, "seals", story="seals")[0] >= 1
    assert search.search(engine, "nonexistentword") == (0, [])
    assert search.search(engine, "  ") == (0, [])
    total_page, page = search.search(engine, "dredging", limit=1, offset=1)
    assert total_page == total and len(page) == 1 and page[0].ref == hits[1].ref


def test_sqlite_search_finds_articles_claims_and_quotes(tmp_path, processed) -> None:
    engine = _fill(f"sqlite:///{tmp_path / 'db.sqlite'}", processed)
    assert search.ensure_indexed(engine) == 3
    assert search.ensure_indexed(engine) == 0  # indexed once
    _check_search(engine)


def test_sqlite_query_syntax_is_never_an_error(tmp_path, processed) -> None:
    engine = _fill(f"sqlite:///{tmp_path / 'db.sqlite'}", processed)
    for hostile in ('"', "AND OR NOT", "dredg*", "NEAR(a b)", "harbour)", "col:x", "-'"):
        total, _hits = search.search(engine, hostile)
        assert total >= 0


def test_articles_added_later_are_indexed_on_the_next_search(tmp_path, processed) -> None:
    engine = _fill(f"sqlite:///{tmp_path / 'db.sqlite'}", processed[:1])
    assert search.search(engine, "residents")[0] == 0
    store.save_article(engine, processed[1], story_id="harbour")
    assert search.search(engine, "residents")[0] >= 1


def test_fts5_query_quotes_every_word() -> None:
    assert search.fts5_query('ferry "AND" dredg*') == '"ferry" "AND" "dredg"'
    assert search.fts5_query("!!") is None


def test_postgresql_search(pg_url, processed) -> None:
    engine = _fill(pg_url, processed)
    assert engine.dialect.name == "postgresql"
    _check_search(engine)
    total, _hits = search.search(engine, 'harbour -"noise" OR ferry')  # websearch syntax, never an error
    assert total >= 1


def test_migration_creates_the_index_tables(tmp_path) -> None:
    engine = store.connect(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    assert {"search_fts", "search_indexed"} <= names


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_a_query_of_one_word_repeated_is_as_fast_as_the_word(request, tmp_path, processed, dialect) -> None:
    # FTS5 cost grows with the square of the terms: 65 KB of one repeated word took 25 s before.
    url = f"sqlite:///{tmp_path / 'db.sqlite'}" if dialect == "sqlite" else request.getfixturevalue("pg_url")
    engine = _fill(url, processed)
    once = search.search(engine, "dredging")
    start = time.perf_counter()
    assert search.search(engine, "dredging " * 8000)[0] == once[0] >= 3
    assert search.search(engine, "Dredging dredging HARBOUR harbour " * 2000)[0] >= 1
    assert time.perf_counter() - start < 3.0
    assert search.fts5_query("ferry Ferry FERRY quay ferry") == '"ferry" "quay"'
    assert search.fts5_query(" ".join(f"w{n}" for n in range(100))).count('"') == 2 * search.MAX_QUERY_WORDS
