"""Terminal lines cut long article text at a word, and say so."""

from __future__ import annotations

import io

from rich.console import Console

from storylens.outputs.terminal import clip
from storylens.outputs.terminal.framing import print_briefing_extras


def test_clip_cuts_at_a_word_and_marks_the_cut() -> None:
    text = "The harbour board of Velm approved the new ferry timetable after a long evening session on Tuesday."
    assert clip(text, 200) == text
    cut = clip(text, 40)
    assert len(cut) <= 40 and cut.endswith(" …")
    assert text.startswith(cut[:-2])  # whole words of the text, nothing invented
    assert cut[:-2].split()[-1] in text.split()


def test_single_source_lines_never_end_mid_word() -> None:
    long = "Councillor Ada Quill said the ferry operator had " + "repeatedly " * 20 + "missed its targets."
    out = io.StringIO()
    print_briefing_extras(Console(file=out, width=400), {"briefing": {"single_source": [
        {"text": long, "outlet": "Velm Ledger"}]}})
    line = next(ln for ln in out.getvalue().splitlines() if ln.startswith(" ? "))
    assert "… (Velm Ledger)" in line and "repeatedl " not in line + " "


def test_single_source_facts_the_briefing_shows_are_not_listed_again() -> None:
    out = io.StringIO()
    shown = {"text": "The Velm ferry will stop at Dunmere twice a day.", "outlet": "Velm Ledger", "group": "g3"}
    other = {"text": "The Dunmere pier needs new fenders.", "outlet": "Harbour Post", "group": "g5"}
    print_briefing_extras(Console(file=out, width=400), {"briefing": {
        "sentences": [shown | {"section": "single-source"}], "single_source": [shown, other]}})
    listed = [ln for ln in out.getvalue().splitlines() if ln.startswith(" ? ")]
    assert listed == [" ? The Dunmere pier needs new fenders. (Harbour Post)"]
