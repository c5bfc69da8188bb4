"""URLs and feeds against a server this test starts on 127.0.0.1: limits, robots.txt, redirects, feeds."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storylens.ingest.fetch import USER_AGENT, FetchError, FetchOptions, fetch_many
from storylens.ingest.readers import InputError, ReadOptions, read_inputs

ARTICLE = (b"<html lang='en'><head><title>Ferry strike ends | Velm Ledger</title></head><body>"
           b"<article><h1>Ferry strike ends</h1><p>Crews of the Port Velm ferry line returned to work on "
           b"Monday after a nine-day strike over night-shift pay, the union said.</p><p>The harbour "
           b"authority said timetables would be back to normal by Thursday.</p></article></body></html>")
ROBOTS = b"User-agent: *\nDisallow: /private\n"


def rss(entries: int, summary_link: str = "") -> bytes:
    """An RSS feed of fictional entries; the first may carry only a summary linking to a page."""
    items = [f"<item><title>Harbour note {i}</title><link>http://velm.example/n/{i}</link>"
             f"<description>&lt;p&gt;Ferry crews logged note {i} about the harbour.&lt;/p&gt;</description>"
             f"<content:encoded>&lt;p&gt;Full note {i}: the ferry line ran on time.&lt;/p&gt;</content:encoded>"
             f"<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate><author>desk@velm.example (Ana Reyes)</author>"
             f"</item>" for i in range(entries)]
    if summary_link:
        items[0] = (f"<item><title>Strike over</title><link>{summary_link}</link>"
                    "<description>Short teaser only.</description></item>")
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Velm Ledger</title>{''.join(items)}</channel></rss>").encode()


class Handler(BaseHTTPRequestHandler):
    """Routes for every case: a page, feeds, robots.txt, and the misbehaving servers."""

    seen_agents: list[str] = []

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def _send(self, body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        port = self.server.server_address[1]
        routes = {
            "/robots.txt": lambda: self._send(ROBOTS, "text/plain"),
            "/article.html": lambda: self._send(ARTICLE),
            "/private/secret.html": lambda: self._send(ARTICLE),
            "/photo.png": lambda: self._send(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
            "/feed.xml": lambda: self._send(rss(3, f"http://127.0.0.1:{port}/article.html"), "application/rss+xml"),
            "/big-feed.xml": lambda: self._send(self.server.big_feed, "application/rss+xml"),
            "/missing": lambda: self._send(b"gone", "text/plain", 404),
        }
        if self.path in routes:
            routes[self.path]()
        elif self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", f"/loop{len(self.path)}")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(2.0)  # longer than the test's read timeout
            self._send(ARTICLE)
        elif self.path == "/trickle":
            self._trickle()
        else:
            self._send(b"not here", "text/plain", 404)

    def _trickle(self) -> None:
        """A byte every 50 ms: never silent long enough for the read timeout, only the total cap stops it."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(200):
                self.wfile.write(b"<")
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass  # the client hung up, as it should


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.big_feed = rss(10_000)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


FAST = FetchOptions(connect_timeout=1.0, read_timeout=0.5, total_seconds=1.0, max_redirects=3, concurrency=3)


def test_each_bad_url_gives_its_reason_and_the_batch_goes_on(server):
    urls = [f"{server}/{path}" for path in
            ("slow", "loop", "trickle", "photo.png", "private/secret.html", "missing", "article.html")]
    results = dict(zip(urls, fetch_many(urls, FAST), strict=True))
    reasons = {url.rsplit("/", 1)[-1]: r.reason for url, r in results.items() if isinstance(r, FetchError)}
    assert reasons["slow"].startswith("timed out")
    assert reasons["loop"] == "too many redirects (more than 3)"
    assert reasons["trickle"] == "took too long (total time cap reached)"
    assert reasons["photo.png"] == "not a page or feed (content type image/png)"
    assert reasons["secret.html"].startswith("disallowed by robots.txt")
    assert reasons["missing"] == "HTTP 404"
    page = results[f"{server}/article.html"]
    assert not isinstance(page, FetchError) and page.data == ARTICLE
    assert USER_AGENT in Handler.seen_agents and USER_AGENT.startswith("storylens/")


def test_read_inputs_turns_urls_into_articles_and_errors(server):
    items = list(read_inputs([f"{server}/article.html", f"{server}/photo.png"], ReadOptions(fetch=FAST)))
    article, error = items
    assert not isinstance(article, InputError)
    assert article.raw_format == "html" and article.url == f"{server}/article.html"
    assert "Port Velm ferry line" in article.raw
    assert isinstance(error, InputError) and str(error).startswith(f"{server}/photo.png: not a page or feed")


def test_size_cap_while_streaming(server):
    capped = FetchOptions(max_bytes=100, respect_robots=False)
    (result,) = fetch_many([f"{server}/article.html"], capped)
    assert isinstance(result, FetchError) and "larger than 100 bytes" in result.reason


def test_feed_url_gives_one_article_per_entry_and_fetches_summary_links_on_request(server):
    plain = list(read_inputs([f"{server}/feed.xml"], ReadOptions(fetch=FAST)))
    assert len(plain) == 3 and not any(isinstance(i, InputError) for i in plain)
    teaser, first, _ = plain
    assert teaser.raw == "Short teaser only." and teaser.url == f"{server}/article.html"
    assert first.title == "Harbour note 1" and first.outlet == "Velm Ledger"
    assert first.raw == "<p>Full note 1: the ferry line ran on time.</p>"  # content wins over the summary
    assert first.published == "2026-03-03" and first.published_source == "feed"
    assert first.url == "http://velm.example/n/1"
    fetched = list(read_inputs([f"{server}/feed.xml"], ReadOptions(fetch=FAST, fetch_feed_links=True)))
    assert "nine-day strike" in fetched[0].raw and fetched[0].title == "Strike over"
    assert fetched[1].raw == first.raw  # entries with content are not downloaded again


def test_feed_with_ten_thousand_entries(server):
    items = list(read_inputs([f"{server}/big-feed.xml"], ReadOptions(fetch=FAST)))
    assert len(items) == 10_000 and not any(isinstance(i, InputError) for i in items)
    assert len({a.url for a in items}) == 10_000 and items[-1].title == "Harbour note 9999"
    # Memory stays bounded: a feed over the size cap is refused while streaming, not loaded whole.
    small = FetchOptions(max_bytes=1024 * 1024)
    (refused,) = read_inputs([f"{server}/big-feed.xml"], ReadOptions(fetch=small))
    assert isinstance(refused, InputError) and "larger than 1048576 bytes" in refused.reason


def test_feed_file_and_broken_feed(tmp_path):
    (tmp_path / "ledger.rss").write_bytes(rss(2))
    (tmp_path / "broken.xml").write_bytes(b"<?xml version='1.0'?><html><p>not a feed</p></html>")
    items = list(read_inputs([str(tmp_path / "ledger.rss"), str(tmp_path / "broken.xml")]))
    assert [i.title for i in items[:2]] == ["Harbour note 0", "Harbour note 1"]
    assert isinstance(items[2], InputError) and items[2].source.endswith("broken.xml")
