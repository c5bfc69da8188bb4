"""The `timeline` story stage on hand-built stories: ordering, merging across outlets, ids."""

from __future__ import annotations

from typing import Any

from storylens.ids import claim_id
from storylens.model import Article, Span, Story
from storylens.stages.story.timeline import build_timeline


def make_article(article_id: str, outlet: str, sentences: list[tuple[str, list[tuple[str, str, str, str]]]],
                 ) -> Article:
    """An article of one-sentence claims; each sentence lists (expression, type, value, resolved_from)."""
    text, claims, times = "", [], []
    for sentence, expressions in sentences:
        start = len(text)
        text += sentence + " "
        indices = []
        for expression, type_, value, source in expressions:
            at = start + sentence.index(expression)
            precision = {10: "day", 7: "month", 4: "year"}.get(len(value), "time" if "T" in value else "unknown")
            if type_ == "DURATION":
                precision = "duration"
            indices.append(len(times))
            times.append(Span(at, at + len(expression), type_,
                              {"value": value, "precision": precision, "resolved_from": source}))
        claims.append(Span(start, start + len(sentence), "event", {"times": indices, "hedged": False}))
    article = Article(id=article_id, source=f"{article_id}.txt", text=text.strip(), outlet=outlet,
                      published="2026-03-04")
    article.layers.update({"claims": claims, "times": times})
    return article


def group(gid: str, *claims: str) -> dict[str, Any]:
    articles = list(dict.fromkeys(c.rpartition(":")[0] for c in claims))
    return {"id": gid, "claims": list(claims), "articles": articles, "independent_sources": len(articles),
            "status": "single-source"}


def run(articles: list[Article], groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    story = Story(id="s1", articles=articles, results={"claim_groups": groups})
    return build_timeline(story).results["timeline"]


def test_entries_sorted_by_interval_start_then_finer_precision() -> None:
    a = make_article("a1", "Daily", [
        ("The dam opened on March 4, 2026.", [("March 4, 2026", "DATE", "2026-03-04", "absolute")]),
        ("Repairs began in March 2026.", [("March 2026", "DATE", "2026-03", "absolute")]),
        ("Cracks appeared on March 1, 2026.", [("March 1, 2026", "DATE", "2026-03-01", "absolute")]),
        ("The dam was planned in 2019.", [("2019", "DATE", "2019", "absolute")]),
        ("Water rose at 9 a.m. on March 4.", [("9 a.m.", "TIME", "2026-03-04T09:00", "context")]),
    ])
    groups = [group(f"g{i}", claim_id("a1", i)) for i in range(5)]
    timeline = run([a], groups)
    assert [e["when"] for e in timeline] == ["2019", "2026-03-01", "2026-03", "2026-03-04", "2026-03-04T09:00"]
    assert [e["precision"] for e in timeline] == ["year", "day", "month", "day", "time"]
    assert timeline[0]["text"] == "The dam was planned in 2019."


def test_claims_of_one_group_merge_across_outlets() -> None:
    a = make_article("a1", "Daily", [("The mayor resigned on Tuesday.", [("Tuesday", "DATE", "2026-03-03",
                                                                         "published")])])
    b = make_article("b1", "Herald", [("Mayor Kim quit on March 3, 2026.", [("March 3, 2026", "DATE",
                                                                             "2026-03-03", "absolute")])])
    timeline = run([a, b], [group("g0", claim_id("a1", 0), claim_id("b1", 0))])
    assert len(timeline) == 1
    entry = timeline[0]
    assert entry["when"] == "2026-03-03"
    assert entry["claims"] == ["a1:c0", "b1:c0"]
    assert entry["articles"] == ["a1", "b1"]
    assert entry["outlets"] == ["Daily", "Herald"]
    assert entry["group"] == "g0"
    # the written-out date is the most explicit evidence, so its claim describes the event
    assert (entry["claim"], entry["text"]) == ("b1:c0", "Mayor Kim quit on March 3, 2026.")
    assert [x["text"] for x in entry["expressions"]] == ["Tuesday", "March 3, 2026"]


def test_outlets_disagreeing_on_a_date_give_separate_entries() -> None:
    a = make_article("a1", "Daily", [("The fire started on March 1, 2026.", [("March 1, 2026", "DATE",
                                                                              "2026-03-01", "absolute")])])
    b = make_article("b1", "Herald", [("The fire started on March 2, 2026.", [("March 2, 2026", "DATE",
                                                                               "2026-03-02", "absolute")])])
    timeline = run([a, b], [group("g0", "a1:c0"), group("g1", "b1:c0")])
    assert [(e["when"], e["group"], e["outlets"]) for e in timeline] == [
        ("2026-03-01", "g0", ["Daily"]), ("2026-03-02", "g1", ["Herald"])]


def test_one_group_stating_two_dates_gives_two_entries() -> None:
    a = make_article("a1", "Daily", [("Talks began on March 1, 2026 and ended on March 3, 2026.", [
        ("March 1, 2026", "DATE", "2026-03-01", "absolute"), ("March 3, 2026", "DATE", "2026-03-03", "absolute")])])
    timeline = run([a], [group("g0", "a1:c0")])
    assert [(e["when"], e["claims"]) for e in timeline] == [("2026-03-01", ["a1:c0"]), ("2026-03-03", ["a1:c0"])]


def test_year_only_used_when_the_group_has_nothing_finer() -> None:
    a = make_article("a1", "Daily", [
        ("In 2025 the plant closed on March 2, 2025.", [("2025", "DATE", "2025", "absolute"),
                                                         ("March 2, 2025", "DATE", "2025-03-02", "absolute")]),
        ("It reopened in 2026.", [("2026", "DATE", "2026", "absolute")]),
    ])
    timeline = run([a], [group("g0", "a1:c0"), group("g1", "a1:c1")])
    assert [(e["when"], e["group"]) for e in timeline] == [("2025-03-02", "g0"), ("2026", "g1")]


def test_unresolved_durations_and_sets_are_left_out() -> None:
    a = make_article("a1", "Daily", [
        ("He left on Tuesday for four years.", [("Tuesday", "DATE", "XXXX-WXX-2", "unresolved"),
                                                 ("four years", "DURATION", "P4Y", "absolute")]),
        ("Crime has fallen recently.", [("recently", "DATE", "PAST_REF", "published")]),
    ])
    assert run([a], [group("g0", "a1:c0"), group("g1", "a1:c1")]) == []


def test_claims_without_times_or_unknown_articles_are_skipped() -> None:
    a = make_article("a1", "Daily", [("The mayor spoke.", []), ("He resigned on March 3, 2026.", [
        ("March 3, 2026", "DATE", "2026-03-03", "absolute")])])
    timeline = run([a], [group("g0", "a1:c0", "a1:c1", "zz:c0", "a1:c9")])
    assert [(e["when"], e["claims"], e["articles"]) for e in timeline] == [("2026-03-03", ["a1:c1"], ["a1"])]


def test_story_without_claim_groups_has_empty_timeline() -> None:
    story = build_timeline(Story(id="s", articles=[]))
    assert story.results["timeline"] == []
