"""Quote evaluation ("who said what") on two human-annotated sets, running the real `nlp` and `quotes` stages.

Gender Gap Tracker dev (`../shared/data/gendergaptracker_quotes/dev_49.jsonl`, 49 Canadian articles):
- split, fixed once (issue 18): the articles sorted by (outlet, doc_id) and numbered from 0; even numbers
  are the TUNING part (25 articles), odd numbers the CHECKING part (24): alternating inside the sorted
  order keeps every outlet in both parts. Rules are tuned by reading errors of the tuning part only; the
  gate tests read the checking part. Every run reports both parts (and "all", the whole set).
- detection: a gold quote and one of our quotes match when overlap >= 0.3 (the GGT script used > 0.3),
  where overlap is the number of characters the two spans share divided by the gold span's length (the
  GGT evaluation's own asymmetric score, gold as reference; `evaluate_quotes.py` at commit fe82ba2).
  Gold spans include the quotation marks, ours do not: a few characters, far from the threshold.
  P/R/F1 also at 0.8.
- speaker accuracy, on matched quotes: our `speaker_name` equals the gold `speaker_canonical` after
  `speaker_key` (case and diacritics folded, punctuation dropped, spaces collapsed, a leading "the"
  dropped: the annotators write both "the United Nations" and "The Kelowna Rockets"). Reported apart,
  never gated: the looser "same last word" figure.

PolNeAR dev (`../shared/data/polnear_quotes/dev.jsonl`, 84 US political articles, all attributions,
direct and indirect):
- content: word tokens (`\\w+`) of the gold content spans vs those of one of our attributions; they match
  when the shared tokens are >= 50% of the larger of the two token sets (so >= 50% of the gold content is
  found and >= 50% of ours is gold content). Our attribution: the quote spans of one paragraph that share
  a cue and a speaker mention (the halves of '"A," she said, "B."', or a reported clause and the quoted
  phrase inside it), as PolNeAR annotates one attribution with several content spans.
- source match, on matched contents whose gold has a source span: our speaker as written
  (`speaker_start`..`speaker_end`) shares a word token, other than a/an/the, with the gold source span.

PolNeAR is not split: no rule is tuned on it here; it only guards that attribution content stays found.

Pairs are made one-to-one, best overlap first. Gold quotes the dataset could not anchor (no offsets)
count as missed. Run: `python -m storylens.evals.quotes [gendergap|polnear|all] [--errors N]` (error examples are
printed for the tuning part only, so reading them never looks at the checking part).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from storylens.evals import SHARED_DATA
from storylens.model import Article, Span
from storylens.stages.article.nlp import annotate
from storylens.stages.article.quotes import find_quotes
from storylens.stages.story.entities import name_key

DATA_ROOT = SHARED_DATA
GGT_DIR = DATA_ROOT / "gendergaptracker_quotes"
POLNEAR_DIR = DATA_ROOT / "polnear_quotes"
GGT_THRESHOLDS = (0.3, 0.8)
GGT_PARTS = ("tuning", "checking")
POLNEAR_THRESHOLD = 0.5
POLNEAR_LAYERS = ("quotes", "attributions")
SOURCE_STOPWORDS = frozenset({"a", "an", "the"})
_WORD = re.compile(r"\w+")

Ranges = list[tuple[int, int]]


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a jsonl file."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def predict(doc_id: str, text: str, layers: tuple[str, ...] = ("quotes",)) -> list[Span]:
    """Our spans of `layers` for a plain text (no cleaning: the dataset text is the text offsets point into)."""
    article = find_quotes(annotate(Article(id=doc_id, source=doc_id, text=text, layers={"headings": []})))
    return sorted((span for name in layers for span in article.layer(name)), key=lambda s: (s.start, s.end))


def _prf(correct: int, predicted: int, gold: int) -> dict[str, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _ratio(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def match_pairs(n_gold: int, n_pred: int, score: Callable[[int, int], float], threshold: float
                ) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs with score >= threshold, best score first."""
    scored = [(score(g, p), g, p) for g in range(n_gold) for p in range(n_pred)]
    pairs, used_gold, used_pred = [], set(), set()
    for value, g, p in sorted(scored, key=lambda item: (-item[0], item[1], item[2])):
        if value >= threshold and g not in used_gold and p not in used_pred:
            pairs.append((g, p))
            used_gold.add(g)
            used_pred.add(p)
    return sorted(pairs)


def char_overlap(gold: tuple[int, int], pred: tuple[int, int]) -> float:
    """Characters shared by the two spans over the gold span's length (GGT's score)."""
    shared = min(gold[1], pred[1]) - max(gold[0], pred[0])
    return max(shared, 0) / (gold[1] - gold[0]) if gold[1] > gold[0] else 0.0


def tokens_in(text: str, ranges: Ranges, stop: frozenset[str] = frozenset()) -> set[int]:
    """Start offsets of the word tokens inside `ranges` (tokens in `stop`, lower-cased, left out)."""
    found = set()
    for start, end in ranges:
        found |= {start + m.start() for m in _WORD.finditer(text[start:end]) if m.group().lower() not in stop}
    return found


def token_overlap(gold: set[int], pred: set[int]) -> float:
    """Shared tokens over the larger token set (both sides must be half covered)."""
    return len(gold & pred) / max(len(gold), len(pred)) if gold and pred else 0.0


def speaker_key(name: str | None) -> str:
    """Comparison form of a speaker name: `name_key` without a leading "the"."""
    key = name_key(name or "")
    return key[4:] if key.startswith("the ") else key


def same_name(ours: str | None, gold: str | None) -> bool:
    """Our speaker name equals the gold canonical name, ignoring case, diacritics, punctuation, "the"."""
    return bool(speaker_key(ours)) and speaker_key(ours) == speaker_key(gold)


def same_surname(ours: str | None, gold: str | None) -> bool:
    """Looser, reported only: the last words of the names agree."""
    a, b = speaker_key(ours).split(), speaker_key(gold).split()
    return bool(a and b) and a[-1] == b[-1]


def _ggt_gold(doc: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """Anchored gold quotes of a GGT article and the number that could not be anchored."""
    anchored = [q for q in doc["quotes"] if q.get("quote_start") is not None]
    for q in anchored:  # the offsets must point into the very text we analyse
        assert doc["text"][q["quote_start"] : q["quote_end"]] == q["quote"], (doc["doc_id"], q["quote"])
    return anchored, len(doc["quotes"]) - len(anchored)


def _ggt_document(doc: dict[str, Any], counts: Counter, errors: dict[str, list] | None) -> None:
    gold, unanchored = _ggt_gold(doc)
    preds = predict(doc["doc_id"], doc["text"])
    counts["docs"] += 1
    counts["gold"] += len(gold) + unanchored
    counts["predicted"] += len(preds)
    spans = [(q["quote_start"], q["quote_end"]) for q in gold]
    for threshold in GGT_THRESHOLDS:
        pairs = match_pairs(len(gold), len(preds), lambda g, p: char_overlap(spans[g], (preds[p].start,
                                                                                       preds[p].end)), threshold)
        counts[f"matched@{threshold}"] += len(pairs)
        if threshold != GGT_THRESHOLDS[0]:
            continue
        for g, p in pairs:
            ours, canonical = preds[p].attrs.get("speaker_name"), gold[g]["speaker_canonical"]
            counts["speaker_exact"] += same_name(ours, canonical)
            counts["speaker_surname"] += same_surname(ours, canonical)
            if errors is not None and not same_name(ours, canonical):
                errors["wrong_speaker"].append({"doc": doc["doc_id"], "gold": canonical, "ours": ours,
                                                "gold_as_written": gold[g].get("speaker"),
                                                "ours_as_written": preds[p].attrs.get("speaker_text"),
                                                "quote": gold[g]["quote"][:160]})
        if errors is not None:
            _record_misses(doc["text"], doc["doc_id"], spans, preds, pairs, errors)


def _record_misses(text: str, doc_id: str, gold: Ranges, preds: list[Span], pairs: list[tuple[int, int]],
                   errors: dict[str, list]) -> None:
    """Missed gold spans and spurious predictions, with some context (for reading, not scoring)."""
    hit_gold, hit_pred = {g for g, _ in pairs}, {p for _, p in pairs}
    for g, (start, end) in enumerate(gold):
        if g not in hit_gold:
            errors["missed"].append({"doc": doc_id, "text": text[start:end][:240]})
    for p, span in enumerate(preds):
        if p not in hit_pred:
            errors["spurious"].append({"doc": doc_id, "kind": span.label, "text": span.text_in(text)[:240],
                                       "speaker": span.attrs.get("speaker_name")})


def _new_errors() -> dict[str, list]:
    return {"missed": [], "spurious": [], "wrong_speaker": [], "wrong_source": []}


def _trim_errors(errors: dict[str, list], limit: int) -> dict[str, list]:
    return {kind: items[:limit] for kind, items in errors.items() if items}


def ggt_part(docs: list[dict[str, Any]]) -> dict[str, str]:
    """doc_id -> "tuning" or "checking": sorted by (outlet, doc_id), even positions tune, odd ones check."""
    ordered = sorted(docs, key=lambda d: (d["outlet"], d["doc_id"]))
    return {d["doc_id"]: GGT_PARTS[k % 2] for k, d in enumerate(ordered)}


def evaluate_gendergap(data_dir: Path = GGT_DIR, errors: int = 0) -> dict[str, Any]:
    """GGT dev: scores of the tuning part, the checking part and the whole set (see the module docstring);
    with `errors`, up to that many error examples per kind from the tuning part only."""
    docs = list(read_jsonl(Path(data_dir) / "dev_49.jsonl"))
    parts = ggt_part(docs)
    found = _new_errors() if errors else None
    per_doc = []
    for doc in docs:
        counts: Counter = Counter()
        _ggt_document(doc, counts, found if parts[doc["doc_id"]] == "tuning" else None)
        per_doc.append((parts[doc["doc_id"]], counts))
    report: dict[str, Any] = {part: _ggt_scores(sum((c for p, c in per_doc if p == part), Counter()))
                              for part in GGT_PARTS}
    report["all"] = _ggt_scores(sum((c for _p, c in per_doc), Counter()))
    if found is not None:
        report["tuning"]["errors"] = _trim_errors(found, errors)
    return report


def _ggt_scores(counts: Counter) -> dict[str, Any]:
    """Quote detection P/R/F1 at overlap 0.3 (and 0.8), speaker accuracy on matched quotes."""
    matched = counts[f"matched@{GGT_THRESHOLDS[0]}"]
    return {
        "documents": counts["docs"], "gold": counts["gold"], "predicted": counts["predicted"],
        "detection": _prf(matched, counts["predicted"], counts["gold"]),
        "detection@0.8": _prf(counts["matched@0.8"], counts["predicted"], counts["gold"]),
        "speaker_accuracy": _ratio(counts["speaker_exact"], matched),
        "speaker_accuracy_surname": _ratio(counts["speaker_surname"], matched),
    }  # fmt: skip


def attributions(text: str, preds: list[Span]) -> list[list[Span]]:
    """Our quotes grouped into attributions: one paragraph's quotes sharing a cue and a speaker mention."""
    groups: dict[tuple, list[Span]] = {}
    for k, span in enumerate(preds):
        a = span.attrs
        paragraph = text.count("\n\n", 0, span.start)
        key = (paragraph, a.get("cue"), a["speaker_start"], a.get("speaker_end")) if a.get(
            "speaker_start") is not None else (k,)  # no speaker: nothing ties it to another quote
        groups.setdefault(key, []).append(span)
    return sorted(groups.values(), key=lambda g: g[0].start)


def _source_ok(text: str, source: Ranges, ours: Span) -> bool:
    """Our speaker as written shares a word (other than a/an/the) with the gold source."""
    start, end = ours.attrs.get("speaker_start"), ours.attrs.get("speaker_end")
    if start is None:
        return False
    return bool(tokens_in(text, source, SOURCE_STOPWORDS) & tokens_in(text, [(start, end)], SOURCE_STOPWORDS))


def _polnear_document(doc: dict[str, Any], counts: dict[str, int], errors: dict[str, list] | None) -> None:
    text = doc["text"]
    gold = [a for a in doc["attributions"] if a["content"]]
    # PolNeAR annotates every attribution, speech or not ("polls show", "X plans to"); GGT only speech.
    groups = attributions(text, predict(doc["doc_id"], text, POLNEAR_LAYERS))
    gold_tokens = [tokens_in(text, [tuple(s) for c in a["content"] for s in c["spans"]]) for a in gold]
    pred_tokens = [tokens_in(text, [(p.start, p.end) for p in group]) for group in groups]
    pairs = match_pairs(len(gold), len(groups), lambda g, p: token_overlap(gold_tokens[g], pred_tokens[p]),
                        POLNEAR_THRESHOLD)
    counts["docs"] += 1
    counts["gold"] += len(doc["attributions"])
    counts["predicted"] += len(groups)
    counts["matched"] += len(pairs)
    for g, p in pairs:
        source = [tuple(s) for src in gold[g]["source"] for s in src["spans"]]
        if not source:
            continue
        counts["with_source"] += 1
        ok = _source_ok(text, source, groups[p][0])
        counts["source_ok"] += ok
        if errors is not None and not ok:
            errors["wrong_source"].append({"doc": doc["doc_id"], "gold": " … ".join(text[s:e] for s, e in source),
                                           "ours": groups[p][0].attrs.get("speaker_text"),
                                           "content": groups[p][0].text_in(text)[:160]})
    if errors is not None:
        spans = [(min(s[0] for c in a["content"] for s in c["spans"]),
                  max(s[1] for c in a["content"] for s in c["spans"])) for a in gold]
        _record_misses(text, doc["doc_id"], spans, [g[0] for g in groups], pairs, errors)


def evaluate_polnear(data_dir: Path = POLNEAR_DIR, errors: int = 0) -> dict[str, Any]:
    """PolNeAR dev: attribution content P/R/F1 at >= 50% token overlap, source match on matched contents."""
    counts: dict[str, int] = dict.fromkeys(["docs", "gold", "predicted", "matched", "with_source", "source_ok"], 0)
    found = _new_errors() if errors else None
    for doc in read_jsonl(Path(data_dir) / "dev.jsonl"):
        _polnear_document(doc, counts, found)
    report: dict[str, Any] = {
        "documents": counts["docs"], "gold": counts["gold"], "predicted": counts["predicted"],
        "content": _prf(counts["matched"], counts["predicted"], counts["gold"]),
        "source_match": _ratio(counts["source_ok"], counts["with_source"]),
        "matched_with_source": counts["with_source"],
    }  # fmt: skip
    if found is not None:
        report["errors"] = _trim_errors(found, errors)
    return report


EVALS = {"gendergap": (evaluate_gendergap, GGT_DIR), "polnear": (evaluate_polnear, POLNEAR_DIR)}


def main(argv: list[str] | None = None) -> None:
    """Print the quote evaluation scores (and optionally error examples) as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="?", choices=[*EVALS, "all"], default="all")
    parser.add_argument("--data-root", type=Path, default=DATA_ROOT, help="folder holding both data sets")
    parser.add_argument("--errors", type=int, default=0, help="also print up to N examples per error kind")
    args = parser.parse_args(argv)
    report = {}
    for name, (evaluate, default_dir) in EVALS.items():
        if args.which in (name, "all"):
            data_dir = args.data_root / default_dir.name
            if not data_dir.exists():
                raise SystemExit(f"{name} data not found at {data_dir}")
            report[name] = evaluate(data_dir, args.errors)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
