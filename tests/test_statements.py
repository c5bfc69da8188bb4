"""Story stage `statements`: one statement per speaker's words, however many outlets carried them."""

from __future__ import annotations

from storylens.stages.story.statements import same_words, statements_of

OUTLETS = {"a1": "Orrin Post", "a2": "Tallow Wire", "a3": "Gannet Daily", "a4": "Tallow Wire"}


def _quote(qid: str, article: str, text: str, name: str | None, entity: str | None = None,
           kind: str = "direct") -> dict:
    return {"id": qid, "article": article, "start": 0, "end": len(text), "text": text, "kind": kind,
            "cue": "said", "speaker": {"entity": entity, "name": name, "text": name}}


def _by_quote(statements: list[dict]) -> dict[str, str]:
    return {qid: s["id"] for s in statements for qid in s["quotes"]}


def test_same_words_from_several_outlets_are_one_statement_with_every_outlet():
    words = "The ferry timetable will be restored by the end of the month, and fares will not rise."
    quotes = [_quote("q1", "a1", words, "Mirela Osk", "e0"),
              _quote("q2", "a2", words.replace("will not", "won't"), "Mirela Osk", "e0"),
              _quote("q3", "a3", "“" + words + "”", "Mirela Osk", "e0")]
    [statement] = statements_of(quotes, OUTLETS, {})
    assert statement["quotes"] == ["q1", "q2", "q3"]
    assert statement["outlets"] == ["Orrin Post", "Tallow Wire", "Gannet Daily"]
    assert statement["independent_sources"] == 3
    assert statement["speaker"] == {"entity": "e0", "name": "Mirela Osk"}


def test_an_excerpt_joins_the_full_quote_and_the_fullest_wording_is_shown():
    full = "The ferry timetable will be restored by the end of the month, and fares will not rise."
    quotes = [_quote("q1", "a1", "the ferry timetable will be restored by the end of the month", "Mirela Osk"),
              _quote("q2", "a2", full, "Mirela Osk")]
    [statement] = statements_of(quotes, OUTLETS, {})
    assert statement["text"] == full


def test_syndicated_copies_count_as_one_independent_source():
    words = "We expect the bridge to reopen before the harvest festival."
    quotes = [_quote("q1", "a1", words, "Mirela Osk"), _quote("q2", "a2", words, "Mirela Osk")]
    [statement] = statements_of(quotes, OUTLETS, {"a1": "a1", "a2": "a1"})
    assert statement["articles"] == ["a1", "a2"] and statement["independent_sources"] == 1


def test_different_speakers_or_different_words_stay_apart():
    words = "We expect the bridge to reopen before the harvest festival."
    quotes = [_quote("q1", "a1", words, "Mirela Osk", "e0"),
              _quote("q2", "a2", words, "Dov Anker", "e1"),
              _quote("q3", "a3", "The bridge inspection found cracks in two of the piers.", "Mirela Osk", "e0")]
    groups = _by_quote(statements_of(quotes, OUTLETS, {}))
    assert len(set(groups.values())) == 3


def test_a_short_common_phrase_is_not_evidence_of_one_statement():
    quotes = [_quote("q1", "a1", "We expect the bridge to reopen before the harvest festival.", "Mirela Osk"),
              _quote("q2", "a2", "the bridge", "Mirela Osk")]
    assert len(statements_of(quotes, OUTLETS, {})) == 2
    assert not same_words("the bridge", "we expect the bridge to reopen before the harvest festival")


def test_an_unattributed_copy_joins_the_known_speaker_but_a_short_one_does_not():
    words = "We expect the bridge to reopen before the harvest festival."
    quotes = [_quote("q1", "a1", words, "Mirela Osk", "e0"),
              _quote("q2", "a2", words, None),
              _quote("q3", "a3", "reopen soon", None),
              _quote("q4", "a4", "Reopen soon!", None)]
    statements = statements_of(quotes, OUTLETS, {})
    groups = _by_quote(statements)
    assert groups["q1"] == groups["q2"]
    assert groups["q3"] == groups["q4"] != groups["q1"]
    unknown = next(s for s in statements if s["id"] == groups["q3"])
    assert unknown["speaker"] == {"entity": None, "name": None}


def test_most_widely_carried_statement_comes_first_and_direct_wins_over_indirect():
    wide = "We expect the bridge to reopen before the harvest festival."
    quotes = [_quote("q1", "a1", "The bridge inspection found cracks in two of the piers.", "Mirela Osk"),
              _quote("q2", "a1", wide, "Mirela Osk", kind="indirect"),
              _quote("q3", "a3", wide, "Mirela Osk")]
    statements = statements_of(quotes, OUTLETS, {})
    assert statements[0]["quotes"] == ["q2", "q3"] and statements[0]["kind"] == "direct"
