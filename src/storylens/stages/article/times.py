"""Article stage `times`: tag time expressions with TIMEX3 values (see storylens.temporal)."""

from __future__ import annotations

from storylens.model import Article
from storylens.temporal import find_times, tense_reader
from storylens.text.parse import article_blocks


def tag_times(article: Article) -> Article:
    """Assign the `times` layer, resolving relative dates against `article.published` (never today).

    The paragraphs' parses (cached by the `nlp` stage) give each expression its governing verb's tense."""
    sentences = article.layer("sentences")
    starts = [span.start for span in sentences] if sentences else None
    tense = tense_reader([(block.start, block.doc) for block in article_blocks(article)]) if sentences else None
    article.layers["times"] = find_times(article.text, article.published, starts, article.language, tense)
    return article
