"""Body and metadata eval on WCXB dev (150 article pages), storylens beside bare trafilatura and htmldate.

Metrics as the dataset README gives them: body = the ScrapingHub 4-gram shingle F1 (`extraction.scores`),
plus the share of `with` snippets found in the body and of `without` (boilerplate) snippets kept out of it;
title and author = exact match after case and whitespace normalisation; publication date = exact day.

Split (fixed once, issue 17): `storylens.evals.split_halves` over the page ids (the ground-truth keys) ranks
them by sha-256 of "storylens-split-1:<id>"; the first 75 are the TUNING half (rules and thresholds are
tuned on these only), the other 75 the CHECKING half (looked at only to measure; the gates read it).
Every figure is reported for both halves (and all pages), for storylens and for the bare libraries on the
same pages: trafilatura (body, title, author, its date) and htmldate alone (date); `worse_than_trafilatura`
counts, per half, the pages where bare trafilatura's title, author or date is right and ours is not.
Run: `python -m storylens.evals.wcxb [DATA_DIR]`.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from statistics import mean
from typing import Any

from storylens.evals import HALVES, dataset_dir, fresh_date_caches, split_halves
from storylens.evals.extraction import match_page, scores

DEFAULT_DIR = dataset_dir("wcxb_article_metadata") / "dev"
_SPACE = re.compile(r"\s+")


def normalise(value: str | None) -> str:
    """Case-folded text with runs of whitespace made one space (the README's "normalised match")."""
    return _SPACE.sub(" ", (value or "").casefold()).strip()


def snippet_found(snippet: str, body: str) -> bool:
    """Whether a snippet occurs in the body, ignoring case and whitespace differences."""
    return normalise(snippet) in normalise(body)


def storylens_page(html: str) -> dict[str, str | None]:
    """Body and metadata the storylens clean step finds."""
    from storylens.cleaning import clean_raw

    cleaned = clean_raw(html, "html")
    meta = cleaned.meta
    return {"body": cleaned.text, "title": meta.get("title"), "author": meta.get("author"),
            "date": meta.get("published")}


def trafilatura_page(html: str) -> dict[str, str | None]:
    """Bare trafilatura with default settings (its metadata uses htmldate for the date)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None:
        return {"body": "", "title": None, "author": None, "date": None}
    return {"body": doc.text or "", "title": doc.title, "author": doc.author, "date": doc.date}


def htmldate_page(html: str) -> dict[str, str | None]:
    """Bare htmldate with its default settings: a date only (its figures beside ours are the date's)."""
    from htmldate import find_date

    return {"body": "", "title": None, "author": None, "date": find_date(html, original_date=True)}


SYSTEMS: dict[str, Callable[[str], dict[str, str | None]]] = {
    "storylens": storylens_page, "trafilatura": trafilatura_page, "htmldate": htmldate_page}
DATE_ONLY = frozenset({"htmldate"})


def load_pages(data_dir: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(page id, html, gold record) for every page."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    return [(key, gzip.decompress((data_dir / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace"),
             gold) for key, gold in sorted(truth.items())]


def page_scores(gold: dict[str, Any], found: dict[str, str | None]) -> dict[str, Any]:
    """Per-page results: shingle triple, snippet rates and the three metadata hits."""
    body = found["body"] or ""
    with_ok = [snippet_found(s, body) for s in gold.get("with") or []]
    without_ok = [not snippet_found(s, body) for s in gold.get("without") or []]
    return {
        "triple": match_page(gold.get("articleBody", ""), body),
        "with": with_ok, "without": without_ok,
        "title": normalise(found["title"]) == normalise(gold["title"]),
        "author": normalise(found["author"]) == normalise(gold["author"]),
        "date": (found["date"] or "")[:10] == gold["publish_date"],
    }


def summarise(per_page: list[dict[str, Any]]) -> dict[str, float]:
    """Aggregate figures over pages: body P/R/F1, snippet pass rates, metadata accuracies."""
    body = scores([p["triple"] for p in per_page])
    withs = [ok for p in per_page for ok in p["with"]]
    withouts = [ok for p in per_page for ok in p["without"]]
    return {"body_" + k: v for k, v in body.items()} | {
        "with_rate": round(mean(withs), 4) if withs else 1.0,
        "without_rate": round(mean(withouts), 4) if withouts else 1.0,
        **{key: round(mean(p[key] for p in per_page), 4) for key in ("title", "author", "date")},
    }


def evaluate_wcxb(data_dir: Path = DEFAULT_DIR, systems: dict[str, Callable] = SYSTEMS,
                  keep_pages: bool = False) -> dict[str, Any]:
    """Figures per system and half (`tuning`, `checking`, `all`), side by side on the same pages in one run."""
    pages = load_pages(data_dir)
    halves = split_halves([key for key, _, _ in pages])
    results: dict[str, Any] = {"pages": len(pages), "split": {h: list(halves.values()).count(h) for h in HALVES}}
    found: dict[str, list[dict[str, Any]]] = {}
    for name, extract in systems.items():
        fresh_date_caches()  # htmldate caches parsed strings: no answer carried from one system to the next
        started = time.perf_counter()
        per_page = [page_scores(gold, extract(html)) | {"id": key, "half": halves[key]} for key, html, gold in pages]
        results[name] = {"seconds": round(time.perf_counter() - started, 2)}
        for half in (*HALVES, "all"):
            chosen = [p for p in per_page if half in ("all", p["half"])]
            results[name][half] = ({"date": round(mean(p["date"] for p in chosen), 4)} if name in DATE_ONLY
                                   else summarise(chosen))
        if keep_pages:
            results[name]["per_page"] = per_page
        found[name] = per_page
    if "storylens" in found and "trafilatura" in found:
        results["worse_than_trafilatura"] = pages_worse(found["storylens"], found["trafilatura"])
    return results


def pages_worse(ours: list[dict[str, Any]], bare: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per half, how many pages bare trafilatura gets right and storylens wrong, for title, author and date.

    The accuracies beside each other can hide pages the library gets and we lose; this counts them."""
    worse: dict[str, dict[str, int]] = {}
    for half in (*HALVES, "all"):
        pairs = [(o, b) for o, b in zip(ours, bare, strict=True) if half in ("all", o["half"])]
        worse[half] = {key: sum(b[key] and not o[key] for o, b in pairs) for key in ("title", "author", "date")}
    return worse


def main() -> None:
    """Print the WCXB figures as JSON."""
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    print(json.dumps(evaluate_wcxb(data_dir), indent=1))


if __name__ == "__main__":
    main()
