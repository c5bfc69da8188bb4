"""Publication-date eval on the htmldate set (300 pages), storylens beside bare htmldate.

Metric as the dataset README gives it: exact day match of the extracted date against the checked date,
plus coverage (share of pages where a date was returned).

Split (fixed once, issue 17): within each subset (bbaw, mediacloud2020) `storylens.evals.split_halves` ranks
the page ids by sha-256 of "storylens-split-1:<id>"; the first half of each subset is the TUNING half (75 + 75
pages: rules are tuned on these only), the rest the CHECKING half (75 + 75: only measured; the gate reads it).
Figures are reported per half (and overall, and per subset), storylens beside bare htmldate on the same pages.
Run: `python -m storylens.evals.pubdate [DATA_DIR]`.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storylens.evals import HALVES, dataset_dir, fresh_date_caches, split_halves

DEFAULT_DIR = dataset_dir("htmldate_pubdate")


def storylens_date(html: str, url: str | None = None) -> str | None:
    """The publication date the storylens clean step finds."""
    from storylens.cleaning import clean_raw

    return clean_raw(html, "html", url=url).meta.get("published")


def htmldate_date(html: str, url: str | None = None) -> str | None:
    """Bare htmldate with its default settings (extensive search, original date)."""
    from htmldate import find_date

    return find_date(html, url=url, original_date=True)


SYSTEMS: dict[str, Callable[..., str | None]] = {"storylens": storylens_date, "htmldate": htmldate_date}


def load_pages(data_dir: Path) -> list[dict[str, Any]]:
    """Gold records with their decoded `html`."""
    records = []
    with (data_dir / "ground_truth.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                record["html"] = gzip.decompress((data_dir / record["html_file"]).read_bytes()).decode(
                    "utf-8", "replace")
                records.append(record)
    return records


def page_halves(pages: list[dict[str, Any]]) -> dict[str, str]:
    """Page id → "tuning" / "checking", split within each subset so both halves mix them alike."""
    halves: dict[str, str] = {}
    for subset in sorted({p["subset"] for p in pages}):
        halves |= split_halves([p["id"] for p in pages if p["subset"] == subset])
    return halves


def evaluate_pubdate(data_dir: Path = DEFAULT_DIR, systems: dict[str, Callable] = SYSTEMS,
                     keep_pages: bool = False) -> dict[str, Any]:
    """Accuracy and coverage per system (overall, per half and per subset), side by side in one run."""
    pages = load_pages(data_dir)
    halves = page_halves(pages)
    results: dict[str, Any] = {"pages": len(pages), "split": {h: list(halves.values()).count(h) for h in HALVES}}
    for name, find in systems.items():
        fresh_date_caches()  # htmldate caches parsed strings: no answer carried from one system to the next
        started = time.perf_counter()
        found = [(page, (find(page["html"], page["url"]) or "")[:10]) for page in pages]
        seconds = time.perf_counter() - started
        result: dict[str, Any] = _accuracy(found) | {"seconds": round(seconds, 2)}
        for half in HALVES:
            result[half] = _accuracy([(p, d) for p, d in found if halves[p["id"]] == half])
        for subset in sorted({p["subset"] for p in pages}):
            result[subset] = _accuracy([(p, d) for p, d in found if p["subset"] == subset])
        if keep_pages:
            result["per_page"] = [{"id": p["id"], "half": halves[p["id"]], "gold": p["date"], "found": d}
                                  for p, d in found]
        results[name] = result
    return results


def _accuracy(found: list[tuple[dict[str, Any], str]]) -> dict[str, float]:
    return {"accuracy": round(sum(d == p["date"] for p, d in found) / len(found), 4),
            "coverage": round(sum(bool(d) for _, d in found) / len(found), 4)}


def main() -> None:
    """Print the publication-date figures as JSON."""
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    print(json.dumps(evaluate_pubdate(data_dir), indent=1))


if __name__ == "__main__":
    main()
