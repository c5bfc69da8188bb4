"""Read inputs (files, directories, .gz, .jsonl, stdin) into raw Articles, one error line per bad input."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storylens.ids import article_id_from_hash
from storylens.model import Article, content_hash

# Suffix -> raw format; ".gz" wraps any of these.
FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl"}
RECORD_FIELDS = ("title", "outlet", "author", "published", "url")
MAX_BYTES = 50 * 1024 * 1024  # per input file; larger files are refused rather than loaded whole


@dataclass(frozen=True)
class InputError:
    """An input that could not be read: `source` names it, `reason` says why in one line."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def read_inputs(inputs: Iterable[str]) -> Iterator[Article | InputError]:
    """Yield an Article or an InputError for every article found in the given paths ("-" = stdin)."""
    for given in inputs:
        if given == "-":
            yield from _articles_from_bytes("<stdin>", "text", sys.stdin.buffer.read())
            continue
        path = Path(given)
        if path.is_dir():
            yield from _read_directory(path)
        elif path.is_file():
            yield from _read_file(path)
        else:
            yield InputError(given, "no such file or directory")


def _read_directory(root: Path) -> Iterator[Article | InputError]:
    for path in sorted(p for p in root.rglob("*") if p.is_file() and _format_of(p)):
        yield from _read_file(path)


def _format_of(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return FORMATS.get(suffixes[-1]) if suffixes else None


def _read_file(path: Path) -> Iterator[Article | InputError]:
    fmt = _format_of(path) or "text"
    try:
        if path.stat().st_size > MAX_BYTES:
            yield InputError(str(path), f"file larger than {MAX_BYTES // (1024 * 1024)} MB")
            return
        data = path.read_bytes()
        if path.suffix.lower() == ".gz":
            data = gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputError(str(path), f"cannot read: {exc}")
        return
    yield from _articles_from_bytes(str(path), fmt, data)


def _articles_from_bytes(source: str, fmt: str, data: bytes) -> Iterator[Article | InputError]:
    problem = _unusable(data)
    if problem:
        yield InputError(source, problem)
        return
    text = decode_bytes(data)
    if fmt == "jsonl":
        yield from _read_jsonl(source, text)
    else:
        yield make_article(source, text, fmt)


def _unusable(data: bytes) -> str | None:
    if not data.strip():
        return "empty file"
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary file (not text, HTML or JSONL)"
    return None


def decode_bytes(data: bytes) -> str:
    """Decode bytes: BOM, then strict UTF-8, then charset-normalizer's guess; bad bytes are replaced."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", errors="replace")


def _read_jsonl(source: str, text: str) -> Iterator[Article | InputError]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON: {exc.msg}")
            continue
        article = article_from_record(record, where)
        yield article


def article_from_record(record: Any, source: str) -> Article | InputError:
    """Build an Article from an input record ({"id", "text"|"html", "title", "url", ...})."""
    if not isinstance(record, dict):
        return InputError(source, "record is not a JSON object")
    body, fmt = (record.get("html"), "html") if record.get("html") else (record.get("text"), "text")
    if not isinstance(body, str) or not body.strip():
        return InputError(source, "record has no 'text' or 'html'")
    article = make_article(source, body, fmt, record_id=record.get("id"))
    for name in RECORD_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            setattr(article, name, value.strip())
    if article.published:
        article.published = article.published[:10]
        article.published_source, article.published_confidence = "input", 1.0
    return article


def make_article(source: str, raw: str, fmt: str, record_id: Any = None) -> Article:
    """A raw Article (before cleaning) with its content hash and id."""
    digest = content_hash(raw)
    article_id = str(record_id) if record_id not in (None, "") else article_id_from_hash(digest)
    url = source if source.startswith(("http://", "https://")) else None
    return Article(id=article_id, source=source, raw=raw, raw_format=fmt, content_hash=digest, url=url)
