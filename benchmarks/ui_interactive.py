"""How fast the demo report and the web app's story page become interactive in headless Chromium, and
whether a 300-article story page stays responsive (paged lists) next to the full static report of it.

For each page, fresh browser contexts (no cache) measure DOMContentLoaded and load (Navigation Timing),
then the first click on a claim link, timed inside the page from `click()` until the next frame has been
painted with the sentence highlighted. "Interactive" = load + that first click. The 300-article story is
fictional text generated here at run time (never committed), added through `storylens add`.

Run: `python benchmarks/ui_interactive.py [--runs 5] [--articles 300] [--write benchmarks/RESULTS.md]`.
"""

from __future__ import annotations

import argparse
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import Browser, sync_playwright

REPO = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CLICK_JS = """async (sel) => {
  const el = document.querySelector(sel);
  const id = el.getAttribute('data-claim');
  const t0 = performance.now();
  el.click();
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const ok = !!document.querySelector('article .claim.is-active[data-claim="' + CSS.escape(id) + '"]');
  return {ms: performance.now() - t0, ok};
}"""
NAV_JS = """() => { const n = performance.getEntriesByType('navigation')[0];
  return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, bytes: n.transferSize || n.decodedBodySize}; }"""
ON_PAGE_CLAIM = 'a.claimref[href^="#claim-"]'

OUTLETS = ("Harlow Bay Tribune", "Kessmoor Post", "The Linden Crier", "Orwick Evening News", "Saltfen Herald",
           "Tarrow Valley Voice", "The Quayside Gazette", "Brightmere Daily", "Felgate Observer", "Norrow Star",
           "The Ashcombe Ledger", "Wendle Radio News")
PEOPLE = (("Mira Calloway", "harbour master"), ("Jonah Petrel", "fire chief"), ("Ilse Varga", "ferry company CEO"),
          ("Dr. Oren Blyth", "hospital spokesman"), ("Teodor Rusk", "mayor"), ("Alma Ferrow", "passenger"))


def fictional_article(n: int) -> str:
    """Article n about a fictional ferry fire: shared facts, varying numbers (conflicts), quotes, dates."""
    rng = random.Random(n)
    outlet = OUTLETS[n % len(OUTLETS)]
    injured = rng.choice((12, 12, 12, 14, 19))
    passengers = rng.choice((240, 240, 260))
    day = rng.choice((3, 3, 4))
    who = rng.sample(PEOPLE, 3)
    lines = [
        f"Ferry fire at Harlow Bay: update {n}",
        f"HARLOW BAY, March {day + 1}, 2026 — A fire broke out on the ferry Gull Wing on March {day}, 2026, "
        f"as it approached Harlow Bay with {passengers} passengers on board.",
        f"{injured} people were treated for smoke inhalation, according to the {who[0][1]}.",
        f"\"The crew acted quickly and everyone got off safely,\" said {who[0][1]} {who[0][0]}.",
        f"{who[1][0]}, the {who[1][1]}, said the fire started in the engine room.",
        rng.choice(("The ferry line suspended all crossings until further notice.",
                    "Crossings to Kessmoor were suspended on Wednesday.",
                    "The company said crossings would resume next Monday.")),
        f"\"We will find out what went wrong,\" {who[2][0]} told reporters.",
        rng.choice(("Investigators from the maritime board arrived on Thursday.",
                    "An inquiry is expected to report by June 2026.",
                    "Local shops near the quay reported a surge of visitors.")),
        f"This is report {n} from {outlet}'s harbour desk.",
    ]
    return f"---\noutlet: {outlet}\n---\n" + "\n\n".join(lines) + "\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "storylens.cli", *args], check=True, capture_output=True, cwd=REPO)
    return time.perf_counter() - start


def measure(browser: Browser, url: str, runs: int) -> dict[str, float]:
    """Median DOMContentLoaded, load, first-click and wall-clock interactive times over fresh contexts."""
    rows = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
        start = time.perf_counter()
        page.goto(url, wait_until="load")
        nav = page.evaluate(NAV_JS)
        click = page.evaluate(CLICK_JS, ON_PAGE_CLAIM)
        wall = (time.perf_counter() - start) * 1000
        context.close()
        if errors or not click["ok"]:
            raise SystemExit(f"{url}: console errors {errors} or click not handled ({click})")
        rows.append({"dcl": nav["dcl"], "load": nav["load"], "click": click["ms"],
                     "interactive": nav["load"] + click["ms"], "wall": wall, "kb": nav["bytes"] / 1024})
    return {key: statistics.median(r[key] for r in rows) for key in rows[0]}


def start_server(db: str) -> tuple[subprocess.Popen, str]:
    """`storylens serve` on a free loopback port; returns the process and its base URL once it answers."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "storylens.cli", "serve", "--db", db, "--port", str(port)],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/api/stories", timeout=2)
            return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start")


def _timed_get(url: str) -> float:
    start = time.perf_counter()
    httpx.get(url, timeout=900).raise_for_status()
    return time.perf_counter() - start


def run(runs: int, count: int) -> tuple[list[tuple[str, dict[str, float]]], dict[str, float]]:
    """Measure the four pages; return their rows and the set-up timings."""
    results, setup = [], {}
    with tempfile.TemporaryDirectory(prefix="storylens-ui-") as tmp_dir:
        tmp = Path(tmp_dir)
        _cli("demo", "--out", str(tmp / "demo"))
        folder = tmp / "big"
        folder.mkdir()
        for n in range(count):
            (folder / f"a{n:03d}.md").write_text(fictional_article(n), encoding="utf-8")
        db = f"sqlite:///{tmp / 'store.db'}"
        _cli("add", str(REPO / "src" / "storylens" / "demo" / "articles"), "--db", db, "--story", "demo")
        setup["add_big_s"] = _cli("add", str(folder), "--db", db, "--story", "big")
        setup["report_big_s"] = _cli("analyze", str(folder), "--db", db, "--html", str(tmp / "big.html"))
        proc, base = start_server(db)
        try:
            setup["first_view_demo_s"] = _timed_get(f"{base}/stories/demo")
            setup["first_view_big_s"] = _timed_get(f"{base}/stories/big")
            setup["cached_view_big_s"] = min(_timed_get(f"{base}/stories/big") for _ in range(3))
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                for label, url in (("demo report (file)", (tmp / "demo" / "report.html").as_uri()),
                                   ("app story page, demo", f"{base}/stories/demo"),
                                   (f"app story page, {count} articles (paged, 50 per list)", f"{base}/stories/big"),
                                   (f"static report, {count} articles (everything on one page)",
                                    (tmp / "big.html").as_uri())):
                    results.append((label, measure(browser, url, runs)))
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    return results, setup


def table(results: list[tuple[str, dict[str, float]]], setup: dict[str, float], runs: int, count: int) -> str:
    """The markdown section for RESULTS.md."""
    lines = ["## UI: time to interactive in Chromium (`benchmarks/ui_interactive.py`)", "",
             f"Machine: {platform.machine()}, 2 cores, no GPU, Python {platform.python_version()}, Debian chromium "
             "headless; shared with other jobs while measured.", "",
             f"Median of {runs} fresh browser contexts per page. Interactive = load event + first claim click "
             "handled and painted (highlight on screen).", "",
             "| page | size KB | DOMContentLoaded ms | load ms | first click ms | interactive ms | wall ms |",
             "|---|---|---|---|---|---|---|"]
    for label, r in results:
        lines.append(f"| {label} | {r['kb']:.0f} | {r['dcl']:.0f} | {r['load']:.0f} | {r['click']:.1f} | "
                     f"{r['interactive']:.0f} | {r['wall']:.0f} |")
    lines += ["", f"Set-up: `storylens add` of {count} fictional articles {setup['add_big_s']:.1f} s; static "
              f"report of them (`analyze --html`, articles reused from the store) {setup['report_big_s']:.1f} s; "
              f"app first view (story analysis, then cached) demo {setup['first_view_demo_s']:.2f} s, "
              f"{count} articles {setup['first_view_big_s']:.1f} s; cached {count}-article page served in "
              f"{setup['cached_view_big_s'] * 1000:.0f} ms.", ""]
    target = all(r["interactive"] < 1000 for label, r in results[:3])
    lines.append(f"Target (demo report, app story page and paged {count}-article page interactive < 1 s): "
                 f"{'meets it' if target else 'misses it'}.")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Measure and print (and optionally append) the results table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--write", type=Path, help="append the results section to this markdown file")
    args = parser.parse_args()
    results, setup = run(args.runs, args.articles)
    text = table(results, setup, args.runs, args.articles)
    print(text)
    if args.write:
        with args.write.open("a", encoding="utf-8") as out:
            out.write("\n" + text)


if __name__ == "__main__":
    main()
