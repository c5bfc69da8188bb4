"""Briefing stage (and the contract `summary` built from it) on a hand-written four-outlet story."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from helpers.bridge_story import LEAD, TEXTS, bridge_story
from storylens.outputs.schema import validate_story
from storylens.stages.compare.claimindex import ClaimIndex


@pytest.fixture(scope="module")
def story(pipeline):
    return bridge_story(pipeline, words=40)


def test_briefing_respects_the_word_budget_and_leads_with_the_corroborated_fact(story):
    briefing = story.results["briefing"]
    assert briefing["words"] == 40
    assert sum(len(s["text"].split()) for s in briefing["sentences"]) <= 40
    assert len(briefing["sentences"]) >= 2
    assert briefing["sentences"][0]["text"] == LEAD
    assert briefing["sentences"][0]["outlets"] == list(TEXTS)


def test_each_sentence_cites_its_outlets_and_no_group_repeats(story):
    index = ClaimIndex(story)
    groups = {g["id"]: g for g in story.results["claim_groups"]}
    sentences = story.results["briefing"]["sentences"]
    assert len({s["group"] for s in sentences}) == len(sentences)
    for sentence in sentences:
        assert sentence["claim"] in sentence["claims"] and sentence["articles"] and sentence["outlets"]
        assert {index.ref(c).article.outlet for c in sentence["claims"]} == set(sentence["outlets"])
        assert groups[sentence["group"]]["status"] != "contested"


def test_disputed_and_single_source(story):
    briefing = story.results["briefing"]
    assert [d["conflict"] for d in briefing["disputed"]] == [c["id"] for c in story.results["conflicts"]]
    assert "3 million" in briefing["disputed"][0]["text"] and "5 million" in briefing["disputed"][0]["text"]
    groups = {g["id"]: g for g in story.results["claim_groups"]}
    assert briefing["single_source"]
    for item in briefing["single_source"]:
        assert groups[item["group"]]["independent_sources"] == 1
        assert groups[item["group"]]["outlets"] == [item["outlet"]]


def test_a_line_the_briefing_shows_is_not_listed_again_as_single_source(pipeline):
    briefing = bridge_story(pipeline, words=200).results["briefing"]
    shown = {s["group"] for s in briefing["sentences"] if s["section"] == "single-source"}
    assert shown  # the long budget reaches single-source sentences
    assert not shown & {s["group"] for s in briefing["single_source"]}


def test_summary_is_the_briefing(story):
    summary = story.results["summary"]
    assert [s["text"] for s in summary] == [s["text"] for s in story.results["briefing"]["sentences"]]
    assert all(s["claims"] and s["articles"] for s in summary)


def test_a_shorter_budget_gives_a_shorter_briefing(pipeline):
    short = bridge_story(pipeline, words=15)
    sentences = short.results["briefing"]["sentences"]
    assert [s["text"] for s in sentences] == [LEAD]


def test_analyze_words_option_and_schema(tmp_path):
    from storylens.cli import app

    for n, (outlet, text) in enumerate(TEXTS.items()):
        (tmp_path / f"a{n}.txt").write_text(f"---\noutlet: {outlet}\n---\n{text}", encoding="utf-8")
    out = tmp_path / "story.json"
    result = CliRunner().invoke(app, ["analyze", str(tmp_path), "--json", str(out), "--words", "25"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    validate_story(data)
    assert data["briefing"]["words"] == 25
    assert sum(len(s["text"].split()) for s in data["briefing"]["sentences"]) <= 25
    assert data["summary"] and data["coverage"]["blind_spots"] and len(data["framing"]) == 4


def test_a_single_article_story(pipeline):
    from storylens.ingest.readers import make_article
    from storylens.model import Story

    raw = make_article("one.txt", TEXTS["Valley Bugle"], "text", record_id="v1")
    raw.outlet = "Valley Bugle"
    story = pipeline.process_story(Story(id="one", articles=[pipeline.process_article(raw)]))
    sentences = story.results["briefing"]["sentences"]
    assert sentences and all(s["outlets"] == ["Valley Bugle"] for s in sentences)
    assert story.results["coverage"]["blind_spots"] == {"Valley Bugle": []}
    (framing,) = story.results["framing"]
    assert framing["distinctive_terms"] == [] and framing["outlet"] == "Valley Bugle"


def test_the_briefing_reads_agreed_facts_first_each_part_in_story_order(pipeline):
    story = bridge_story(pipeline, words=200)
    index = ClaimIndex(story)
    body = story.results["briefing"]["sentences"][1:]
    sections = [s["section"] for s in body]
    assert "agreed" in sections and "single-source" in sections  # the long budget reaches both parts
    assert sections == sorted(sections)  # "agreed" < "single-source": no agreed line after a single-source one
    sizes = {a.id: len(a.layer("claims")) for a in story.articles}
    for section in ("agreed", "single-source"):
        places = [index.ref(s["claim"]).index / sizes[index.ref(s["claim"]).article.id]
                  for s in body if s["section"] == section]
        assert places == sorted(places), section
