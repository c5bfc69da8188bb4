"""The bundled demo story end to end (`storylens demo`), checked against its hand-written gold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storylens.outputs.schema import validate_story

GOLD = json.loads((Path(__file__).resolve().parents[1] / "src/storylens/demo/gold.json").read_text())


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    done = subprocess.run([sys.executable, "-m", "storylens.cli", "demo", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return out, done


@pytest.fixture(scope="module")
def story(demo_run):
    return json.loads((demo_run[0] / "report.json").read_text(encoding="utf-8"))


def _gold_key(article: dict) -> str:
    """Gold names articles by file name, or by id for records from the .jsonl file."""
    return article["id"] if article["source"].split(":")[0].endswith(".jsonl") else Path(article["source"]).name


@pytest.fixture(scope="module")
def by_key(story):
    return {_gold_key(a): a for a in story["articles"]}


def _claims_containing(story, by_key, ref) -> list[dict]:
    article_id = by_key[ref["article"]]["id"]
    return [c for c in story["claims"] if c["article"] == article_id and ref["contains"] in c["text"]]


def test_schema_and_every_section_filled(story, demo_run):
    validate_story(story)
    for section in ("articles", "entities", "quotes", "statements", "claims", "claim_groups", "conflicts", "timeline",
                    "summary", "coverage", "framing", "briefing"):
        assert story[section], f"section {section} is empty"
    html = (demo_run[0] / "report.html").read_text(encoding="utf-8")
    assert "Kestrine" in html and "<script>alert" not in html
    assert "Briefing" in demo_run[1].stderr or "Briefing" in demo_run[1].stdout
    assert "Statements carried by several outlets" in demo_run[1].stderr + demo_run[1].stdout


def test_metadata(by_key):
    for key, gold in GOLD["articles"].items():
        article = by_key[key]
        for field in ("outlet", "author", "published"):
            assert article[field] == gold[field], (key, field)
        assert " ".join(article["title"].split()).casefold() == " ".join(gold["title"].split()).casefold()


def test_cleaning_removes_furniture_and_keeps_paragraphs(by_key):
    for item in GOLD["removed"]:
        assert item["contains"] not in by_key[item["article"]]["text"], item
    for item in GOLD["kept"]:
        assert item["contains"] in by_key[item["article"]]["text"], item


def test_one_statement_carried_by_several_outlets_is_one_statement(story, by_key):
    """Gold quotes of one speaker with the same words in several articles end up in one statement."""
    carried: dict[tuple[str, str], set[str]] = {}
    for gold in GOLD["quotes"]:
        carried.setdefault((gold["speaker"], gold["contains"]), set()).add(by_key[gold["article"]]["id"])
    shared = {k: v for k, v in carried.items() if len(v) > 1}
    assert shared, "the demo gold should hold quotes carried by several outlets"
    for (speaker, words), articles in shared.items():
        homes = [s for s in story["statements"] if s["speaker"]["name"] == speaker
                 and any(words in q["text"] or q["text"] in words
                                for q in story["quotes"] if q["id"] in s["quotes"])]
        assert len(homes) == 1, (speaker, words, [h["articles"] for h in homes])
        assert articles <= set(homes[0]["articles"]), (words, homes[0]["articles"])
        keys = {story["sources"].get(a, a) for a in homes[0]["articles"]}  # syndicated copies share a key
        assert homes[0]["independent_sources"] == len(keys)
    assert any(s["independent_sources"] >= 2 for s in story["statements"])


def test_quotes_and_speakers(story, by_key):
    missing = []
    for gold in GOLD["quotes"]:
        article_id = by_key[gold["article"]]["id"]
        found = [q for q in story["quotes"] if q["article"] == article_id
                 and (gold["contains"] in q["text"] or q["text"] in gold["contains"])
                 and q["speaker"]["name"] == gold["speaker"]]
        if not found:
            missing.append(gold)
    direct = [g for g in missing if g["kind"] == "direct"]
    assert not direct, direct
    assert len(missing) <= len(GOLD["quotes"]) // 5, missing


def test_syndicated_copies_count_once(story, by_key):
    for a, b in GOLD["syndicated"]:
        assert story["sources"][by_key[a]["id"]] == story["sources"][by_key[b]["id"]]


def test_corroborated_facts(story, by_key):
    group_of = {c: g for g in story["claim_groups"] for c in g["claims"]}
    for fact in GOLD["corroborated"]:
        claims = [c["id"] for ref in fact["evidence"] for c in _claims_containing(story, by_key, ref)]
        groups = [group_of[c] for c in claims]
        best = max(groups, key=lambda g: g["independent_sources"])
        assert best["independent_sources"] >= 2 and best["status"] in ("corroborated", "contested"), fact


def test_conflicts(story, by_key):
    # A conflict may name any copy of a gold claim: members of its claim group say the same thing.
    group_of = {c: g for g in story["claim_groups"] for c in g["claims"]}

    def same_as(ref):
        return {m for c in _claims_containing(story, by_key, ref) for m in group_of[c["id"]]["claims"]}

    for gold in GOLD["conflicts"]:
        a, b = same_as(gold["a"]), same_as(gold["b"])
        assert a and b and not a & b, gold
        assert any(x["kind"] == gold["kind"] and set(x["claims"]) & a and set(x["claims"]) & b
                   for x in story["conflicts"]), gold


def test_no_conflict_beyond_the_planted_ones(story):
    # Analysts forgive a miss sooner than a false alarm: the demo plants exactly these disagreements.
    assert sorted(x["kind"] for x in story["conflicts"]) == sorted(g["kind"] for g in GOLD["conflicts"])


def test_hedged_claims(story, by_key):
    for ref in GOLD["hedged"]:
        claims = _claims_containing(story, by_key, ref)
        assert claims and all(c["hedged"] for c in claims), ref


def test_timeline(story, by_key):
    for gold in GOLD["timeline"]:
        wanted = {by_key[k]["id"] for k in gold["articles"]}
        entries = [e for e in story["timeline"] if e["when"] == gold["when"]]
        covered = set().union(*(set(e["articles"]) for e in entries)) if entries else set()
        assert wanted <= covered, (gold, covered)


def test_opinion_piece_is_opinion(story):
    kinds = [c["kind"] for c in story["claims"] if c["article"] == GOLD["opinion"]]
    assert kinds.count("opinion") >= 3


def test_summary_cites_corroborated_claims(story):
    groups = {g["id"]: g for g in story["claim_groups"]}
    assert any(groups[item["group"]]["status"] == "corroborated" for item in story["summary"])
    assert all(item["articles"] for item in story["summary"])


def test_planted_framing_difference(story, by_key):
    gold = GOLD["framing"]
    framing = {f["outlet"]: f for f in story["framing"]}
    harsher, milder = (framing[by_key[gold[k]]["outlet"]] for k in ("harsher", "milder"))

    def tone(record):
        return next(t for t in record["tone"] if t["name"] == gold["entity"])

    assert tone(harsher)["score"] + gold["min_gap"] <= tone(milder)["score"], (tone(harsher), tone(milder))
    assert tone(harsher)["score"] < 0 and tone(harsher)["sentences"]
    for key, words in gold["distinctive"].items():
        terms = {t["term"] for t in framing[by_key[key]["outlet"]]["distinctive_terms"]}
        assert set(words) <= terms, (key, terms)


def test_blind_spots(story, by_key):
    group_of = {c: g["id"] for g in story["claim_groups"] for c in g["claims"]}
    blind = story["coverage"]["blind_spots"]
    for gold in GOLD["blind_spots"]:
        groups = {group_of[c["id"]] for c in _claims_containing(story, by_key, gold["reported"])}
        outlet = by_key[gold["outlet_of"]]["outlet"]
        assert groups & set(blind[outlet]), (gold, blind[outlet])
