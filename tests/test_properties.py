"""Property tests (hypothesis) over generated news-like text: cleaning is idempotent with valid
offsets; every span lies inside the text; time values are well-formed TIMEX3; every JSON output (story,
extract/export line, check, cluster) validates against its schema in docs/."""

from __future__ import annotations

import os
import re
from unittest.mock import patch

import ftfy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO
from storylens.check.run import check_claim
from storylens.cleaning import clean_raw
from storylens.cleaning.frontmatter import Header
from storylens.cleaning.normalise import _FTFY, _fix_text
from storylens.clustering import cluster_articles
from storylens.ingest.readers import make_article
from storylens.model import Article
from storylens.outputs.schema import validate, validate_story
from storylens.outputs.story_json import extract_record, story_to_json
from storylens.pipeline.build import build_pipeline
from storylens.pipeline.registry import ARTICLE_STAGES
from storylens.pipeline.runner import build_story

FRAGMENTS = [
    "The Portvale council", "Ada Quill", "Mayor Ines Ruel", "she", "he", "they", "the port authority",
    "said", "told reporters", "announced", "warned", "denied", "according to officials", "said on Monday",
    "on Monday", "last Tuesday", "March 4, 2026", "on 4 March 2026", "in 2025", "between 2005 and 2007",
    "at 9 a.m.", "every Tuesday", "for three years", "next week", "two days ago", "in the 1990s", "Q3 2026",
    "this spring", "2026-03-04", "yesterday", "now", "recently", "12 people", "3 million euros", "40%",
    "$1.5 billion", "nine", "1,200 workers", "“We will rebuild the quay,”", '"It was chaos,"', "‘scare quote’",
    "(PA)", "the Caddow Harbour Authority (CHA)", "CHA", "Read more:", "Photo: Tom Vey", "By Ada Quill",
    "PORTVALE, March 5, 2026 —", "#", "##", "*", "**", ">", "-", "—", "...", "?", "!", ".", ",", ":", ";",
    "\u00a0", "\u200b", "é", "ß", "中", "🙂", "\t",
]
# `make fuzz` (HYPOTHESIS_PROFILE=fuzz, see conftest.py) runs each property with this many times its examples.
FUZZ_FACTOR = int(os.environ.get("STORYLENS_FUZZ_FACTOR", "10"))


def property_examples(n: int) -> int:
    """`n` examples under `make test` (derandomised), FUZZ_FACTOR times more under `make fuzz`."""
    return n * FUZZ_FACTOR if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else n


# Any character but C1 controls (U+0080-U+009F): ftfy reads them as cp1252 and its repair of what that
# gives depends on the neighbouring spaces, so cleaning such text twice can differ (left to ftfy;
# listed in docs/reliability.md).
ODD_CHARS = st.characters(blacklist_characters=[chr(c) for c in range(0x80, 0xA0)])
# Code points that must never reach the store or the encoder: ingestion (and the claim check) replaces them.
INVALID = ["\ud800", "\udc80", "\x00", "\uffff"]
SEPARATORS = [" ", " ", " ", ". ", ", ", "\n", "\n\n", "\n\n\n", " \n "]


@st.composite
def news_text(draw, max_pieces: int = 60, invalid: bool = False) -> str:
    """Text built from news fragments, odd characters and random separators (lines, paragraphs); with
    `invalid`, lone surrogates and NULs too."""
    fragments = FRAGMENTS + INVALID if invalid else FRAGMENTS
    pieces = draw(st.lists(st.one_of(st.sampled_from(fragments), st.text(ODD_CHARS, max_size=12)),
                           max_size=max_pieces))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + s for p, s in zip(pieces, seps, strict=True))


# TIMEX3 values as the times stage writes them (see docs/architecture.md, layer `times`).
_YEAR = r"(?:\d{4}|XXXX)"
TIMEX3 = re.compile(
    rf"^(?:{_YEAR}(?:-(?:\d{{2}}|XX)(?:-(?:\d{{2}}|XX))?)?(?:T(?:\d{{2}}:\d{{2}}|MO|AF|EV|NI|DT))?"
    rf"|{_YEAR}-W(?:\d{{2}}|XX)(?:-(?:[1-7]|WE))?(?:T\d{{2}}:\d{{2}})?"
    rf"|{_YEAR}-(?:Q[1-4X]|H[12]|SP|SU|FA|WI)"
    r"|\d{2,3}|XXX|XX|\d{4}/\d{4}"
    r"|P(?:(?:\d+(?:\.\d+)?|X)[YMWD])+(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?|PT(?:(?:\d+(?:\.\d+)?|X)[HMS])+"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF)$"
)
TIME_TYPES = {"DATE", "TIME", "DURATION", "SET"}
SPAN_LAYERS = ("headings", "sentences", "entities", "quotes", "attributions", "claims", "times")


@pytest.fixture(scope="module")
def article_pipeline():
    """Every article stage but the encoder (spans only)."""
    return build_pipeline([s for s in ARTICLE_STAGES if s.name != "embed"], ())


def clean_again(text: str):
    """Clean already-cleaned text as plain text, without header and dateline extraction: they take the top of
    the text (a short unpunctuated first paragraph is a headline, "CITY, date —" a dateline), so on cleaned
    text they can eat the lead again (reported in docs/reliability.md)."""
    with (patch("storylens.cleaning.take_header", lambda lines, *_args: (Header(), list(lines))),
          patch("storylens.cleaning._take_dateline", lambda _paras: None)):
        return clean_raw(text, "text")


@settings(max_examples=property_examples(500), deadline=None)
@given(news_text(), st.sampled_from(["text", "markdown"]))
def test_cleaning_is_idempotent_and_its_offsets_are_valid(raw, fmt):
    once = clean_raw(raw, fmt)
    _check_headings(once.text, once.headings)
    twice = clean_again(once.text)
    assert twice.text == once.text
    _check_headings(twice.text, twice.headings)  # "# Title" loses its mark, so headings may differ


@pytest.mark.parametrize("raw", ["* #  # ", "-  -   -", "#\t#  #", "** \n* "])
def test_a_divider_with_uneven_spacing_cleans_the_same_twice(raw):
    # Found by `make fuzz`: "* #  # " cleaned to "* # #", which the divider rule then removed on a second pass.
    once = clean_raw(raw, "text")
    assert once.text == "" and clean_raw(once.text or raw, "text").text == ""


def test_dropping_an_invisible_character_that_exposes_mojibake_cleans_the_same_twice():
    # Found by `make fuzz`: the soft hyphen went after ftfy's pass, leaving "À§", which a second pass repaired.
    once = clean_raw("\xadÀ§ ", "text")
    assert clean_raw(once.text, "text").text == once.text


@pytest.mark.parametrize("raw", ["Â\t0", "x Â\t0 y", "Â\x0bÀ", "\xa0Â¡ ", " Â The Portvale council "])
def test_a_mangled_no_break_space_before_a_tab_cleans_the_same_twice(raw):
    # Found by `make fuzz`: ftfy repairs "Â " but not "Â\t", so the repair came only on the second pass.
    once = clean_raw(raw, "text")
    assert clean_raw(once.text, "text").text == once.text


def test_mojibake_joined_by_removing_markdown_marks_cleans_the_same_twice():
    # Found by `make fuzz`: removing the code marks of "` Ā`¬" joined "Ā¬", which ftfy repaired only on a second pass.
    once = clean_raw("The council ` Ā`¬ ", "markdown")
    assert clean_again(once.text).text == once.text


def test_text_split_between_scripts_cleans_the_same_twice():
    # Found by `make fuzz`: with the headline gone, two scripts tied and a short line became "another script".
    for raw in ("中\n\nAA 中\n\n中 ", "中\n\n中 \xa0\n\nAA "):
        once = clean_raw(raw, "text")
        assert clean_again(once.text).text == once.text


@pytest.mark.parametrize("raw", ["Intro line\n* # The Portvale council met", "> ## The Portvale council\n> met late"])
def test_a_heading_inside_a_list_item_or_quote_cleans_the_same_twice(raw):
    # Found by `make fuzz`: "* # Title" lost its bullet but kept its "#", which a second cleaning read as a heading.
    once = clean_raw(raw, "markdown")
    assert not once.text.startswith("#") and "\n#" not in once.text
    assert clean_again(once.text).text == once.text


def test_a_dateline_followed_by_a_stray_heading_mark_cleans_the_same_twice():
    # Found by `make fuzz`: cutting the dateline left a lone "#", which a second cleaning dropped.
    once = clean_raw("PORTVALE, March 5, 2026 — # ", "text")
    assert once.text == "" and once.meta["published"] == "2026-03-05"
    once = clean_raw("PORTVALE, March 5, 2026 — # The Portvale council met", "text")
    assert once.text == "The Portvale council met" and clean_again(once.text).text == once.text
    once = clean_raw("PORTVALE, March 5, 2026 — Read more: ", "text")  # furniture behind a dateline
    assert once.text == "" and [r["reason"] for r in once.removed] == ["dateline", "read-also"]
    once = clean_raw("PORTVALE, March 5, 2026 — Read more:\n\nThe Portvale council met.", "text")
    assert once.text == "The Portvale council met."


@pytest.mark.parametrize("raw", ["X \n X ", "> "])
def test_furniture_made_by_joining_lines_cleans_the_same_twice(raw):
    # Found by `make fuzz`: "X" and "X" on two lines are no share buttons, joined into "X X" they are; the rules
    # now read the paragraphs too (and a text with no paragraph left does not fail).
    once = clean_raw(raw, "text")
    assert clean_again(once.text).text == once.text


# Pieces that exercise ftfy's branches: mojibake, entities, tags (which turn entity decoding off for the rest
# of the text), control characters, C1 characters and line breaks.
FTFY_PIECES = ["donâ€™t", "Ã©", "&amp;", "&lt;b&gt;", "<b>", "&eacute;", "\x85", "\x1b[0m", "Â\t", "\r\n", "\n",
               "caf\u00e9", "plain ASCII line", "\t", "\ufeff", "\u2018q\u2019"]


@settings(max_examples=property_examples(300), deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FTFY_PIECES), st.text(max_size=6)), max_size=30))
def test_the_line_skipping_ftfy_call_gives_what_ftfy_gives(pieces):
    # _fix_text skips the lines ftfy would leave alone; it must agree with ftfy on every text.
    text = "".join(pieces)
    assert _fix_text(text) == ftfy.fix_text(text, _FTFY)


def _check_headings(text, headings) -> None:
    for h in headings:
        assert 0 <= h.start < h.end <= len(text)
        assert text[h.start:h.end].strip() == text[h.start:h.end]


@settings(max_examples=property_examples(200), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(news_text(max_pieces=80, invalid=True), st.sampled_from([None, "2026-03-04"]))
def test_every_span_lies_inside_the_text_and_times_are_timex3(article_pipeline, raw, published):
    article = make_article("prop.txt", raw, "text")
    article.published = published
    result = article_pipeline.try_article(article)
    if not isinstance(result, Article):
        assert result.stage == "clean" and "no article text" in result.reason, result
        return
    text = result.text
    for name in SPAN_LAYERS:
        for span in result.layer(name):
            assert 0 <= span.start < span.end <= len(text), (name, span)
    for quote in result.layer("quotes"):
        for key in ("speaker_start", "speaker_entity_start"):
            start, end = quote.attrs.get(key), quote.attrs.get(key.replace("start", "end"))
            assert start is None or 0 <= start < end <= len(text), (key, quote)
    for claim in result.layer("claims"):
        for number in claim.attrs.get("numbers", []):
            assert 0 <= number["start"] < number["end"] <= len(text), number
            assert text[number["start"]:number["end"]] == number["text"]
    for time in result.layer("times"):
        assert time.label in TIME_TYPES and TIMEX3.match(time.attrs["value"]), time


@settings(max_examples=property_examples(40), deadline=None)
@given(st.lists(news_text(max_pieces=40, invalid=True), min_size=1, max_size=3), news_text(max_pieces=8, invalid=True))
def test_every_json_output_validates_against_its_schema(raws, claim):
    pipeline = _full_pipeline()
    articles = []
    for n, raw in enumerate(raws):
        article = make_article(f"prop-{n}.txt", raw, "text", record_id=f"p{n}")
        result = pipeline.try_article(article)
        if isinstance(result, Article):
            articles.append(result)
    data = story_to_json(build_story(articles, pipeline))
    validate_story(data)
    for record in data["articles"]:
        for time in record["times"]:
            assert TIMEX3.match(time["value"]), time
    for item in data["timeline"]:
        assert TIMEX3.match(item["when"]), item
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert all(texts[c["article"]][c["start"]:c["end"]] == c["text"] for c in data["claims"])
    headings = {c["id"] for c in data["claims"] if c["kind"] == "heading"}
    assert not headings & {c for g in data["claim_groups"] for c in g["claims"]}
    for article in articles:  # `extract --jsonl` and `export --jsonl` write these lines
        validate(extract_record(article), "article")
    stories = cluster_articles(articles)
    validate({"stories": stories}, "stories")
    assert sorted(a for s in stories for a in s["articles"]) == sorted(a.id for a in articles)
    if claim.strip():  # the command refuses an empty claim
        results = check_claim(claim, articles)
        validate({"claim": claim, "results": results}, "check")


_FULL: list = []


def _full_pipeline():
    if not _FULL:
        _FULL.append(build_pipeline())
    return _FULL[0]


def test_the_timex3_pattern_accepts_the_documented_forms_and_rejects_others():
    for value in ("2026-03-04", "2026-03", "2026", "2005/2007", "P4Y", "XXXX-WXX-2", "2026-Q1", "2026-SP",
                  "XXXX-XX-XXT09:00", "2026-03-04T09:00", "XXXX-WXX-1T09:00", "202", "19", "PT2H", "PAST_REF",
                  "XXXX-03"):
        assert TIMEX3.match(value), value
    for value in ("2026-3-4", "March 2026", "", "P", "2026-13-XXX", "T09:00", "yesterday"):
        assert not TIMEX3.match(value), value


def test_make_test_runs_the_properties_derandomised_and_make_fuzz_does_not():
    # CI went red at random when hypothesis drew a new example; `make test` must replay the same ones.
    current = settings.default
    if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz":
        assert not current.derandomize and property_examples(40) == 40 * FUZZ_FACTOR
    else:
        assert current.derandomize and current.database is None and property_examples(40) == 40
    assert "fuzz:" in (REPO / "Makefile").read_text(encoding="utf-8")
