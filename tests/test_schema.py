"""The `storylens.story/1` JSON Schema accepts a minimal document and names the path of violations."""

from __future__ import annotations

import copy

import pytest
from jsonschema import Draft202012Validator

from storylens.outputs.schema import load_schema, validate_story

MINIMAL = {
    "schema": "storylens.story/1",
    "articles": [
        {
            "id": "a1",
            "source": "a1.txt",
            "outlet": "Daily Example",
            "title": "Bridge closes",
            "author": None,
            "published": "2026-01-03",
            "language": "en",
            "text": "The bridge closed on Monday.",
            "removed": [{"text": "Share this", "reason": "share-prompt"}],
            "times": [{"start": 20, "end": 26, "text": "Monday", "value": "2026-01-05", "type": "DATE"}],
        }
    ],
    "entities": [],
    "quotes": [],
    "claims": [
        {"id": "a1:c0", "article": "a1", "start": 0, "end": 28, "text": "The bridge closed on Monday.",
         "kind": "event", "hedged": False}
    ],
    "claim_groups": [
        {"id": "g0", "claims": ["a1:c0"], "articles": ["a1"], "independent_sources": 1,
         "status": "single-source"}
    ],
    "conflicts": [],
    "timeline": [],
    "summary": [],
}


def _doc() -> dict:
    return copy.deepcopy(MINIMAL)


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(load_schema())


def test_minimal_document_validates() -> None:
    validate_story(_doc())


def test_documented_extras_validate() -> None:
    doc = _doc()
    doc["story"] = {"id": "s1", "title": "Bridge"}
    doc["sources"] = {"a1": "a1"}
    doc["articles"][0].update(url="https://example.org/a1", published_source="input", published_confidence=1.0)
    doc["claims"][0].update(hedges=[], voice="outlet", quote=None,
                            numbers=[{"value": 3.0, "unit": None, "text": "three", "start": 0, "end": 5}])
    doc["claim_groups"][0].update(outlets=["Daily Example"], text="The bridge closed.")
    doc["timeline"].append({"when": "2026-01-05", "text": "Bridge closed", "claims": ["a1:c0"],
                            "articles": ["a1"], "precision": "day", "outlets": ["Daily Example"]})
    doc["unknown_extra"] = {"anything": True}
    validate_story(doc)


def test_missing_required_field_fails_with_path() -> None:
    doc = _doc()
    del doc["articles"][0]["text"]
    with pytest.raises(ValueError, match=r"\$\.articles\[0\].*'text' is a required property"):
        validate_story(doc)


def test_missing_top_level_field_fails() -> None:
    doc = _doc()
    del doc["summary"]
    with pytest.raises(ValueError, match="summary"):
        validate_story(doc)


def test_bad_status_fails() -> None:
    doc = _doc()
    doc["claim_groups"][0]["status"] = "probably-true"
    with pytest.raises(ValueError, match=r"\$\.claim_groups\[0\]\.status"):
        validate_story(doc)


@pytest.mark.parametrize("bad", ["0", -1, 1.5, None])
def test_bad_offset_fails(bad: object) -> None:
    doc = _doc()
    doc["claims"][0]["start"] = bad
    with pytest.raises(ValueError, match=r"\$\.claims\[0\]\.start"):
        validate_story(doc)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("schema",), "storylens.story/2"),
        (("articles", 0, "published"), "03/01/2026"),
        (("articles", 0, "times", 0, "type"), "INSTANT"),
        (("claims", 0, "id"), 7),
        (("claims", 0, "hedged"), "no"),
    ],
)
def test_other_violations_fail(where: tuple, value: object) -> None:
    doc = _doc()
    target = doc
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    with pytest.raises(ValueError):
        validate_story(doc)


def test_conflict_needs_two_claims() -> None:
    doc = _doc()
    doc["conflicts"].append({"id": "x0", "claims": ["a1:c0"], "kind": "number", "explanation": "?"})
    with pytest.raises(ValueError, match=r"\$\.conflicts\[0\]\.claims"):
        validate_story(doc)


def test_quote_kind_enum() -> None:
    doc = _doc()
    doc["quotes"].append({"id": "a1:q0", "article": "a1", "start": 0, "end": 4, "text": "The ", "kind": "paraphrase",
                          "cue": "said", "speaker": {"entity": None, "name": "X", "text": "X"}})
    with pytest.raises(ValueError, match=r"\$\.quotes\[0\]\.kind"):
        validate_story(doc)
