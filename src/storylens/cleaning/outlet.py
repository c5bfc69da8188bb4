"""Who published an article when the input does not say, and a short name for a source shown to a person.

Order (issue 17): the input record; the page (og:site_name, JSON-LD publisher, `html.page_metadata`); a
"special to The Outlet" byline; the URL's domain; a donation appeal or copyright line naming the outlet
(`outlet_from_removed`). With none of these the outlet stays unknown, and whatever shows the article names it
by `display_name(source)`: a file's name, never its directory path.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from urllib.parse import urlsplit

_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")
# "<outlet> remain committed", "© 2026 <outlet>", "Copyright <outlet> 2026", "Copyright © 2026 <outlet>"
_WORD = r"[A-Z][\w&'’-]{0,30}(?:\.[a-z]{2,6})?"  # "Herald", "O'Brien", "Velm.com"; a full stop ends the name
_NAME = rf"(?P<name>(?:[Tt]he\s)?{_WORD}(?:\s(?:{_WORD}|of|on|and|&)){{0,5}})"
_TEXT_PATTERNS = (
    re.compile(rf"^[Ww]e at {_NAME}\s(?:remain|are|have always been|stay)\b"),
    re.compile(rf"(?:©|\([Cc]\)|[Cc]opyright)\s?(?:©\s?)?(?:(?:19|20)\d\d(?:\s?[-–]\s?(?:19|20)\d\d)?,?\s)?{_NAME}"),
)
_NOT_OUTLET = re.compile(r"^(?:All|Copyright|Rights|The)$")
_LOCATOR = re.compile(r"(:\d+|\[\d+\]|#\d+)$")  # "file.jsonl:3", "file.json[2]", "feed.xml#0"
_SUFFIXES = (".gz", ".html", ".htm", ".xhtml", ".txt", ".text", ".md", ".markdown", ".jsonl", ".json", ".csv",
             ".rss", ".atom", ".xml")
_TRAILING = re.compile(r"[\s.,;:|–—-]+$|\s+All rights reserved.*$", re.IGNORECASE)


def outlet_from_url(url: str | None) -> str | None:
    """The site's host name without "www." ("https://www.velmherald.example/a" → "velmherald.example")."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    for prefix in _HOST_PREFIXES:
        host = host.removeprefix(prefix)
    return host if "." in host else None


def outlet_from_removed(removed: list[dict[str, str]]) -> str | None:
    """The outlet a removed donation appeal ("We at The Velm Herald remain ...") or copyright line names."""
    for record in removed:
        if record.get("reason") not in ("donation-appeal", "boilerplate"):
            continue
        for line in record.get("text", "").split("\n")[:3]:
            name = _name_in(line[:200])
            if name:
                return name
    return None


def _name_in(line: str) -> str | None:
    """An outlet name matched by one of `_TEXT_PATTERNS` in `line`, tidied; None if it is no name."""
    for pattern in _TEXT_PATTERNS:
        match = pattern.search(line)
        if match:
            # "We at the Velm Herald" names "Velm Herald"; a capital "The" is part of the name as written.
            name = _TRAILING.sub("", match.group("name")).strip().removeprefix("the ")
            if name and not _NOT_OUTLET.match(name) and len(name) >= 3:
                return name
    return None


def display_name(source: str) -> str:
    """A short name for an input shown to a person: a URL's host, else the file name without folders or suffix.

    "/home/ana/inbox/velm-story.txt" → "velm-story"; "batch.jsonl:3" → "batch:3"; "<stdin>" stays."""
    if source.lower().startswith(("http://", "https://")):
        return outlet_from_url(source) or source
    locator = _LOCATOR.search(source)
    path = source[: locator.start()] if locator else source
    name = PurePath(path.replace("\\", "/")).name or path
    lowered = name.lower()
    for _ in range(2):  # "story.html.gz"
        suffix = next((s for s in _SUFFIXES if lowered.endswith(s) and len(lowered) > len(s)), None)
        if suffix is None:
            break
        name, lowered = name[: -len(suffix)], lowered[: -len(suffix)]
    return name + (locator.group() if locator else "")
