"""Syndication and near-duplicates: shown per article in the story JSON as source_group / duplicate_of."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from storylens.model import Article, Story
from storylens.outputs.story_json import story_to_json
from storylens.stages.story.sources import group_sources

WIRE = ("Crews of the Port Velm ferry line returned to work on Monday after a nine-day strike over "
        "night-shift pay. The harbour authority said timetables would be back to normal by Thursday. "
        "Union leader Mara Quist said the deal was a small but real gain for the crews. Passengers had "
        "queued for hours at the Castra terminal during the strike, and two extra boats were chartered. "
        "The authority expects the first full sailing schedule since late February on Friday morning.")


def _article(article_id: str, outlet: str, text: str) -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", text=text, outlet=outlet)


def test_copies_share_a_source_group_and_near_identical_ones_name_their_original():
    trimmed = WIRE.rsplit(" The authority", 1)[0] + " Local reaction was muted in the old town."
    story = Story("s", [
        _article("a1", "Velm Ledger", WIRE),
        _article("a2", "Castra Herald", WIRE.replace("Monday", "Monday morning")),  # near-identical copy
        _article("a3", "Harbour Post", trimmed),  # syndicated, but trimmed and extended
        _article("a4", "Velm Ledger", "The town council approved a new budget for street lighting."),
        _article("a5", "Quay Times", "Fishermen in Castra reported a record catch of herring this week."),
    ])
    records = {r["id"]: r for r in story_to_json(group_sources(story))["articles"]}
    groups = {i: r["source_group"] for i, r in records.items()}
    assert groups["a1"] == groups["a2"] == groups["a3"] == groups["a4"] == "a1"  # wire copies + same outlet
    assert groups["a5"] == "a5"
    assert {i: r["duplicate_of"] for i, r in records.items()} == {
        "a1": None, "a2": "a1", "a3": None, "a4": None, "a5": None}
    schema = json.loads((Path(__file__).resolve().parents[1] / "docs" / "story.schema.json").read_text())
    article_schema = schema["$defs"]["article"]["properties"]
    for record in records.values():
        jsonschema.validate(record["duplicate_of"], article_schema["duplicate_of"] | {"$defs": schema["$defs"]})


def test_the_source_map_follows_the_story_order():
    # A set's order follows string hashing, which changes between runs; the JSON must not.
    ids = ["wire-b", "wire-a", "z9", "m1", "wire-c"]
    story = Story("s", [_article(i, "Velm Ledger" if i.startswith("wire") else "Quay Times", WIRE) for i in ids])
    assert list(group_sources(story).results["sources"]) == ids
    assert set(story.results["sources"].values()) == {"m1"}  # all copies of one text: one source, smallest id
