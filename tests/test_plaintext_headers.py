"""Plain text copied from news pages (issue 17): header and footer lines, appended FAQ blocks, real text kept.

Every outlet, person and event here is fictional."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.cleaning import clean_raw
from storylens.model import Article
from storylens.stages.article.clean import clean_article

BODY = [
    "The Ostland army took control of the Tarn pass on Monday after three days of fighting, officials said.",
    "The pass carries most of the grain that leaves the Velm basin by road, and traders said prices rose.",
    '"Nobody will move a lorry through there this month," said Ada Quill, who runs a haulage firm in Portvale.',
    "Velmoria's foreign ministry called the capture a violation of the 2019 border accord.",
]
TEXT = "\n".join(BODY)
HEADLINE = "Ostland's capture of the Tarn pass will reshape trade in the Velm basin"


def clean(raw: str) -> Article:
    """Run the clean stage on a plain-text article built by hand."""
    return clean_article(Article(id="p1", source="/data/inbox/velm-story.txt", raw=raw, raw_format="text"))


def reasons(article: Article) -> list[str]:
    return [r["reason"] for r in article.removed]


def assert_body_intact(article: Article) -> None:
    assert article.text.split("\n\n") == BODY


# --- header -----------------------------------------------------------------------------------------


def test_kicker_lines_above_headline_are_tags_and_headline_is_metadata() -> None:
    art = clean(f"Foreign policy\nOstland - Velmoria\nOstland - World\n{HEADLINE}\n{TEXT}")
    assert art.title == HEADLINE
    assert reasons(art) == ["section-tags", "section-tags", "section-tags", "headline"]
    assert_body_intact(art)


def test_dek_that_names_its_author() -> None:
    dek = "Dorin Kastel on how the capture of the Tarn pass will affect grain prices across the region"
    art = clean(f"{HEADLINE}\n{dek}\n{TEXT}")
    assert (art.title, art.author, art.meta["dek"]) == (HEADLINE, "Dorin Kastel", dek)
    assert reasons(art) == ["headline", "dek"]
    assert_body_intact(art)


def test_dek_without_full_stop_then_byline() -> None:
    dek = "Traders in Portvale count the cost of a closed road as the harvest begins"
    art = clean(f"{HEADLINE}\n\n{dek}\n\nBy Mira Tolland\n\n{TEXT}")
    assert (art.meta["dek"], art.author) == (dek, "Mira Tolland")
    assert reasons(art) == ["headline", "dek", "byline"]
    assert_body_intact(art)


def test_special_to_byline_gives_author_and_outlet() -> None:
    art = clean(f"{HEADLINE}\nIlse Varga, special to the Velm Herald\n{TEXT}")
    assert (art.author, art.outlet) == ("Ilse Varga", "the Velm Herald")
    assert reasons(art) == ["headline", "byline"]
    assert_body_intact(art)


@pytest.mark.parametrize(
    ("url_line", "url"),
    [
        ("https://velmherald.example/world/2026/03/tarn-pass-capture", "https://velmherald.example/world/2026/03/tarn-pass-capture"),
        ("http : / / www . velmherald . example / world / tarn - pass - capture", None),  # spaced by a tokenizer
    ],
)
def test_page_address_above_the_headline_is_not_the_headline(url_line: str, url: str | None) -> None:
    # The address used to be read as the headline, so the real headline became the "dek" (issue 18: ECB+).
    art = clean(f"{url_line}\n\n{HEADLINE}\n\n{TEXT}")
    assert (art.title, art.url) == (HEADLINE, url)
    assert reasons(art) == ["url", "headline"] and "dek" not in art.meta
    assert_body_intact(art)


def test_date_and_time_line_under_the_headline_is_not_a_dek() -> None:
    # Only words with a letter count towards a dek's six words: "May 2 , 2026 | 5 : 03pm" has two.
    art = clean(f"{HEADLINE}\n\nMarch 2 , 2026 | 5 : 03pm\n\n{TEXT}")
    assert "dek" not in art.meta and art.title == HEADLINE


def test_first_paragraph_with_full_stop_is_not_a_dek() -> None:
    art = clean(f"{HEADLINE}\n\n{TEXT}")
    assert "dek" not in art.meta and reasons(art) == ["headline"]
    assert_body_intact(art)


def test_language_switcher_in_another_script_and_photo_credit() -> None:
    art = clean(f"{HEADLINE}\nРусская версия\nУкраїнською\nPhoto: Lena Ortiz / Velm Herald\n{TEXT}")
    assert reasons(art) == ["headline", "language-switcher", "language-switcher", "photo-credit"]
    assert_body_intact(art)


def test_english_switcher_above_a_russian_article() -> None:
    body = "Армия Остланда заняла перевал Тарн в понедельник, сообщили в Бренноке.\nЦены на зерно выросли."
    art = clean(f"English\n\n{body}")
    assert reasons(art) == ["language-switcher"]
    assert art.text.startswith("Армия Остланда")


def test_dateline_opening_the_body() -> None:
    art = clean(f"{HEADLINE}\n\nBRENNOCK, March 4, 2026 — {TEXT}")
    assert art.published == "2026-03-04" and reasons(art) == ["headline", "dateline"]
    assert_body_intact(art)


# --- footer -----------------------------------------------------------------------------------------

FOOTERS = [
    ("Top reads\nHarbour strike enters its second week\nPortvale mayor faces recall vote", ["read-also"]),
    ("Most read\nHarbour strike enters its second week\nPortvale mayor faces recall vote", ["read-also"]),
    ("Read also\nOstland's new defence minister takes office\nThe former general promised a tougher line.\n"
     "Grain exporters look for new routes\nTraders are testing a longer route through the hills.", ["read-also"]),
    ("We at the Velm Herald remain committed to independent journalism. Support us with a monthly gift.",
     ["donation-appeal"]),
    ("Sign up for our daily Velm Briefing newsletter", ["newsletter"]),
    ("Share on Facebook\nSearch", ["share-prompt", "search-box"]),
    ("© 2026 The Velm Herald. All rights reserved.", ["boilerplate"]),
]


@pytest.mark.parametrize(("footer", "expected"), FOOTERS)
def test_footer_furniture_goes_and_article_stays(footer: str, expected: list[str]) -> None:
    art = clean(f"{TEXT}\n\n{footer}")
    assert reasons(art) == expected
    assert_body_intact(art)


def test_appeal_names_the_outlet() -> None:
    art = clean(f"{TEXT}\n\nWe at the Velm Herald remain committed to independent journalism.")
    assert (art.outlet, art.meta["outlet_source"]) == ("Velm Herald", "text")


def test_three_kickers_above_a_known_headline() -> None:
    raw = f"Foreign policy\nOstland - Velmoria\nOstland - World\n{HEADLINE}\n{TEXT}"
    art = clean_article(Article(id="p2", source="velm.txt", raw=raw, raw_format="text", title=HEADLINE))
    assert reasons(art) == ["section-tags", "section-tags", "section-tags", "headline"]
    assert_body_intact(art)


def test_two_headline_sentence_pairs_without_a_list_header_stay() -> None:
    pairs = "Harbour strike ends\nCrews returned on Friday.\nFerry prices rise\nFares went up by a tenth."
    art = clean(f"{TEXT}\n\n{pairs}")
    assert art.removed == []


# --- appended machine-written FAQ ----------------------------------------------------------------

FAQ = """FAQs

Of course Here is a list of FAQs about the topic of the Tarn pass:

1. What happened at the Tarn pass?
The Ostland army took control of it on Monday.

2. Why does the pass matter?
Most grain from the Velm basin goes through it by road.

3. What did Velmoria say?
It called the capture a violation of a border accord.
"""


def test_appended_faq_block_is_removed_whole() -> None:
    art = clean(f"{HEADLINE}\n\n" + "\n\n".join(BODY) + "\n\n" + FAQ)
    assert reasons(art) == ["headline", "machine-filler"]
    faq = art.removed[1]["text"]
    assert faq.startswith("FAQs\nOf course Here is a list") and faq.endswith("violation of a border accord.")
    assert_body_intact(art)


def test_faq_intro_without_header_is_removed_with_its_questions() -> None:
    art = clean("\n\n".join(BODY) + "\n\n" + FAQ.split("\n", 2)[2])
    assert reasons(art) == ["machine-filler"]
    assert_body_intact(art)


# --- property: real sentences survive ---------------------------------------------------------------

SUBJECTS = ["The Portvale council", "Ada Quill", "Velmoria's foreign ministry", "Traders in Brennock",
            "The harbour authority", "Mayor Ines Ruel", "Two ferry crews", "The Velm river"]
VERBS = ["approved", "rejected", "announced", "criticised", "delayed", "described", "reported", "questioned"]
OBJECTS = ["a new ferry timetable for the island", "the plan to close the Tarn pass road",
           "a budget of 4 million euros for repairs", "the findings of the harbour inquiry",
           "the decision to raise fares by 10 percent", "the second phase of the bridge works"]
TAILS = ["on Monday", "after a long debate", "in a statement", "last week", "", "despite protests"]


@st.composite
def sentences(draw) -> str:
    """A plain news sentence built from fictional parts."""
    parts = [draw(st.sampled_from(SUBJECTS)), draw(st.sampled_from(VERBS)), draw(st.sampled_from(OBJECTS)),
             draw(st.sampled_from(TAILS))]
    # A full stop: a first line ending in "?" or "!" may well be a headline, and is taken as one.
    return " ".join(p for p in parts if p) + "."


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.lists(sentences(), min_size=1, max_size=8, unique=True), st.sampled_from(["\n", "\n\n"]))
def test_real_sentences_survive_cleaning(paragraphs: list[str], separator: str) -> None:
    cleaned = clean_raw(separator.join(paragraphs), "text")
    for sentence in paragraphs:
        assert sentence in cleaned.text
