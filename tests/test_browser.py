"""Real headless Chromium (Debian's, driven by Playwright): the demo report and the web app.

Clicking a claim highlights its sentence, search and upload work, hostile articles stay inert, and no
page logs a console error. Screenshots go to test-artifacts/browser/ (gitignored).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from storylens.cli import DEMO_DIR

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOSTILE = ("---\noutlet: Mallory <b>Times</b>\n---\nDam holds <script>window.__pwned = 1</script>\n\n"
           "<script>window.__pwned = 1; alert(1)</script> The Orwick dam held on Friday, engineers said.\n\n"
           "<img src=x onerror=\"window.__pwned = 2\"> Engineer Rolf Amsel said the spillway worked as designed. "
           "<a href=\"javascript:window.__pwned=3\">Read more</a> <div onmouseover=\"window.__pwned=4\">x</div>\n")

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (make system-deps)")


def _cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "storylens.cli", *args], check=True, capture_output=True, cwd=REPO)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.md"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory, hostile_file, pipeline) -> dict[str, Path]:
    """The demo report from the CLI, and a report of the hostile article built in-process."""
    from storylens.outputs.report.context import render_report
    from storylens.outputs.story_json import story_to_json
    from storylens.pipeline.runner import build_story, collect_inputs, process_batch

    out = tmp_path_factory.mktemp("demo")
    _cli("demo", "--out", str(out))
    raw, _problems = collect_inputs([str(hostile_file)])
    batch = process_batch(raw, pipeline)
    data = story_to_json(build_story(batch.articles, pipeline))
    (out / "hostile.html").write_text(render_report(data), encoding="utf-8")
    return {"demo": out / "report.html", "hostile": out / "hostile.html"}


@pytest.fixture(scope="module")
def server(tmp_path_factory, hostile_file) -> Iterator[str]:
    """`storylens serve` on a free loopback port over a store filled by `storylens add` (+ the hostile file,
    uploaded through the app)."""
    folder = tmp_path_factory.mktemp("app")
    db = f"sqlite:///{folder / 'store.db'}"
    _cli("add", str(DEMO_DIR), "--db", db, "--story", "demo")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "storylens.cli", "serve", "--db", db, "--port", str(port),
                             "--page-size", "4", "--article-page-size", "4"],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(base, proc)
        httpx.get(f"{base}/api/stories/demo", timeout=120).raise_for_status()  # warm the story cache
        added = httpx.post(f"{base}/api/add", data={"story": "dam"}, timeout=120,
                           files={"file": ("hostile.md", hostile_file.read_bytes())}).json()
        assert added["stored"] == 1, added
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _wait_up(base: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            httpx.get(base + "/api/stories", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.3)
    raise RuntimeError("server did not start within 60 s")


def watch(page: Page) -> list[str]:
    """Collect the page's console errors, uncaught errors and dialogs into a list (which must stay empty)."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    return problems


@pytest.fixture()
def page(browser: Browser, request) -> Iterator[Page]:
    """A fresh page that records console errors, page errors and dialogs; all must stay empty."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = watch(page)
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()
    assert problems == []


def _uri(path: Path) -> str:
    return path.resolve().as_uri()


def test_report_click_claim_highlights_sentence(page: Page, reports) -> None:
    page.goto(_uri(reports["demo"]))
    ref = page.locator("#summary a.claimref").first
    claim = ref.get_attribute("data-claim")
    ref.click()
    target = page.locator(f'article [id="claim-{claim}"]')
    expect(target).to_have_class("claim is-active")
    expect(target).to_be_in_viewport()
    assert page.evaluate("location.hash") == f"#claim-{claim}"
    page.locator("#conflicts a.claimref").first.click()
    assert page.locator("article .claim.is-active").count() >= 1
    expect(page.locator(f'article [id="claim-{claim}"]')).not_to_have_class("claim is-active")


def test_report_event_matrix_cell_shows_the_evidence_sentence(page: Page, reports) -> None:
    page.goto(_uri(reports["demo"]))
    matrix = page.locator("#events table.events-matrix")
    expect(matrix).to_be_visible()
    assert matrix.locator("tbody tr:visible").count() >= 2
    cell = matrix.locator("td.event-cell a[data-claim]").first
    claim = cell.get_attribute("data-claim")
    cell.click()
    target = page.locator(f'article [id="claim-{claim}"]')
    expect(target).to_have_class("claim is-active")
    expect(target).to_be_in_viewport()
    hidden = matrix.locator("tr.more").first
    expect(hidden).to_be_hidden()
    page.locator("#events label.show-all").click()
    expect(hidden).to_be_visible()


def test_report_panels_dark_mode_and_print(browser: Browser, reports) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = watch(page)
    page.goto(_uri(reports["demo"]))
    for section in ("coverage", "network", "timeline"):
        expect(page.locator(f"#{section} svg, #{section} table").first).to_be_visible()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(22, 24, 28)"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("#network").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "report-dark-network.png"))
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('nav.toc')).display") == "none"
    page.pdf(path=str(ARTIFACTS / "report-print.pdf"))
    context.close()
    assert problems == []


def test_hostile_report_stays_inert(page: Page, reports) -> None:
    page.goto(_uri(reports["hostile"]))
    page.locator("article.source").first.hover()
    page.mouse.move(10, 10)
    assert page.evaluate("window.__pwned") is None
    assert page.locator('a[href^="javascript:"], [onerror], [onmouseover], img').count() == 0
    expect(page.locator("article.source").first).to_contain_text("<script>window.__pwned = 1; alert(1)</script>")


def test_app_story_page_click_and_paging(page: Page, server: str) -> None:
    page.goto(f"{server}/stories/demo")
    ref = page.locator('#claims a.claimref[href^="#claim-"]').first  # a claim whose article is on this page
    claim = ref.get_attribute("data-claim")
    ref.click()
    expect(page.locator(f'article [id="claim-{claim}"]')).to_have_class("claim is-active")
    assert page.locator("article.source").count() == 4
    page.locator("#articles nav.pager a[rel=next]").click()
    page.wait_for_url("**articles=2**")
    assert page.locator("article.source").count() == 2


def test_app_event_matrix_cell_shows_the_evidence_sentence(page: Page, server: str) -> None:
    page.goto(f"{server}/stories/demo")
    expect(page.locator("#events table.events-matrix")).to_be_visible()
    cell = page.locator('#events td.event-cell a[data-claim][href^="#claim-"]').first  # its article is on this page
    claim = cell.get_attribute("data-claim")
    cell.click()
    expect(page.locator(f'article [id="claim-{claim}"]')).to_have_class("claim is-active")
    away = page.locator('#events td.event-cell a[data-claim][href^="/stories/demo/articles/"]').first
    claim = away.get_attribute("data-claim")
    away.click()
    page.wait_for_url("**/articles/**")
    expect(page.locator(f'[id="claim-{claim}"]')).to_have_class("claim is-active")


def test_app_claim_on_another_page_opens_its_article(page: Page, server: str) -> None:
    page.goto(f"{server}/stories/demo")
    away = page.locator('#summary a.claimref[href^="/stories/demo/articles/"]').first
    claim = away.get_attribute("data-claim")
    away.click()
    page.wait_for_url("**/articles/**")
    expect(page.locator(f'[id="claim-{claim}"]')).to_have_class("claim is-active")


def test_app_search_and_follow_a_result(page: Page, server: str) -> None:
    page.goto(server)
    page.fill("header input[name=q]", "solvent tons")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?**")
    expect(page.locator("#result-count")).not_to_have_text("0 results")
    first = page.locator("ol.results li.kind-claim a").first
    expect(first.locator("mark").first).to_be_visible()
    first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("article .claim.is-active").count() >= 1


def test_app_upload_article(page: Page, server: str, tmp_path) -> None:
    upload = tmp_path / "rowers.txt"
    upload.write_text("Rowers hand out water in Brennock\n\nBRENNOCK, March 7, 2026 — Volunteers from the Sallow "
                      "rowing club handed out 900 bottles of water on Saturday, captain Nia Orrell said.",
                      encoding="utf-8")
    page.goto(f"{server}/add?story=demo")
    page.set_input_files("input[type=file]", str(upload))
    page.click("form.add button[type=submit]")
    expect(page.locator("#add-result")).to_contain_text("1 new")
    page.locator("#add-result ul a").first.click()
    expect(page.locator("article.source h3")).to_contain_text("Rowers hand out water")


def test_app_hostile_article_stays_inert(page: Page, server: str) -> None:
    page.goto(f"{server}/stories/dam")
    page.locator("article.source").first.hover()
    assert page.evaluate("window.__pwned") is None
    assert page.locator('a[href^="javascript:"], [onerror], [onmouseover], img').count() == 0
    page.goto(f"{server}/search?q=spillway")
    assert page.evaluate("window.__pwned") is None
    page.goto(f"{server}/add?story=dam")
    page.fill("textarea[name=text]", "<script>window.__pwned=5</script> The Orwick weir was cleared on Monday.")
    page.click("form.add button[type=submit]")
    expect(page.locator("#add-result")).to_be_visible()
    page.goto(f"{server}/stories/dam")
    assert page.evaluate("window.__pwned") is None


if os.environ.get("STORYLENS_SKIP_BROWSER"):  # an escape hatch for machines without chromium, never in CI
    pytestmark = pytest.mark.skip(reason="STORYLENS_SKIP_BROWSER is set")
