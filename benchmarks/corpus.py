"""A benchmark corpus assembled at run time from `../shared/data` news texts (never committed).

Multi-News documents and Gender Gap Tracker articles of typical news length; for more articles than there
are texts, the texts are recycled with a numbered closing line so each copy has its own content hash (the
store would otherwise reuse the first copy) while the analysis work stays the same.
"""

from __future__ import annotations

import json
import platform
from itertools import cycle, islice
from pathlib import Path

import psutil

from storylens.evals import SHARED_DATA
from storylens.ingest.readers import make_article
from storylens.model import Article

DATA = SHARED_DATA
SOURCES = {"multinews/dev_100.jsonl": "documents", "gendergaptracker_quotes/dev_49.jsonl": "text"}
MIN_CHARS, MAX_CHARS = 1_500, 15_000  # typical news length; drops captions-only scrapes and long-reads
PUBLISHED = "2026-01-15"


def texts(data: Path = DATA) -> list[str]:
    """The distinct article bodies of typical length, in file order."""
    if not data.is_dir():
        raise SystemExit(f"benchmark data not found: {data} (the shared evaluation data must sit beside the repo)")
    found: list[str] = []
    for name, field in SOURCES.items():
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            value = json.loads(line)[field]
            found.extend(value if isinstance(value, list) else [value])
    return [t for t in found if MIN_CHARS <= len(t) <= MAX_CHARS]


def variant(text: str, n: int, distinct: int) -> str:
    """Copy `n` of a text: the text itself in the first round, then with a numbered closing line."""
    round_ = n // distinct
    return text if round_ == 0 else f"{text}\n\nThis copy is number {round_} of the benchmark corpus."


def records(count: int) -> list[dict[str, str]]:
    """`count` input records (.jsonl shape) with ids b0, b1, ..."""
    bodies = texts()
    return [{"id": f"b{n}", "text": variant(text, n, len(bodies)), "published": PUBLISHED}
            for n, text in enumerate(islice(cycle(bodies), count))]


def raw_articles(count: int) -> list[Article]:
    """`count` raw articles as ingestion makes them from the records."""
    out = []
    for record in records(count):
        article = make_article(f"{record['id']}.txt", record["text"], "text", record_id=record["id"])
        article.published = record["published"]
        out.append(article)
    return out


def write_jsonl(path: Path, count: int) -> Path:
    """Write `count` records to a .jsonl file (for CLI runs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records(count)), encoding="utf-8")
    return path


def machine() -> str:
    """One line describing the machine the figures come from."""
    cpu = platform.processor() or "unknown CPU"
    try:
        names = [ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                 if ln.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    memory = psutil.virtual_memory().total / 2**30
    return (f"{psutil.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM, no GPU, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; shared with other engineers' jobs while measured")


def mean_chars(articles: list[Article]) -> float:
    """Mean raw length of the articles in characters."""
    return sum(len(a.raw) for a in articles) / max(len(articles), 1)


def publish(text: str, write: Path | None) -> None:
    """Print a result block and, when asked, append it to a Markdown file (benchmarks/RESULTS.md)."""
    print(text)
    if write:
        with write.open("a", encoding="utf-8") as handle:
            handle.write(text)
