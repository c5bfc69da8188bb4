"""Shared fixtures: hand-built articles and the real pipeline (spaCy and the encoder load once)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storylens.model import Article
from storylens.pipeline import Pipeline, build_pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The full registered pipeline."""
    return build_pipeline()


def make_text_article(text: str, article_id: str = "t1", outlet: str | None = None,
                      published: str | None = "2026-03-04") -> Article:
    """A raw plain-text article as ingestion would produce it."""
    from storylens.ingest import make_article

    article = make_article(f"{article_id}.txt", text, "text", record_id=article_id)
    article.outlet, article.published = outlet, published
    return article


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A real PostgreSQL server for this test session (fails, never skips, when it is not installed)."""
    from pg_server import running_postgres

    with running_postgres() as admin_url:
        yield admin_url


@pytest.fixture()
def pg_url(pg_server: str) -> str:
    """A fresh empty database on the session's PostgreSQL server."""
    from pg_server import new_database

    return new_database(pg_server)
