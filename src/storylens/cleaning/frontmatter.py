"""Metadata at the top of text inputs: front matter, headline, byline, date line and dateline."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from storylens.cleaning.headerlines import MAX_KICKERS, about_author, is_dek, kicker_run, special_to
from storylens.cleaning.normalise import heading_level, heading_text, strip_inline_markdown

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_DATE = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s)?\s?"
    r"(?:(?P<y0>\d{4})-(?P<m0>\d{1,2})-(?P<d0>\d{1,2})"
    r"|(?P<m1>[a-z]{3,9})\.?\s(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?\s(?P<y1>\d{4}))?"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s(?P<m2>[a-z]{3,9})\.?(?:,?\s(?P<y2>\d{4}))?)"
    r"(?![\d:])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMatch:
    """A calendar date found at the start of a string; `year` is None when the text gave none."""

    year: int | None
    month: int
    day: int
    end: int

    def iso(self, default_year: int | None = None) -> str | None:
        """Return YYYY-MM-DD, or None without a year or for an impossible date."""
        year = self.year or default_year
        if year is None:
            return None
        try:
            return dt.date(year, self.month, self.day).isoformat()
        except ValueError:
            return None


def match_date(text: str) -> DateMatch | None:
    """Parse a date ("March 4, 2026", "4 Mar 2026", "2026-03-04", "Thursday March 5") at the start."""
    m = _DATE.match(text)
    if not m:
        return None
    groups = m.groupdict()
    for key in "012":
        if groups[f"m{key}"]:
            raw_month = groups[f"m{key}"]
            month = int(raw_month) if raw_month.isdigit() else _MONTHS.get(raw_month.lower())
            year = groups.get(f"y{key}")
            if month is None or not 1 <= month <= 12:
                return None
            return DateMatch(int(year) if year else None, month, int(groups[f"d{key}"]), m.end())
    return None


def parse_date(text: str) -> str | None:
    """Return YYYY-MM-DD for a string that opens with a full date (with year), else None."""
    found = match_date(text.strip())
    return found.iso() if found else None


# --- front matter -------------------------------------------------------------------------------

_FM_KEYS = {
    "outlet": "outlet", "site": "outlet", "site_name": "outlet", "publication": "outlet",
    "url": "url", "link": "url", "canonical": "url", "canonical_url": "url",
    "title": "title", "headline": "title",
    "author": "author", "authors": "author", "byline": "author",
    "published": "published", "date": "published", "published_at": "published", "pubdate": "published",
}
_FM_LINE = re.compile(r"^([A-Za-z_][\w-]{0,40})\s*:\s*(.*)$")
_FM_ITEM = re.compile(r"^\s+-\s+(.+)$|^-\s+(.+)$")


def take_front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """Read a leading `---` block of `key: value` lines; return metadata and how many lines it used."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() != "---":
        return {}, 0
    end = next((i for i in range(start + 1, min(len(lines), start + 60)) if lines[i].strip() in ("---", "...")),
               None)
    if end is None:
        return {}, 0
    pairs = _front_matter_pairs(lines[start + 1 : end])
    if pairs is None:
        return {}, 0
    meta = {_FM_KEYS[k]: v for k, v in pairs.items() if k in _FM_KEYS and v}
    if "published" in meta:
        meta["published"] = parse_date(meta["published"]) or ""
    return {k: v for k, v in meta.items() if v}, end + 1


def _front_matter_pairs(body: list[str]) -> dict[str, str] | None:
    """Parse `key: value` lines (with simple `- item` lists); None if the block is not front matter."""
    pairs: dict[str, str] = {}
    key = None
    for line in body:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _FM_ITEM.match(line)
        kv = _FM_LINE.match(line)
        if item and key:
            value = _unquote(item.group(1) or item.group(2))
            pairs[key] = f"{pairs[key]}; {value}" if pairs[key] else value
        elif kv:
            key = kv.group(1).lower()
            pairs[key] = _unquote(kv.group(2))
        else:
            return None
    return pairs or None


def _unquote(value: str) -> str:
    """Strip whitespace and one pair of surrounding YAML quotes."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


# --- headline, byline, date line ----------------------------------------------------------------

_BY = re.compile(r"^(?:by|written by|words by|author:)\s+(?P<rest>\S.{0,150})$", re.IGNORECASE)
_MD_ITEM = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+")
_BYLINE_SEP = re.compile(r"\s*[|—–·•]\s*|\s+-\s+|\s+/\s+")
_NAME_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_NAME_PARTICLES = frozenset("van von de der den da di du la le bin ibn al el del dos das ter".split())
_ROLE_WORDS = frozenset(
    "reporter correspondent editor writer columnist staff contributor producer desk news agency press "
    "business finance political politics health science senior chief special digital".split()
)
_NAME_CHARS = re.compile(r"^[^\W\d_][\w.'’-]{0,30}$")
_DATE_LINE = re.compile(
    r"^(?:(?P<upd>updated|last updated|modified)|published|first published|posted|date|опубликовано)?"
    r"\s?(?:on\s|:\s?)?\s?",
    re.IGNORECASE,
)
_TIME_TAIL = re.compile(r"^[\s,|·–—-]*(?:at\s)?(?:\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?(?:\s?[A-Z]{2,5})?)?\s*$",
                        re.IGNORECASE)


@dataclass
class Header:
    """What the top of a text article gave: metadata and the removal records for the lines used."""

    title: str | None = None
    author: str | None = None
    dek: str | None = None
    outlet: str | None = None  # named by a "special to The Outlet" byline
    url: str | None = None  # a page address copied above the headline
    published: str | None = None
    published_confidence: float = 0.0
    removed: list[dict[str, Any]] = field(default_factory=list)

    def set_date(self, iso: str | None, confidence: float) -> None:
        """Keep the most confident date seen."""
        if iso and confidence > self.published_confidence:
            self.published, self.published_confidence = iso, confidence


def take_header(lines: list[str], title_hint: str | None = None, copied_header: bool = True
                ) -> tuple[Header, list[str]]:
    """Remove headline, byline and date lines from the top of `lines`; return them as a Header.

    `copied_header`: also kicker lines above the headline and a dek under it (text copied from a page)."""
    header = Header()
    lines = list(lines)
    idx = _next_text(lines, 0)
    if idx is not None:
        idx = _skip_url_line(lines, idx, header)
    if idx is None:
        return header, lines
    idx = _skip_kicker(lines, idx, title_hint, header)
    kickers = 0
    if title_hint is None and copied_header:
        idx, kickers = _skip_plain_kickers(lines, idx, header)
    title = _headline_at(lines, idx, title_hint, under_kickers=kickers > 0)
    if title is not None:
        header.title = title
        header.removed.append({"text": title, "reason": "headline"})
        lines[idx] = ""
        idx = _next_text(lines, idx + 1)
    for _ in range(3):
        if idx is None or not (_take_meta_line(lines, idx, header)
                                 or (title and copied_header and _take_dek(lines, idx, header))):
            break
        idx = _next_text(lines, idx + 1)
    return header, lines


# A page address on a line of its own: "https://...", "www....", also as a tokenizer spaced it ("http : / / www").
_URL_LINE = re.compile(r"^(?:https?\s?:\s?/\s?/\s?|www\s?\.\s?)[^\s/]", re.IGNORECASE)
URL_LINE_CHARS = 500


def _skip_url_line(lines: list[str], idx: int, header: Header) -> int | None:
    """Remove a page address copied as the first line (never a headline); keep it as the url if unbroken."""
    text = lines[idx].strip()
    if len(text) > URL_LINE_CHARS or not _URL_LINE.match(text):
        return idx
    header.removed.append({"text": text, "reason": "url"})
    if not any(ch.isspace() for ch in text):
        header.url = text
    lines[idx] = ""
    return _next_text(lines, idx + 1)


def _skip_plain_kickers(lines: list[str], idx: int, header: Header) -> tuple[int, int]:
    """Remove tag/section lines ("Foreign policy", "Ostland - World") above a longer headline-shaped line."""
    indices: list[int] = []
    cur: int | None = idx
    while cur is not None and len(indices) < 4:
        indices.append(cur)
        cur = _next_text(lines, cur + 1)
    texts = [_plain(lines[i]) for i in indices]
    if any(heading_level(lines[i]) for i in indices[:-1]):
        return idx, 0  # Markdown headings above the headline are the page's own structure
    count = kicker_run(texts)
    headline = texts[count] if count else ""
    if parse_byline(headline) or parse_date_line(headline) or special_to(headline) or split_dateline(headline):
        return idx, 0  # "By ..." under a short line: that line is the headline, not a kicker
    for i in indices[:count]:
        header.removed.append({"text": _plain(lines[i]), "reason": "section-tags"})
        lines[i] = ""
    return (indices[count] if count else idx), count


def _take_dek(lines: list[str], idx: int, header: Header) -> bool:
    """If line `idx`, under the headline, is its dek, keep it as metadata (and any author it names)."""
    if header.dek is not None or heading_level(lines[idx]) or _MD_ITEM.match(lines[idx].strip()):
        return False
    text = _plain(lines[idx])
    after = _next_text(lines, idx + 1)
    if not is_dek(text, _plain(lines[after]) if after is not None else None):
        return False
    header.dek = text
    header.author = header.author or about_author(text)
    header.removed.append({"text": text, "reason": "dek"})
    lines[idx] = ""
    return True


def _skip_kicker(lines: list[str], idx: int, title_hint: str | None, header: Header) -> int:
    """Remove short section labels ("Business | Region") standing above the known headline."""
    if not title_hint:
        return idx
    kickers: list[int] = []
    cur: int | None = idx
    while cur is not None and len(kickers) < MAX_KICKERS and not _same_title(_plain(lines[cur]), title_hint):
        if len(_plain(lines[cur])) > 60:
            return idx
        kickers.append(cur)
        cur = _next_text(lines, cur + 1)
    if cur is None or not kickers or not _same_title(_plain(lines[cur]), title_hint):
        return idx
    for k in kickers:
        header.removed.append({"text": _plain(lines[k]), "reason": "section-tags"})
        lines[k] = ""
    return cur


def _next_text(lines: list[str], start: int) -> int | None:
    """Index of the next non-blank line at or after `start`."""
    return next((i for i in range(start, len(lines)) if lines[i].strip()), None)


def _take_meta_line(lines: list[str], idx: int, header: Header) -> bool:
    """If line `idx` is a byline or a date line, record it in `header`, blank it and return True."""
    text = _plain(lines[idx])
    contributor = special_to(text)
    byline = parse_byline(text) if contributor is None else None
    if contributor is not None:
        header.author = header.author or contributor[0]
        header.outlet = contributor[1]
        header.removed.append({"text": text, "reason": "byline"})
    elif byline is not None:
        header.author = header.author or byline[0]
        header.set_date(byline[1], 0.8)
        header.removed.append({"text": text, "reason": "byline"})
    else:
        dated = parse_date_line(text)
        if dated is None:
            return False
        header.set_date(*dated)
        header.removed.append({"text": text, "reason": "dateline"})
    lines[idx] = ""
    return True


def _plain(line: str) -> str:
    """A line without Markdown heading marks and inline markup."""
    stripped = line.strip()
    return strip_inline_markdown(heading_text(stripped) or stripped).strip(" *_")


def _headline_at(lines: list[str], idx: int, title_hint: str | None, under_kickers: bool = False) -> str | None:
    """Return the headline text if line `idx` is the article's headline, else None.

    `under_kickers`: tag lines stood above it, so the page's header was copied and this line is its headline."""
    line = lines[idx].strip()
    text = _plain(line)
    after = _next_text(lines, idx + 1)
    if not text or after is None:
        return None
    if (title_hint and _same_title(text, title_hint)) or heading_level(line) == 1:
        return text
    if heading_level(line) or len(text) >= 200 or text.rstrip("\"'”’»)")[-1:] in ".,;:…":
        return None
    if parse_byline(text) or parse_date_line(text) or split_dateline(text):
        return None
    if under_kickers:
        return text
    nxt = _plain(lines[idx + 1]) if idx + 1 < len(lines) else ""
    if not nxt or parse_byline(nxt) or parse_date_line(nxt) or len(nxt) > 150 or special_to(nxt) or about_author(nxt):
        return text
    return None


def _same_title(text: str, title: str) -> bool:
    """Compare two headlines ignoring case, punctuation and spacing."""
    def key(value: str) -> str:
        return "".join(ch for ch in value.casefold() if ch.isalnum())

    return bool(key(text)) and key(text) == key(title)


def parse_byline(text: str) -> tuple[str, str | None] | None:
    """Parse "By Name [and Name][, Outlet | date]" into (authors joined by "; ", date or None)."""
    m = _BY.match(text.strip())
    if not m:
        return None
    head, *tail = _BYLINE_SEP.split(m.group("rest"))
    parts = [p.strip() for p in head.split(",")]
    # "By A, B and C" lists names; "By A, Business Reporter" or "By A, March 4, 2026" adds a role or date.
    listed = len(parts) > 1 and re.search(r"\sand\s|&", parts[-1]) is not None
    names = _names(", ".join(parts)) if listed else None
    extra: list[str] = []
    if names is None:
        names, extra = _names(parts[0]), parts[1:]
    if names is None:
        return None
    candidates = [", ".join(extra), *extra, *tail]
    date = next((d for d in map(parse_date, candidates) if d), None)
    return "; ".join(names), date


def _names(text: str) -> list[str] | None:
    """Split "A, B and C" into names; None unless every part looks like a person's name."""
    names = [n.strip() for n in _NAME_SEP.split(text) if n.strip()]
    return names if names and all(_looks_like_name(n) for n in names) else None


def _looks_like_name(name: str) -> bool:
    """True for 1-5 capitalised words (name particles such as "van" or "de" allowed), not a job title."""
    words = name.split()
    if not 1 <= len(words) <= 5 or not all(_NAME_CHARS.match(w) for w in words):
        return False
    if any(w.lower().strip(".") in _ROLE_WORDS for w in words):
        return False
    return all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in words) and words[0][0].isupper()


def parse_date_line(text: str) -> tuple[str, float] | None:
    """Parse a short line that only gives a date ("Published 4 March 2026, 10:15 GMT")."""
    text = text.strip()
    if len(text) > 80:
        return None
    prefix = _DATE_LINE.match(text)
    rest = text[prefix.end() :] if prefix else text
    found = match_date(rest)
    iso = found.iso() if found else None
    if found is None or iso is None or not _TIME_TAIL.match(rest[found.end :]):
        return None
    return iso, 0.6 if prefix and prefix.group("upd") else 0.8


# --- dateline -----------------------------------------------------------------------------------

_DATELINE_DASH = re.compile(r"\s(?:—|–|―|‒|--|-)\s")  # ― (horizontal bar): HuffPost's datelines
_AGENCY = re.compile(r"\(([^()]{1,40})\)$")


@dataclass(frozen=True)
class Dateline:
    """A paragraph-opening dateline such as "BRENNOCK, March 4, 2026 —" split into its parts."""

    prefix: str
    place: str
    date: str | None
    agency: str | None


def split_dateline(paragraph: str) -> tuple[Dateline, str] | None:
    """Split "CITY, Month Day, Year — text" / "CITY (Agency) — text" into (Dateline, text)."""
    dash = _DATELINE_DASH.search(paragraph, 0, 160)
    if dash is None or dash.start() < 2:
        return None
    prefix, rest = paragraph[: dash.start()].strip(), paragraph[dash.end() :].lstrip()
    if not rest:
        return None
    parsed = _parse_dateline_prefix(prefix)
    if parsed is None:
        return None
    place, date, agency = parsed
    return Dateline(paragraph[: dash.end()].strip(), place, date, agency), rest


def _parse_dateline_prefix(prefix: str) -> tuple[str, str | None, str | None] | None:
    """Split a dateline prefix into (place, ISO date or None, agency or None); None if it is no dateline."""
    agency = _AGENCY.search(prefix)
    if agency:
        prefix = prefix[: agency.start()].strip()
    segments = [s.strip() for s in prefix.split(",")]
    place: list[str] = []
    found: DateMatch | None = None
    for idx, seg in enumerate(segments):
        rest = ", ".join(segments[idx:])
        found = match_date(rest) if idx else None
        if found is not None and not rest[found.end :].strip():
            break
        found = None
        place.append(seg)
    if not place or not all(_is_place(seg) for seg in place):
        return None
    if not (_is_caps(place[0]) or found or agency):
        return None
    return ", ".join(place), found.iso() if found else None, agency.group(1).strip() if agency else None


def _is_caps(text: str) -> bool:
    """True for an all-capitals place name such as "BRENNOCK" or "WILKES-BARRE"."""
    return text.upper() == text and sum(ch.isalpha() for ch in text) >= 2


def _is_place(seg: str) -> bool:
    """True for 1-4 capitalised words (a city, state or country), particles such as "de" allowed."""
    words = seg.split()
    if not 1 <= len(words) <= 4 or len(seg) > 40:
        return False
    return all((w[0].isupper() and _NAME_CHARS.match(w)) or w.lower() in _NAME_PARTICLES for w in words)
