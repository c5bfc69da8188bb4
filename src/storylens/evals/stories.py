"""Cross-outlet analysis on real stories: BASIL triplets (`../shared/data/basil`), one event told by The New
York Times, Fox News and HuffPost, each triplet analysed as one story.

Scoring rule (exactly the one in `basil/README.txt`, micro totals over the triplets):
- consensus found: ONE claim group holds claims from at least two of the item's articles, each claim
  containing that article's probe (case and diacritics folded, quotes normalised), or lying inside it when
  the claim is longer than 30 characters;
- contradictions found: one reported conflict's two claims match the key's two spans (a in one, b in the other);
- contradiction precision: reported conflicts between different articles that match no key conflict are
  false alarms (precision = matched / reported);
- single-source kept: the claim containing the span is in a group with status "single-source".

The split, fixed once:
- CHECKING part: the 20 triplets with an answer key in `basil/gold/` (written for storylens, not part of
  BASIL). Gated in `tests/evals/test_stories_eval.py`; never read while tuning a rule.
- TUNING part: the 60 triplets without a shared key, for reading real wording and tuning. Some of them carry
  our own key (`storylens/evals/data/basil_tuning/<triplet>.json`, same format, but every span is stored as
  character OFFSETS `[start, end]` into that record's "text", never as text); `--part tuning` scores those.

Processed articles are cached (pickled, see `multinews.processed`) under the system temp dir, so reruns only
redo the story stages.
Run: `python -m storylens.evals.stories [--part checking|tuning] [--verbose] [--only TRIPLET]
[--grouping pairs|events|rules]`.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storylens.evals import dataset_dir
from storylens.evals.multinews import processed
from storylens.ingest.readers import article_from_record
from storylens.model import Article, Story
from storylens.outputs.story_json import story_to_json
from storylens.pipeline.build import Pipeline, build_pipeline

DATA_DIR = dataset_dir("basil")
TUNING_KEYS = Path(__file__).resolve().parent / "data" / "basil_tuning"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "storylens-stories-cache"
# A claim shorter than a probe counts when it lies inside the probe only if it is longer than this (README).
INSIDE_MIN_CHARS = 30
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
                        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"'})
METRICS = ("consensus", "contradictions", "precision", "single_source")


def fold(text: str) -> str:
    """Case and diacritics folded, quotes normalised, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(QUOTES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped).strip().casefold()


def matches(claim_text: str, span: str) -> bool:
    """Whether a claim contains the span, or lies inside it and is longer than 30 characters."""
    claim, probe = fold(claim_text), fold(span)
    if not claim or not probe:
        return False
    return probe in claim or (len(claim) > INSIDE_MIN_CHARS and claim in probe)


@dataclass
class Tally:
    """Found / total counts per metric (micro totals) plus per-triplet detail lines."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {m: [0, 0] for m in METRICS})
    detail: list[str] = field(default_factory=list)

    def add(self, metric: str, found: int, total: int) -> None:
        """Add one triplet's counts for a metric."""
        self.counts[metric][0] += found
        self.counts[metric][1] += total

    def merge(self, other: Tally) -> None:
        """Add another tally's counts and detail."""
        for metric in METRICS:
            self.add(metric, *other.counts[metric])
        self.detail += other.detail

    def summary(self) -> dict[str, Any]:
        """Each metric as {"found", "total", "rate"} (rate None when there is nothing to count)."""
        return {m: {"found": f, "total": t, "rate": round(f / t, 4) if t else None}
                for m, (f, t) in self.counts.items()}


def score_story(result: dict[str, Any], key: dict[str, Any]) -> Tally:
    """Score one analysed story (`storylens.story/1` JSON) against one answer key (spans as text)."""
    claims = [c for c in result["claims"] if c.get("kind") != "heading"]
    group_of = {c: g for g in result["claim_groups"] for c in g["claims"]}
    by_id = {c["id"]: c for c in claims}
    tally = Tally()
    _score_consensus(tally, claims, group_of, key)
    _score_conflicts(tally, result["conflicts"], by_id, key)
    _score_single(tally, claims, group_of, key)
    return tally


def _matching(claims: list[dict[str, Any]], article: str, span: str) -> list[dict[str, Any]]:
    return [c for c in claims if c["article"] == article and matches(c["text"], span)]


def _score_consensus(tally: Tally, claims: list[dict[str, Any]], group_of: dict[str, Any],
                     key: dict[str, Any]) -> None:
    found = 0
    for item in key.get("consensus", []):
        articles_in_group: dict[str, set[str]] = {}
        for article, probe in item["probes"].items():
            for claim in _matching(claims, article, probe):
                group = group_of.get(claim["id"])
                if group is not None:
                    articles_in_group.setdefault(group["id"], set()).add(article)
        hit = any(len(arts) >= 2 for arts in articles_in_group.values())
        found += hit
        tally.detail.append(f"  consensus {'FOUND' if hit else 'missed'} {item['id']}: {item.get('claim', '')}")
    tally.add("consensus", found, len(key.get("consensus", [])))


def _score_conflicts(tally: Tally, conflicts: list[dict[str, Any]], by_id: dict[str, dict[str, Any]],
                     key: dict[str, Any]) -> None:
    wanted = key.get("conflicts", [])
    found_keys: set[str] = set()
    reported = matched = 0
    for conflict in conflicts:
        pair = [by_id.get(c) for c in conflict["claims"]]
        if None in pair or pair[0]["article"] == pair[1]["article"]:
            continue
        reported += 1
        hits = [k["id"] for k in wanted if _conflict_matches(pair, k)]
        matched += bool(hits)
        found_keys.update(hits)
        mark = f"REAL {hits[0]}" if hits else "FALSE ALARM"
        tally.detail.append(f"  conflict {mark} ({conflict['kind']}): {conflict.get('explanation', '')}")
    for item in wanted:
        if item["id"] not in found_keys:
            tally.detail.append(f"  conflict missed {item['id']} ({item['kind']}): {item.get('why', '')}")
    tally.add("contradictions", len(found_keys), len(wanted))
    tally.add("precision", matched, reported)


def _conflict_matches(pair: list[dict[str, Any]], item: dict[str, Any]) -> bool:
    (a_article, a_span), (b_article, b_span) = item["a"], item["b"]
    one, other = pair

    def fits(claim: dict[str, Any], article: str, span: str) -> bool:
        return claim["article"] == article and matches(claim["text"], span)

    return ((fits(one, a_article, a_span) and fits(other, b_article, b_span))
            or (fits(one, b_article, b_span) and fits(other, a_article, a_span)))


def _score_single(tally: Tally, claims: list[dict[str, Any]], group_of: dict[str, Any],
                  key: dict[str, Any]) -> None:
    kept = 0
    for article, span, why in key.get("single_source", []):
        statuses = [group_of[c["id"]]["status"] for c in _matching(claims, article, span) if c["id"] in group_of]
        hit = "single-source" in statuses
        kept += hit
        if not hit:
            tally.detail.append(f"  single-source lost ({statuses or 'no claim'}): {why}")
    tally.add("single_source", kept, len(key.get("single_source", [])))


def read_records(triplet: str, data_dir: Path = DATA_DIR) -> list[dict[str, Any]]:
    """The triplet's input records (one per outlet)."""
    path = data_dir / "stories" / f"{triplet}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_key(path: Path, records: list[dict[str, Any]]) -> dict[str, Any]:
    """An answer key with every span as text: offsets `[start, end]` are resolved against the record's text."""
    key = json.loads(path.read_text(encoding="utf-8"))
    texts = {r["id"]: r["text"] for r in records}

    def text(article: str, span: Any) -> str:
        return texts[article][span[0] : span[1]] if isinstance(span, list) else span

    for item in key.get("consensus", []):
        item["probes"] = {a: text(a, s) for a, s in item["probes"].items()}
    for item in key.get("conflicts", []):
        for side in ("a", "b"):
            item[side] = [item[side][0], text(*item[side])]
    key["single_source"] = [[a, text(a, s), why] for a, s, why in key.get("single_source", [])]
    return key


def keyed_triplets(part: str, data_dir: Path = DATA_DIR) -> list[tuple[str, Path]]:
    """(triplet, key path) for the checking part (shared gold keys) or the tuning part (our own keys)."""
    folder = data_dir / "gold" if part == "checking" else TUNING_KEYS
    return [(path.stem, path) for path in sorted(folder.glob("*.json"))]


def tuning_triplets(data_dir: Path = DATA_DIR) -> list[str]:
    """The 60 triplets without a shared key (the tuning part), keyed by us or not."""
    checking = {t for t, _ in keyed_triplets("checking", data_dir)}
    return sorted(p.stem for p in (data_dir / "stories").glob("*.jsonl") if p.stem not in checking)


def analyse(records: list[dict[str, Any]], pipeline: Pipeline, cache: Path | None, story_id: str,
            options: dict[str, Any] | None = None) -> Story:
    """One triplet as one processed story (article stages cached)."""
    raw = [a for a in (article_from_record(r, f"basil/{r['id']}") for r in records) if isinstance(a, Article)]
    articles = [a for a in (processed(r, pipeline, cache) for r in raw) if a]
    return pipeline.process_story(Story(id=story_id, articles=articles, options=dict(options or {})))


def stories(triplets: list[str], data_dir: Path = DATA_DIR, cache: Path | None = DEFAULT_CACHE,
            options: dict[str, Any] | None = None) -> Iterator[tuple[str, list[dict[str, Any]], dict[str, Any]]]:
    """(triplet, records, story JSON) for each triplet, analysed with the full pipeline."""
    pipeline = build_pipeline()
    for triplet in triplets:
        records = read_records(triplet, data_dir)
        story = analyse(records, pipeline, cache, f"basil-{triplet[:8]}", options)
        yield triplet, records, story_to_json(story)


def evaluate(part: str = "checking", data_dir: Path = DATA_DIR, cache: Path | None = DEFAULT_CACHE,
             only: str | None = None, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Micro totals (and per-triplet detail) of the keyed triplets of one part."""
    keys = dict(keyed_triplets(part, data_dir))
    triplets = [t for t in keys if only is None or t.startswith(only)]
    total, per_triplet = Tally(), {}
    for triplet, records, result in stories(triplets, data_dir, cache, options):
        tally = score_story(result, read_key(keys[triplet], records))
        tally.detail.insert(0, f"{triplet} {_counts_line(tally)}")
        per_triplet[triplet] = tally.summary()
        total.merge(tally)
    return {"part": part, "triplets": len(triplets), **total.summary(), "per_triplet": per_triplet,
            "detail": total.detail}


def _counts_line(tally: Tally) -> str:
    return " ".join(f"{m} {f}/{t}" for m, (f, t) in tally.counts.items())


def main(argv: list[str] | None = None) -> None:
    """Print the micro totals as JSON (and per-triplet detail with --verbose)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("checking", "tuning"), default="checking")
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="processed-article cache dir")
    parser.add_argument("--no-cache", action="store_true", help="process every article afresh")
    parser.add_argument("--only", help="only triplets whose id starts with this")
    parser.add_argument("--verbose", action="store_true", help="per-triplet detail")
    parser.add_argument("--grouping", choices=("pairs", "events", "rules"), help="claim grouping (default: default)")
    args = parser.parse_args(argv)
    options = {"claim_grouping": args.grouping} if args.grouping else None
    result = evaluate(args.part, args.data, None if args.no_cache else args.cache, args.only, options)
    if args.verbose:
        print("\n".join(result["detail"]))
    print(json.dumps({k: v for k, v in result.items() if k not in ("detail", "per_triplet")}))


if __name__ == "__main__":
    main()
