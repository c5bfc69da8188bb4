"""The claim-pair model of the default claim grouping: its features and the groups it makes on a fictional story.

Outlets, people and events are invented.
"""

from __future__ import annotations

from storylens.ingest.readers import article_from_record
from storylens.model import Article
from storylens.pipeline.runner import build_story, process_batch
from storylens.stages.story.claim_links import PAIR_FEATURES, load_pair_model, longest_run


def test_longest_run_counts_consecutive_shared_words() -> None:
    assert longest_run("the mayor said she would resign".split(), "she said she would resign today".split()) == 4
    assert longest_run(["a"], ["b"]) == 0


def test_the_shipped_model_matches_the_features() -> None:
    model = load_pair_model()
    assert tuple(model["features"]) == PAIR_FEATURES
    assert len(model["weights"]) == len(PAIR_FEATURES) and 0 < model["threshold"] < 1


STORIES = (
    ("ledger", "Velmora Ledger",
     "Mayor Ilse Varga resigned from the Velmora council on Friday after a long inquiry into harbour funds.\n\n"
     "Varga had spent $84,000 of harbour money to settle a complaint from a former aide.\n\n"
     "The Ledger has learned that Varga kept a private yacht moored at the old ferry pier."),
    ("courier", "Ostrane Courier",
     "Ilse Varga, the mayor of Velmora, quit the council on Friday, ending a long inquiry into harbour funds.\n\n"
     "She used $84,000 in harbour money to settle a former aide's complaint, records show.\n\n"
     "Varga's chief of staff, Tomas Brell, told the Courier that the mayor will move to Ostrane next spring."),
)


def test_same_facts_group_and_single_source_facts_stay_alone(pipeline) -> None:
    records = [{"id": i, "outlet": o, "published": "2026-03-06", "text": t} for i, o, t in STORIES]
    raw = [article_from_record(r, f"{r['id']}.jsonl") for r in records]
    articles = process_batch([a for a in raw if isinstance(a, Article)], pipeline).articles
    story = build_story(articles, pipeline, "fiction")
    story.options["claim_grouping"] = "pairs"
    from storylens.stages.story.groups import group_claims

    groups = group_claims(story).results["claim_groups"]
    by_claim = {c: g for g in groups for c in g["claims"]}
    claims = {f"{a.id}:c{n}": a.span_text(c) for a in story.articles for n, c in enumerate(a.layer("claims"))}
    resigned = [c for c, t in claims.items() if "resigned" in t or "quit the council" in t]
    yacht = next(c for c, t in claims.items() if "yacht" in t)
    spring = next(c for c, t in claims.items() if "next spring" in t)
    assert len({by_claim[c]["id"] for c in resigned}) == 1, groups
    assert by_claim[yacht]["status"] == "single-source" and by_claim[spring]["status"] == "single-source"


def test_containment_sees_a_short_report_inside_a_long_sentence(pipeline) -> None:
    records = [{"id": i, "outlet": o, "published": "2026-03-06", "text": t} for i, o, t in STORIES]
    records[1]["text"] += "\n\nThe mayor kept a private yacht at the ferry pier."
    raw = [article_from_record(r, f"{r['id']}.jsonl") for r in records]
    articles = process_batch([a for a in raw if isinstance(a, Article)], pipeline).articles
    story = build_story(articles, pipeline, "fiction")
    from storylens.stages.compare.claimindex import ClaimIndex
    from storylens.stages.story.claim_links import pair_rows
    from storylens.stages.story.groups import anchors, content_words

    index = ClaimIndex(story)
    long_ = next(n for n, c in enumerate(index.claims) if "moored" in c.text)
    short = next(n for n, c in enumerate(index.claims) if c.text.startswith("The mayor kept"))
    other = next(n for n, c in enumerate(index.claims) if "next spring" in c.text)
    rows = pair_rows(story, index, [(min(long_, short), max(long_, short)), (min(long_, other), max(long_, other))],
                     anchors, content_words)
    jaccard, containment = PAIR_FEATURES.index("rare_overlap"), PAIR_FEATURES.index("rare_containment")
    # Every rare word of the short report is in the long sentence, which says more besides.
    assert rows[0, containment] > 0.8 and rows[0, jaccard] < rows[0, containment]
    assert rows[1, containment] < 0.3  # a different fact of the same story
