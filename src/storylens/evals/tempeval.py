"""TempEval-3 time-expression evaluation: extraction strict/relaxed F1 and value F1, per part.

Reads the jsonl export of TimeBank + AQUAINT in `../shared/data/tempeval3_timex` (see its README.txt);
each document's DCT is the reference date; each paragraph is parsed (spaCy) as the `times` stage has it parsed, so
the governing verb's tense places bare dates (`--text-only`: no parse, cue words only).
Run: `python -m storylens.evals.tempeval [DATA_DIR] [--errors N] [--text-only] [--table] [--cache FILE]`
(`--cache`: the paragraphs' spaCy parses are kept in FILE and reused by the next run).

The split is fixed once, by corpus (issue 18): the TUNING part is TimeBank (`tbaq_timebank.jsonl`, 183
documents, mostly 1989 WSJ plus 1990s wire and broadcast news); the CHECKING part is AQUAINT
(`tbaq_aquaint.jsonl`, 73 documents, 1998-2000 AP/NYT/Xinhua wire). By corpus rather than by article:
the two were annotated by different teams at different times, so a rule fitted to one team's habits
(or to WSJ earnings idiom) shows up as a gap on the other, which a random article split would hide.
Error analysis and rule changes look at the tuning part only (`--errors` prints tuning-part examples);
the checking part is read as figures, and the gate test (`tests/test_times.py`) gates on it. A change
stays only when it helps both parts. `platinum_test.jsonl` (held out by the lead) is scored when present.

Figures per part: strict span F1 (same offsets), relaxed span F1 (overlap, one-to-one) and relaxed value
F1 (TempEval-3's own value measure: a value counts when it is right on a relaxed-matched pair; P over
predicted, R over gold); also value and type accuracy on strict matches, and the errors by kind
(`error_kinds`: missed, spurious, wrong span, wrong value split into anchor / granularity / direction /
duration-set form / vague / other; see `storylens.evals.timex_errors`), for every part; `--table` prints
the figures and those counts as Markdown tables.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storylens.evals import dataset_dir
from storylens.evals.timex_errors import SPAN_KINDS, VALUE_KINDS, count_errors, error_table, value_error_kind
from storylens.model import Span
from storylens.temporal import find_times, tense_reader
from storylens.text import parse as nlp
from storylens.text.parse import parse_many
from storylens.text.textspans import paragraph_ranges

DEFAULT_DIR = dataset_dir("tempeval3_timex")
CORPORA = ("tbaq_timebank.jsonl", "tbaq_aquaint.jsonl", "platinum_test.jsonl")
# The fixed split (see the module docstring): part name -> corpus file.
PARTS = {"tuning": "tbaq_timebank.jsonl", "checking": "tbaq_aquaint.jsonl", "platinum": "platinum_test.jsonl"}


def load_documents(data_dir: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(corpus file name, document record) for every corpus file present in `data_dir`."""
    for name in CORPORA:
        path = data_dir / name
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    if line.strip():
                        yield name, json.loads(line)


def _prf(correct: int, predicted: int, gold: int) -> dict[str, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def match_document(gold: list[dict[str, Any]], predicted: list[Span]) -> dict[str, list[Any]]:
    """Pair gold and predicted timexes: strict (same offsets) and relaxed (overlap, one-to-one)."""
    by_offsets = {(p.start, p.end): p for p in predicted}
    strict = [(g, by_offsets[(g["start"], g["end"])]) for g in gold if (g["start"], g["end"]) in by_offsets]
    used: set[int] = set()
    relaxed = []
    for g in gold:
        for index, p in enumerate(predicted):
            if index not in used and p.start < g["end"] and g["start"] < p.end:
                used.add(index)
                relaxed.append((g, p))
                break
    return {"strict": strict, "relaxed": relaxed}


def predict(doc: dict[str, Any], parsed: bool = True) -> list[Span]:
    """Our time expressions for one TempEval document, with its DCT as the publication date.

    `parsed`: as the `times` stage does, each paragraph is parsed (spaCy) so the governing verb's tense
    places bare dates; False reads the text alone (future cue words)."""
    text = doc["text"]
    tense = None
    if parsed:
        ranges = paragraph_ranges(text)
        docs = parse_many(text[start:end] for start, end in ranges)
        tense = tense_reader([(start, parsed_doc) for (start, _), parsed_doc in zip(ranges, docs, strict=True)])
    return find_times(text, (doc.get("dct") or {}).get("value"), tense=tense)


def _score(counts: Counter[str]) -> dict[str, Any]:
    strict = counts["strict"]
    return {
        "documents": counts["docs"], "gold": counts["gold"], "predicted": counts["predicted"],
        "strict": _prf(strict, counts["predicted"], counts["gold"]),
        "relaxed": _prf(counts["relaxed"], counts["predicted"], counts["gold"]),
        "value_accuracy": round(counts["value_ok"] / strict, 4) if strict else 0.0,
        "type_accuracy": round(counts["type_ok"] / strict, 4) if strict else 0.0,
        # TempEval-3's own value score: correct values among relaxed matches, as an F1.
        "value_f1": _prf(counts["value_relaxed_ok"], counts["predicted"], counts["gold"])["f1"],
        "error_kinds": error_table(counts),
    }  # fmt: skip


def _count(doc: dict[str, Any], counts: Counter[str], parsed: bool = True) -> None:
    gold, predicted = doc["timexes"], predict(doc, parsed)
    pairs = match_document(gold, predicted)
    counts["docs"] += 1
    counts["gold"] += len(gold)
    counts["predicted"] += len(predicted)
    counts["strict"] += len(pairs["strict"])
    counts["relaxed"] += len(pairs["relaxed"])
    counts["value_ok"] += sum(g["value"] == p.attrs["value"] for g, p in pairs["strict"])
    counts["type_ok"] += sum(g["type"] == p.label for g, p in pairs["strict"])
    counts["value_relaxed_ok"] += sum(g["value"] == p.attrs["value"] for g, p in pairs["relaxed"])
    counts.update(count_errors(gold, predicted, pairs["relaxed"], (doc.get("dct") or {}).get("value")))


def evaluate_tempeval(data_dir: Path, parsed: bool = True) -> dict[str, Any]:
    """Strict/relaxed extraction P/R/F1 and value accuracy over all corpora, and per corpus."""
    total: Counter[str] = Counter()
    per_corpus: dict[str, Counter[str]] = {}
    for corpus, doc in load_documents(Path(data_dir)):
        _count(doc, per_corpus.setdefault(corpus, Counter()), parsed)
    for counts in per_corpus.values():
        total.update(counts)
    corpora = {name: _score(c) for name, c in per_corpus.items()}
    parts = {part: corpora[name] for part, name in PARTS.items() if name in corpora}
    return {**_score(total), "parts": parts, "corpora": corpora}


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 60) : end + 40].replace("\n", " ")


def tempeval_errors(data_dir: Path, limit: int = 50, parsed: bool = True) -> dict[str, list[dict[str, Any]]]:
    """Examples of every error kind (see `timex_errors`) on the TUNING part only (for reading)."""
    kinds = [*SPAN_KINDS, *(f"value:{kind}" for kind in VALUE_KINDS)]
    errors: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for corpus, doc in load_documents(Path(data_dir)):
        if corpus != PARTS["tuning"]:
            continue
        text, predicted = doc["text"], predict(doc, parsed)
        relaxed = match_document(doc["timexes"], predicted)["relaxed"]
        matched_gold, matched_pred = {id(g) for g, _ in relaxed}, {id(p) for _, p in relaxed}
        dct = doc["dct"]["value"]
        for g in doc["timexes"]:
            if id(g) not in matched_gold:
                errors["missed"].append({"dct": dct, "text": g["text"], "value": g["value"],
                                         "context": _context(text, g["start"], g["end"])})
        for p in predicted:
            if id(p) not in matched_pred:
                errors["spurious"].append({"dct": dct, "text": p.text_in(text), "value": p.attrs["value"],
                                           "context": _context(text, p.start, p.end)})
        for g, p in relaxed:
            if (g["start"], g["end"]) != (p.start, p.end):
                errors["wrong_span"].append({"gold": g["text"], "ours": p.text_in(text),
                                             "context": _context(text, g["start"], g["end"])})
            if g["value"] != p.attrs["value"]:
                kind = value_error_kind(g["value"], g["type"], p.attrs["value"], p.label, dct)
                errors[f"value:{kind}"].append({
                    "dct": dct, "text": g["text"], "gold": g["value"], "ours": p.attrs["value"],
                    "rule_source": p.attrs.get("resolved_from"), "context": _context(text, g["start"], g["end"]),
                })  # fmt: skip
    return {kind: items[:limit] for kind, items in errors.items()}


def markdown_tables(report: dict[str, Any]) -> str:
    """The parts' figures and their error kinds as two Markdown tables."""
    parts = report["parts"]
    names = list(parts)
    lines = ["| | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    rows = [("documents", lambda s: s["documents"]), ("gold / predicted", lambda s: f"{s['gold']} / {s['predicted']}"),
            ("strict F1", lambda s: s["strict"]["f1"]), ("relaxed F1", lambda s: s["relaxed"]["f1"]),
            ("value F1 (relaxed)", lambda s: s["value_f1"]), ("value accuracy (strict)", lambda s: s["value_accuracy"])]
    lines += [f"| {label} | " + " | ".join(str(get(parts[n])) for n in names) + " |" for label, get in rows]
    lines += ["", "| error kind | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for kind in (*SPAN_KINDS, "wrong_value"):
        lines.append(f"| {kind} | " + " | ".join(str(parts[n]["error_kinds"][kind]) for n in names) + " |")
    for kind in VALUE_KINDS:
        cells = " | ".join(str(parts[n]["error_kinds"]["wrong_value_kinds"][kind]) for n in names)
        lines.append(f"| wrong value: {kind} | {cells} |")
    return "\n".join(lines)


def _load_parse_cache(cache: Path) -> None:
    """Restore spaCy's parse cache from a DocBin written by `_save_parse_cache`."""
    from spacy.tokens import DocBin

    data = json.loads(cache.with_suffix(".json").read_text(encoding="utf-8"))
    docs = DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.load_nlp().vocab)
    for text, doc in zip(data["texts"], docs, strict=True):
        nlp._cache[text] = doc


def _save_parse_cache(cache: Path) -> None:
    """Write every cached parse as a DocBin (and its texts beside it, in FILE.json)."""
    from spacy.tokens import DocBin

    texts = list(nlp._cache)
    cache.write_bytes(DocBin(store_user_data=False, docs=[nlp._cache[t] for t in texts]).to_bytes())
    cache.with_suffix(".json").write_text(json.dumps({"texts": texts}), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Print the TempEval-3 scores (and optionally error examples) as JSON, or as tables with `--table`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--errors", type=int, default=0, help="also print up to N tuning-part examples per error kind")
    parser.add_argument("--text-only", action="store_true", help="no spaCy parse (tense from cue words only)")
    parser.add_argument("--table", action="store_true", help="print Markdown tables instead of JSON")
    parser.add_argument("--cache", type=Path, help="keep the paragraphs' parses in this file and reuse them")
    args = parser.parse_args(argv)
    if not args.data_dir.exists():
        raise SystemExit(f"TempEval data not found at {args.data_dir}")
    nlp.CACHE_SIZE = 10**6  # every paragraph parsed once per run (and kept for --cache)
    if args.cache and args.cache.exists():
        _load_parse_cache(args.cache)
    report: dict[str, Any] = evaluate_tempeval(args.data_dir, not args.text_only)
    if args.errors:
        report["errors"] = tempeval_errors(args.data_dir, args.errors, not args.text_only)
    if args.cache and not args.cache.exists() and not args.text_only:
        _save_parse_cache(args.cache)
    print(markdown_tables(report) if args.table else json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
