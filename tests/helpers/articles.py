"""Hand-built raw articles for tests."""

from __future__ import annotations

from storylens.model import Article


def make_text_article(text: str, article_id: str = "t1", outlet: str | None = None,
                      published: str | None = "2026-03-04") -> Article:
    """A raw plain-text article as ingestion would produce it."""
    from storylens.ingest.readers import make_article

    article = make_article(f"{article_id}.txt", text, "text", record_id=article_id)
    article.outlet, article.published = outlet, published
    return article
