"""Coverage and framing stages on a hand-written four-outlet story (tests/helpers/bridge_story.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from helpers.bridge_story import INQUIRY, ROAD, bridge_story
from storylens.model import Article, Span
from storylens.stages.compare.claimindex import ClaimIndex
from storylens.stages.compare.logodds import log_odds_z, terms, top_terms
from storylens.stages.speech.sourcing import quoted_sources


@pytest.fixture(scope="module")
def story(pipeline):
    return bridge_story(pipeline)


def _outlet(story, name):
    return next(f for f in story.results["framing"] if f["outlet"] == name)


def _group_with(story, text):
    index = ClaimIndex(story)
    return next(g["id"] for g in story.results["claim_groups"] if any(text in index.ref(c).text for c in g["claims"]))


def test_log_odds_prefers_a_word_only_one_group_uses():
    counts = {"a": Counter({"barge": 5, "bridge": 4, "river": 3}),
              "b": Counter({"bridge": 4, "river": 3, "mayor": 1}),
              "c": Counter({"bridge": 5, "river": 2, "council": 2})}
    z = log_odds_z(counts)
    assert max(z["a"], key=z["a"].get) == "barge"
    assert z["c"]["river"] < 0 < z["a"]["barge"] and "barge" not in z["b"]
    assert [t["term"] for t in top_terms(z["a"], counts["a"], 3, 1.0)] == ["barge"]
    # A word said once is not distinctive, however skewed.
    assert "mayor" not in {t["term"] for t in top_terms(z["b"], counts["b"], 3, -10.0)}


def test_terms_drop_stop_words_numbers_and_reporting_verbs():
    assert terms("The mayor said 40 barges were in the river's mouth.") == ["mayor", "barges", "river", "mouth"]


def test_coverage_blind_spots_and_exclusives(story):
    coverage = story.results["coverage"]
    assert coverage["outlets"] == ["Harbor Post", "Orvale Sentinel", "Valley Bugle", "Ridge Daily"]
    assert len(coverage["rows"]) == len(story.results["claim_groups"])
    road, inquiry = _group_with(story, ROAD), _group_with(story, INQUIRY)
    assert road in coverage["blind_spots"]["Ridge Daily"]
    assert inquiry in coverage["blind_spots"]["Harbor Post"]
    assert road not in coverage["blind_spots"]["Harbor Post"]
    bakery = _group_with(story, "family bakery")
    assert bakery in coverage["exclusives"]["Valley Bugle"]
    assert all(bakery not in groups for outlet, groups in coverage["exclusives"].items() if outlet != "Valley Bugle")
    row = next(r for r in coverage["rows"] if r["group"] == road)
    assert row["outlets"] == ["Harbor Post", "Orvale Sentinel", "Valley Bugle"] and row["status"] == "corroborated"


def test_distinctive_terms(story):
    assert _outlet(story, "Ridge Daily")["distinctive_terms"][0]["term"] == "barge"
    others = [_outlet(story, o) for o in ("Harbor Post", "Orvale Sentinel", "Valley Bugle")]
    assert all("barge" not in {t["term"] for t in f["distinctive_terms"]} for f in others)


def test_tone_toward_the_mayor_has_opposite_signs(story):
    def tone(outlet):
        return next(t for t in _outlet(story, outlet)["tone"] if t["name"] == "Ilse Varga")

    praised, blamed = tone("Harbor Post"), tone("Orvale Sentinel")
    assert praised["score"] > 0.3 and blamed["score"] < -0.3
    assert praised["entity"] == blamed["entity"]
    texts = [ClaimIndex(story).ref(c).text for c in blamed["sentences"]]
    assert texts and all("Varga" in t for t in texts)
    assert all(t["name"] != "Ilse Varga" for t in _outlet(story, "Valley Bugle")["tone"])


def test_rates_and_whom_it_quotes(story):
    post = _outlet(story, "Harbor Post")
    assert post["quoted"]["official"] == 1 and post["quoted"]["expert"] == 1
    assert {(s["speaker"], s["category"]) for s in post["sources"]} == {("Ilse Varga", "official"),
                                                                         ("Dario Fenn", "expert")}
    assert post["hedged_rate"] > 0 and _outlet(story, "Ridge Daily")["hedged_rate"] == 0
    assert 0 < post["own_voice_share"] < 1
    assert _outlet(story, "Orvale Sentinel")["quoted"]["anonymous"] == 1


def test_headline_stresses_what_the_body_does_not_say(story):
    headline = _outlet(story, "Harbor Post")["headline"]
    assert headline["text"] == "Bridge collapse: mayor praised for calm response"
    assert "praised" in headline["stressed"][:3] and headline["stressed"][-1] == "mayor"
    assert "'praised' (0x in body)" in headline["explanation"]
    assert "varga" in headline["body_terms"]


def test_a_speaker_described_as_a_reporter_is_media_and_an_unnamed_source_anonymous():
    text = ('Lena Holt, a reporter for the Valley Bugle, said the gates were locked. '
            '"The site is finished," a source at the plant said.')
    article = Article(id="m", source="m.txt", text=text)
    article.layers["entities"] = [Span(0, 9, "PERSON", {"name": "Lena Holt"})]
    said = text.index("the gates")
    direct = text.index('"The')
    article.layers["quotes"] = [
        Span(said, text.index("."), "indirect", {"speaker_name": "Lena Holt", "speaker_text": "Lena Holt"}),
        Span(direct, text.index('," ') + 2, "direct", {"speaker_text": "a source at the plant"}),
    ]
    assert [(r["speaker"], r["category"], r["cue"]) for r in quoted_sources(article)] == [
        ("Lena Holt", "media", "reporter"), ("a source at the plant", "anonymous", "no named speaker")]
