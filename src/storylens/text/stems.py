"""Porter stems of words (nltk), cached per word: one stemmer for every stage that compares wordings."""

from __future__ import annotations

from functools import lru_cache

from nltk.stem.porter import PorterStemmer

_STEMMER = PorterStemmer()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Porter stem of one lower-cased word ("pleaded" -> "plead", "investigation" -> "investig")."""
    # Porter stemming is pure Python and the same words recur in every claim pair: cache per word.
    return _STEMMER.stem(word)
