"""The article stage `nlp`: sentences and named entities from the parsed blocks (`storylens.text.parse`)."""

from __future__ import annotations

import re

from storylens.model import Article, Span
from storylens.stages.names.resolve import find_entities
from storylens.text.parse import Block, article_blocks, merged_sentences
from storylens.text.textspans import strip_range


def _sentence_spans(block: Block) -> list[Span]:
    """Sentence spans of one block; a heading is one sentence, and no sentence spans a line break."""
    text = block.text
    pieces = [(0, len(text))] if block.heading else merged_sentences(block.doc)
    spans = []
    for start, end in pieces:
        for line in re.finditer(r"[^\n]+", text[start:end]):
            s, e = strip_range(text, start + line.start(), start + line.end())
            if e > s:
                spans.append(Span(block.start + s, block.start + e, "sentence", {"paragraph": block.paragraph}))
    return spans


def annotate(article: Article) -> Article:
    """Article stage `nlp`: assign the `sentences` and `entities` layers."""

    blocks = article_blocks(article)
    article.layers["sentences"] = [span for block in blocks for span in _sentence_spans(block)]
    article.layers["entities"] = find_entities(article.text, blocks)
    return article
