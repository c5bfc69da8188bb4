"""Polite, bounded URL fetching with httpx: timeouts, time and size caps, redirects, robots.txt, concurrency.

Every URL gives either a `Fetched` page or a `FetchError` naming the URL and the reason; one bad URL never
stops the batch. Redirects are followed by hand so each hop is counted and checked against robots.txt.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from storylens import __version__

USER_AGENT = f"storylens/{__version__} (+https://github.com/storylens)"
# Pages, feeds and plain text only: anything else (images, PDFs, archives) is not an article we can read.
ALLOWED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/xml",
                 "application/xml", "application/rss+xml", "application/atom+xml", "application/rdf+xml")
ROBOTS_MAX_BYTES = 512 * 1024

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class FetchOptions:
    """Limits for one batch of downloads."""

    connect_timeout: float = 5.0
    read_timeout: float = 10.0  # longest silence between two reads
    total_seconds: float = 30.0  # whole download, so a server trickling bytes is cut off
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    concurrency: int = 4
    respect_robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Fetched:
    """A downloaded page: the URL asked for, the final URL after redirects, its content type and bytes."""

    url: str
    final_url: str
    content_type: str
    data: bytes


class FetchError(Exception):
    """A URL that could not be fetched, with a one-line reason."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


@dataclass
class _Robots:
    """robots.txt parsers cached per scheme://host, each fetched once even under concurrency."""

    parsers: dict[str, RobotFileParser] = field(default_factory=dict)
    locks: dict[str, threading.Lock] = field(default_factory=dict)
    guard: threading.Lock = field(default_factory=threading.Lock)

    def allowed(self, client: httpx.Client, url: str, options: FetchOptions) -> bool:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        with self.guard:
            lock = self.locks.setdefault(host, threading.Lock())
        with lock:
            if host not in self.parsers:
                self.parsers[host] = _load_robots(client, host, options)
        return self.parsers[host].can_fetch(options.user_agent, url)


def _load_robots(client: httpx.Client, host: str, options: FetchOptions) -> RobotFileParser:
    """Fetch and parse host/robots.txt; missing means allowed, 401/403 means disallowed (as urllib does)."""
    parser = RobotFileParser(host + "/robots.txt")
    try:
        with client.stream("GET", host + "/robots.txt") as response:
            status = response.status_code
            body = _read_capped(response, ROBOTS_MAX_BYTES, time.monotonic() + options.total_seconds, host)
    except (httpx.HTTPError, FetchError):
        status, body = 404, b""  # unreachable robots.txt: nothing forbids, the page fetch will say why
    if status in (401, 403):
        parser.disallow_all = True
    elif status >= 400:
        parser.allow_all = True
    else:
        parser.parse(body.decode("utf-8", "replace").splitlines())
    return parser


def make_client(options: FetchOptions) -> httpx.Client:
    """An httpx client with the batch's timeouts, User-Agent and a connection pool sized for it."""
    timeout = httpx.Timeout(options.read_timeout, connect=options.connect_timeout)
    limits = httpx.Limits(max_connections=options.concurrency, max_keepalive_connections=options.concurrency)
    return httpx.Client(timeout=timeout, limits=limits, follow_redirects=False,
                        headers={"User-Agent": options.user_agent})


def fetch_url(client: httpx.Client, url: str, options: FetchOptions, robots: _Robots | None = None) -> Fetched:
    """Download one URL within the limits, or raise FetchError saying why not."""
    deadline = time.monotonic() + options.total_seconds
    current = url
    for _hop in range(options.max_redirects + 1):
        if robots is not None and not robots.allowed(client, current, options):
            raise FetchError(url, f"disallowed by robots.txt ({current})")
        try:
            with client.stream("GET", current) as response:
                if response.is_redirect:
                    current = urljoin(current, response.headers.get("location", ""))
                    continue
                return _accept(url, current, response, options, deadline)
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"download failed: {exc}") from exc
    raise FetchError(url, f"too many redirects (more than {options.max_redirects})")


def _accept(url: str, final: str, response: httpx.Response, options: FetchOptions, deadline: float) -> Fetched:
    """Check status, type and size of a final response and read its body."""
    if response.status_code >= 400:
        raise FetchError(url, f"HTTP {response.status_code}")
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in ALLOWED_TYPES:
        raise FetchError(url, f"not a page or feed (content type {content_type})")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise FetchError(url, f"larger than {options.max_bytes} bytes (declared {declared})")
    data = _read_capped(response, options.max_bytes, deadline, url)
    return Fetched(url=url, final_url=final, content_type=content_type, data=data)


def _read_capped(response: httpx.Response, max_bytes: int, deadline: float, url: str) -> bytes:
    """Read a streamed body, stopping at the size cap or the total-time deadline."""
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(url, f"larger than {max_bytes} bytes")
        if time.monotonic() > deadline:
            raise FetchError(url, "took too long (total time cap reached)")
        chunks.append(chunk)
    return b"".join(chunks)


def bounded_map(work: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """Apply `work` on a thread pool, yielding results in input order with at most 2×workers in flight."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(work, item))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def fetch_many(urls: Iterable[str], options: FetchOptions | None = None) -> Iterator[Fetched | FetchError]:
    """Fetch URLs with at most `options.concurrency` downloads at once; one result per URL, in order."""
    options = options or FetchOptions()
    robots = _Robots() if options.respect_robots else None
    with make_client(options) as client:

        def one(url: str) -> Fetched | FetchError:
            try:
                return fetch_url(client, url, options, robots)
            except FetchError as err:
                return err

        yield from bounded_map(one, urls, options.concurrency)
