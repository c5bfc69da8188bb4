"""Lossless Article <-> dict/bytes conversion for the store and worker transport."""

from __future__ import annotations

import io
from dataclasses import fields
from typing import Any

import numpy as np

from storylens.model import Article, Span

_PLAIN_FIELDS = [f.name for f in fields(Article) if f.name not in ("layers", "vectors")]


def article_to_dict(article: Article) -> dict[str, Any]:
    """Everything about an article except its vectors, as JSON-ready data."""
    data = {name: getattr(article, name) for name in _PLAIN_FIELDS}
    data["layers"] = {name: [s.to_dict() for s in spans] for name, spans in article.layers.items()}
    return data


def article_from_dict(data: dict[str, Any], vectors: dict[str, Any] | None = None) -> Article:
    """Rebuild an Article from `article_to_dict` output (plus vectors, if stored)."""
    plain = {name: data[name] for name in _PLAIN_FIELDS if name in data}
    layers = {name: [Span.from_dict(s) for s in spans] for name, spans in data.get("layers", {}).items()}
    return Article(**plain, layers=layers, vectors=dict(vectors or {}))


def vectors_to_bytes(vectors: dict[str, Any]) -> bytes:
    """Pack named float arrays into one .npz blob."""
    buffer = io.BytesIO()
    np.savez(buffer, **{name: np.asarray(v, dtype=np.float32) for name, v in vectors.items()})
    return buffer.getvalue()


def vectors_from_bytes(blob: bytes | None) -> dict[str, Any]:
    """Unpack a blob written by `vectors_to_bytes`."""
    if not blob:
        return {}
    with np.load(io.BytesIO(blob), allow_pickle=False) as packed:
        return {name: packed[name] for name in packed.files}
