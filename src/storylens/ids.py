"""Identifier conventions shared by stages and outputs (see docs/architecture.md)."""

from __future__ import annotations


def article_id_from_hash(digest: str) -> str:
    """Article id derived from its content hash when the input gives none."""
    return "a" + digest[:11]


def claim_id(article_id: str, index: int) -> str:
    """Id of the `index`-th claim of an article."""
    return f"{article_id}:c{index}"


def quote_id(article_id: str, index: int) -> str:
    """Id of the `index`-th quote of an article."""
    return f"{article_id}:q{index}"


def split_layer_id(item_id: str) -> tuple[str, int]:
    """Split a claim or quote id into (article id, layer index)."""
    article_id, _, tail = item_id.rpartition(":")
    return article_id, int(tail[1:])
