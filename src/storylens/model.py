"""The shared document objects: Article (one cleaned text + standoff span layers) and Story."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Span:
    """A standoff annotation: character offsets into `Article.text`, a label and free attributes."""

    start: int
    end: int
    label: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)

    def text_in(self, text: str) -> str:
        """Return the covered substring of `text`."""
        return text[self.start : self.end]

    def to_dict(self) -> dict[str, Any]:
        """Serialise to a plain dict (for the store and worker transport)."""
        return {"start": self.start, "end": self.end, "label": self.label, "attrs": self.attrs}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        """Rebuild a span from `to_dict` output."""
        return cls(data["start"], data["end"], data.get("label", ""), dict(data.get("attrs") or {}))


# Layer names every stage and shell refers to; one list so typos fail loudly.
LAYERS = ("sentences", "headings", "entities", "quotes", "attributions", "claims", "times", "events")


@dataclass
class Article:
    """One news article: metadata, the raw input, the cleaned `text` and annotation layers.

    `raw` is what ingestion read (HTML or plain text, decoded); cleaning turns it into `text` once and
    every later stage only adds spans pointing into `text`.
    """

    id: str
    source: str
    raw: str = ""
    raw_format: str = "text"  # "html" | "text" | "markdown"
    text: str = ""
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_source: str | None = None  # where the date came from: "input", "html-meta", "dateline", ...
    published_confidence: float | None = None
    language: str | None = None
    url: str | None = None
    content_hash: str = ""
    removed: list[dict[str, Any]] = field(default_factory=list)  # [{"text", "reason"}]
    layers: dict[str, list[Span]] = field(default_factory=dict)
    # Dense vectors aligned with a layer's spans (e.g. "claims" -> one row per claim); never serialised
    # into the output contract.
    vectors: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)  # anything else a stage wants to keep

    def layer(self, name: str) -> list[Span]:
        """Return the spans of layer `name` (empty list if the layer was not assigned)."""
        return self.layers.get(name, [])

    def span_text(self, span: Span) -> str:
        """Return the text a span covers."""
        return self.text[span.start : span.end]


def content_hash(raw: str) -> str:
    """Stable hash of an article's raw content: the store's identity key for idempotent re-adding."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Story:
    """A set of articles and the story-level results computed over them."""

    id: str
    articles: list[Article]
    title: str | None = None
    # Story-stage outputs by name: "entities", "quotes", "claim_groups", "conflicts", "timeline",
    # "summary", "sources" ... each a list of plain dicts in the output-contract shape.
    results: dict[str, Any] = field(default_factory=dict)
    # Settings story stages read, e.g. {"words": 120} for the briefing's length (`analyze --words`).
    options: dict[str, Any] = field(default_factory=dict)

    def article(self, article_id: str) -> Article:
        """Return the article with id `article_id`."""
        for art in self.articles:
            if art.id == article_id:
                return art
        raise KeyError(article_id)
