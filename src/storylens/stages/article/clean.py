"""Stage `clean`: raw input → cleaned `text`, `removed`, `headings` and any metadata the input lacked."""

from __future__ import annotations

from typing import Any

from storylens.cleaning import clean_raw
from storylens.cleaning.language import detect_language
from storylens.cleaning.outlet import outlet_from_removed, outlet_from_url
from storylens.ingest.readers import INPUT_NOTES
from storylens.model import Article

# "outlet" has its own order of sources (`_fill_outlet`); "language" is detected, with the page's as hint.
_FIELDS = ("title", "author", "url")


class NoArticleText(ValueError):
    """The input holds no body text (an empty page, only navigation, markup nested too deep to read)."""


def clean_article(article: Article) -> Article:
    """Clean `article.raw` into `article.text` and fill metadata fields the input left empty."""
    cleaned = clean_raw(article.raw, article.raw_format, title_hint=article.title, url=article.url)
    if not cleaned.text.strip():
        # Stored as an empty "ok" article it would count as analysed while saying nothing.
        raise NoArticleText("no article text found (nothing left after cleaning)")
    article.text = cleaned.text
    # What ingestion noted (invalid characters it replaced) stays, ahead of what cleaning removed.
    article.removed = [*(r for r in article.removed if r["reason"] in INPUT_NOTES), *cleaned.removed]
    credits = [r["text"].strip("() ") for r in cleaned.removed if r["reason"] == "agency-credit"]
    if credits:
        article.meta["agency"] = credits[0]
    article.layers["headings"] = cleaned.headings
    _fill_metadata(article, cleaned.meta)
    if article.language is None:  # a language given in the input wins; the page's lang is a hint
        article.language = detect_language(article.text, cleaned.meta.get("language"))
    return article


def _fill_metadata(article: Article, found: dict[str, Any]) -> None:
    """Input metadata wins: only fields that are still None take what cleaning found."""
    for key in _FIELDS:
        if getattr(article, key) is None and found.get(key):
            setattr(article, key, found[key])
    if article.published is None and found.get("published"):
        article.published = found["published"]
        article.published_source = found["published_source"]
        article.published_confidence = found["published_confidence"]
    elif article.published is not None and article.published_source is None:
        article.published_source, article.published_confidence = "input", 1.0
    _fill_outlet(article, found.get("outlet"))
    for key in ("dateline", "dek"):  # kept as metadata: never text, so never a claim
        if found.get(key):
            article.meta[key] = found[key]


def _fill_outlet(article: Article, found: str | None) -> None:
    """The outlet, first found of: input, page markup or "special to" byline, URL domain, appeal/copyright line."""
    if article.outlet is not None:
        article.meta["outlet_source"] = "input"
        return
    candidates = (("page", found), ("url", outlet_from_url(article.url)),
                  ("text", outlet_from_removed(article.removed)))
    for source, value in candidates:
        if value:
            article.outlet, article.meta["outlet_source"] = value, source
            return
