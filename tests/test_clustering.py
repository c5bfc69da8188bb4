"""Story clustering: look-alike stories told apart by names, places and numbers; time window; determinism."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from helpers.cluster_articles import DUNMERE, OAKHAVEN
from storylens.clustering import (
    Evidence,
    OnlineClusterer,
    Params,
    arrival_order,
    article_evidence,
    cluster_articles,
    cluster_pipeline,
)
from storylens.clustering.evidence import date_terms, entity_terms, publication_day
from storylens.ingest.readers import article_from_record
from storylens.model import Article, Span


@pytest.fixture(scope="module")
def fires() -> list[Article]:
    pipeline = cluster_pipeline()
    return [pipeline.process_article(article_from_record(r, r["id"])) for r in DUNMERE + OAKHAVEN]


def _partition(stories: list[dict]) -> set[frozenset[str]]:
    return {frozenset(s["articles"]) for s in stories}


def test_two_warehouse_fires_become_two_stories(fires):
    stories = cluster_articles(fires)
    expected = {frozenset(r["id"] for r in DUNMERE), frozenset(r["id"] for r in OAKHAVEN)}
    assert _partition(stories) == expected
    assert {s["title"] for s in stories} == {DUNMERE[0]["title"], OAKHAVEN[0]["title"]}


def test_same_input_same_stories_and_partition_survives_reordering(fires):
    assert cluster_articles(fires) == cluster_articles(fires)
    assert _partition(cluster_articles(list(reversed(fires)))) == _partition(cluster_articles(fires))


def test_same_story_scores_far_above_the_lookalike(fires):
    clusterer = OnlineClusterer()
    by_id = {a.id: a for a in fires}
    dunmere = clusterer.add(article_evidence(by_id["dunmere-1"]))
    clusterer.add(article_evidence(by_id["oakhaven-1"]))
    story = clusterer.by_id[dunmere]
    same = clusterer.score(article_evidence(by_id["dunmere-2"]), story)
    other = clusterer.score(article_evidence(by_id["oakhaven-2"]), story)
    assert same >= clusterer.params.threshold > other
    assert same - other > 0.3


def _evidence(article_id: str, day: str | None, terms: dict[str, int]) -> Evidence:
    vector = np.zeros(512, dtype=np.float32)
    vector[0] = 1.0
    return Evidence(article_id, vector, Counter(terms), publication_day(day))


def test_time_window_keeps_a_months_later_lookalike_apart():
    clusterer = OnlineClusterer()
    terms = {"e:kessling": 2, "e:dunmere": 1, "w:warehouse": 1, "n:46": 1}
    first = clusterer.assign(_evidence("a", "2026-02-03", terms))
    assert clusterer.assign(_evidence("b", "2026-02-10", terms)) == first
    assert clusterer.assign(_evidence("c", "2026-09-01", terms)) != first
    assert clusterer.assign(_evidence("d", None, terms)) in {first, clusterer.stories[-1].id}  # undated: no window


def test_evidence_uses_canonical_name_words_and_resolved_dates_only():
    text = "Kowalski spoke on 3 March 2026 and again on Friday."
    article = Article(id="x", source="x", text=text, layers={
        "entities": [Span(0, 8, "PERSON", {"name": "Anna Kowalski"})],
        "times": [Span(19, 31, "DATE", {"value": "2026-03-03", "precision": "day"}),
                  Span(45, 51, "DATE", {"value": "XXXX-WXX-5", "precision": "day"})]})
    assert entity_terms(article) == Counter({"e:anna": 1, "e:kowalski": 1})
    assert date_terms(article) == Counter({"d:2026-03-03": 1, "d:2026-03": 1})


def test_headline_and_dek_are_evidence_though_they_are_not_text():
    # Cleaning keeps the headline and dek as metadata; they still say what the article is about.
    text = "Kowalski spoke to reporters in Dunmere."
    article = Article(id="x", source="x", text=text, title="Warehouse blaze: Kowalski blames wiring",
                      meta={"dek": "Third fire at the Dunmere docks in 2026"},
                      layers={"entities": [Span(0, 8, "PERSON", {"name": "Anna Kowalski"})]})
    claim, header = np.eye(512, dtype=np.float32)[:1], np.eye(512, dtype=np.float32)[1:3]
    article.vectors = {"claims": claim, "header": header}
    evidence = article_evidence(article)
    assert evidence.terms["e:kowalski"] == 2  # once in the text, once in the headline
    assert evidence.terms["w:blaze"] == 1 and evidence.terms["w:docks"] == 1 and evidence.terms["n:2026"] == 1
    assert evidence.vector is not None and evidence.vector[1] > 0 and evidence.vector[2] > 0


def test_arrival_order_is_by_date_with_undated_last():
    given = (("u", None), ("b", "2026-02-05"), ("a", "2026-02-01"))
    articles = [Article(id=i, source=i, published=p) for i, p in given]
    assert [a.id for a in arrival_order(articles)] == ["a", "b", "u"]


def _spread(article_id: str, directions: list[float], terms: dict[str, int]) -> Evidence:
    evidence = _evidence(article_id, None, terms)
    evidence.vector[:] = 0.0
    evidence.vector[: len(directions)] = directions
    evidence.vector /= np.linalg.norm(evidence.vector)
    return evidence


def test_second_look_moves_an_early_lone_article_into_the_story_that_formed_after_it():
    shared = {"e:kessling": 2, "e:dunmere": 2, "w:warehouse": 2, "w:blaze": 1, "n:46": 1}
    early = _spread("early", [1, 1, 1, 0], {"e:kessling": 1, "w:warehouse": 1, "w:ferry": 3, "w:quay": 2})
    later = [_spread(name, direction, shared)
             for name, direction in (("a", [1, 0, 0, 1]), ("b", [0, 1, 0, 1]), ("c", [0, 0, 1, 1]))]  # fmt: skip
    probe = OnlineClusterer()
    probe.add(early)
    at_arrival = probe.score(later[0], probe.stories[0])  # the first look-alike meets the lone article
    probe = OnlineClusterer()
    probe.add(early)
    story = [probe.add(e, "s") for e in later][0]
    at_the_end = probe.score(early, probe.by_id[story])  # the lone article meets the finished story
    assert at_arrival < at_the_end
    clusterer = OnlineClusterer(Params(threshold=(at_arrival + at_the_end) / 2))
    ids = [clusterer.assign(e) for e in [early, *later]]
    assert ids[0] not in ids[1:] and len(set(ids[1:])) == 1
    assert clusterer.second_look({e.id: e for e in [early, *later]}) == {"early": ids[1]}
    assert [len(s.articles) for s in clusterer.stories] == [0, 4]
