"""A statement's wording in quotation marks holds only the speaker's own words (`statement_wording`)."""

from __future__ import annotations

from storylens.outputs.report.quotes import quotes_view
from storylens.outputs.story_json import statement_wording

OSK = {"text": "Osk", "name": "Mirela Osk", "entity": "e0"}
BRELL = {"text": "Brell", "name": "Tomas Brell", "entity": "e1"}
QUOTES = {
    "q1": {"id": "q1", "article": "a1", "kind": "indirect", "cue": "said", "speaker": OSK,
           "text": "she was “glad to confirm” what she called “a deal to reopen the Velmora bridge”"},
    "q2": {"id": "q2", "article": "a2", "kind": "direct", "cue": "said", "speaker": OSK,
           "text": "I am glad to confirm a deal to reopen the Velmora bridge"},
    "q3": {"id": "q3", "article": "a3", "kind": "direct", "cue": "said", "speaker": OSK,
           "text": "glad to confirm"},
    "q4": {"id": "q4", "article": "a1", "kind": "indirect", "cue": "said", "speaker": BRELL,
           "text": "the ferries would run again on Monday"},
}
STATEMENTS = [
    {"id": "st0", "speaker": {"entity": "e0", "name": "Mirela Osk"}, "text": QUOTES["q1"]["text"], "kind": "direct",
     "quotes": ["q1", "q2", "q3"], "articles": ["a1", "a2", "a3"], "outlets": [], "independent_sources": 3},
    {"id": "st1", "speaker": {"entity": "e1", "name": "Tomas Brell"}, "text": QUOTES["q4"]["text"],
     "kind": "indirect", "quotes": ["q4"], "articles": ["a1"], "outlets": [], "independent_sources": 1},
]


def test_a_directly_quoted_statement_shows_its_fullest_direct_quote_not_reported_speech() -> None:
    assert statement_wording(STATEMENTS[0], QUOTES) == (QUOTES["q2"]["text"], "direct")


def test_a_statement_only_reported_is_shown_unmarked() -> None:
    assert statement_wording(STATEMENTS[1], QUOTES) == (QUOTES["q4"]["text"], "indirect")


class _Links:
    def chip(self, article: str) -> dict:
        return {"label": article, "count": 1}

    def href(self, article: str, anchor: str) -> str:
        return f"#{article}-{anchor}"


def test_the_report_quotes_the_speakers_words_and_leaves_reported_speech_unquoted() -> None:
    lines = {line["id"]: line for speaker in quotes_view({"quotes": list(QUOTES.values()), "statements": STATEMENTS},
                                                         _Links()) for line in speaker["quotes"]}
    assert (lines["st0"]["text"], lines["st0"]["kind"]) == (QUOTES["q2"]["text"], "direct")
    assert (lines["st1"]["text"], lines["st1"]["kind"]) == (QUOTES["q4"]["text"], "indirect")


def test_the_terminal_puts_quotation_marks_around_the_speakers_words_only() -> None:
    import io

    from rich.console import Console

    from storylens.outputs.terminal.story import _print_quotes

    out = io.StringIO()
    carried = [s | {"independent_sources": 2, "articles": ["a1", "a2"]} for s in STATEMENTS]
    _print_quotes(Console(file=out, width=400), {"quotes": list(QUOTES.values()), "statements": carried},
                  {"a1": "Velm Ledger", "a2": "Harbour Post"})
    text = out.getvalue()
    assert f"Mirela Osk: “{QUOTES['q2']['text']}”" in text
    assert f"Tomas Brell: (reported) {QUOTES['q4']['text']}" in text and "she was" not in text
