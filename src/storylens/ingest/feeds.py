"""RSS/Atom feeds (feedparser) → one input record per entry: content or summary as HTML, link, metadata."""

from __future__ import annotations

import io
import re
import time
from typing import Any

# A feed announces itself in its first bytes: an <rss>, <feed> (Atom) or <rdf:RDF> (RSS 1.0) root.
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """Whether bytes (and an optional content type) are an RSS/Atom feed rather than a page."""
    if content_type in FEED_TYPES:
        return True
    return bool(_FEED_ROOT.search(data[:2048]))


def feed_records(data: bytes) -> tuple[list[dict[str, Any]], str | None]:
    """Parse a feed into input records (`entry_record`) and a problem (None when the feed parsed)."""
    import feedparser  # imported here: only feed inputs pay for it

    # Sanitising and resolving every entry is feedparser's slowest part; storylens cleans HTML itself.
    # A stream, never raw bytes: feedparser would try bytes as a file name or URL first.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        reason = parsed.get("bozo_exception") if parsed.get("bozo") else None
        return [], f"not a readable feed ({reason})" if reason else "feed has no entries"
    outlet = _text(parsed.feed.get("title"))
    return [entry_record(entry, outlet) for entry in parsed.entries], None


def entry_record(entry: Any, outlet: str | None) -> dict[str, Any]:
    """One feed entry as an input record; the full content is preferred over the summary."""
    content = "".join(part.get("value", "") for part in entry.get("content") or [])
    summary = entry.get("summary") or ""
    return {
        "html": content or summary,
        "url": _text(entry.get("link")),
        "title": _text(entry.get("title")),
        "author": _text(entry.get("author")),
        "published": _day(entry.get("published_parsed") or entry.get("updated_parsed")),
        "outlet": outlet,
        "summary_only": not content,
    }


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _day(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", parsed) if parsed else None

