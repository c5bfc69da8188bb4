"""Page metadata from hand-written HTML: headline, byline author, the date shown with the headline."""

from __future__ import annotations

from trafilatura.utils import load_html

from storylens.cleaning.html import extract_html, table_rows_apart
from storylens.cleaning.pagemeta import choose_author, choose_title, headlines, shown_date, title_core

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
    page = extract_html(PAGE)
    assert (page.title, page.author, page.language) == ("Ferry strike ends after nine days", "Ana Reyes", "en")
    assert (page.published, page.published_source) == ("2026-03-04", "byline")
    assert "nine-day strike" in page.body


def test_table_rows_become_paragraphs():
    text = "Intro.\n\n| Port | Boats |\n|---|---|\n| Velm | 4 |\n| Castra | 2 |\n\nAfter."
    assert table_rows_apart(text) == "Intro.\n\nPort; Boats\n\nVelm; 4\n\nCastra; 2\n\n\nAfter."
