"""Identifier conventions shared by stages and outputs (see docs/architecture.md)."""

from __future__ import annotations


def article_id_from_hash(digest: str) -> str:
    """Article id derived from its content hash when the input gives none."""
    return "a" + digest[:11]


def claim_id(article_id: str, index: int) -> str:
    """Id of the `index`-th claim of an article."""
    return f"{article_id}:c{index}"


def heading_id(article_id: str, index: int) -> str:
    """Id of the `index`-th section heading of an article (shown as a claim of kind "heading" in JSON)."""
    return f"{article_id}:h{index}"


def quote_id(article_id: str, index: int) -> str:
    """Id of the `index`-th quote of an article."""
    return f"{article_id}:q{index}"


def attribution_id(article_id: str, index: int) -> str:
    """Id of the `index`-th (non-speech) attribution of an article."""
    return f"{article_id}:a{index}"

