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

from storylens.cleaning.normalise import fix_characters

MAX_H1_WORDS = 25  # a longer <h1> is a teaser paragraph, not a headline
SAME_TITLE = 90  # rapidfuzz ratio above which an <h1> is the meta title written differently
# "Headline | Site" / "Headline - Section - Site": a trailing part this short is a site or section name.
_TITLE_TAIL = re.compile(r"^(.{8,}?)\s+[|–—•·-]\s+([^|–—•·]{1,80})$")
MAX_TAIL_WORDS = 6
_LABEL_PREFIX = re.compile(r"[A-Z][\w&-]{1,20}(?: [\w&-]{1,20})?: ")  # "Blog: ", "Case Study: "
_SPACE = re.compile(r"\s+")

_NOT_PERSON_TYPES = ("Organization", "WebSite", "Corporation", "Brand")
_ARTICLE_TYPES = ("Article", "Posting", "Report", "Review", "WebPage", "HowTo", "Recipe")
_BYLINE_XPATH = ('//*[@rel="author"] | //*[@itemprop="author"]//*[@itemprop="name"] | '
                 '//*[contains(@class, "author-name") or contains(@class, "author__name") '
                 'or contains(@class, "byline__name")] | '
                 '//body//a[contains(@href, "/author/") or contains(@href, "/authors/")]')
# A label element followed by the name in the next element: <p>Written by</p><p>Jane Doe</p>.
_LABELS = frozenset({"by", "written by", "author", "authors", "article by", "posted by", "author:"})
_LABEL_XPATH = "//body//*[not(self::script or self::style) and string-length(normalize-space()) < 16]"
# Twitter's card as SEO plugins write it: "twitter:labelN" = "Written by", the name in "twitter:dataN".
_TWITTER_LABELS = '//meta[starts-with(@name, "twitter:label") and translate(@content, "B", "b") = "Written by"]/@name'
_CITATION_AUTHORS = '//meta[@name="citation_author" or @name="citation_authors"]/@content'
# A desk credit ("Velm Ledger Staff", "The Harbour Team"): a person named by other markup is the better byline.
_GENERIC_CREDIT = re.compile(r"\b(?:staff|team|editors|editorial|newsroom)$", re.IGNORECASE)
# Filtered in XPath: reading every element's text in Python was most of the author step's time.
_SHORT_ELEMENTS = ("//body//*[(self::p or self::span or self::div or self::h3 or self::h4 or self::li)"
                   " and string-length(normalize-space()) <= 60]")
_BY_TEXT = re.compile(r"^(?:by|written by|author:?|posted by)\s+([A-Z][\w.'’-]*"
                      r"(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|la|del)){0,4})$", re.IGNORECASE)
_MONTH_NAMES = "january|february|march|april|may|june|july|august|september|october|november|december"
# "(?<!\s)": a match starts where a run of spaces starts, not inside it (linear on long runs, same matches).
_AUTHOR_NOISE = re.compile(r"^(?:by|written by|author:?|posted by)\s+|"
                           rf"(?<!\s)\s+(?:last updated|updated|published|writer|•).*$|"
                           rf",?(?<!\s)\s+(?:{_MONTH_NAMES})\b.*$", re.IGNORECASE)
_NOT_NAMES = frozenset({"learn more", "read more", "more", "view all posts", "view profile", "about", "author"})

# Month words in English, German, French, Spanish and Italian (full and usual short forms), by number.
_MONTH_WORDS = (
    "january jan januar jänner janvier enero gennaio", "february feb februar février fevrier febrero febbraio",
    "march mar märz maerz mars marzo", "april apr avril abril aprile", "may mai mayo maggio",
    "june jun juni juin junio giugno", "july jul juli juillet julio luglio", "august aug août aout agosto ago",
    "september sept sep septembre septiembre settembre", "october oct oktober okt octobre octubre ottobre ott",
    "november nov novembre noviembre", "december dec dezember dez décembre decembre diciembre dic dicembre")
_MONTHS = {word: number for number, words in enumerate(_MONTH_WORDS, start=1) for word in words.split()}
_MONTH = r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DATE_FORMS = (
    (re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I), (3, 1, 2)),
    # "4 March 2026", "4. März 2026", "4 de marzo de 2026"
    (re.compile(r"(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?" + _MONTH + r",?\s+(?:de\s+)?(\d{4})", re.I), (3, 2, 1)),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)"), (1, 2, 3)),  # not \b: "2026-03-04T10:00" has none
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), (3, 2, 1)),
)
# "Updated March 4, 2026" / "Last updated:" / "Aktualisiert am": the shown date is not the first publication.
_UPDATE_LABEL = re.compile(r"\b(?:updated|aktualisiert|mis à jour|actualizado|aggiornato)\b", re.IGNORECASE)
# On both date sets the most accurate single signal (WCXB dev 66/69, htmldate set 111/117 where present).
_PUBLISHED_META = ('//meta[@property="article:published_time" or @name="article:published_time"]/@content')
SHOWN_DATE_NODES = 10  # text nodes after the <h1> searched for the date shown with the headline
# After an <h2> headline only the date right under it: further on, <h2> pages run feeds and embedded posts.
H2_SHOWN_DATE_NODES = 2
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
            # An <h1> set in capitals (CSS did that) lost the case the meta title keeps; one that is
            # "Blog: <meta title>" carries a section label.
            labelled = h1.endswith(core) and _LABEL_PREFIX.fullmatch(h1[: len(h1) - len(core)])
            return core if h1.isupper() or labelled else h1
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
        if any(kind in str(value.get("@type", "")) for kind in _NOT_PERSON_TYPES):
            return []  # the publisher credited as author: a byline on the page names the person
        if isinstance(value.get("name"), str):
            return [value["name"]]
        target = by_id.get(value.get("@id"))  # "author": {"@id": ...} points to a Person elsewhere
        return _names(target, {}) if target is not None else []
    return []


def json_ld_author(tree: Any, objects: list[dict[str, Any]] | None = None) -> str | None:
    """Author names of the page's JSON-LD article object, joined by ", " (`objects`: its JSON-LD, if read)."""
    objects = list(_json_ld(tree)) if objects is None else objects
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
    """A name from a short "By Jane Doe" element or a "Written by" label before the name."""
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
    return None


def citation_authors(tree: Any) -> str | None:
    """All authors in a scholarly page's Highwire `citation_author` tags (trafilatura keeps only the first)."""
    names = [_SPACE.sub(" ", str(name)).strip() for name in tree.xpath(_CITATION_AUTHORS)]
    return ", ".join(dict.fromkeys(name for name in names if name)) or None


def twitter_card_author(tree: Any) -> str | None:
    """The name in the page's Twitter card "Written by" label/data pair."""
    for label in tree.xpath(_TWITTER_LABELS):
        data = str(label).replace("label", "data")
        names = tree.xpath('//meta[@name=$name]/@content', name=data)
        if names and str(names[0]).strip():
            return str(names[0]).strip()
    return None


def choose_author(tree: Any, meta_author: str | None, outlet: str | None = None) -> str | None:
    """The author: JSON-LD, citation tags, byline markup, Twitter's card, trafilatura's, a "By ..." line; tidied.

    A candidate that is the site, publisher (`outlet`, JSON-LD publisher) or a desk gives way to a person named by a
    later markup source, but not to a loose "By ..." line (a "By topic" menu); alone, it is the author."""
    objects = list(_json_ld(tree))  # read once for both uses
    publishers = {_key(name) for name in (outlet, *json_ld_publishers(objects)) if name}
    trafilatura_author = meta_author.replace("; ", ", ") if meta_author else None
    publisher = None
    finders = (lambda page: json_ld_author(page, objects), citation_authors, byline_author, twitter_card_author,
               lambda _: trafilatura_author, by_line_author)
    for find in finders:
        if find is by_line_author and publisher:
            break
        author = find(tree)
        author = _AUTHOR_NOISE.sub("", author).strip() if author else None
        if author and (_key(author) in publishers or _GENERIC_CREDIT.search(author)):
            publisher = publisher or author
        elif author:
            return author
    return publisher


def restore_periods(author: str | None, raw: str) -> str | None:
    """The author as the page writes it when a source dropped the periods ("Dr Jo S Penn" → "Dr. Jo S. Penn")."""
    if not author or "." in author:
        return author
    tokens = author.split()
    if not any(len(token) <= 2 and token[:1].isupper() for token in tokens):  # no initial or "Dr" to restore
        return author
    written = re.search(r"\b" + r"\.?\s+".join(map(re.escape, tokens)) + r"\b\.?", raw)
    return _SPACE.sub(" ", written.group()) if written else author


def _key(name: str) -> str:
    """A name reduced to lower-case letters and digits, to compare "Paperium.net" with "paperium net"."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def json_ld_publishers(objects: list[dict[str, Any]]) -> list[str]:
    """Names of the publishers given in a page's JSON-LD objects."""
    return [name for obj in objects if isinstance(obj.get("publisher"), dict)
            for name in [obj["publisher"].get("name")] if isinstance(name, str)]


def parse_date_text(text: str) -> str | None:
    """The first date written in `text` (month names in five languages, ISO, day.month.year) as YYYY-MM-DD."""
    for pattern, (year, month, day) in _DATE_FORMS:
        match = pattern.search(text)
        if match is None:
            continue
        raw_month = match.group(month)
        number = _MONTHS[raw_month.lower()] if raw_month[0].isalpha() else int(raw_month)
        try:
            return date(int(match.group(year)), number, int(match.group(day))).isoformat()
        except ValueError:
            continue
    return None


def shown_date(tree: Any) -> str | None:
    """The date shown with the headline: a <time> or short date line among the first text after the <h1>."""
    found = shown_date_and_label(tree)
    return found[0] if found else None


def headline_element(tree: Any, title: str | None = None) -> Any:
    """The <h1> whose text is `title` (a logo or section <h1> may come first), else the first <h1>.

    A page without any <h1> may set its headline as an <h2>; one that starts with `title` is taken."""
    first = None
    for element in tree.iter("h1"):
        if title is None or _text(element) == title:
            return element
        first = element if first is None else first
    if first is None and title:
        return next((element for element in tree.iter("h2") if _text(element).startswith(title)), None)
    return first


def shown_date_and_label(tree: Any, title: str | None = None) -> tuple[str, bool] | None:
    """The date shown with the headline `title`, and whether the page labels it as an update ("Updated ...")."""
    h1 = headline_element(tree, title)
    if h1 is None:
        return None
    limit = SHOWN_DATE_NODES if h1.tag == "h1" else H2_SHOWN_DATE_NODES
    seen, started, recent = 0, False, ["", ""]
    for element in tree.iter():
        if element is h1:
            started = True
            continue
        if not started or not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
            continue
        if element.tag == "time" and element.get("datetime"):
            own = " ".join(element.itertext())[:SHOWN_DATE_CHARS]
            # The day written inside <time> first: a UTC stamp late in the evening is the next local day.
            found = parse_date_text(own) or parse_date_text(element.get("datetime"))
            if found:
                return found, _is_update_label(recent, own)
        for text in (element.text, element.tail):
            if text and text.strip():
                seen += 1
                found = parse_date_text(text) if len(text.strip()) <= SHOWN_DATE_CHARS else None
                if found:
                    return found, _is_update_label(recent, text)
                recent = [recent[-1], text.strip()[:SHOWN_DATE_CHARS]]
        if seen > limit:
            return None
    return None


def _is_update_label(recent: list[str], own: str) -> bool:
    """Whether the date's own text or the two text pieces before it say "Updated"."""
    return any(_UPDATE_LABEL.search(text) for text in (*recent, own))


def published_meta(tree: Any) -> str | None:
    """The day in the page's OpenGraph `article:published_time`, the explicit first-publication stamp."""
    values = tree.xpath(_PUBLISHED_META)
    return parse_date_text(str(values[0])) if values else None
