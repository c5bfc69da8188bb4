"""ECB+ claim alignment and event coreference: does storylens put claims about the same real event into
one claim group, and claims about a look-alike event (same kind, other story) apart?

Each ECB+ **topic** (two confusable stories of one kind, e.g. two earthquakes, analysed together) is one
story run through the real article and story stages up to `claim_groups`.

- Claim alignment: over pairs of claims from different articles that each contain a cross-document event
  mention in a verified sentence (the annotated sentences; chain ids that are not SINGLETON/INTRA), a pair
  is positive when the two claims share a gold chain; predicted positive when they are in one claim group.
  Pairwise precision / recall / F1, summed over the topics of a split.
- Event coreference: CoNLL F1 (mean of MUC, B-cubed, CEAF-e) of the story-level `events` against the gold
  event chains of the verified sentences (singletons included). A gold mention is matched by the first
  predicted mention of the same article whose span overlaps it; a gold mention no predicted mention
  matches is a singleton of the response; predicted mentions matching no gold mention are left out (ECB+
  annotates only some predicates, so they cannot be judged). `mention_recall` says how many were matched.

Split (fixed; the data README's): tuning = ECB+ train topics (all but the dev topics 2, 5, 12, 18, 21, 23,
34, 35; test topics 36-45 are not in the data folder); checking = the dev topics. The event-coreference
model is fitted on train pairs only (`storylens.evals.train_event_coref`).

Run: `python -m storylens.evals.ecb_alignment [--split train|dev|all] [--cache /tmp/ecb_articles.pkl]
[--grouping pairs|events|rules]` (claim grouping: `events` unless given).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from storylens.evals.corefscore import conll, prf
from storylens.evals.ecb_corpus import EcbDocument, align_to_article, is_cross_document, process, read_documents
from storylens.model import Article, Story
from storylens.pipeline.registry import STORY_STAGES

SPLITS = ("train", "dev")
# The story stages claim groups depend on, in registry order.
STAGES_UP_TO_GROUPS = ("sources", "entities", "event_coref", "claim_groups")
# ECB+ chains are events, not facts: what is measured is the event claim grouping (`claim_grouping: events`).
# The default grouping of real stories (`pairs`, one group per fact) is reported with `--grouping pairs`.
GROUPING = "events"


def gold_mentions(doc: EcbDocument, article: Article) -> list[dict[str, Any]]:
    """The document's verified-sentence event mentions with offsets into the cleaned article text."""
    tokens = align_to_article(doc, article.text)
    out = []
    for mention in doc.mentions:
        spans = [tokens[t] for t in mention["token_ids"] if t in tokens]
        if mention["in_verified_sentence"] and spans:
            out.append({**mention, "start": min(s for s, _ in spans), "end": max(e for _, e in spans)})
    return out


def analyse_topic(articles: list[Article], topic: int, stages: tuple[str, ...] = STAGES_UP_TO_GROUPS,
                  grouping: str = GROUPING) -> Story:
    """Run the story stages `stages` (registry order) over one topic's articles (claim grouping `grouping`)."""
    import importlib

    story = Story(id=f"topic-{topic}", articles=articles, options={"claim_grouping": grouping})
    for spec in STORY_STAGES:
        if spec.name in stages:
            module, _, name = spec.target.partition(":")
            story = getattr(importlib.import_module(module), name)(story)
    return story


def claim_chains(article: Article, mentions: list[dict[str, Any]]) -> dict[int, set[str]]:
    """Claim index -> cross-document chains of the gold mentions it contains."""
    out: dict[int, set[str]] = defaultdict(set)
    claims = article.layer("claims")
    for mention in mentions:
        if not is_cross_document(mention):
            continue
        for n, claim in enumerate(claims):
            if claim.start <= mention["start"] < claim.end:
                out[n].add(mention["chain_id"])
                break
    return out


def alignment_counts(story: Story, gold: dict[str, list[dict[str, Any]]]) -> tuple[int, int, int]:
    """(true positive, predicted positive, gold positive) claim pairs of one topic."""
    group_of = {c: g["id"] for g in story.results["claim_groups"] for c in g["claims"]}
    items = [(a.id, f"{a.id}:c{n}", chains) for a in story.articles
             for n, chains in claim_chains(a, gold.get(a.id, [])).items()]
    tp = predicted = positive = 0
    for (art_a, claim_a, chains_a), (art_b, claim_b, chains_b) in combinations(items, 2):
        if art_a == art_b:
            continue
        same_gold = bool(chains_a & chains_b)
        same_group = group_of.get(claim_a) == group_of.get(claim_b)
        tp += same_gold and same_group
        predicted += same_group
        positive += same_gold
    return tp, predicted, positive


def coref_clusters(story: Story, gold: dict[str, list[dict[str, Any]]]) -> tuple[list[set], list[set], int]:
    """Key and response clusters over the gold mentions (see the module docstring), and matched count."""
    key: dict[str, set] = defaultdict(set)
    predicted_spans = defaultdict(list)
    for event in story.results.get("events", []):
        for m in event["mentions"]:
            predicted_spans[m["article"]].append((m["start"], m["end"], event["id"]))
    response: dict[str, set] = defaultdict(set)
    matched = 0
    for article, mentions in gold.items():
        for mention in mentions:
            item = (article, mention["start"], mention["end"])
            key[mention["chain_id"]].add(item)
            hit = next((e for s, end, e in predicted_spans[article] if s < mention["end"] and mention["start"] < end),
                       None)
            matched += hit is not None
            response[hit if hit is not None else f"alone:{item}"].add(item)
    return list(key.values()), list(response.values()), matched


def topic_articles(split: str, articles: dict[str, Article], docs: list[EcbDocument]) -> dict[int, list[EcbDocument]]:
    """The split's processed documents by topic; article stages added since the cache was made are run."""
    from storylens.stages.article.events import find_events

    by_topic: dict[int, list[EcbDocument]] = defaultdict(list)
    for doc in docs:
        if doc.split == split and doc.doc_id in articles:
            by_topic[doc.topic].append(doc)
            if "events" not in articles[doc.doc_id].layers:
                find_events(articles[doc.doc_id])
    return dict(sorted(by_topic.items()))


def evaluate(split: str, articles: dict[str, Article], docs: list[EcbDocument],
             grouping: str = GROUPING) -> dict[str, Any]:
    """Alignment P/R/F1 and event-coreference CoNLL F1 over the topics of one split (claim grouping `grouping`)."""
    by_topic = topic_articles(split, articles, docs)
    tp = predicted = positive = matched = total = 0
    key: list[set] = []
    response: list[set] = []
    for topic, topic_docs in by_topic.items():
        chosen = [articles[d.doc_id] for d in topic_docs]
        gold = {d.doc_id: gold_mentions(d, articles[d.doc_id]) for d in topic_docs}
        story = analyse_topic(chosen, topic, grouping=grouping)
        counts = alignment_counts(story, gold)
        tp, predicted, positive = tp + counts[0], predicted + counts[1], positive + counts[2]
        k, r, hits = coref_clusters(story, gold)
        key, response = key + k, response + r
        matched, total = matched + hits, total + sum(len(m) for m in gold.values())
    return {"split": split, "topics": len(by_topic), "documents": sum(map(len, by_topic.values())),
            "alignment": {**prf(tp, predicted, positive), "pairs": positive, "predicted": predicted},
            "event_coref": {**conll(key, response), "mention_recall": round(matched / total, 4) if total else 0.0}}


def main() -> None:
    """Print alignment and event-coreference scores for the chosen splits as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--cache", type=Path, help="pickle of processed articles (and parses) to reuse")
    parser.add_argument("--grouping", choices=("pairs", "events", "rules"), default=GROUPING, help="claim grouping")
    args = parser.parse_args()
    splits = SPLITS if args.split == "all" else (args.split,)
    docs = [d for d in read_documents() if d.split in splits]
    articles = process(docs, args.cache)
    print(json.dumps([evaluate(split, articles, docs, args.grouping) for split in splits], indent=1))


if __name__ == "__main__":
    main()
