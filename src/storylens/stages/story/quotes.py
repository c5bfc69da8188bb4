"""Story stage `quotes`: each article's quotes and attributions as contract records, speakers linked to story
entities (the article stage of the same name, `stages/article/quotes.py`, finds them)."""

from __future__ import annotations

from typing import Any

from storylens.ids import attribution_id, quote_id
from storylens.model import Article, Span, Story
from storylens.stages.names.namewords import fold
from storylens.stages.speech.attributions import LABEL as ATTRIBUTION


def _entity_lookup(story: Story) -> tuple[dict[tuple[str, int, int], dict], dict[str, dict]]:
    """Story entities by (article, start, end) of each mention and by folded name/alias."""
    by_mention, by_name = {}, {}
    for entity in story.results.get("entities", []):
        for m in entity.get("mentions", []):
            by_mention[(m["article"], m["start"], m["end"])] = entity
        for name in [entity["name"], *entity.get("aliases", [])]:
            by_name.setdefault(fold(name), entity)
    return by_mention, by_name


def _contract_quote(article: Article, index: int, span: Span, lookup: tuple[dict, dict]) -> dict[str, Any]:
    """A quote (or attribution) span as a contract record, its speaker linked to a story entity."""
    attrs = span.attrs
    key = (article.id, attrs.get("speaker_entity_start"), attrs.get("speaker_entity_end"))
    entity = lookup[0].get(key) if key[1] is not None else None
    if entity is None and attrs.get("speaker_name") and not attrs.get("anonymous"):
        entity = lookup[1].get(fold(attrs["speaker_name"]))
    make_id = attribution_id if span.label == ATTRIBUTION else quote_id
    return {
        "id": make_id(article.id, index), "article": article.id, "start": span.start, "end": span.end,
        "text": article.span_text(span), "kind": span.label, "cue": attrs.get("cue"),
        "speaker": {
            "entity": entity["id"] if entity else None,
            "name": entity["name"] if entity else attrs.get("speaker_name"),
            "text": attrs.get("speaker_text"),
        },
    }


def collect_quotes(story: Story) -> Story:
    """Story stage `quotes`: the contract's `quotes` and the additive `attributions`, speakers linked."""
    lookup = _entity_lookup(story)
    for layer in ("quotes", "attributions"):
        story.results[layer] = [_contract_quote(article, i, span, lookup)
                                for article in story.articles for i, span in enumerate(article.layer(layer))]
    return story
