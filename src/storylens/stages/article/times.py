"""Article stage `times`: tag time expressions with TIMEX3 values (see storylens.temporal)."""

from __future__ import annotations

from storylens.model import Article
from storylens.temporal import find_times


def tag_times(article: Article) -> Article:
    """Assign the `times` layer, resolving relative dates against `article.published` (never today)."""
    sentences = article.layer("sentences")
    starts = [span.start for span in sentences] if sentences else None
    article.layers["times"] = find_times(article.text, article.published, starts, article.language)
    return article
