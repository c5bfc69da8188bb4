"""The web app in-process (FastAPI TestClient, real SQLite store, real pipeline): views, JSON, paging,
search, adding articles, and the protections (token, cross-site, upload cap, URL guard, CSP, escaping)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from storylens import store
from storylens.cli import DEMO_DIR
from storylens.cli.serve import is_loopback
from storylens.pipeline.runner import collect_inputs, process_batch
from storylens.web.app import Settings, create_app
from storylens.web.stories import StoryCache
from storylens.web.urlguard import UrlRefused, check_url

HOSTILE = ("---\noutlet: <b>Mallory</b> Times\n---\n<script>window.__pwned = 1</script> The dam held on Friday.\n\n"
           "<img src=x onerror=\"window.__pwned = 2\"> Engineer Rolf Amsel said the spillway worked. "
           "[Click](javascript:window.__pwned=3) for more.\n")


@pytest.fixture(scope="module")
def db_url(tmp_path_factory, pipeline) -> str:
    folder = tmp_path_factory.mktemp("web")
    (folder / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    url = f"sqlite:///{folder / 'store.db'}"
    engine = store.connect(url)
    raw, problems = collect_inputs([str(DEMO_DIR)])
    assert not problems
    process_batch(raw, pipeline, engine, "demo")
    hostile, _ = collect_inputs([str(folder / "hostile.md")])
    process_batch(hostile, pipeline, engine, "dam")
    return url


def _client(db_url: str, pipeline, **settings) -> TestClient:
    engine = store.connect(db_url)
    app = create_app(Settings(db=db_url, **settings), StoryCache(engine, lambda: pipeline))
    return TestClient(app, base_url="http://127.0.0.1:8000")


@pytest.fixture(scope="module")
def client(db_url, pipeline) -> TestClient:
    return _client(db_url, pipeline, page_size=5, article_page_size=5)


def test_stories_list_html_and_json(client) -> None:
    listing = client.get("/api/stories").json()["stories"]
    demo = next(s for s in listing if s["id"] == "demo")
    assert demo["articles"] == 6 and len(demo["outlets"]) == 6 and demo["first"] <= demo["last"]
    assert client.get("/", headers={"accept": "application/json"}).json()["stories"] == listing
    page = client.get("/")
    assert page.headers["content-type"].startswith("text/html") and 'href="/stories/demo"' in page.text


def test_story_page_has_every_panel_and_pages_long_lists(client) -> None:
    page = client.get("/stories/demo")
    assert page.status_code == 200
    for section in ("summary", "claims", "conflicts", "quotes", "timeline", "coverage", "network", "framing",
                    "entities", "articles"):
        assert f'<section id="{section}"' in page.text
    data = client.get("/api/stories/demo").json()
    assert data["n_articles"] == 6 and len(data["articles"]) == 5
    assert data["pages"]["articles"] == {"name": "articles", "page": 1, "pages": 2, "size": 5, "total": 6,
                                         "prev": None, "next": "?size=5&article_size=5&articles=2"}
    second = client.get("/api/stories/demo?size=5&article_size=5&articles=2").json()
    assert len(second["articles"]) == 1 and second["articles"][0]["id"] not in {a["id"] for a in data["articles"]}
    assert sum(len(b["groups"]) for b in data["groups"]) == 5 < data["n_groups"]
    off_page = second["articles"][0]["id"]
    hrefs = re.findall(r'href="([^"]+)"', page.text)
    assert any(h.startswith(f"/stories/demo/articles/{off_page}#claim-") for h in hrefs)
    assert client.get("/stories/demo").text == page.text  # served again from the page cache
    quotes = sum(len(s["quotes"]) for s in data["speakers"])
    assert quotes == 5 and data["pages"]["quotes"]["total"] > 5


def test_story_json_document_is_the_contract(client) -> None:
    from storylens.outputs.schema import validate_story

    document = client.get("/api/stories/demo/story.json").json()
    validate_story(document)
    assert len(document["articles"]) == 6


def test_article_page_and_redirect(client) -> None:
    document = client.get("/api/stories/demo/story.json").json()
    article = document["articles"][0]
    page = client.get(f"/stories/demo/articles/{article['id']}")
    assert page.status_code == 200 and f'id="article-{article["id"]}"' in page.text
    assert page.text.count('<article class="source"') == 1 and 'id="claim-' in page.text
    moved = client.get(f"/articles/{article['id']}", follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"] == f"/stories/demo/articles/{article['id']}"
    assert client.get("/stories/nope").status_code == 404
    assert client.get("/api/stories/demo/articles/nope").json() == {
        "title": "Not found", "error": "no article 'nope' in story 'demo'"}


def test_search_html_and_json(client) -> None:
    data = client.get("/api/search?q=solvent&size=3").json()
    assert data["total"] > 3 and len(data["results"]) == 3 and data["pages"]["results"]["next"]
    assert all(r["href"].startswith("/stories/demo/articles/") for r in data["results"])
    page = client.get("/search?q=solvent")
    assert "<mark>solvent</mark>" in page.text.lower() or "<mark>Solvent</mark>" in page.text
    assert client.get("/api/search?q=solvent&story=dam").json()["total"] == 0


def test_hostile_article_is_escaped_in_the_app(client) -> None:
    page = client.get("/stories/dam").text
    assert "<script>window" not in page and "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert not re.search(r"<[^>]*\sonerror\s*=", page, flags=re.IGNORECASE)
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", page, flags=re.IGNORECASE)
    assert "&lt;b&gt;Mallory&lt;/b&gt; Times" in page
    assert page.count("<script") == 1 and '<script src="/static/report.js" defer></script>' in page


def test_security_headers_on_every_response(client) -> None:
    for path in ("/", "/stories/demo", "/api/stories", "/search?q=x", "/nope", "/docs", "/static/report.js"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert "'unsafe-inline'" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_docs_work_offline(client) -> None:
    page = client.get("/docs").text
    assert "/api/search" in page and "/api/add" in page and "Full-text search across articles" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing loaded from elsewhere (no CDN)
    schema = client.get("/openapi.json").json()
    assert "/api/stories/{story_id}" in schema["paths"] and "/stories/{story_id}" not in schema["paths"]


def test_add_by_paste_then_story_is_reanalysed(db_url, pipeline) -> None:
    client = _client(db_url, pipeline)
    before = client.get("/api/stories/demo").json()["n_articles"]
    text = ("BRENNOCK, March 7, 2026 — Volunteers from the Sallow rowing club handed out 900 bottles of water "
            "on Saturday, club captain Nia Orrell said.")
    result = client.post("/api/add", data={"story": "demo", "text": text, "outlet": "Rowing Weekly",
                                           "title": "Rowers hand out water"}).json()
    assert result["stored"] == 1 and result["added"][0]["outlet"] == "Rowing Weekly"
    assert client.get("/api/stories/demo").json()["n_articles"] == before + 1
    again = client.post("/api/add", data={"story": "demo", "text": text}).json()
    assert again["stored"] == 0 and again["reused"] == 1
    assert client.post("/api/stories/demo/analyse").json()["articles"] == before + 1


def test_upload_file_and_bad_upload(db_url, pipeline) -> None:
    client = _client(db_url, pipeline, max_upload=2000)
    good = b"The Marrowby lighthouse was repainted in April 2026, the keepers' trust said."
    result = client.post("/api/add", data={"story": "lights"}, files={"file": ("../../etc/note.txt", good)}).json()
    assert result["stored"] == 1 and result["problems"] == []
    empty = client.post("/api/add", data={"story": "lights"}, files={"file": ("e.txt", b"  ")})
    assert empty.status_code == 422 and empty.json()["problems"] == ["e.txt: empty file"]
    big = client.post("/api/add", data={"story": "lights"}, files={"file": ("big.txt", b"x" * 3000)})
    assert big.status_code == 413
    huge = client.post("/api/add", data={"story": "lights"}, files={"file": ("huge.txt", b"x" * 200_000)})
    assert huge.status_code == 413 and "larger than" in huge.text


def test_write_needs_token_and_same_site(db_url, pipeline) -> None:
    client = _client(db_url, pipeline, token="s3cret")
    form = {"story": "t", "text": "Quillby opened a new library on Monday, the mayor said."}
    assert client.post("/api/add", data=form).status_code == 403
    assert client.post("/api/add", data={**form, "token": "wrong"}).status_code == 403
    ok = client.post("/api/add", data=form, headers={"authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["stored"] == 1
    assert client.post("/api/stories/t/analyse", data={"token": "s3cret"}).status_code == 200
    assert client.get("/add").text.count('name="token"') == 1
    open_client = _client(db_url, pipeline)
    refused = open_client.post("/api/add", data=form, headers={"origin": "http://evil.example"})
    assert refused.status_code == 403
    assert open_client.post("/api/add", data=form, headers={"sec-fetch-site": "cross-site"}).status_code == 403


def test_add_by_url_refuses_internal_targets(client) -> None:
    for url in ("http://127.0.0.1:9/x", "http://localhost/", "http://10.1.2.3/", "http://169.254.169.254/latest",
                "http://[::1]/", "ftp://example.org/a"):
        response = client.post("/api/add", data={"story": "u", "url": url})
        assert response.status_code == 400, url
        assert "refus" in response.json()["error"] or "only http" in response.json()["error"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "http://127.0.0.1/",
                                 "http://192.168.0.1/", "http://[fe80::1]/", "http://0.0.0.0/",
                                 "http://[::ffff:127.0.0.1]/", "https:///nohost"])
def test_url_guard_refuses(url: str) -> None:
    with pytest.raises(UrlRefused):
        check_url(url)


def test_url_guard_can_allow_private_and_fetches_through_it(tmp_path, monkeypatch) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from storylens.web import urlguard
    from storylens.web.adding import from_url

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            hops = {"/hop": "127.0.0.1", "/away": "127.0.0.2"}
            if self.path in hops:
                self.send_response(302)
                self.send_header("location", f"http://{hops[self.path]}:{self.server.server_port}/page")
                self.end_headers()
                return
            body = b"<html><body><h1>Kiln fire</h1><p>A kiln fire in Caddow was put out on Sunday.</p></body></html>"
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_port
        check_url(f"http://127.0.0.1:{port}/page", allow_private=True)
        items = from_url(f"http://127.0.0.1:{port}/hop", allow_private=True, max_bytes=100_000)
        assert items[0].url == f"http://127.0.0.1:{port}/page" and "Kiln" in items[0].raw
        with pytest.raises(UrlRefused):
            from_url(f"http://127.0.0.1:{port}/page", allow_private=False, max_bytes=100_000)
        # A redirect hop is checked too: with only 127.0.0.2 counted as internal, the first URL passes and
        # the hop to 127.0.0.2 is refused before any connection (unguarded, it would fail to connect instead).
        monkeypatch.setattr(urlguard, "_internal", lambda address: str(address) == "127.0.0.2")
        with pytest.raises(UrlRefused, match="127.0.0.2"):
            from_url(f"http://127.0.0.1:{port}/away", allow_private=False, max_bytes=100_000)
    finally:
        server.shutdown()


def test_serve_refuses_public_address_without_token() -> None:
    from typer.testing import CliRunner

    from storylens.cli import app

    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "1"])
    assert result.exit_code == 2 and "without --token" in result.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.0.0.1") and not is_loopback("192.168.1.5")
