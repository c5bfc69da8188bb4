"""What the story clusterer knows about one article: a document vector, counted terms and a date.

- vector: the mean of the article's claim vectors (USE, already computed by the `embed` stage), the lead
  counted more because a news article says what it is about first; the headline and dek (`vectors.header`:
  cleaning keeps them as metadata, outside the text and its claims) count as lead; L2-normalised.
- terms, in four channels told apart by a prefix, each with its count; the clusterer weighs them like
  TF-IDF, so "police" or "Friday" weigh little and "Sukanya" or "2013-08-02" a lot:
  `e:` words of canonical entity names (`entities` layer, `name` attr, folded by `name_key`; words, not
  whole names, so "INS Sukanya" and "warship Sukanya" meet), `w:` content words of the text,
  `d:` calendar dates it mentions (`times` layer values resolved to a real day, month or year),
  `n:` numbers written in it (death tolls, magnitudes, ages: the specific details of one event).
  Content words and numbers are read from the headline and dek as well as the text; a headline word that
  is a word of one of the article's entity names counts as an entity word too.
- day: the publication date as a day number, for the time window.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from storylens.model import Article
from storylens.stages.article.embed import DIMENSIONS, header_lines
from storylens.stages.names.namewords import ENTITY_LABELS
from storylens.stages.story.entities import name_key

LEAD_CLAIMS = 5  # the first claims (title + lead) ...
LEAD_WEIGHT = 2.0  # ... count this much more in the document vector
DATE_PRECISIONS = frozenset({"day", "month", "year"})
_REAL_DATE = re.compile(r"\d{4}(-\d{2}){0,2}")
_WORD = re.compile(r"[^\W\d_][\w'-]+")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
CHANNELS = ("e", "w", "d", "n")  # entity words, content words, dates, numbers


@dataclass
class Evidence:
    """The clusterer's view of one article."""

    id: str
    vector: np.ndarray | None
    terms: Counter = field(default_factory=Counter)
    day: int | None = None
    title: str | None = None


def article_evidence(article: Article) -> Evidence:
    """Collect the clustering evidence of a processed article."""
    header = "\n".join(header_lines(article))
    entities = entity_terms(article)
    terms = (entities + header_entity_terms(header, entities) + word_terms(header + "\n" + article.text)
             + date_terms(article) + number_terms(header + "\n" + article.text))
    return Evidence(article.id, document_vector(article), terms, publication_day(article.published),
                    article.title)


def document_vector(article: Article) -> np.ndarray | None:
    """Lead-weighted mean of the headline/dek and claim vectors, L2-normalised; None when there are none."""
    header, claims = _rows(article.vectors.get("header")), _rows(article.vectors.get("claims"))
    vectors = np.vstack([header, claims])
    if len(vectors) == 0:
        return None
    weights = np.ones(len(vectors), dtype=np.float32)
    weights[: len(header) + LEAD_CLAIMS] = LEAD_WEIGHT
    mean = weights @ vectors
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else None


def _rows(vectors: np.ndarray | None) -> np.ndarray:
    """Vectors as a float32 matrix (no rows for None)."""
    if vectors is None or len(vectors) == 0:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)


def entity_terms(article: Article) -> Counter:
    """Words of canonical entity names (folded, stop words dropped), counted once per mention."""
    terms: Counter = Counter()
    for span in article.layer("entities"):
        if span.label in ENTITY_LABELS:
            words = name_key(span.attrs.get("name") or article.span_text(span)).split()
            terms.update("e:" + w for w in words if len(w) > 1 and w not in STOP_WORDS)
    return terms


def header_entity_terms(header: str, entities: Counter) -> Counter:
    """Headline/dek words that are words of the article's entity names ("Lohan" in "Lohan checks into ...")."""
    words = (name_key(w) for w in _WORD.findall(header))
    return Counter("e:" + w for w in words if "e:" + w in entities)


def word_terms(text: str) -> Counter:
    """Lower-cased content words of three letters or more (stop words dropped)."""
    words = (w.lower() for w in _WORD.findall(text))
    return Counter("w:" + w for w in words if len(w) > 2 and w not in STOP_WORDS)


def number_terms(text: str) -> Counter:
    """Numbers as written ("26", "6.1")."""
    return Counter("n:" + n for n in _NUMBER.findall(text))


def date_terms(article: Article) -> Counter:
    """Calendar dates the text mentions (resolved ones only), with their counts; a day also counts its month."""
    terms: Counter = Counter()
    for span in article.layer("times"):
        value = str(span.attrs.get("value") or "")
        if span.attrs.get("precision") in DATE_PRECISIONS and _REAL_DATE.fullmatch(value):
            terms["d:" + value] += 1
            if len(value) == 10:
                terms["d:" + value[:7]] += 1
    return terms


def publication_day(published: str | None) -> int | None:
    """A YYYY-MM-DD date as a day number (None when missing or malformed)."""
    try:
        return date.fromisoformat(published[:10]).toordinal() if published else None
    except ValueError:
        return None
