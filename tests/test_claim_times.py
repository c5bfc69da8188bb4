"""The `claim_times` stage: every claim gets a `when`, explicit, published-relative, from context or none."""

from __future__ import annotations

from typing import Any

from helpers.articles import make_text_article
from storylens.model import Article, Span, Story
from storylens.outputs.schema import validate_story
from storylens.outputs.story_json import claim_records, story_to_json
from storylens.pipeline.registry import ARTICLE_STAGES
from storylens.stages.article.claim_times import date_claims

Expression = tuple[str, str, str, str, str]  # (text, type, value, precision, resolved_from)


def make_article(paragraphs: list[list[tuple[str, list[Expression]]]], published_confidence: float = 1.0,
                 ) -> Article:
    """Claims (one per sentence) in paragraphs; each sentence lists its time expressions."""
    text, claims, times = "", [], []
    for number, sentences in enumerate(paragraphs):
        for sentence, expressions in sentences:
            start = len(text)
            text += sentence + " "
            indices = []
            for expression, type_, value, precision, source in expressions:
                at = start + sentence.index(expression)
                indices.append(len(times))
                times.append(Span(at, at + len(expression), type_,
                                  {"value": value, "precision": precision, "resolved_from": source}))
            claims.append(Span(start, start + len(sentence), "event", {"times": indices, "paragraph": number}))
        text += "\n\n"
    article = Article(id="a1", source="a1.txt", text=text, published="2026-03-04",
                      published_source="html-meta", published_confidence=published_confidence)
    article.layers.update({"claims": claims, "times": times})
    return date_claims(article)


def whens(article: Article) -> list[dict[str, Any]]:
    return [c.attrs["when"] for c in article.layer("claims")]


def test_explicit_date_wins_with_high_confidence() -> None:
    article = make_article([[("The dam opened on March 1, 2026.", [("March 1, 2026", "DATE", "2026-03-01", "day",
                                                                     "absolute")])]])
    assert whens(article) == [{"value": "2026-03-01", "precision": "day", "source": "explicit", "confidence": 0.9}]


def test_finest_expression_wins_then_the_first() -> None:
    article = make_article([[("In 2019, on June 3, 2019, and on June 4, 2019, it rained.", [
        ("2019", "DATE", "2019", "year", "absolute"),
        ("June 3, 2019", "DATE", "2019-06-03", "day", "absolute"),
        ("June 4, 2019", "DATE", "2019-06-04", "day", "absolute"),
    ])]])
    assert whens(article)[0]["value"] == "2019-06-03"


def test_relative_to_publication_is_as_good_as_the_publication_date() -> None:
    article = make_article([[("The mayor resigned yesterday.", [("yesterday", "DATE", "2026-03-03", "day",
                                                                  "published")])]], published_confidence=0.5)
    when = whens(article)[0]
    assert (when["value"], when["source"], when["confidence"]) == ("2026-03-03", "published", 0.4)


def test_context_only_within_the_paragraph() -> None:
    dated = ("Flooding began on March 1, 2026.", [("March 1, 2026", "DATE", "2026-03-01", "day", "absolute")])
    article = make_article([[dated, ("Roads closed.", []), ("Schools shut.", [])], [("Rain stopped.", [])]])
    first, second, third, other_paragraph = whens(article)
    assert second["source"] == third["source"] == "context" and second["value"] == "2026-03-01"
    assert second["confidence"] < first["confidence"]
    assert other_paragraph == {"value": None, "precision": None, "source": "none", "confidence": 0.0}


def test_durations_sets_and_unresolved_values_are_not_dates() -> None:
    article = make_article([[("It lasted three years and happens every week.", [
        ("three years", "DURATION", "P3Y", "duration", "absolute"),
        ("every week", "SET", "P1W", "set", "absolute"),
    ]), ("He left on Tuesday.", [("Tuesday", "DATE", "XXXX-WXX-2", "day", "unresolved")])]])
    assert [w["source"] for w in whens(article)] == ["none", "none"]


def test_contract_claims_carry_when() -> None:
    article = make_article([[("The dam opened on March 1, 2026.", [("March 1, 2026", "DATE", "2026-03-01", "day",
                                                                     "absolute")]), ("It leaked.", [])]])
    records = claim_records(article)
    assert records[0]["when"]["source"] == "explicit" and records[1]["when"]["source"] == "context"
    validate_story(story_to_json(Story(id="s1", articles=[article])))


def test_stage_registered_after_claims() -> None:
    names = [spec.name for spec in ARTICLE_STAGES]
    assert names.index("claim_times") == names.index("claims") + 1


def _real_whens(pipeline: Any, text: str) -> dict[str, dict[str, Any]]:
    """Claim text -> `when`, from the real pipeline (spaCy parse) on a fictional article."""
    article = pipeline.process_article(make_text_article(text, published="2026-03-04"))
    return {article.span_text(c): c.attrs["when"] for c in article.layer("claims")}


def test_the_date_governing_the_reported_event_wins(pipeline: Any) -> None:
    text = ("Ostravian militia in Kelmar\n\n"
            "In 2019, the Ostravian council signed a defence pact with Kelmar. Some reports suggested that the "
            "fictional Ostravian militia, which Kelmar first hosted in 2019, deployed to Kelmar in late 2025. "
            "The Ostravian ministry said on Tuesday that it had not sent troops in March 2024.\n")
    whens = _real_whens(pipeline, text)
    deployed = next(w for c, w in whens.items() if c.startswith("Some reports"))
    assert (deployed["value"], deployed["source"]) == ("2025", "explicit")
    # what was said happened in March 2024; Tuesday is only when it was said
    denied = next(w for c, w in whens.items() if c.startswith("The Ostravian ministry"))
    assert denied["value"] == "2024-03"


def test_context_lends_its_date_only_to_claims_it_frames(pipeline: Any) -> None:
    text = ("Flood in Portvale\n\n"
            "The Portvale dam failed on March 1, 2026. Water reached the old mill. The mill employs 40 people. "
            "The council will rebuild the dam.\n")
    whens = _real_whens(pipeline, text)
    assert whens["Water reached the old mill."]["source"] == "context"  # past tense: the same day
    assert whens["The mill employs 40 people."]["source"] == "none"  # present: not an event of that day
    assert whens["The council will rebuild the dam."]["source"] == "none"  # future: not a past date
