"""HTML extraction throughput: the storylens `clean` stage vs bare trafilatura, same pages (issue 3: <= 1.5x).

Both run on the ScrapingHub benchmark's 181 pages in the same process, alternating rounds so the machine's
state is shared: A = `trafilatura.extract` with its defaults (body only, as the extraction eval uses it),
B = the `clean` stage on a raw Article (trafilatura + page metadata + htmldate + furniture rules + language).
Also times reading a 10,000-entry RSS feed (`ingest`, feedparser) once. Ratio = B / A from the best rounds.

Run: `python benchmarks/extraction_speed.py [--rounds 3] [--write benchmarks/RESULTS.md]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from storylens.evals.extraction import DEFAULT_DIR, load_pages
from storylens.ingest.readers import ReadOptions, _articles_from_bytes, make_article
from storylens.stages.article.clean import clean_article

TARGET = 1.5


def bare(html: str) -> None:
    """Run A: bare trafilatura."""
    import trafilatura

    trafilatura.extract(html)


def storylens_clean(html: str) -> None:
    """Run B: the storylens clean stage on a raw HTML article."""
    clean_article(make_article("page.html", html, "html"))


def timed(run: Callable[[str], None], pages: list[str]) -> float:
    """Seconds for one pass over all pages."""
    start = time.perf_counter()
    for html in pages:
        run(html)
    return time.perf_counter() - start


def feed_seconds(entries: int = 10_000) -> tuple[float, int]:
    """Seconds to read a generated RSS feed of `entries` fictional items into raw articles, and its bytes."""
    items = "".join(f"<item><title>Note {i}</title><link>http://velm.example/n/{i}</link><description>"
                     f"&lt;p&gt;Ferry crews logged note {i}.&lt;/p&gt;</description>"
                     "<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate></item>" for i in range(entries))
    data = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Velm</title>{items}</channel></rss>'.encode()
    start = time.perf_counter()
    count = sum(1 for _ in _articles_from_bytes("feed.xml", "feed", data, ReadOptions()))
    assert count == entries
    return time.perf_counter() - start, len(data)


def measure(rounds: int) -> dict[str, object]:
    """Alternate A and B `rounds` times after a warm-up; best and median seconds and the B/A ratio."""
    pages = [html for _, html, _ in load_pages(DEFAULT_DIR)]
    for html in pages[:5]:  # warm-up: imports, lingua models, dateparser locales are once per process
        bare(html)
        storylens_clean(html)
    a_times, b_times = [], []
    for _ in range(rounds):
        a_times.append(timed(bare, pages))
        b_times.append(timed(storylens_clean, pages))
    feed, feed_bytes = feed_seconds()
    return {"pages": len(pages), "a_best": min(a_times), "b_best": min(b_times),
            "a_median": statistics.median(a_times), "b_median": statistics.median(b_times),
            "ratio": min(b_times) / min(a_times), "feed_seconds": feed, "feed_bytes": feed_bytes}


def report(result: dict, rounds: int) -> str:
    """The Markdown section appended to RESULTS.md."""
    import trafilatura

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    n = result["pages"]
    verdict = "meets it" if result["ratio"] <= TARGET else "misses it"
    return "\n".join([
        "", "## HTML extraction: clean stage vs bare trafilatura (`benchmarks/extraction_speed.py`)", "",
        f"Machine: {os.cpu_count()} cores ({cpu}), no GPU, Python {platform.python_version()}, "
        f"trafilatura {trafilatura.__version__}, {platform.system()}.", "",
        f"Data: ScrapingHub article-extraction benchmark, {n} pages; {rounds} alternating rounds after a warm-up.", "",
        "| run | best s | median s | pages/s (best) |", "|---|---|---|---|",
        f"| A: trafilatura.extract (defaults) | {result['a_best']:.2f} | {result['a_median']:.2f} | "
        f"{n / result['a_best']:.1f} |",
        f"| B: storylens clean stage | {result['b_best']:.2f} | {result['b_median']:.2f} | "
        f"{n / result['b_best']:.1f} |", "",
        f"Ratio B/A: {result['ratio']:.2f}x (best rounds). Target <= {TARGET}x: {verdict}.", "",
        f"Feed: reading a generated 10,000-entry RSS feed ({result['feed_bytes'] / 1e6:.1f} MB) into raw "
        f"articles took {result['feed_seconds']:.2f} s.", ""])


def main() -> None:
    """Measure, print, and optionally append to RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write", type=Path, default=None)
    args = parser.parse_args()
    if not DEFAULT_DIR.exists():
        sys.exit(f"benchmark data not found at {DEFAULT_DIR}")
    text = report(measure(args.rounds), args.rounds)
    corpus.publish(text, args.write)


if __name__ == "__main__":
    main()
