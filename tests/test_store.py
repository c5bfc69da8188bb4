"""The store on SQLite and a real PostgreSQL server: migrations, idempotent adds by content hash,
lossless round trip, failures kept, and two processes adding the same articles at once."""

from __future__ import annotations

import multiprocessing

import numpy as np
import pytest
import sqlalchemy as sa

from storylens import store
from storylens.model import Article, Span, content_hash


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """An empty store URL: a SQLite file, or a fresh database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'a.db'}"
    return request.getfixturevalue("pg_url")


def _article(text: str, article_id: str) -> Article:
    article = Article(id=article_id, source=f"{article_id}.txt", raw=text, text=text,
                      content_hash=content_hash(text), outlet="Fictional Post", published="2026-03-04")
    article.layers["claims"] = [Span(0, len(text), "event", {"hedged": False, "numbers": []})]
    article.vectors["claims"] = np.ones((1, 4), dtype=np.float32) / 2
    return article


def test_migrations_are_recorded_once(db_url):
    store.connect(db_url)
    engine = store.connect(db_url)
    with engine.connect() as conn:
        versions = conn.scalars(sa.select(store.schema_migrations.c.version)).all()
    assert versions == [v for v, _, _ in store.MIGRATIONS]


def test_same_article_stored_once_and_round_trips(db_url):
    engine = store.connect(db_url)
    article = _article("The harbour crane collapsed on Monday.", "a1")
    assert store.save_article(engine, article, "s1") is True
    assert store.save_article(engine, article, "s1") is False
    (loaded,) = store.load_articles(engine, story_id="s1")
    assert loaded.text == article.text and loaded.layers["claims"][0].label == "event"
    assert np.allclose(loaded.vectors["claims"], article.vectors["claims"])
    assert list(store.load_articles(engine, story_id="other")) == []
    store.link_to_story(engine, "other", article.id)
    store.link_to_story(engine, "other", article.id)
    assert [a.id for a in store.load_articles(engine, story_id="other")] == ["a1"]


def test_failed_article_is_kept_apart_and_replaced_by_a_later_success(db_url):
    engine = store.connect(db_url)
    article = _article("A sentence that once broke a stage.", "a2")
    store.save_article(engine, article, "s1", error="stage 'nlp' failed")
    assert list(store.load_articles(engine)) == []
    assert [a.id for a in store.load_articles(engine, status="failed")] == ["a2"]
    assert store.save_article(engine, article, "s1") is True
    assert [a.id for a in store.load_articles(engine)] == ["a2"]


def test_plain_postgresql_urls_use_psycopg_3():
    assert store.engine_url("postgresql://u@127.0.0.1:5/db").drivername == "postgresql+psycopg"
    assert store.engine_url("postgres://u@127.0.0.1:5/db").drivername == "postgresql+psycopg"
    assert store.engine_url("sqlite:///x.db").drivername == "sqlite"


CONCURRENT_TEXTS = [f"The ferry to Isle Marrow number {n} left the quay {n} minutes late." for n in range(40)]


def _add_all(url: str, start: multiprocessing.synchronize.Event, out: multiprocessing.Queue) -> None:
    engine = store.connect(url)
    start.wait(30)
    stored = [store.save_article(engine, _article(text, f"f{n}"), "ferries")
              for n, text in enumerate(CONCURRENT_TEXTS)]
    out.put(sum(stored))


def test_two_processes_adding_the_same_articles_store_each_once(pg_url):
    # Plain postgresql:// as a user types it; both processes migrate the fresh database at once too.
    url = pg_url.replace("postgresql+psycopg://", "postgresql://")
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    workers = [ctx.Process(target=_add_all, args=(url, start, out)) for _ in range(2)]
    for worker in workers:
        worker.start()
    start.set()
    counts = [out.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(30)
        assert worker.exitcode == 0
    assert sum(counts) == len(CONCURRENT_TEXTS)  # each article reported "new" by exactly one process
    engine = store.connect(url)
    stored = [a.id for a in store.load_articles(engine, story_id="ferries")]
    assert sorted(stored) == sorted(f"f{n}" for n in range(len(CONCURRENT_TEXTS)))


def test_claim_embeddings_are_reused_by_content_hash_not_recomputed(tmp_path, pipeline, monkeypatch):
    from helpers.articles import make_text_article
    from storylens.pipeline.runner import process_batch
    from storylens.stages.article import embed

    engine = store.connect(f"sqlite:///{tmp_path / 'e.db'}")
    text = "The Orwick weir was cleared on Monday, engineers said. Boats can pass the lock again."
    first = process_batch([make_text_article(text, "w1")], pipeline, engine)
    assert first.stored == 1 and first.articles[0].vectors["claims"].shape[0] == 2

    def no_encoding(texts: list[str]) -> np.ndarray:
        raise AssertionError(f"re-encoded {texts}")

    monkeypatch.setattr(embed, "encode", no_encoding)
    again = process_batch([make_text_article(text, "w1")], pipeline, engine)
    assert again.reused == 1 and again.stored == 0
    assert np.array_equal(again.articles[0].vectors["claims"], first.articles[0].vectors["claims"])
