"""Page metadata trafilatura gets wrong, read from the parsed HTML tree: headline, byline author, shown date.

Measured on WCXB dev (`python -m storylens.evals.wcxb`): the headline a reader sees is the page's <h1> more
often than <title>/og:title (which carry site names and SEO variants); the author is best taken from
JSON-LD, then byline markup; the date a reader sees next to the headline beats dates hidden in markup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from storylens.cleaning.normalize import fix_characters

MAX_H1_WORDS = 25  # a longer <h1> is a teaser paragraph, not a headline
SAME_TITLE = 90  # rapidfuzz ratio above which an <h1> is the meta title written differently
# "Headline | Site" / "Headline - Section - Site": a trailing part this short is a site or section name.
_TITLE_TAIL = re.compile(r"^(.{8,}?)\s+[|–—•·-]\s+([^|–—•·]{1,80})$")
MAX_TAIL_WORDS = 6
_SPACE = re.compile(r"\s+")

_ARTICLE_TYPES = ("Article", "Posting", "Report", "Review", "WebPage", "HowTo", "Recipe")
_BYLINE_XPATH = ('//*[@rel="author"] | //*[@itemprop="author"]//*[@itemprop="name"] | '
                 '//*[contains(@class, "author-name") or contains(@class, "author__name") '
                 'or contains(@class, "byline__name")] | '
                 '//body//a[contains(@href, "/author/") or contains(@href, "/authors/")]')
# A label element followed by the name in the next element: <p>Written by</p><p>Jane Doe</p>.
_LABELS = frozenset({"by", "written by", "author", "authors", "article by", "posted by", "author:"})
_LABEL_XPATH = "//body//*[not(self::script or self::style) and string-length(normalize-space()) < 16]"
_TWITTER_AUTHOR = ('//meta[@name="twitter:label1" and @content="Written by"]'
                   '/following-sibling::meta[@name="twitter:data1"][1]/@content')
_SHORT_ELEMENTS = "//body//*[self::p or self::span or self::div or self::h3 or self::h4 or self::li]"
_BY_TEXT = re.compile(r"^(?:by|written by|author:?|posted by)\s+([A-Z][\w.'’-]*"
                      r"(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|la|del)){0,4})$", re.IGNORECASE)
_MONTH_NAMES = "january|february|march|april|may|june|july|august|september|october|november|december"
_AUTHOR_NOISE = re.compile(r"^(?:by|written by|author:?|posted by)\s+|"
                           rf"\s+(?:last updated|updated|published|writer|•).*$|,?\s+(?:{_MONTH_NAMES})\b.*$",
                           re.IGNORECASE)
_NOT_NAMES = frozenset({"learn more", "read more", "more", "view all posts", "view profile", "about", "author"})

_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_DATE_FORMS = (
    (re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I), (3, 1, 2)),
    (re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(\d{4})", re.I), (3, 2, 1)),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), (1, 2, 3)),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), (3, 2, 1)),
)
SHOWN_DATE_NODES = 10  # text nodes after the <h1> searched for the date shown with the headline
SHOWN_DATE_CHARS = 60  # a longer text is a sentence that mentions a date, not a date line
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})


def _text(element: Any) -> str:
    return fix_characters(_SPACE.sub(" ", element.text_content()).strip())


def headlines(tree: Any) -> list[str]:
    """Distinct non-empty <h1> texts in document order, teaser-length ones left out."""
    found: list[str] = []
    for element in tree.iter("h1"):
        text = _text(element)
        if text and len(text.split()) <= MAX_H1_WORDS and text not in found:
            found.append(text)
    return found


def title_core(title: str) -> str:
    """A meta title without up to two short trailing " | Site" / " - Section" parts."""
    for _ in range(2):
        match = _TITLE_TAIL.match(title)
        if not match or len(match.group(2).split()) > MAX_TAIL_WORDS or len(match.group(1).split()) < 2:
            break
        title = match.group(1)
    return title


def choose_title(meta_title: str | None, h1s: list[str]) -> str | None:
    """The headline: an <h1> that matches the meta title, else the meta title without its site name."""
    if not meta_title:
        return h1s[0] if h1s else None
    core = title_core(meta_title)
    low_meta, low_core = meta_title.casefold(), core.casefold()
    for h1 in h1s:
        if max(fuzz.ratio(h1.casefold(), low_meta), fuzz.ratio(h1.casefold(), low_core)) >= SAME_TITLE:
            return h1
    for h1 in h1s:
        if low_core in h1.casefold():
            return core
        if low_core.startswith(h1.casefold()) and len(h1.split()) >= 2:
            return h1
    # One wordy <h1> that shares nothing with the meta title: an SEO title was written for search engines.
    if len(h1s) == 1 and len(h1s[0].split()) >= 3:
        return h1s[0]
    return core


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    """Every object in the page's JSON-LD blocks (nested ones included)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            stack = [json.loads(script.text_content())]
        except (ValueError, TypeError):
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                yield item
                stack.extend(reversed(list(item.values())))
            elif isinstance(item, list):
                stack.extend(reversed(item))


def _names(value: Any, by_id: dict[str, Any]) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [name for item in value for name in _names(item, by_id)]
    if isinstance(value, dict):
        if isinstance(value.get("name"), str):
            return [value["name"]]
        target = by_id.get(value.get("@id"))  # "author": {"@id": ...} points to a Person elsewhere
        return _names(target, {}) if target is not None else []
    return []


def json_ld_author(tree: Any) -> str | None:
    """Author names of the page's JSON-LD article object, joined by ", "."""
    objects = list(_json_ld(tree))
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    for obj in objects:
        kind = obj.get("@type")
        kind = " ".join(map(str, kind)) if isinstance(kind, list) else str(kind)
        if obj.get("author") and any(t in kind for t in _ARTICLE_TYPES):
            names = [fix_characters(n).strip() for n in _names(obj["author"], by_id) if n and n.strip()]
            if names:
                return ", ".join(dict.fromkeys(names))
    return None


def byline_author(tree: Any) -> str | None:
    """The first author named in byline markup (rel=author, itemprop=author, author-name classes)."""
    for element in tree.xpath(_BYLINE_XPATH):
        text = _text(element)
        if 2 < len(text) < 80 and looks_like_name(text):
            return text
    return None


def looks_like_name(text: str) -> bool:
    """A byline-shaped string: starts with a capital, not shouted, not a link label such as "Learn more"."""
    return text[:1].isupper() and not text.isupper() and text.casefold() not in _NOT_NAMES


def by_line_author(tree: Any) -> str | None:
    """A name from a short "By Jane Doe" element, a "Written by" label before the name, or Twitter's card."""
    for element in tree.xpath(_SHORT_ELEMENTS):
        text = _SPACE.sub(" ", element.text_content()).strip()
        match = _BY_TEXT.match(text) if len(text) <= 60 else None
        if match:
            return match.group(1)
    for element in tree.xpath(_LABEL_XPATH):
        if _SPACE.sub(" ", element.text_content()).strip().casefold() in _LABELS:
            following = element.getnext()
            name = _text(following) if following is not None else ""
            if 2 < len(name) < 60 and name[:1].isupper():
                return name
    names = tree.xpath(_TWITTER_AUTHOR)
    return str(names[0]).strip() or None if names else None


def choose_author(tree: Any, meta_author: str | None) -> str | None:
    """The author: JSON-LD, then byline markup, then trafilatura's, then a "By ..." line; tidied."""
    trafilatura_author = meta_author.replace("; ", ", ") if meta_author else None
    author = json_ld_author(tree) or byline_author(tree) or trafilatura_author or by_line_author(tree)
    return _AUTHOR_NOISE.sub("", author).strip() or None if author else None


def parse_date_text(text: str) -> str | None:
    """The first date written in `text` (English month names, ISO, or day.month.year) as YYYY-MM-DD."""
    for pattern, (year, month, day) in _DATE_FORMS:
        match = pattern.search(text)
        if match is None:
            continue
        raw_month = match.group(month)
        number = _MONTHS[raw_month.lower()[:3]] if raw_month[0].isalpha() else int(raw_month)
        try:
            return date(int(match.group(year)), number, int(match.group(day))).isoformat()
        except ValueError:
            continue
    return None


def shown_date(tree: Any) -> str | None:
    """The date shown with the headline: a <time> or short date line among the first text after the <h1>."""
    h1 = next(tree.iter("h1"), None)
    if h1 is None:
        return None
    seen, started = 0, False
    for element in tree.iter():
        if element is h1:
            started = True
            continue
        if not started or not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
            continue
        if element.tag == "time" and element.get("datetime"):
            found = parse_date_text(element.get("datetime"))
            if found:
                return found
        for text in (element.text, element.tail):
            if text and text.strip():
                seen += 1
                found = parse_date_text(text) if len(text.strip()) <= SHOWN_DATE_CHARS else None
                if found:
                    return found
        if seen > SHOWN_DATE_NODES:
            return None
    return None
