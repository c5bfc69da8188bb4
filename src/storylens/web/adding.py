"""Turning what a user gives the web app (an uploaded file, a URL, pasted text) into raw articles."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from storylens.ingest.fetch import FetchOptions
from storylens.ingest.readers import InputError, Item, ReadOptions, read_inputs, record_items
from storylens.model import Article
from storylens.web.urlguard import fetch_guarded

SUFFIX_BY_TYPE = {"text/plain": ".txt", "text/markdown": ".md", "application/xml": ".xml", "text/xml": ".xml",
                  "application/rss+xml": ".xml", "application/atom+xml": ".xml"}
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str | None) -> str:
    """A plain file name kept from an upload (no directories, no odd characters), for format detection."""
    base = Path((name or "upload.txt").replace("\\", "/")).name
    return _UNSAFE_NAME.sub("_", base).lstrip(".")[:120] or "upload.txt"


def _read_bytes(name: str, data: bytes, source: str, max_bytes: int) -> list[Item]:
    """Read bytes as if they were a file called `name` (its suffix picks the format), at most `max_bytes` of
    them after decompressing (a .gz upload is inflated as a stream and stops at the cap)."""
    with tempfile.TemporaryDirectory(prefix="storylens-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        items = list(read_inputs([str(path)], ReadOptions(max_bytes=max_bytes, max_file_bytes=max_bytes)))
    for item in items:
        if isinstance(item, Article):
            item.source = source if item.source == str(path) else item.source.replace(str(path), source)
    return [InputError(i.source.replace(str(path), source), i.reason) if isinstance(i, InputError) else i
            for i in items]


def from_upload(filename: str | None, data: bytes, max_bytes: int) -> list[Item]:
    """Articles in an uploaded file (.txt, .md, .html, .jsonl, .json, .csv, .gz ...) of at most `max_bytes`
    (inflated)."""
    name = safe_filename(filename)
    return _read_bytes(name, data, name, max_bytes)


def from_paste(text: str, title: str = "", outlet: str = "", published: str = "", url: str = "") -> list[Item]:
    """One article from pasted text, with the metadata typed beside it."""
    record = {"text": text, "title": title, "outlet": outlet, "published": published, "url": url}
    return list(record_items(record, "pasted text"))


def from_url(url: str, allow_private: bool, max_bytes: int) -> list[Item]:
    """Articles downloaded from a URL (through the URL guard); raises UrlRefused for a forbidden target."""
    from storylens.ingest.fetch import FetchError

    try:
        page = fetch_guarded(url, FetchOptions(max_bytes=max_bytes), allow_private)
    except FetchError as exc:
        return [InputError(url, exc.reason)]
    items = _read_bytes("page" + SUFFIX_BY_TYPE.get(page.content_type, ".html"), page.data, page.final_url,
                        max_bytes)
    for item in items:
        if isinstance(item, Article):
            item.url = item.url or page.final_url
    return items
