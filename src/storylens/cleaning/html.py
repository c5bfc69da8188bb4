"""HTML → Markdown-ish body text and page metadata, with trafilatura (body) and htmldate (dates)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from storylens.cleaning.deephtml import parse_page
from storylens.cleaning.language import HANDLED, html_lang
from storylens.cleaning.normalise import fix_characters
from storylens.cleaning.pagemeta import (
    choose_author,
    choose_title,
    headlines,
    published_meta,
    restore_periods,
    shown_date_and_label,
)

_TITLE_TAG = re.compile(r"<title[^>]{0,200}>([^<]{1,400})</title>", re.IGNORECASE)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^:?-{3,}:?$")
_TITLE_SEP = re.compile(r"\s[|–—-]\s|\s::\s")
# trafilatura's Markdown writes underline and super/subscript as inline HTML; a "<" in the text itself comes
# escaped ("\<u>"), so only unescaped tags are its markup. "10<sup>th</sup>" reads "10th".
_INLINE_HTML = re.compile(r"(?<!\\)</?(?:u|sup|sub)>")

# Dates from markup (meta tags, <time>, JSON-LD) are trusted more than ones htmldate digs out of text.
MARKUP_DATE = ("html-meta", 0.9)
# The date a reader sees next to the headline ("Updated March 4, 2026"); on WCXB it is the gold date more
# often than markup's, which may keep a first-publication date the page no longer shows.
SHOWN_DATE = ("byline", 0.85)
SHORT_BODY = 2000  # characters; a shorter body is checked against trafilatura's balanced mode
FALLBACK_BODY = 1000  # characters; a shorter body is checked against trafilatura with its fallback extractors
SEARCHED_DATE = ("htmldate", 0.8)


@dataclass
class HtmlExtract:
    """What an HTML page gave: the main text as light Markdown and the metadata found."""

    body: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None  # the page's declared <html lang>, a hint for detection
    published: str | None = None
    published_source: str | None = None
    published_confidence: float | None = None
    removed: list[dict[str, str]] = field(default_factory=list)  # notes for the article's `removed`


def _load(raw: str) -> tuple[Any, list[dict[str, str]]]:
    """trafilatura's `load_html`, but parsed with lxml's huge_tree and read flattened when nested deeper than
    even that (`deephtml`): trafilatura's own parser stopped at 256 levels and the rest of the page was lost."""
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = raw[:50].lower()
    tree, notes = parse_page(repair_faulty_html(raw, beginning))
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None, notes  # not HTML at all, as load_html decides
    return tree, notes


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


def extract_html(raw: str, url: str | None = None) -> HtmlExtract:
    """Extract the article body (paragraphs and `#` headings kept) and metadata from an HTML page."""
    trafilatura = _trafilatura()
    tree, deep_notes = _load(raw)  # parsed once: trafilatura and htmldate copy it, pagemeta only reads it
    page = tree if tree is not None else raw
    # trafilatura's own extractor first: its readability/justext comparison, when run on every page, swapped
    # in worse text (teaser lists, half articles) more often than it rescued one (ScrapingHub benchmark).
    body = _extract_body(trafilatura, page, url, favor_recall=True, fallback=False)
    if len(body) < FALLBACK_BODY:
        # A tiny result is where the fallbacks rescue a page (WCXB dev: guides of 7,000-19,000 characters
        # came out as a few hundred); taken, as below, only if it finds more than twice the text.
        rescued = _extract_body(trafilatura, page, url, favor_recall=True, fallback=True)
        body = rescued if len(rescued) > 2 * len(body) else body
    if len(body) < SHORT_BODY:
        # favor_recall sometimes settles on one small block of a long page; the balanced mode then finds
        # the article (WCXB dev: a 40,000-character guide came out as 1,300 characters).
        balanced = _extract_body(trafilatura, page, url, favor_recall=False)
        body = balanced if len(balanced) > 2 * len(body) else body
    found = HtmlExtract(body=fix_characters(body), removed=deep_notes)
    if tree is not None:
        _copy_metadata(found, page_metadata(tree, url))
    if found.outlet is None:
        found.outlet = _outlet_from_title_tag(raw, found.title)
    found.language = html_lang(raw)
    if tree is not None:
        found.title = choose_title(found.title, headlines(tree))
        found.author = restore_periods(choose_author(tree, found.author, found.outlet), raw)
    _add_date(found, tree, raw, url)
    return found


def _extract_body(trafilatura: Any, page: Any, url: str | None, favor_recall: bool, fallback: bool = True) -> str:
    """The main text as light Markdown, or "" when trafilatura finds none; `fallback`: readability/justext too."""
    doc = trafilatura.bare_extraction(
        page,
        url=url,
        fast=not fallback,  # fast: no readability/justext comparison
        with_metadata=False,  # metadata comes from page_metadata, without the steps we never use
        include_formatting=True,  # keeps headings as "#" lines and paragraphs apart by blank lines
        include_comments=False,
        include_tables=True,  # table text is article content (WCXB gold keeps it); rows are split below
        include_images=False,
        include_links=False,
        favor_recall=favor_recall,  # the furniture rules catch what extra recall lets through
    )
    return table_rows_apart(_INLINE_HTML.sub("", doc.text or "")) if doc is not None else ""


def table_rows_apart(text: str) -> str:
    """Markdown table rows ("| a | b |") as one paragraph each, cells joined by "; ", rules dropped.

    Without this, rows run together into one garbled "sentence" for the stages after cleaning."""
    lines = []
    for line in text.split("\n"):
        if _TABLE_ROW.match(line):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            cells = [cell for cell in cells if cell and not _TABLE_RULE.match(cell)]
            # "; " and not " | ": a " | "-joined line is what the furniture rules take for a site menu.
            lines += ["; ".join(cells), ""] if cells else []
        else:
            lines.append(line)
    return "\n".join(lines)


def page_metadata(tree: Any, url: str | None) -> Any:
    """Title, author, URL and site name by trafilatura's `extract_metadata` steps, minus its unused costly ones."""
    # Its date, categories, tags and licence steps took about a third of the clean stage's time.
    from trafilatura import metadata as meta

    doc = meta.examine_meta(tree)
    if doc.author and " " not in doc.author:  # trafilatura's own check: one word is rarely a byline
        doc.author = None
    with contextlib.suppress(Exception):  # trafilatura guards this call the same way (bugs in its JSON-LD code)
        doc = meta.extract_meta_json(tree, doc)
    doc.title = doc.title or meta.extract_title(tree)
    doc.author = doc.author or meta.extract_author(tree)
    doc.url = doc.url or meta.extract_url(tree, url)
    doc.sitename = doc.sitename or meta.extract_sitename(tree)
    if doc.sitename:
        doc.sitename = doc.sitename.lstrip("@")
        if "." not in doc.sitename and not doc.sitename[:1].isupper():
            doc.sitename = doc.sitename.title()
    elif doc.url and (match := meta.META_URL.match(doc.url)):
        doc.sitename = match[1]
    doc.clean_and_trim()
    return doc


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


@lru_cache(maxsize=32)
def date_parser(language: str | None = None) -> Any:
    """htmldate's dateparser with htmldate's settings, limited to our languages and the page's own."""
    from dateparser import DateDataParser
    from dateparser.data import languages_info
    from htmldate.extractors import get_external_parser

    # htmldate's parser tries all ~200 dateparser locales, and its first miss compiles every locale's patterns:
    # 1.2 s per process, a third of a small `extract --text-only` run. The languages we handle and the page's
    # declared one compile in about 0.16 s, and a date in another language than these is unlikely on the page.
    settings = get_external_parser()._settings  # htmldate's own parser (building it compiles nothing)
    options = {key: getattr(settings, key) for key in ("NORMALIZE", "PARSERS", "PREFER_DATES_FROM",
                                                       "PREFER_LOCALE_DATE_ORDER", "RETURN_AS_TIMEZONE_AWARE",
                                                       "STRICT_PARSING")}
    known = language in languages_info.language_order  # a lang attribute may name anything ("xx")
    languages = list(HANDLED) + ([language] if known and language not in HANDLED else [])
    return DateDataParser(languages=languages, settings=options)


@contextlib.contextmanager
def _dates_read_in(language: str | None) -> Iterator[None]:
    """Within the block, htmldate's wider search reads dates with `date_parser(language)` when the page
    declares its language; else with htmldate's own parser, every locale (an Arabic page without a lang
    attribute had its date only in Arabic)."""
    from htmldate import extractors

    if language is None:
        yield
        return
    original, parser = extractors.get_external_parser, date_parser(language)  # built before the swap
    # htmldate looks its parser up by this name on each use; swapped only here, so a bare htmldate call
    # elsewhere in the process (the evaluations' baseline) keeps htmldate's own parser.
    extractors.get_external_parser = lambda: parser
    try:
        yield
    finally:
        extractors.get_external_parser = original


def _add_date(found: HtmlExtract, tree: Any, raw: str, url: str | None) -> None:
    """Publication date: the one shown with the headline, else markup's, else htmldate's wider search."""
    from htmldate import find_date  # imported here: only HTML inputs pay for it

    page = tree if tree is not None else raw
    shown = shown_date_and_label(tree, found.title) if tree is not None else None
    if shown:
        day, updated = shown
        # "Updated <day>" is not when the article first appeared; the page's explicit stamp says that.
        original = published_meta(tree) if updated else None
        if original and original < day:
            found.published, found.published_source, found.published_confidence = original, *MARKUP_DATE
        else:
            found.published, found.published_source, found.published_confidence = day, *SHOWN_DATE
        return
    options = {"url": url, "original_date": True, "outputformat": "%Y-%m-%d"}
    markup = find_date(page, extensive_search=False, **options)
    # (A JSON-LD `datePublished` fallback here, for stamps htmldate cannot read, changed one tuning page of the
    # issue 17 split and none of the checking pages: dropped, the library's search decides.)
    if markup:
        found.published, found.published_source, found.published_confidence = markup, *MARKUP_DATE
        return
    # On the raw page: trafilatura's parse drops comments, where some blogs keep an RDF dc:date.
    with _dates_read_in(found.language):
        searched = find_date(raw, extensive_search=True, **options)
    if searched:
        found.published, found.published_source, found.published_confidence = searched, *SEARCHED_DATE
