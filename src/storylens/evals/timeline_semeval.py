"""SemEval-2015 Task 4 (TimeLine: cross-document event ordering), Track A: timelines from raw text.

Reads `../shared/data/semeval2015_task4_timeline/corpus_*.json` (see its README.txt): 30 Wikinews
articles per corpus and, per target entity, a gold timeline of the events the entity takes part in,
each anchored to a date and ordered. Run: `python -m storylens.evals.timeline_semeval [DATA_DIR]`.

How a storylens timeline for a target entity is built (the real stages, nothing trained on the data):
- Each document goes in as plain text: headline, blank line, then one sentence per line (cleaning
  makes each line a paragraph, so `context` dates never cross sentences: the paragraphs of the
  original pages are unknown); its DCT is the publication date. The registered stages run, all but
  claim vectors, groups, conflicts, timeline and summary (unused here), the 30 articles as one story.
- Story entities match the target when a name or alias equals it, or when a name is a run of the
  target's words that names neither a place nor another target ("A380" for "Airbus A380", never
  "Boeing" for "Boeing 777").
- Every claim holding a mention of such an entity contributes events: for each mention, the nearest
  verb above it in the dependency parse (the predicate the entity takes part in), as
  `docid-sentid-token`. The headline is not a claim in storylens, so headline events are never found.
- The event's anchor is the claim's `when` (stage `claim_times`); claims with none go on the undated
  line `XXXX-XX-XX`, which the task puts first. Dates are ordered by where their interval starts,
  coarser first ("2007" before "2007-02-28"), as the gold timelines do.

Scoring is the task's temporal-awareness F1 (see `storylens.evals.temporal_awareness`), micro-averaged
over timelines. A second figure, `undated_at_publication`, puts undated claims on their article's
publication date instead (the task's annotators anchor most lede events to the DCT); it is reported
for comparison only. The task's best Track A run scored 7.85 F1 (Minard et al. 2015), averaged over
its three corpora; only corpus_1 (Airbus/Boeing) is in the data folder, so figures here are on it alone.
"""

from __future__ import annotations

import argparse
import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storylens.evals import dataset_dir
from storylens.evals.temporal_awareness import Counts, Line, score_timeline
from storylens.model import Article, Span, Story
from storylens.pipeline.build import Pipeline, build_profile
from storylens.stages.story.entities import name_key
from storylens.temporal import interval_start
from storylens.text.parse import article_blocks

DEFAULT_DIR = dataset_dir("semeval2015_task4_timeline")
UNDATED = "XXXX-XX-XX"
PLACE_TYPES = frozenset({"GPE", "LOC", "NORP"})
def timeline_pipeline() -> Pipeline:
    """The registered stages this evaluation needs (profile `timeline`; the rest only cost time)."""
    return build_profile("timeline")


@dataclass(frozen=True)
class Token:
    """What the event picker needs of one parsed token; offsets point into `Article.text`."""

    start: int
    text: str
    pos: str
    head: int  # index of the head token in the article's token list (itself for a root)


@dataclass
class Analysed:
    """One processed corpus: the story plus, per article, its tokens and gold sentence ranges."""

    story: Story
    tokens: dict[str, list[Token]]
    sentences: dict[str, list[tuple[int, int, str]]]  # (start, end, sent_id)


def load_corpora(data_dir: Path) -> Iterator[dict[str, Any]]:
    """Every `corpus_*.json` in the data folder, in name order."""
    for path in sorted(Path(data_dir).glob("corpus_*.json")):
        yield json.loads(path.read_text(encoding="utf-8"))


def _ordered_sentences(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted(doc["sentences"].items(), key=lambda item: int(item[0]))


def corpus_article(doc: dict[str, Any]) -> Article:
    """A task document as storylens input: headline, blank line, one sentence per line; DCT as published."""
    sentences = [text for _, text in _ordered_sentences(doc)]
    raw = sentences[0] + "\n\n" + "\n".join(sentences[1:])
    return Article(id=doc["doc_id"], source=doc["file"], raw=raw, raw_format="text", published=doc["dct"])


def locate_sentences(article: Article, doc: dict[str, Any]) -> list[tuple[int, int, str]]:
    """Where each gold sentence sits in the cleaned text (the headline, cut by cleaning, is absent)."""
    found, pos = [], 0
    for sent_id, sentence in _ordered_sentences(doc):
        at = article.text.find(sentence, pos)
        if at >= 0:
            found.append((at, at + len(sentence), sent_id))
            pos = at + len(sentence)
    return found


def article_tokens(article: Article) -> list[Token]:
    """The article's tokens from the shared (cached) parse of its paragraphs."""
    tokens: list[Token] = []
    for block in article_blocks(article):
        base = len(tokens)
        tokens.extend(Token(block.start + t.idx, t.text, t.pos_, base + t.head.i) for t in block.doc)
    return tokens


def analyse_corpus(corpus: dict[str, Any], pipeline: Pipeline) -> Analysed:
    """Run every stage over the corpus's documents as one story."""
    docs = corpus["documents"]
    articles = [pipeline.process_article(corpus_article(doc)) for doc in docs]
    story = pipeline.process_story(Story(id=corpus.get("corpus", "corpus"), articles=articles))
    return Analysed(story, {a.id: article_tokens(a) for a in articles},
                    {a.id: locate_sentences(a, doc) for a, doc in zip(articles, docs, strict=True)})


def _is_run_of(words: list[str], target: list[str]) -> bool:
    return bool(words) and any(target[i : i + len(words)] == words for i in range(len(target) - len(words) + 1))


def entity_matches(entity: dict[str, Any], target: str, targets: list[str]) -> bool:
    """True when a story entity names the target, fully or by a part no other target or place claims."""
    key, names = name_key(target), [entity["name"], *entity.get("aliases", [])]
    if any(name_key(name) == key for name in names):
        return True
    if entity.get("type") in PLACE_TYPES:
        return False
    others = {name_key(t) for t in targets}
    return any(_is_run_of(name_key(n).split(), key.split()) and name_key(n) not in others for n in names)


def target_mentions(story: Story, target: str, targets: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Article id -> (start, end) of every mention of the entities that match the target."""
    mentions: dict[str, list[tuple[int, int]]] = {}
    for entity in story.results.get("entities") or []:
        if entity_matches(entity, target, targets):
            for m in entity["mentions"]:
                mentions.setdefault(m["article"], []).append((m["start"], m["end"]))
    return mentions


def predicate(tokens: list[Token], start: int, end: int) -> int | None:
    """Index of the nearest verb above a mention in the parse (the event it takes part in), or None."""
    inside = [i for i, t in enumerate(tokens) if start <= t.start < end]
    if not inside:
        return None
    index = inside[-1]  # a name's syntactic head is its last word
    for _ in range(len(tokens)):  # bounded walk up the tree: a parse has no cycles, but be safe
        if tokens[index].pos == "VERB":
            return index
        if tokens[index].head == index:
            return None
        index = tokens[index].head
    return None


def _sent_id(sentences: list[tuple[int, int, str]], offset: int) -> str | None:
    return next((sid for start, end, sid in sentences if start <= offset < end), None)


def claim_events(data: Analysed, article: Article, claim: Span, mentions: list[tuple[int, int]]) -> list[str]:
    """Task event ids (`docid-sentid-token`) for the target's predicates inside one claim."""
    tokens, events = data.tokens[article.id], []
    for start, end in mentions:
        if claim.start <= start < claim.end:
            index = predicate(tokens, start, end)
            sent_id = _sent_id(data.sentences[article.id], tokens[index].start) if index is not None else None
            if index is not None and sent_id is not None:
                events.append(f"{article.id}-{sent_id}-{tokens[index].text}")
    return list(dict.fromkeys(events))


def task_date(value: str | None, precision: str | None) -> str:
    """A TIMEX3 value in the task's anchor format: 2008-03-01, 2008-03-XX, 2008-XX-XX or XXXX-XX-XX."""
    start = interval_start(value) if value else None
    if start is None:
        return UNDATED
    year, month, day, _ = start
    if precision in ("time", "day"):
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-XX" if precision in ("week", "month") else f"{year:04d}-XX-XX"


def _date_key(date: str) -> tuple[int, ...]:
    # Undated first, then by start, a coarser anchor before the finer ones inside it ("XX" counts as 0).
    return tuple(0 if part.startswith("X") else int(part) for part in date.split("-"))


def claim_anchor(article: Article, claim: Span, undated: str) -> str:
    """The anchor of a claim's events: its `when`, or (undated="published") the publication date."""
    when = claim.attrs.get("when") or {}
    date = task_date(when.get("value"), when.get("precision"))
    if date == UNDATED and undated == "published" and article.published:
        return article.published
    return date


def system_timeline(data: Analysed, target: str, targets: list[str], undated: str = "none") -> list[Line]:
    """The storylens timeline of one target entity, in the task's line format."""
    mentions = target_mentions(data.story, target, targets)
    by_date: dict[str, list[str]] = {}
    for article in data.story.articles:
        for claim in article.layer("claims"):
            events = claim_events(data, article, claim, mentions.get(article.id, []))
            if events:
                by_date.setdefault(claim_anchor(article, claim, undated), []).extend(events)
    dates = sorted(by_date, key=_date_key)
    return [Line(order, date, tuple(dict.fromkeys(by_date[date]))) for order, date in enumerate(dates)]


def gold_timeline(timeline: dict[str, Any]) -> list[Line]:
    """A gold timeline in the scorer's line format."""
    return [Line(int(entry["order"]), entry["date"],
                 tuple(f"{e['doc_id']}-{e['sent_id']}-{e['token']}" for e in entry["events"]))
            for entry in timeline["entries"]]  # fmt: skip


def _target_name(name: str, targets: list[str]) -> str:
    # One gold file spells its target "United States Air Froce"; take the listed name it is closest to.
    close = difflib.get_close_matches(name, targets, n=1, cutoff=0.8)
    return close[0] if close else name


def _event_recall(gold: list[Line], system: list[Line]) -> tuple[int, int]:
    gold_events = {e for line in gold for e in line.events}
    return len(gold_events & {e for line in system for e in line.events}), len(gold_events)


def score_corpus(corpus: dict[str, Any], data: Analysed) -> dict[str, Any]:
    """Temporal-awareness counts for every gold timeline of one corpus, both ways of placing undated claims."""
    targets = list(corpus["target_entities"])
    counts = {"none": Counts(), "published": Counts()}
    per_target, found, total = {}, 0, 0
    for timeline in corpus["gold_timelines"]:
        target = _target_name(timeline["target_entity"], targets)
        gold = gold_timeline(timeline)
        systems = {undated: system_timeline(data, target, targets, undated) for undated in counts}
        for undated, system in systems.items():
            one = score_timeline(gold, system)
            counts[undated].add(one)
            if undated == "none":
                per_target[target] = one.scores()["f1"]
        hit, size = _event_recall(gold, systems["none"])
        found, total = found + hit, total + size
    return {"counts": counts, "targets": per_target, "events_found": found, "gold_events": total}


def evaluate_semeval_timelines(data_dir: Path = DEFAULT_DIR) -> dict[str, Any]:
    """Temporal-awareness P/R/F1 (percent, micro average over timelines) overall and per corpus."""
    pipeline = timeline_pipeline()
    overall = {"none": Counts(), "published": Counts()}
    corpora: dict[str, Any] = {}
    for corpus in load_corpora(Path(data_dir)):
        result = score_corpus(corpus, analyse_corpus(corpus, pipeline))
        for undated, counts in result["counts"].items():
            overall[undated].add(counts)
        corpora[corpus["corpus"]] = {
            **result["counts"]["none"].scores(),
            "undated_at_publication": result["counts"]["published"].scores(),
            "timelines": len(corpus["gold_timelines"]),
            "events_found": result["events_found"], "gold_events": result["gold_events"],
            "f1_by_target": result["targets"],
        }  # fmt: skip
    return {"metric": "SemEval-2015 Task 4 temporal-awareness F1, micro average over timelines (percent)",
            **overall["none"].scores(), "undated_at_publication": overall["published"].scores(),
            "corpora": corpora}  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    """Print the SemEval-2015 Task 4 timeline scores as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        parser.error(f"data folder not found: {args.data_dir}")
    print(json.dumps(evaluate_semeval_timelines(args.data_dir), indent=2))


if __name__ == "__main__":
    main()
