"""Claim check: stance per article with evidence, the `check` command, and the `--pairs` batch form."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from helpers.articles import make_text_article
from storylens.check.run import check_claim, check_pairs, check_pipeline
from storylens.cli import app
from storylens.text.clauses import clause_ranges
from storylens.text.parse import parse

CLAIM = "The Harrowgate dam collapsed on Sunday and flooded the valley."
ARTICLES = {
    "agree": "The Harrowgate dam collapsed on Sunday, sending water across the Lune valley. Engineers at the "
             "county water board confirmed the collapse and evacuated two hundred homes. Rescue boats reached "
             "the village of Skelby by evening.",
    "disagree": "Pictures showing the Harrowgate dam collapsing are a hoax, the county water board said on Monday. "
                "The dam is intact and the images were doctored from an old film set. Officials denied that any "
                "valley homes had flooded and called the posts fabricated.",
    "discuss": "Social media posts claim the Harrowgate dam collapsed on Sunday. The reports could not be verified, "
               "and the county water board has not commented. Some residents say the valley may have flooded, "
               "according to unconfirmed accounts shared online.",
    "unrelated": "The Brindle cheese festival opened on Saturday with sixty stalls from across the county. Organisers "
                 "expect record crowds after the rain cleared. A brass band will play each afternoon.",
}


@pytest.fixture(scope="module")
def analysed():
    pipeline = check_pipeline()
    return [pipeline.process_article(make_text_article(text, stance, outlet=stance.title()))
            for stance, text in ARTICLES.items()]


def test_each_article_gets_its_stance_with_evidence(analysed):
    results = {r["article"]: r for r in check_claim(CLAIM, analysed)}
    assert {k: r["stance"] for k, r in results.items()} == {k: k for k in ARTICLES}
    assert results["unrelated"]["evidence"] == []
    disputing = " ".join(e["text"] for e in results["disagree"]["evidence"])
    assert "hoax" in disputing
    assert any("hoax" in e["cues"] for e in results["disagree"]["evidence"])
    for stance in ("agree", "disagree", "discuss"):
        article = next(a for a in analysed if a.id == stance)
        for item in results[stance]["evidence"]:
            assert article.text[item["start"]:item["end"]] == item["text"]


def test_a_claim_that_is_itself_a_denial_is_not_disputed_by_a_debunking_article(analysed):
    denial = "The Harrowgate dam did not collapse; the pictures are a hoax."
    results = {r["article"]: r["stance"] for r in check_claim(denial, analysed)}
    assert results["disagree"] != "disagree"


def test_pairs_check_each_article_once_and_keep_going_after_a_bad_pair(analysed):
    pairs = [{"id": "p1", "claim": CLAIM, "article": {"id": "a1", "text": ARTICLES["agree"]}},
             {"id": "p2", "claim": CLAIM, "article": {"id": "a2", "text": ARTICLES["unrelated"]}},
             {"id": "p3", "claim": "", "article": {"text": ARTICLES["agree"]}},
             {"id": "p4", "claim": "Dam photos were faked.", "article": {"id": "a1", "text": ARTICLES["agree"]}}]
    done = []
    result = check_pairs(pairs, check_pipeline(), on_done=done.append)
    assert [r["id"] for r in result.results] == ["p1", "p2", "p4"]
    assert [r["stance"] for r in result.results[:2]] == ["agree", "unrelated"]
    assert len(done) == 2  # a1 once, a2 once
    assert [str(p) for p in result.problems] == ["pair p3: missing 'claim' text"]


def test_check_command_json_shapes(tmp_path):
    for stance, text in ARTICLES.items():
        (tmp_path / f"{stance}.txt").write_text(text, encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(app, ["check", CLAIM, str(tmp_path), "--json", "-"], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["claim"] == CLAIM
    assert {r["stance"] for r in data["results"]} == set(ARTICLES)
    assert all({"article", "stance", "evidence"} <= set(r) for r in data["results"])

    pairs = tmp_path / "pairs.jsonl"
    lines = [json.dumps({"id": "x1", "claim": CLAIM, "article": {"text": ARTICLES["disagree"]}}), "{broken"]
    pairs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = runner.invoke(app, ["check", "--pairs", str(pairs), "--json", "-"], catch_exceptions=False)
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert data == {"results": [{**data["results"][0], "id": "x1", "stance": "disagree"}]}
    assert f"{pairs}:2: invalid JSON" in out.stderr


@pytest.mark.parametrize(("sentence", "clauses"), [
    ("The mayor resigned on Monday, and the council voted to dissolve the harbour board.",
     ["The mayor resigned on Monday", "the council voted to dissolve the harbour board."]),
    ("Prices rose by 4 percent; wages fell for the third month in a row.",
     ["Prices rose by 4 percent", "wages fell for the third month in a row."]),
    ("He resigned and left town after the vote.", ["He resigned and left town after the vote."]),
    ("The board met after the council voted to close the pier.",
     ["The board met after the council voted to close the pier."]),
])
def test_sentences_joining_two_statements_split_into_clauses(sentence, clauses):
    doc = parse(sentence)
    assert [sentence[s:e] for s, e in clause_ranges(doc, 0, len(sentence))] == clauses


def test_check_over_the_store_by_story(tmp_path):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    runner = CliRunner()
    for stance, story in (("agree", "dam"), ("disagree", "dam"), ("unrelated", "cheese")):
        (tmp_path / f"{stance}.txt").write_text(ARTICLES[stance], encoding="utf-8")
        added = runner.invoke(app, ["add", str(tmp_path / f"{stance}.txt"), "--db", db, "--story", story])
        assert added.exit_code == 0, added.output
    out = runner.invoke(app, ["check", CLAIM, "--db", db, "--story", "dam", "--json", "-"], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    stances = sorted(r["stance"] for r in json.loads(out.stdout)["results"])
    assert stances == ["agree", "disagree"]  # the two stored articles of story "dam", and only those
    every = runner.invoke(app, ["check", CLAIM, "--db", db, "--json", "-"], catch_exceptions=False)
    assert sorted(r["stance"] for r in json.loads(every.stdout)["results"]) == ["agree", "disagree", "unrelated"]
    missing = runner.invoke(app, ["check", CLAIM, "--db", db, "--story", "nowhere"])
    assert missing.exit_code == 1 and "no stored articles in story nowhere" in missing.output
