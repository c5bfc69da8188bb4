"""The SQLite store: migrations, idempotent adds by content hash, lossless round trip, failures kept."""

from __future__ import annotations

import numpy as np
import sqlalchemy as sa

from storylens import store
from storylens.model import Article, Span, content_hash


def _article(text: str, article_id: str) -> Article:
    article = Article(id=article_id, source=f"{article_id}.txt", raw=text, text=text,
                      content_hash=content_hash(text), outlet="Fictional Post", published="2026-03-04")
    article.layers["claims"] = [Span(0, len(text), "event", {"hedged": False, "numbers": []})]
    article.vectors["claims"] = np.ones((1, 4), dtype=np.float32) / 2
    return article


def test_migrations_are_recorded_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    store.connect(url)
    engine = store.connect(url)
    with engine.connect() as conn:
        versions = conn.scalars(sa.select(store.schema_migrations.c.version)).all()
    assert versions == [v for v, _, _ in store.MIGRATIONS]


def test_same_article_stored_once_and_round_trips(tmp_path):
    engine = store.connect(f"sqlite:///{tmp_path / 'a.db'}")
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


def test_failed_article_is_kept_apart_and_replaced_by_a_later_success(tmp_path):
    engine = store.connect(f"sqlite:///{tmp_path / 'a.db'}")
    article = _article("A sentence that once broke a stage.", "a2")
    store.save_article(engine, article, "s1", error="stage 'nlp' failed")
    assert list(store.load_articles(engine)) == []
    assert [a.id for a in store.load_articles(engine, status="failed")] == ["a2"]
    assert store.save_article(engine, article, "s1") is True
    assert [a.id for a in store.load_articles(engine)] == ["a2"]
