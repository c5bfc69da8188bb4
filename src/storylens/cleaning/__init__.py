"""Article cleaning: raw HTML / plain text / Markdown → body text, headings, removed parts, metadata.

The flow for one input: HTML goes through trafilatura first (`html.extract_html`) and continues as
Markdown; text inputs get encoding repair and front matter. Then, for every format: furniture rules
(`furniture.remove_furniture`), headline/byline/date lines (`frontmatter.take_header`), paragraphs and
headings (`normalise`), and the dateline opening the first paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storylens.cleaning.frontmatter import Header, split_dateline, take_front_matter, take_header
from storylens.cleaning.furniture import remove_furniture
from storylens.cleaning.normalise import (
    Paragraph,
    fix_characters,
    join_paragraphs,
    paragraphs_from_lines,
    without_heading_marks,
)
from storylens.model import Span

__all__ = ["Cleaned", "clean_body", "clean_raw"]

# Where a date was found and how far it is trusted (see docs/architecture.md, "published_source").
FRONT_MATTER_DATE = ("front-matter", 0.95)
DATELINE_DATE = ("dateline", 0.85)
TOP_DATE = "dateline"  # a byline or "Published ..." line near the top; its confidence comes with it


@dataclass
class Cleaned:
    """The result of cleaning one raw input; `meta` holds only metadata that was actually found."""

    text: str
    headings: list[Span]
    removed: list[dict[str, Any]]
    meta: dict[str, Any] = field(default_factory=dict)

    def offer_date(self, date: str | None, source: str, confidence: float) -> None:
        """Keep `date` as the publication date if it is more trusted than the one held."""
        if date and confidence > self.meta.get("published_confidence", 0.0):
            self.meta.update(published=date, published_source=source, published_confidence=confidence)


def clean_raw(raw: str, raw_format: str, title_hint: str | None = None, url: str | None = None) -> Cleaned:
    """Clean one raw input ("html", "text" or "markdown"); `title_hint` is a known headline, `url` the page's."""
    if raw_format != "html":
        return clean_body(fix_characters(raw), markdown=raw_format == "markdown", title_hint=title_hint)
    from storylens.cleaning.html import extract_html  # trafilatura is heavy: load it only for HTML

    page = extract_html(raw, url=url)
    cleaned = clean_body(page.body, markdown=True, front_matter=False, title_hint=title_hint or page.title,
                         copied_header=False)
    # Page metadata (meta tags) outranks what the body text suggested.
    for key in ("title", "author", "outlet", "url", "language"):
        value = getattr(page, key)
        if value:
            cleaned.meta[key] = value
    if page.published_source and page.published_confidence is not None:
        cleaned.offer_date(page.published, page.published_source, page.published_confidence)
    cleaned.removed[:0] = page.removed
    return cleaned


def clean_body(
    text: str, markdown: bool, front_matter: bool = True, title_hint: str | None = None, copied_header: bool = True
) -> Cleaned:
    """Clean already-decoded body text (plain or Markdown) into paragraphs, headings and metadata.

    `copied_header`: the text may start with a page's header copied as lines (kickers, a dek); False for
    HTML, where trafilatura already chose the article's blocks and a lead under the headline is article text."""
    lines = text.split("\n")
    meta: dict[str, Any] = {}
    removed: list[dict[str, Any]] = []
    if front_matter:
        meta, used = take_front_matter(lines)
        if used:
            removed.append({"text": "\n".join(lines[:used]).strip(), "reason": "front-matter"})
            lines = lines[used:]
    lines, furniture = remove_furniture(lines)
    header, lines = take_header(lines, title_hint or meta.get("title"), copied_header)
    paras = paragraphs_from_lines(lines, markdown)
    dateline = _take_dateline(paras)
    if [ln.strip() for ln in lines if ln.strip()] != [p.text for p in paras if p.text]:
        furniture += _furniture_in_paragraphs(paras)
    body, headings = join_paragraphs(paras)
    cleaned = Cleaned(body, headings, removed + header.removed)
    cleaned.meta.update({k: v for k, v in meta.items() if k != "published"})
    cleaned.offer_date(meta.get("published"), *FRONT_MATTER_DATE)
    _add_header(cleaned, header)
    if dateline is not None:
        cleaned.removed.append({"text": dateline["prefix"], "reason": "dateline"})
        furniture += dateline.pop("furniture")
        cleaned.meta["dateline"] = dateline
        cleaned.offer_date(dateline["date"], *DATELINE_DATE)
    cleaned.removed.extend(furniture)
    return cleaned


def _add_header(cleaned: Cleaned, header: Header) -> None:
    """Fill title/author/dek/outlet/url/date from the header lines where front matter gave none."""
    for key in ("title", "author", "dek", "outlet", "url"):
        value = getattr(header, key)
        if value and not cleaned.meta.get(key):
            cleaned.meta[key] = value
    cleaned.offer_date(header.published, TOP_DATE, header.published_confidence)


def _furniture_in_paragraphs(paras: list[Paragraph]) -> list[dict[str, Any]]:
    """The furniture rules again, on the paragraphs as the text will read: lines joined into a paragraph
    ("X" + "X" → "X X", share buttons) or trimmed are furniture the rules could not see line by line, and
    cleaning the result again would remove them (found by make fuzz). Blanks the paragraphs it removes."""
    lines = [text for para in paras for text in ("", para.text)][1:]  # one line each, blank lines between
    kept, found = remove_furniture(lines)
    for para, text in zip(paras, kept[::2], strict=True):
        para.text = text
    return found


def _take_dateline(paras: list[Paragraph]) -> dict[str, Any] | None:
    """Cut a dateline ("CITY, March 4, 2026 —") off the first body paragraph and return its parts."""
    first = next((p for p in paras[:3] if not p.heading), None)
    split = split_dateline(first.text) if first is not None else None
    if first is None or split is None:
        return None
    dateline, rest = split
    first.text = without_heading_marks(rest)  # "CITY, date — # Title": the marks are no heading inside a line
    # What the dateline opened is read by the furniture rules too ("CITY, date — Read more:"): they saw it
    # behind the dateline, and cleaning the text again would see it bare (found by make fuzz).
    (first.text,), furniture = remove_furniture([first.text])
    return {"prefix": dateline.prefix, "place": dateline.place, "date": dateline.date,
            "agency": dateline.agency, "furniture": furniture}
