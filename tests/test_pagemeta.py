"""Page metadata from hand-written HTML: headline, byline author, the date shown with the headline."""

from __future__ import annotations

from trafilatura.utils import load_html

from storylens.cleaning.html import _dates_read_in, date_parser, extract_html, table_rows_apart
from storylens.cleaning.language import HANDLED
from storylens.cleaning.pagemeta import (
    choose_author,
    choose_title,
    headlines,
    parse_date_text,
    restore_periods,
    shown_date,
    shown_date_and_label,
    title_core,
)

PAGE = """<html lang="en"><head><title>Ferry strike ends after nine days | Velm Ledger</title>
<meta property="og:title" content="Ferry strike ends after nine days | Velm Ledger">
<meta property="article:published_time" content="2026-02-20T08:00:00Z"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Ferry strike ends after nine days</h1>
<div class="meta"><span>Updated March 4, 2026</span> <a href="/authors/ana-reyes">Ana Reyes</a></div>
<p>Crews of the Port Velm ferry line returned to work on Monday after a nine-day strike over night-shift pay,
the union said in a statement issued at the harbour office.</p>
<p>The harbour authority said timetables would be back to normal by Thursday, and that two chartered boats
would keep running until then for passengers waiting at the Castra terminal.</p>
</article></body></html>"""


def test_headline_prefers_the_h1_and_drops_site_names():
    assert title_core("Ferry strike ends | News | Velm Ledger") == "Ferry strike ends"
    assert choose_title("Ferry strike ends | Velm Ledger", ["Velm Ledger", "Ferry strike ends"]) == "Ferry strike ends"
    # One wordy <h1> unlike an SEO title: the visible headline wins.
    assert choose_title("Best ferry deals 2026", ["Ferry crews return to work in Port Velm"]) == (
        "Ferry crews return to work in Port Velm")
    assert choose_title(None, []) is None


def test_author_sources_in_order():
    ld = load_html('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "author": '
                   '[{"@type": "Person", "name": "Ana Reyes"}, {"name": "Tomas Ilves"}]}</script></head>'
                   '<body><p>By Someone Else</p></body></html>')
    assert choose_author(ld, None) == "Ana Reyes, Tomas Ilves"
    label = load_html("<html><body><div><p>Written by</p><p>Mara Quist</p></div></body></html>")
    assert choose_author(label, None) == "Mara Quist"
    by = load_html("<html><body><p>By <!-- x -->Ana Reyes</p></body></html>")
    assert choose_author(by, "By Ana Reyes Last Updated March 4") == "Ana Reyes"


def test_shown_date_and_extract_html():
    tree = load_html(PAGE)
    assert headlines(tree) == ["Ferry strike ends after nine days"]
    assert shown_date(tree) == "2026-03-04"
    assert shown_date_and_label(tree) == ("2026-03-04", True)
    page = extract_html(PAGE)
    assert (page.title, page.author, page.language) == ("Ferry strike ends after nine days", "Ana Reyes", "en")
    # The shown date says "Updated": the first publication is the page's article:published_time.
    assert (page.published, page.published_source) == ("2026-02-20", "html-meta")
    assert "nine-day strike" in page.body
    unlabelled = extract_html(PAGE.replace("Updated March 4, 2026", "March 4, 2026"))
    assert (unlabelled.published, unlabelled.published_source) == ("2026-03-04", "byline")


def test_dates_in_other_languages_and_time_elements():
    assert parse_date_text("06. November 2023") == "2023-11-06"
    assert parse_date_text("4 de marzo de 2026") == "2026-03-04"
    assert parse_date_text("2026-03-04T23:10:00Z") == "2026-03-04"
    assert parse_date_text("Set 1 2020") is None
    # The day written inside <time> wins over a UTC stamp that is already the next day.
    tree = load_html('<html><body><h1>Ferry strike ends</h1><p><time datetime="2026-03-04T23:30:00Z">'
                     "5 March 2026</time></p><p>Crews returned to work.</p></body></html>")
    assert shown_date_and_label(tree) == ("2026-03-05", False)
    # No <h1>: an <h2> that starts with the title is the headline, and the date right under it is taken.
    tree = load_html("<html><body><h2>Kolumne: Ferry strike - nine days</h2><p>31. Oktober 2023.</p></body></html>")
    assert shown_date_and_label(tree, "Kolumne: Ferry strike") == ("2023-10-31", False)


def test_author_is_a_person_not_the_publisher():
    org = load_html('<html><head><script type="application/ld+json">{"@type": "Article", "author": '
                    '{"@type": "Organization", "name": "Velm Ledger"}}</script></head>'
                    '<body><span class="author-name">Mara Quist</span></body></html>')
    assert choose_author(org, None) == "Mara Quist"
    # Credited to the site and nobody else: the site is the author.
    alone = load_html('<html><head><script type="application/ld+json">{"@type": "Article", "author": '
                      '{"name": "Velm Ledger"}}</script></head><body><p>By topic</p></body></html>')
    assert choose_author(alone, None, outlet="Velm Ledger") == "Velm Ledger"
    staff = load_html('<html><body><span class="author-name">Ledger Staff</span></body></html>')
    assert choose_author(staff, "Ana Reyes") == "Ana Reyes"
    cited = load_html('<html><head><meta name="citation_author" content="Ana Reyes">'
                      '<meta name="citation_author" content="Tomas Ilves"></head><body></body></html>')
    assert choose_author(cited, "Ana Reyes") == "Ana Reyes, Tomas Ilves"
    card = load_html('<html><head><meta name="twitter:label2" content="Written by">'
                     '<meta name="twitter:data2" content="Mara (Lind) Quist"></head><body></body></html>')
    assert choose_author(card, "Mara Quist") == "Mara (Lind) Quist"
    assert restore_periods("Dr Ana S Reyes", "<p>By <a>Dr. Ana S. Reyes</a></p>") == "Dr. Ana S. Reyes"
    assert restore_periods("Ana Reyes", "<p>Ana. Reyes</p>") == "Ana Reyes"


def test_inline_html_from_trafilatura_is_dropped():
    page = extract_html("<html><body><article><h1>Ferry strike</h1><p>The 10<sup>th</sup> day of the <u>ferry</u> "
                        "strike ended when crews of the Port Velm line returned to work on Monday morning, the "
                        "union said in a statement issued at the harbour office after the vote.</p></article>"
                        "</body></html>")
    assert "The 10th day of the ferry strike" in page.body


def test_table_rows_become_paragraphs():
    text = "Intro.\n\n| Port | Boats |\n|---|---|\n| Velm | 4 |\n| Castra | 2 |\n\nAfter."
    assert table_rows_apart(text) == "Intro.\n\nPort; Boats\n\nVelm; 4\n\nCastra; 2\n\n\nAfter."


def test_htmldate_reads_dates_in_our_languages_and_the_declared_one_only_inside_our_call() -> None:
    from htmldate import extractors

    own = extractors.get_external_parser
    assert date_parser("ar").languages == [*HANDLED, "ar"]
    assert date_parser("xx").languages == list(HANDLED)  # a code dateparser does not know
    with _dates_read_in("fr"):
        parser = extractors.get_external_parser()
        assert parser.languages == list(HANDLED)
        assert parser.get_date_data("le 5 mars 2024")["date_obj"].date().isoformat() == "2024-03-05"
    assert extractors.get_external_parser is own  # a bare htmldate call elsewhere keeps htmldate's parser
    with _dates_read_in(None):  # no declared language: htmldate's parser, every locale
        assert extractors.get_external_parser is own


def test_author_noise_on_a_hostile_author_is_linear_and_unchanged() -> None:
    import time

    from storylens.cleaning.pagemeta import _AUTHOR_NOISE

    assert _AUTHOR_NOISE.sub("", "By Ada Quill  Updated 3 May") == "Ada Quill"
    assert _AUTHOR_NOISE.sub("", "Ada Quill, March 4, 2026") == "Ada Quill"
    started = time.perf_counter()
    _AUTHOR_NOISE.sub("", "Ada" + " " * 20000 + "Quill")  # a run of spaces scanned once, not once per space
    assert time.perf_counter() - started < 2.0  # was 54 s; a loose bound, 1000x the time it takes now
