"""Tests for the `clean` stage: furniture rules, metadata from the text, normalisation, HTML, headings."""

from __future__ import annotations

import time

import pytest

from storylens.cleaning import clean_body, furniture
from storylens.cleaning.frontmatter import parse_byline, parse_date, split_dateline
from storylens.cleaning.normalise import fix_characters, join_lines
from storylens.model import Article
from storylens.stages.article.clean import clean_article

ALLOWED_REASONS = {
    "boilerplate", "photo-credit", "read-also", "donation-appeal", "share-prompt", "newsletter",
    "machine-filler", "byline", "dateline", "headline", "front-matter", "section-tags",
    "language-switcher", "search-box", "agency-credit",
}

BEFORE = "The harbour bridge in Westmere reopened on Tuesday after eleven months of repairs."
AFTER = "Engineers replaced the corroded cables and resurfaced the deck, the council said."


def clean(raw: str, raw_format: str = "text", **meta: str) -> Article:
    """Build an article by hand and run the stage on it."""
    return clean_article(Article(id="t1", source="test", raw=raw, raw_format=raw_format, **meta))


def reasons(article: Article) -> list[str]:
    return [r["reason"] for r in article.removed]


# --- furniture rules ----------------------------------------------------------------------------

FURNITURE = [
    ("Photo: Jon Pell / Harbour Times", "photo-credit"),
    ("Photograph: Lena Ortiz/Westmere Ledger", "photo-credit"),
    ("Image: Tomas Ruel / Getty", "photo-credit"),
    ("Фото: Иван Петров", "photo-credit"),
    ("Foto: Anna Berg", "photo-credit"),
    ("Crowds gather at the pier on Sunday. Photo: Jon Pell / Harbour Times", "photo-credit"),
    ("Tomas Ruel/AFP via Getty Images", "photo-credit"),
    ("Read also:\nCouncil budget approved after long debate\nFerry timetable changes for spring", "read-also"),
    ("Read more\n\n- Council budget approved\n- Ferry timetable changes", "read-also"),
    ("Top reads\nCouncil budget approved\nLibrary to open on Sundays", "read-also"),
    ("See also: Council budget approved", "read-also"),
    ("Related\nCouncil budget approved", "read-also"),
    ("Читайте также:\nМэр открыл новый мост", "read-also"),
    ("Donate", "donation-appeal"),
    ("Please consider supporting our journalism with a donation of any size.", "donation-appeal"),
    ("Become a member", "donation-appeal"),
    ("Subscribe", "donation-appeal"),
    ("Independent reporting needs your support. Donate today.", "donation-appeal"),
    ("Share this article", "share-prompt"),
    ("Share on Facebook", "share-prompt"),
    ("Leave a comment", "share-prompt"),
    ("Facebook Twitter Email", "share-prompt"),
    ("Sign up for our daily Harbour Briefing newsletter", "newsletter"),
    ("Search", "search-box"),
    ("Tags: ferries, harbour, council", "section-tags"),
    ("Topics: transport", "section-tags"),
    ("Read in Russian", "language-switcher"),
    ("Читать на русском", "language-switcher"),
    ("Lire en français", "language-switcher"),
    ("Auf Deutsch lesen", "language-switcher"),
    ("English | Русский | Deutsch", "language-switcher"),
    ("Advertisement", "boilerplate"),
    ("* * *", "boilerplate"),
    ("Home | News | Sport | Weather", "boilerplate"),
    ("Copyright Westmere Ledger 2026 - ISSN: 1234-5678", "boilerplate"),
    ("CLICK HERE TO GET THE HARBOUR TIMES APP", "boilerplate"),
    ("Get the Ledger delivered every week. Click here for more information.", "boilerplate"),
    ("Thanks for signing up!", "boilerplate"),
    ("There was an error processing your subscription.", "boilerplate"),
    ("Order Reprints", "share-prompt"),
    ("You may also like...\nCouncil budget approved\nFerry timetable changes", "read-also"),
    ("DON'T MISS\nCouncil budget approved", "read-also"),
    ("I hope this helps! Let me know if you need anything else.", "machine-filler"),
]


@pytest.mark.parametrize(("furniture_text", "reason"), FURNITURE)
def test_furniture_rule_removes_target_and_keeps_paragraphs(furniture_text: str, reason: str) -> None:
    art = clean(f"{BEFORE}\n\n{furniture_text}\n\n{AFTER}")
    assert art.text == f"{BEFORE}\n\n{AFTER}"
    assert reasons(art) == [reason]
    first_line = furniture_text.split("\n")[0].strip(" *")
    assert art.removed[0]["text"].startswith(first_line[:10])


@pytest.mark.parametrize(
    "paragraph",
    [
        "Residents said they would support the plan. Will it be enough? Nobody knows yet.",
        "The charity asked people to donate blankets, and dozens of families did so on Monday.",
        "Is the water safe to drink?",
        "Related costs rose by 4 percent last year, the utility said.",
        "Search teams found the missing boat near the harbour wall on Tuesday.",
        "Subscribers to the council newsletter were told about the closure a week in advance.",
        "Reporting by Jon Pell; Editing by Ann Lee",
        '"Please support our work," the food bank director told volunteers at the hall.',
        "Tomas Ruel, who took the photo: a resident, not a professional, he said.",
        "As an AI researcher at the port authority, Ruel has studied traffic on the bridge for years.",
        "If you need more information, call the council helpline on 0100 555 0199.",
        "Copyright law changed in 2019 when the court ruled on the harbour photographs.",
        "To vote, residents click here and there on the council site, the clerk said.",
    ],
)
def test_real_paragraphs_are_kept(paragraph: str) -> None:
    art = clean(f"{BEFORE}\n\n{paragraph}\n\n{AFTER}")
    assert art.text == f"{BEFORE}\n\n{paragraph}\n\n{AFTER}"
    assert art.removed == []


def test_read_also_markdown_links_and_furniture_inside_block() -> None:
    raw = (
        f"{BEFORE}\n\n**Read also:**\n\n- [Council budget approved](https://x.example/a)\n"
        f"- [Why the river floods: a look at the numbers](https://x.example/b)\n\n{AFTER}\n\n"
        "*Photo: Jon Pell / Harbour Times*\n\n**Share this article**"
    )
    art = clean(raw, "markdown")
    assert art.text == f"{BEFORE}\n\n{AFTER}"
    assert reasons(art) == ["read-also", "photo-credit", "share-prompt"]
    assert "Why the river floods" in art.removed[0]["text"]


def test_read_also_does_not_swallow_prose_or_next_heading_across_blank() -> None:
    raw = f"{BEFORE}\n\nRead more\nCouncil budget approved\n\nTraffic returns\n\n{AFTER}"
    art = clean(raw)
    assert art.text == f"{BEFORE}\n\nTraffic returns\n\n{AFTER}"
    assert [art.span_text(s) for s in art.layers["headings"]] == ["Traffic returns"]


SCRAPED = f"""Search
Home | News | Sport | Weather
Harbour bridge reopens after repairs
By Mira Tolland
Published 4 March 2026
{BEFORE} The council gave the final cost on Wednesday, after an audit.
Photo: Jon Pell / Westmere Ledger
{AFTER} Traffic was light on the first morning, as drivers tested the deck.
Traffic returns
Local shop owners said footfall fell sharply while the bridge was shut, and several considered closing for good.
"We lost a third of our customers," said baker Ellis Grant. "Will they come back? I hope so."
Related
Council budget approved
Ferry timetable changes
Tags: bridge, Westmere, council
© 2026 The Westmere Ledger
"""


def test_scraped_text_with_one_paragraph_per_line() -> None:
    art = clean(SCRAPED)
    assert art.title == "Harbour bridge reopens after repairs"
    assert (art.author, art.published) == ("Mira Tolland", "2026-03-04")
    paras = art.text.split("\n\n")
    assert len(paras) == 5 and paras[0].startswith(BEFORE) and paras[2] == "Traffic returns"
    assert paras[-1].endswith("I hope so.\"")
    assert reasons(art) == [
        "headline", "byline", "dateline", "search-box", "boilerplate", "photo-credit", "read-also",
        "section-tags", "boilerplate",
    ]
    assert art.removed[6]["text"] == "Related\nCouncil budget approved\nFerry timetable changes"


def test_teaser_cards_go_and_real_headings_stay() -> None:
    cards = "- ### Ferry strike ends #### Crews return after nine days\n- ### Bridge reopens #### Cables replaced"
    art = clean(f"{BEFORE}\n\n{cards}\n\n{AFTER}", raw_format="markdown")
    assert art.text == f"{BEFORE}\n\n{AFTER}"
    assert reasons(art) == ["read-also", "read-also"]
    art = clean(f"{BEFORE}\n\n## Ferry strike ends\n\n{AFTER}", raw_format="markdown")
    assert reasons(art) == []


def test_rule_table_is_named_and_uses_known_reasons() -> None:
    names = [rule.name for rule in furniture.RULES]
    assert len(names) == len(set(names))
    assert {rule.reason for rule in furniture.RULES} <= ALLOWED_REASONS


# --- machine filler -----------------------------------------------------------------------------


def test_faq_block_with_marked_pairs_is_removed() -> None:
    raw = (
        f"{BEFORE}\n\n{AFTER}\n\nFrequently Asked Questions\n\n"
        "Q: What happened to the bridge?\nA: It was closed for repairs.\n\n"
        "Q: When did it reopen?\nA: It reopened on Tuesday\nafter eleven months.\n"
    )
    art = clean(raw)
    assert art.text == f"{BEFORE}\n\n{AFTER}"
    assert reasons(art) == ["machine-filler"]
    assert art.removed[0]["text"].endswith("after eleven months.")


def test_faq_with_unmarked_questions_stops_at_prose() -> None:
    tail = "The council will meet again in June to discuss the second phase."
    raw = (
        f"{BEFORE}\n\n## FAQ\n\nWhat happened to the bridge?\nIt was closed for repairs.\n\n"
        f"When did it reopen?\n\nOn Tuesday.\n\n{tail}"
    )
    art = clean(raw, "markdown")
    assert art.text == f"{BEFORE}\n\n{tail}"
    assert reasons(art) == ["machine-filler"]


@pytest.mark.parametrize(
    "preamble",
    [
        "Of course! Here is a list of frequently asked questions about the bridge:",
        "Sure! Here are the key points:",
        "Certainly! Below is a summary of the article.",
        "As an AI language model, I cannot verify these reports.",
    ],
)
def test_chatbot_preamble_block_is_removed(preamble: str) -> None:
    raw = (
        f"{BEFORE}\n\n{AFTER}\n\n{preamble}\n\n- The bridge reopened.\n- Repairs took eleven months.\n\n"
        "Q: Who paid?\nA: The council.\n"
    )
    art = clean(raw)
    assert art.text == f"{BEFORE}\n\n{AFTER}"
    assert reasons(art) == ["machine-filler"]


# --- headline, byline, dateline, front matter ---------------------------------------------------

ARTICLE = f"""Harbour bridge reopens after repairs

By Mira Tolland and Jon Pell

WESTMERE, March 4, 2026 — {BEFORE}

{AFTER}
"""


def test_headline_byline_dateline_become_metadata() -> None:
    art = clean(ARTICLE)
    assert art.title == "Harbour bridge reopens after repairs"
    assert art.author == "Mira Tolland; Jon Pell"
    assert art.published == "2026-03-04"
    assert art.published_source == "dateline"
    assert art.published_confidence == 0.85
    assert art.text == f"{BEFORE}\n\n{AFTER}"
    assert reasons(art) == ["headline", "byline", "dateline"]
    assert art.removed[2]["text"] == "WESTMERE, March 4, 2026 —"
    assert art.meta["dateline"]["place"] == "WESTMERE"
    assert art.language == "en"


def test_input_metadata_wins() -> None:
    art = clean(
        "---\noutlet: Other Outlet\nauthor: Someone Else\n---\n" + ARTICLE,
        title="Given headline", author="Given Author", published="2026-01-01", outlet="Given Outlet",
    )
    assert (art.title, art.author, art.outlet) == ("Given headline", "Given Author", "Given Outlet")
    assert (art.published, art.published_source, art.published_confidence) == ("2026-01-01", "input", 1.0)
    assert art.text == f"{BEFORE}\n\n{AFTER}"
    assert reasons(art) == ["front-matter", "headline", "byline", "dateline"]


def test_front_matter_fills_metadata_and_beats_dateline() -> None:
    raw = (
        '---\noutlet: Westmere Ledger\nurl: "https://ledger.example/bridge"\ntitle: Bridge reopens\n'
        "published: 2026-03-05\nauthors:\n  - Mira Tolland\n  - Jon Pell\n---\n" + ARTICLE
    )
    art = clean(raw)
    assert art.outlet == "Westmere Ledger"
    assert art.url == "https://ledger.example/bridge"
    assert art.title == "Bridge reopens"
    assert art.author == "Mira Tolland; Jon Pell"
    assert (art.published, art.published_source, art.published_confidence) == ("2026-03-05", "front-matter", 0.95)
    assert art.removed[0]["reason"] == "front-matter"
    assert art.text == f"{BEFORE}\n\n{AFTER}"


def test_markdown_headline_and_agency_dateline() -> None:
    raw = f"# Harbour bridge reopens\n\nBy Mira Tolland, Westmere Ledger\n\nWESTMERE (Harbour Wire) - {BEFORE}"
    art = clean(raw, "markdown")
    assert art.title == "Harbour bridge reopens"
    assert art.author == "Mira Tolland"
    assert art.published is None and art.published_source is None
    assert art.text == BEFORE
    assert art.meta["dateline"]["agency"] == "Harbour Wire"


def test_agency_credit_line_is_cut_and_kept_as_metadata() -> None:
    art = clean(f"{BEFORE}\n\n(Harbour Wire)\n\n{AFTER}")
    assert art.text == f"{BEFORE}\n\n{AFTER}"
    assert reasons(art) == ["agency-credit"] and art.meta["agency"] == "Harbour Wire"


def test_dateline_with_day_without_year_is_cut_but_gives_no_date() -> None:
    art = clean(f"KYIV, March 4 (Harbour Wire) - {BEFORE}\n\n{AFTER}")
    assert art.text == f"{BEFORE}\n\n{AFTER}"
    assert art.published is None
    assert reasons(art) == ["dateline"]


def test_dateline_set_off_by_a_horizontal_bar_is_cut() -> None:
    art = clean(f"WESTMERE \u2015 {BEFORE}\n\n{AFTER}")
    assert art.text == f"{BEFORE}\n\n{AFTER}"
    assert reasons(art) == ["dateline"] and art.meta["dateline"]["place"] == "WESTMERE"


def test_byline_with_date_and_published_line() -> None:
    art = clean(f"Harbour bridge reopens\n\nBy Mira Tolland | 4 March 2026\n\n{BEFORE}")
    assert (art.author, art.published) == ("Mira Tolland", "2026-03-04")
    art = clean(f"Harbour bridge reopens\nPublished: March 5, 2026, 6:45 a.m.\n\n{BEFORE}")
    assert art.published == "2026-03-05"
    assert reasons(art) == ["headline", "dateline"]


def test_section_label_above_known_headline_is_removed() -> None:
    art = clean(f"Business | Westmere\nHarbour bridge reopens\n\n{BEFORE}", title="Harbour bridge reopens")
    assert art.text == BEFORE
    assert reasons(art) == ["section-tags", "headline"]


def test_first_line_that_is_prose_is_not_a_headline() -> None:
    art = clean(f"{BEFORE}\n\n{AFTER}")
    assert art.title is None
    assert art.text == f"{BEFORE}\n\n{AFTER}"


def test_helpers_parse_dates_bylines_datelines() -> None:
    assert parse_date("Thursday March 5, 2026") == "2026-03-05"
    assert parse_date("4 Sept. 2025") == "2025-09-04"
    assert parse_date("2026-03-04T09:12:00Z") == "2026-03-04"
    assert parse_date("March 4") is None
    assert parse_byline("By the time crews arrived, the fire was out") is None
    assert parse_byline("By Anna van der Berg, Jon Pell and Ed Moss") == (
        "Anna van der Berg; Jon Pell; Ed Moss", None)
    assert split_dateline("The mayor, who was re-elected in 2024 — twice — spoke.") is None
    assert split_dateline("NATO is here - says nobody") is None


# --- normalisation ------------------------------------------------------------------------------


def test_normalisation_of_characters_and_lines() -> None:
    raw = (
        "The mayor said \u201cwe\u00a0won\u2019t stop\u201d and \"we mean it\".\u200b\n"
        "The recon-\nstruction of the well-\nknown pier starts in May,   donâ€™t\u00adforget.\n\n"
        "Second\u2009paragraph  here."
    )
    art = clean(raw)
    assert art.text == (
        "The mayor said \u201cwe won\u2019t stop\u201d and \"we mean it\". The reconstruction of the "
        "well-known pier starts in May, don\u2019tforget.\n\nSecond paragraph here."
    )


def test_fix_characters_and_join_lines_units() -> None:
    assert fix_characters("donâ€™t") == "don’t"
    assert fix_characters("a\u00a0b\u200bc\u00add") == "a bcd"
    assert fix_characters("‘single’ “double”") == "‘single’ “double”"
    assert join_lines(["self-", "driven  cars", "recon-", "struction"]) == "self-driven cars reconstruction"


def test_mojibake_repair_does_not_depend_on_spaces_ending_the_line() -> None:
    # ftfy left "Â " unrepaired before a trailing space, so cleaning twice changed the text (found by hypothesis).
    assert fix_characters("Â Ä ") == fix_characters("Â Ä") == " Ä"
    assert clean("Â Ä ").text == clean(clean("Â Ä ").text).text


def test_one_paragraph_per_line_text_is_split() -> None:
    third = "The council has promised a second phase of works on the approach roads in the autumn."
    raw = f"{BEFORE} {BEFORE}\n{AFTER} {AFTER}\n{third}"
    art = clean(raw)
    assert art.text.split("\n\n") == [f"{BEFORE} {BEFORE}", f"{AFTER} {AFTER}", third]


def test_hard_wrapped_text_is_joined() -> None:
    raw = "The old harbour bridge in Westmere reopened\nto traffic on Tuesday after eleven\nmonths of repairs."
    expected = "The old harbour bridge in Westmere reopened to traffic on Tuesday after eleven months of repairs."
    assert clean(raw).text == expected


def test_language_guess() -> None:
    assert clean(ARTICLE).language == "en"
    russian = "Мэр Вестмира открыл мост во вторник после ремонта, который длился одиннадцать месяцев."
    assert clean(russian).language == "ru"  # lingua, limited to the handled languages (test_language.py)


# --- headings -----------------------------------------------------------------------------------


def test_headings_recorded_with_offsets() -> None:
    raw = f"# Harbour bridge reopens\n\n{BEFORE}\n\n## Traffic returns\n\n{AFTER}\n\n**What comes next**\n\n{BEFORE}"
    art = clean(raw, "markdown")
    headings = art.layers["headings"]
    assert [art.span_text(s) for s in headings] == ["Traffic returns", "What comes next"]
    assert all(s.label == "heading" for s in headings)
    assert art.text.split("\n\n")[1] == "Traffic returns"


def test_plain_text_heading_and_empty_headings_layer() -> None:
    art = clean(f"{BEFORE}\n\nTraffic returns\n\n{AFTER}")
    assert [art.span_text(s) for s in art.layers["headings"]] == ["Traffic returns"]
    assert clean(f"{BEFORE}\n\n{AFTER}").layers["headings"] == []


# --- idempotence and safety ---------------------------------------------------------------------


def test_cleaning_is_idempotent_on_its_output() -> None:
    raw = ARTICLE + (
        "\nTraffic returns\n\nLocal shops lost a third of their customers, owners said.\n\nShare this article\n"
    )
    first = clean(raw)
    second = clean(first.text)
    assert second.text == first.text
    assert second.removed == []
    assert [s.to_dict() for s in second.layers["headings"]] == [s.to_dict() for s in first.layers["headings"]]


@pytest.mark.parametrize(
    "hostile",
    ["*" * 20000 + "a", "Photo: " + "a " * 20000, "[" * 10000 + "](" * 5000, "_a" * 20000,
     "Read also: " + "x-" * 20000, ("Q: why?\n" * 3000), "BRENNOCK, " * 5000 + " — x",
     "# x" + " " * 20000 + "y", "a-\n" * 20000, "By " + " " * 20000 + "x"],
)
def test_hostile_input_is_fast(hostile: str) -> None:
    start = time.perf_counter()
    clean(f"{BEFORE}\n\n{hostile}\n\n{AFTER}", "markdown")
    assert time.perf_counter() - start < 2.0


# --- HTML ---------------------------------------------------------------------------------------


def _trafilatura_error() -> str | None:
    try:
        import trafilatura  # noqa: F401
    except ImportError as err:
        return str(err).replace("\n", " ")
    return None


_TRAFILATURA_ERROR = _trafilatura_error()
needs_trafilatura = pytest.mark.skipif(
    _TRAFILATURA_ERROR is not None,
    reason=f"trafilatura does not import here (pip install lxml_html_clean): {_TRAFILATURA_ERROR}",
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour bridge reopens after repairs | The Westmere Ledger</title>
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta property="og:site_name" content="The Westmere Ledger">
<meta name="author" content="Mira Tolland">
<meta property="article:published_time" content="2026-03-04T09:30:00Z">
<link rel="canonical" href="https://ledger.example/news/bridge-reopens">
</head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience on our site.</p>
<button>Accept all</button></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Harbour bridge reopens after repairs</h1>
<p class="byline">By Mira Tolland</p>
<p>The old harbour bridge in Westmere reopened to traffic on Tuesday after eleven months of repairs,
the town council said.</p>
<p>Engineers replaced the corroded steel cables and resurfaced the deck, at a cost the council put at
4.2 million pounds.</p>
<h2>Traffic returns</h2>
<p>Local shop owners said footfall had fallen sharply while the bridge was shut.
\u201cWe lost almost a third of our customers,\u201d said baker Ellis Grant.</p>
<p>The council said a second phase of works, on the approach roads, would begin in the autumn and last
about six weeks.</p>
<p>Share this article</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Council budget approved</a></li>
<li><a href="/b">Ferry timetable changes</a></li></ul></aside>
<footer><p>\u00a9 2026 The Westmere Ledger. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


@needs_trafilatura
def test_html_page_gives_body_and_metadata() -> None:
    art = clean(PAGE, "html")
    paras = art.text.split("\n\n")
    assert paras[0].startswith("The old harbour bridge in Westmere reopened")
    assert "Traffic returns" in paras
    assert paras[-1].startswith("The council said a second phase")
    for chrome in ("cookies", "Home", "Privacy", "Most read", "Council budget", "All rights", "By Mira"):
        assert chrome not in art.text
    assert "Harbour bridge reopens" not in art.text
    assert "\u201cWe lost almost a third of our customers,\u201d" in art.text
    assert (art.title, art.author, art.outlet) == (
        "Harbour bridge reopens after repairs", "Mira Tolland", "The Westmere Ledger")
    assert (art.published, art.published_source) == ("2026-03-04", "html-meta")
    assert art.url == "https://ledger.example/news/bridge-reopens"
    assert [art.span_text(s) for s in art.layers["headings"]] == ["Traffic returns"]
    assert "share-prompt" in reasons(art)
    assert not any("Privacy" in r["text"] or "Home" in r["text"] for r in art.removed)
    assert art.language == "en"


@needs_trafilatura
def test_html_input_metadata_wins() -> None:
    art = clean(PAGE, "html", title="Given", outlet="Given Outlet", published="2026-02-01")
    assert (art.title, art.outlet, art.published, art.published_source) == (
        "Given", "Given Outlet", "2026-02-01", "input")
    assert not art.text.startswith("Harbour bridge")


def test_gallery_controls_removed_and_article_kept() -> None:
    body = ("Crews of the Port Velm ferry line returned to work on Monday.\n\nImage 1 of 8\n\nCaption\n\nClose\n\n"
            "1 / 8\n\nUpdated\n\nThe harbour authority said timetables would be normal by Thursday, 1 of 2 "
            "officials said.")
    cleaned = clean_body(body, markdown=True)
    assert cleaned.text == ("Crews of the Port Velm ferry line returned to work on Monday.\n\nThe harbour authority "
                            "said timetables would be normal by Thursday, 1 of 2 officials said.")
    assert [r["text"] for r in cleaned.removed if r["reason"] == "boilerplate"] == [
        "Image 1 of 8", "Caption", "Close", "1 / 8", "Updated"]


def test_soft_hyphen_does_not_hide_mojibake_from_the_repair() -> None:
    once = fix_characters("\xadĖ¯ fire")
    assert fix_characters(once) == once  # found by the idempotence property test
