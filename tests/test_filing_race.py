"""Filing into stories is idempotent under concurrency (issue 19, item 3): two filers that both read the store
before either writes (two `add` runs over the same files) never crash, and every article ends up in exactly
one story, filed by exactly one of them. Two threads with their own engines, on SQLite and on the test
PostgreSQL server; a barrier makes the race happen every time instead of 3 runs in 4."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
import sqlalchemy as sa

from helpers.fiction import fictional_article
from storylens import store
from storylens.clustering import filing
from storylens.ingest.readers import make_article

ARTICLES = 4


@pytest.fixture(scope="module")
def processed(pipeline):
    return [pipeline.process_article(make_article(f"r{n}.txt", fictional_article(n), "text", record_id=f"r{n}"))
            for n in range(ARTICLES)]


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")


def test_two_filers_racing_file_each_article_once_and_never_crash(db, processed, monkeypatch):
    engine = store.connect(db)
    for article in processed:
        store.save_article(engine, article)  # stored, in no story yet: what `add` leaves for filing
    both_read = threading.Barrier(2, timeout=60)
    original = filing.arrival_order

    def read_then_wait(articles):
        ordered = original(articles)
        both_read.wait()  # neither filer writes before both have read the unfiled articles
        return ordered

    monkeypatch.setattr(filing, "arrival_order", read_then_wait)
    placed: list[dict[str, str]] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            placed.append(filing.file_unfiled(store.connect(db)))
        except BaseException as exc:  # noqa: BLE001 - the test reports any crash of a filer
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    # The printed counts of the two runs add up: each article filed by exactly one of them.
    assert sorted(a for p in placed for a in p) == sorted(a.id for a in processed)
    with engine.connect() as conn:
        links = Counter(conn.scalars(sa.select(store.story_articles.c.article_id)))
    assert links == Counter({a.id: 1 for a in processed})
