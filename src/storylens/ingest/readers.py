"""Read inputs (files, directories, globs, .gz, .jsonl/.json/.csv records, feeds, URLs, stdin) into raw
Articles, one error line per bad input.

Dispatch is by table: each input is classed as stdin, URL, glob or path (`INPUT_READERS`), and each file
or download by its format (`FORMATS` suffix → format, `FORMAT_READERS` format → reader). Consecutive URL
inputs are fetched together so downloads run concurrently (`storylens.ingest.fetch`).
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import itertools
import json
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storylens.ids import article_id_from_hash
from storylens.model import Article, content_hash
from storylens.settings import DEFAULT_MAX_BYTES, FIELD_LIMITS, describe_bytes

if TYPE_CHECKING:
    from storylens.ingest.fetch import FetchOptions

# Suffix -> raw format; ".gz" wraps any of these.
FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".json": "json",
           ".csv": "csv", ".rss": "feed", ".atom": "feed", ".xml": "feed"}
# Content type of a download -> raw format (anything else that passed the fetch check is HTML).
CONTENT_TYPES = {"text/plain": "text", "text/markdown": "markdown"}
RECORD_FIELDS = ("title", "outlet", "author", "published", "url")
BODY_COLUMNS = ("text", "html")
MAX_BYTES = DEFAULT_MAX_BYTES  # per article (--max-bytes); bigger inputs are refused, not loaded whole
# A record file (.jsonl, .json, .csv, feed) holds many articles: it may be this many times the cap.
RECORD_FILE_FACTOR = 50
URL_SCHEMES = ("http://", "https://")
GLOB_CHARS = "*?["
FEED_DATE = ("feed", 0.95)  # an entry's own published date, as the feed gives it


@dataclass(frozen=True)
class InputError:
    """An input that could not be read: `source` names it, `reason` says why in one line."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class InputWarning(InputError):
    """Something an input held that was left out while the article itself was read (e.g. a bad date)."""


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: download limits, and whether summary-only feed entries fetch their link."""

    fetch: FetchOptions | None = None  # None: storylens.ingest.fetch.FetchOptions() defaults
    fetch_feed_links: bool = False
    max_bytes: int = MAX_BYTES  # per article: a file, stdin, or one JSONL line (see RECORD_FILE_FACTOR)
    # A whole file, counted after decompressing (the web app's upload cap); None: see RECORD_FILE_FACTOR.
    max_file_bytes: int | None = None


Item = Article | InputError


def read_inputs(inputs: Iterable[str], options: ReadOptions | None = None) -> Iterator[Item]:
    """Yield an Article or an InputError for every article found in the given inputs ("-" = stdin)."""
    options = options or ReadOptions()
    for kind, group in itertools.groupby(inputs, key=input_kind):
        yield from INPUT_READERS[kind](list(group), options)


def input_kind(given: str) -> str:
    """Class an input argument: "stdin", "url", "glob" or "path"."""
    if given == "-":
        return "stdin"
    if given.lower().startswith(URL_SCHEMES):
        return "url"
    if any(c in given for c in GLOB_CHARS) and not Path(given).exists():
        return "glob"
    return "path"


def _read_stdin(_given: list[str], options: ReadOptions) -> Iterator[Item]:
    data = sys.stdin.buffer.read(options.max_bytes + 1)  # reading stops at the cap
    if len(data) > options.max_bytes:
        yield InputError("<stdin>", _too_big(options.max_bytes))
        return
    yield from _articles_from_bytes("<stdin>", "text", data, options)


def _read_paths(paths: list[str], options: ReadOptions) -> Iterator[Item]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _read_directory(path, options)
        elif path.is_file():
            yield from _read_file(path, options)
        else:
            yield InputError(given, _not_a_file(path))


def _read_globs(patterns: list[str], options: ReadOptions) -> Iterator[Item]:
    """Expand patterns ourselves, so a quoted "news/*.html" works the same as one the shell expanded."""
    for pattern in patterns:
        matches = sorted(glob.glob(pattern, recursive=True))
        if not matches:
            yield InputError(pattern, "no file matches this pattern")
        yield from _read_paths(matches, options)


def _read_urls(urls: list[str], options: ReadOptions) -> Iterator[Item]:
    from storylens.ingest.fetch import FetchError, fetch_many  # httpx only when a URL is given

    for result in fetch_many(urls, options.fetch):
        if isinstance(result, FetchError):
            yield InputError(result.url, result.reason)
            continue
        for item in _articles_from_bytes(result.url, _download_format(result), result.data, options):
            if isinstance(item, Article) and item.source == result.url:
                item.url = result.final_url
            yield item


def _download_format(result: Any) -> str:
    from storylens.ingest.feeds import looks_like_feed

    if looks_like_feed(result.data, result.content_type):
        return "feed"
    return CONTENT_TYPES.get(result.content_type, "html")


INPUT_READERS: dict[str, Callable[[list[str], ReadOptions], Iterator[Item]]] = {
    "stdin": _read_stdin, "url": _read_urls, "glob": _read_globs, "path": _read_paths}


# What a path that is neither a directory nor a regular file is (never opened: a FIFO would block).
_SPECIAL_FILES = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                  (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _not_a_file(path: Path) -> str:
    """Why a path that is neither a directory nor a regular file cannot be read."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "broken symbolic link" if path.is_symlink() else "no such file or directory"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    kind = next((name for test, name in _SPECIAL_FILES if test(mode)), "not a regular file")
    return f"not a regular file or directory ({kind}); only files and directories are read"


def _read_directory(root: Path, options: ReadOptions) -> Iterator[Item]:
    found = sorted(p for p in root.rglob("*") if p.is_file() and _format_of(p))
    if not found:
        yield InputError(str(root), f"no readable files in this directory (looked for {', '.join(FORMATS)}, "
                                    "and .gz of each)")
    for path in found:
        yield from _read_file(path, options)


def _format_of(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return FORMATS.get(suffixes[-1]) if suffixes else None


def _read_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    fmt = _format_of(path) or "text"
    records = fmt in FORMAT_READERS
    cap = options.max_bytes * (RECORD_FILE_FACTOR if records else 1)
    if options.max_file_bytes is not None and options.max_file_bytes < cap:
        cap = options.max_file_bytes
    try:
        data = _read_capped(path, cap)
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        yield InputError(str(path), f"cannot read: {exc}")
        return
    if data is None:
        too_big = _too_big(options.max_bytes, records)
        if cap == options.max_file_bytes:
            too_big = f"larger than the {describe_bytes(cap)} limit for one file (counted after decompressing)"
        yield InputError(str(path), too_big)
        return
    yield from _articles_from_bytes(str(path), fmt, data, options)


def _read_capped(path: Path, cap: int) -> bytes | None:
    """The file's bytes (decompressed if .gz), or None if there are more than `cap`: reading stops there."""
    gzipped = path.suffix.lower() == ".gz"
    if not gzipped and path.stat().st_size > cap:
        return None
    with (gzip.open(path, "rb") if gzipped else path.open("rb")) as stream:  # a gzip bomb stops at the cap
        data = _read_at_most(stream, cap + 1)
    return None if len(data) > cap else data


def _read_at_most(stream: Any, limit: int) -> bytes:
    """Up to `limit` bytes, in 1 MB reads: `read(limit)` would set aside `limit` bytes even for a small file."""
    chunks, size = [], 0
    while size < limit:
        chunk = stream.read(min(1024 * 1024, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _too_big(max_bytes: int, records: bool = False) -> str:
    if records:
        return f"larger than the {describe_bytes(max_bytes * RECORD_FILE_FACTOR)} limit for a record file " \
               f"({RECORD_FILE_FACTOR} x --max-bytes)"
    return f"larger than the {describe_bytes(max_bytes)} per-article limit (--max-bytes)"


def _articles_from_bytes(source: str, fmt: str, data: bytes, options: ReadOptions) -> Iterator[Item]:
    problem = _unusable(data)
    if problem:
        yield InputError(source, problem)
        return
    reader = FORMAT_READERS.get(fmt)
    if reader is None:
        yield make_article(source, decode_bytes(data), fmt)
    else:
        yield from reader(source, data, options)


def _unusable(data: bytes) -> str | None:
    if not data.strip():
        return "empty file"
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text is full of NUL bytes
        return None
    # Text holds no NUL and next to no other control bytes; images, archives and executables hold many.
    if b"\x00" in head or sum(head.count(c) for c in CONTROL_BYTES) > len(head) * 0.05:
        return "binary file (not text, HTML or JSONL)"
    return None


CONTROL_BYTES = [bytes([c]) for c in (*range(1, 9), 14, *range(16, 27), *range(28, 32), 127)]


def decode_bytes(data: bytes) -> str:
    """Decode bytes (BOM, UTF-8, a declared charset that fits, else the bytes decide): `cleaning.encoding`."""
    from storylens.cleaning.encoding import decode_bytes as decode

    return decode(data)


def _read_jsonl(source: str, data: bytes, options: ReadOptions) -> Iterator[Item]:
    # Split on newlines only: str.splitlines() would also cut at U+2028, which JSON strings may hold raw.
    for lineno, line in enumerate(decode_bytes(data).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        if len(line) > options.max_bytes:  # characters: a cheap lower bound of its bytes
            yield InputError(where, _too_big(options.max_bytes))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON: {exc.msg}")
            continue
        yield from record_items(record, where)


def _read_json(source: str, data: bytes, _options: ReadOptions) -> Iterator[Item]:
    """A JSON file: one record (an object) or an array of records."""
    try:
        parsed = json.loads(decode_bytes(data))
    except json.JSONDecodeError as exc:
        yield InputError(source, f"invalid JSON: {exc.msg} (line {exc.lineno})")
        return
    if isinstance(parsed, list):
        for index, record in enumerate(parsed):
            yield from record_items(record, f"{source}[{index}]")
    else:
        yield from record_items(parsed, source)


def _read_csv(source: str, data: bytes, _options: ReadOptions) -> Iterator[Item]:
    """A CSV file with a header row (id, text or html, title, url, outlet, author, published)."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))  # article HTML outgrows the 128 KB default
    rows = csv.DictReader(io.StringIO(decode_bytes(data), newline=""))
    columns = [c.strip().lower() for c in rows.fieldnames or []]
    if not any(c in columns for c in BODY_COLUMNS):
        yield InputError(source, f"CSV has no 'text' or 'html' column (columns: {', '.join(columns) or 'none'})")
        return
    rows.fieldnames = columns
    try:
        for row in rows:
            yield from record_items(row, f"{source}:{rows.line_num}")
    except csv.Error as exc:
        yield InputError(f"{source}:{rows.line_num}", f"invalid CSV: {exc}")


def _read_feed(source: str, data: bytes, options: ReadOptions) -> Iterator[Item]:
    """An RSS/Atom feed: one article per entry (content, else summary, as HTML)."""
    from storylens.ingest.feeds import feed_records

    records, problem = feed_records(data)
    if problem:
        yield InputError(source, problem)
        return
    if options.fetch_feed_links:
        records = list(_with_fetched_links(records, options))
    for index, record in enumerate(records):
        for item in record_items(record, f"{source}#{index}"):
            if isinstance(item, Article) and item.published:
                item.published_source, item.published_confidence = FEED_DATE
            yield item


def _with_fetched_links(records: list[dict[str, Any]], options: ReadOptions) -> Iterator[dict[str, Any]]:
    """Replace summary-only entries' HTML by their linked page; a failed download keeps the summary."""
    from storylens.ingest.fetch import Fetched, fetch_many

    wanted = [r for r in records if r["summary_only"] and r["url"]]
    pages = dict(zip((r["url"] for r in wanted), fetch_many([r["url"] for r in wanted], options.fetch),
                     strict=True))
    for record in records:
        page = pages.get(record["url"]) if record["summary_only"] else None
        if isinstance(page, Fetched) and _download_format(page) == "html":
            record = {**record, "html": decode_bytes(page.data), "summary_only": False}
        yield record


FORMAT_READERS: dict[str, Callable[[str, bytes, ReadOptions], Iterator[Item]]] = {
    "jsonl": _read_jsonl, "json": _read_json, "csv": _read_csv, "feed": _read_feed}


def record_items(record: Any, source: str) -> Iterator[Item]:
    """The Article of an input record (or why it was refused), then a warning for each value left out."""
    article = article_from_record(record, source)
    yield article
    if isinstance(article, Article):
        for note in article.removed:
            if note["reason"] == BAD_DATE_REASON:
                yield InputWarning(source, f"'published' is not a date, left out: {note['text'][:80]!r}")


def article_from_record(record: Any, source: str) -> Article | InputError:
    """Build an Article from an input record ({"id", "text"|"html", "title", "url", ...})."""
    if not isinstance(record, dict):
        return InputError(source, "record is not a JSON object")
    body, fmt = (record.get("html"), "html") if record.get("html") else (record.get("text"), "text")
    if not isinstance(body, str) or not body.strip():
        return InputError(source, "record has no 'text' or 'html'")
    too_long = _over_limit({"id": record.get("id"), "language": record.get("language")})
    if too_long:
        return InputError(source, too_long)
    article = make_article(source, body, fmt, record_id=record.get("id"))
    replaced: set[str] = set()
    for name in RECORD_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            setattr(article, name, sanitize_text(value.strip(), replaced))
    language = record.get("language")
    if isinstance(language, str) and language.strip():
        article.language = sanitize_text(language.strip().lower(), replaced)
    note_replaced(article, replaced)
    if article.published:
        given, article.published = article.published, input_date(article.published)
        if article.published is None:
            article.removed.append({"text": given, "reason": BAD_DATE_REASON})
        else:
            article.published_source, article.published_confidence = "input", 1.0
    return article


def _over_limit(values: dict[str, Any]) -> str | None:
    """Why a record cannot be stored as given: a field longer than its column (settings.FIELD_LIMITS)."""
    for name, value in values.items():
        text = value.strip() if isinstance(value, str) else "" if value is None else str(value)
        if len(text) > FIELD_LIMITS[name]:
            return f"'{name}' is {len(text):,} characters long; at most {FIELD_LIMITS[name]} are stored"
    return None


def input_date(value: str) -> str | None:
    """YYYY-MM-DD for a `published` value: an ISO date or date-time, or a written date ("4 March 2026");
    None when it is not a date (never cut to ten characters: "2026-03-04junk" is not a date)."""
    from datetime import date, datetime

    text = value.strip()
    if _ISO_DATE.match(text):  # checked first: date.fromisoformat takes "20260304xx" for 2026-03-04
        try:
            return (date.fromisoformat if len(text) == 10 else datetime.fromisoformat)(text).strftime("%Y-%m-%d")
        except ValueError:
            return None
    from storylens.cleaning.frontmatter import match_date

    found = match_date(text) if len(text) <= 80 else None
    # The date must be the whole value, or be followed by a time of day only ("4 March 2026, 10:30 CET").
    if found is None or not _TIME_AFTER_DATE.match(text[found.end:]):
        return None
    return found.iso()


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[T ])")
_TIME_AFTER_DATE = re.compile(r"[\s,.]*(?:(?:at\s+)?\d{1,2}[:.]\d{2}\b.{0,20})?$", re.IGNORECASE)


def make_article(source: str, raw: str, fmt: str, record_id: Any = None) -> Article:
    """A raw Article (before cleaning) with its content hash and id; invalid code points are replaced."""
    replaced: set[str] = set()
    raw, source = sanitize_text(raw, replaced), sanitize_text(source, replaced)
    digest = content_hash(raw)
    given_id = record_id not in (None, "")
    article_id = sanitize_text(str(record_id), replaced) if given_id else article_id_from_hash(digest)
    url = source if source.startswith(URL_SCHEMES) else None
    article = Article(id=article_id, source=source, raw=raw, raw_format=fmt, content_hash=digest, url=url)
    note_replaced(article, replaced)
    return article


# Code points no stored text may hold: lone surrogates (not encodable as UTF-8: the store's write and the
# encoder's tokenizer raised on them; JSON and file names can carry them), NUL (PostgreSQL refuses it in
# text) and the noncharacters U+FFFE/U+FFFF. Every input passes here once, so no later step meets them.
_INVALID_CODE_POINTS = re.compile("[\x00\ud800-\udfff\ufffe\uffff]")
REPLACED_REASON = "invalid-characters"
BAD_DATE_REASON = "published-not-a-date"
INPUT_NOTES = (REPLACED_REASON, BAD_DATE_REASON)  # `removed` reasons ingestion writes (cleaning keeps them)


def sanitize_text(text: str, replaced: set[str] | None = None) -> str:
    """`text` with invalid code points replaced by U+FFFD; adds each one replaced ("U+DC80") to `replaced`."""
    if not _INVALID_CODE_POINTS.search(text):
        return text
    if replaced is not None:
        replaced.update(f"U+{ord(c):04X}" for c in _INVALID_CODE_POINTS.findall(text))
    return _INVALID_CODE_POINTS.sub("\ufffd", text)


def note_replaced(article: Article, replaced: set[str]) -> None:
    """Record in `removed` which invalid code points the input held (each replaced by U+FFFD)."""
    if replaced:
        known = next((r for r in article.removed if r["reason"] == REPLACED_REASON), None)
        if known is not None:
            replaced |= set(known["text"].split(", "))
            article.removed.remove(known)
        article.removed.append({"text": ", ".join(sorted(replaced)), "reason": REPLACED_REASON})
