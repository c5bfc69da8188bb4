"""HTML → Markdown-ish body text and page metadata, with trafilatura (body) and htmldate (dates)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from storylens.cleaning.normalize import fix_characters

_TITLE_TAG = re.compile(r"<title[^>]{0,200}>([^<]{1,400})</title>", re.IGNORECASE)
_TITLE_SEP = re.compile(r"\s[|–—-]\s|\s::\s")

# Dates from markup (meta tags, <time>, JSON-LD) are trusted more than ones htmldate digs out of text.
MARKUP_DATE = ("html-meta", 0.9)
SEARCHED_DATE = ("htmldate", 0.8)


@dataclass
class HtmlExtract:
    """What an HTML page gave: the main text as light Markdown and the metadata found."""

    body: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_source: str | None = None
    published_confidence: float | None = None


def _trafilatura() -> Any:
    """Import trafilatura, turning its known broken-install error into an actionable message."""
    try:
        import trafilatura
    except ImportError as err:  # trafilatura → justext → lxml.html.clean, split out of lxml 5.2+
        raise ImportError(
            f"storylens needs trafilatura to clean HTML and it failed to import ({err}). "
            "Install the missing package: pip install lxml_html_clean"
        ) from err
    return trafilatura


def extract_html(raw: str) -> HtmlExtract:
    """Extract the article body (paragraphs and `#` headings kept) and metadata from an HTML page."""
    trafilatura = _trafilatura()
    doc = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_formatting=True,  # keeps headings as "#" lines and paragraphs apart by blank lines
        include_comments=False,
        include_tables=False,  # Markdown table rows read as garbled sentences downstream
        include_images=False,
        include_links=False,
        favor_recall=True,  # the furniture rules catch what extra recall lets through
    )
    if doc is None:
        meta = trafilatura.extract_metadata(raw)
        found = HtmlExtract(body="")
        if meta is not None:
            _copy_metadata(found, meta)
    else:
        found = HtmlExtract(body=fix_characters(doc.text or ""))
        _copy_metadata(found, doc)
    if found.outlet is None:
        found.outlet = _outlet_from_title_tag(raw, found.title)
    _add_date(found, raw)
    return found


def _outlet_from_title_tag(raw: str, title: str | None) -> str | None:
    """Take the site name from "<title>Headline | Site</title>" when no og:site_name was given."""
    tag = _TITLE_TAG.search(raw, 0, 50_000)
    if tag is None or not title:
        return None
    parts = _TITLE_SEP.split(fix_characters(tag.group(1)).strip())
    if len(parts) < 2 or parts[0].strip() != title.strip():
        return None
    outlet = parts[-1].strip()
    return outlet if 0 < len(outlet) <= 60 else None


def _copy_metadata(found: HtmlExtract, doc: Any) -> None:
    """Copy title, author, site name and canonical URL from a trafilatura document."""
    found.title = _clean(getattr(doc, "title", None))
    found.author = _clean(getattr(doc, "author", None))
    found.outlet = _clean(getattr(doc, "sitename", None))
    found.url = _clean(getattr(doc, "url", None))


def _clean(value: str | None) -> str | None:
    """Repair a metadata string; empty becomes None."""
    if not value:
        return None
    return fix_characters(value).strip() or None


def _add_date(found: HtmlExtract, raw: str) -> None:
    """Find the publication date: first from markup only, then by htmldate's wider search."""
    from htmldate import find_date  # imported here: only HTML inputs pay for it

    for (source, confidence), extensive in ((MARKUP_DATE, False), (SEARCHED_DATE, True)):
        date = find_date(raw, extensive_search=extensive, original_date=True, outputformat="%Y-%m-%d")
        if date:
            found.published, found.published_source, found.published_confidence = date, source, confidence
            return
