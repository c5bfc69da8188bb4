"""Dates a reader can trust in the outputs: unknown publication dates flagged, a zoomable timeline picture
with precision marks and red links for date conflicts."""

from __future__ import annotations

import re

from storylens.model import Article, Story
from storylens.outputs.report.context import render_report
from storylens.outputs.report.timeline import svg_layout
from storylens.outputs.schema import validate_story
from storylens.outputs.story_json import PUBLISHED_UNKNOWN, story_to_json

TEXT = ("The dam was planned in 1975. Work began in March 1990. The dam opened on 4 May 2026. "
        "The dam opened on 5 May 2026. It flooded yesterday.")


def _claim(cid: str, article: str, needle: str) -> dict:
    start = TEXT.index(needle)
    return {"id": cid, "article": article, "start": start, "end": start + len(needle), "text": needle,
            "kind": "event", "hedged": False}


def decades_story() -> dict:
    """A hand-built story spanning half a century, with outlets disagreeing on one day."""
    articles = [{"id": a, "source": f"{a}.txt", "outlet": outlet, "title": "Dam", "author": None,
                 "published": published, "published_source": source, "published_confidence": confidence,
                 "language": "en", "text": TEXT, "removed": [], "times": []}
                for a, outlet, published, source, confidence in (("a1", "Daily", "2026-05-06", "html-meta", 0.9),
                                                                 ("a2", "Times", None, None, None))]
    claims = [_claim("a1:c0", "a1", "The dam was planned in 1975."),
              _claim("a1:c1", "a1", "Work began in March 1990."),
              _claim("a1:c2", "a1", "The dam opened on 4 May 2026."),
              _claim("a2:c3", "a2", "The dam opened on 5 May 2026.")]
    timeline = [{"when": "1975", "precision": "year", "text": "The dam was planned", "claims": ["a1:c0"],
                 "articles": ["a1"]},
                {"when": "1990-03", "precision": "month", "text": "Work began", "claims": ["a1:c1"],
                 "articles": ["a1"]},
                {"when": "2026-05-04", "precision": "day", "text": "The dam opened", "claims": ["a1:c2"],
                 "articles": ["a1"]},
                {"when": "2026-05-05", "precision": "day", "text": "The dam opened", "claims": ["a2:c3"],
                 "articles": ["a2"]}]
    conflicts = [{"id": "x0", "claims": ["a1:c2", "a2:c3"], "kind": "date",
                  "explanation": "Daily dates it 2026-05-04; Times dates it 2026-05-05"}]
    return {"schema": "storylens.story/1", "articles": articles, "entities": [], "quotes": [], "claims": claims,
            "claim_groups": [{"id": "g0", "claims": ["a1:c2", "a2:c3"], "articles": ["a1", "a2"],
                              "independent_sources": 2, "status": "contested"}],
            "conflicts": conflicts, "timeline": timeline, "summary": []}


def test_json_warns_about_articles_without_a_publication_date() -> None:
    dated = Article(id="a1", source="a1.txt", text="It flooded yesterday.", published="2026-05-06")
    undated = Article(id="a2", source="a2.txt", text="It flooded yesterday.")
    data = story_to_json(Story(id="s1", articles=[dated, undated]))
    assert data["warnings"] == [{"article": "a2", "message": PUBLISHED_UNKNOWN}]
    validate_story(data)


def test_report_article_header_says_relative_dates_are_unresolved() -> None:
    page = render_report(decades_story())
    header = page[page.index('id="article-a2"'):page.index('<div class="body">', page.index('id="article-a2"'))]
    assert "publication date unknown — relative dates (yesterday, on Tuesday) left unresolved" in header
    dated = page[page.index('id="article-a1"'):page.index('<div class="body">', page.index('id="article-a1"'))]
    assert "2026-05-06 (date from html-meta, confidence 0.90)" in dated and "unresolved" not in dated
    # The story header lists the warning too, linked to the article (derived when the JSON has none).
    top = page[page.index('<header class="story"'):page.index("</header>")]
    assert 'href="#article-a2"' in top and "left unresolved" in top


def test_timeline_has_zoom_controls_and_scripted_zoom() -> None:
    page = render_report(decades_story())
    for action in ("in", "out", "reset"):
        assert f'data-zoom="{action}"' in page
    assert 'class="timeline-scroll"' in page and 'data-width="960"' in page
    script = re.search(r"<script>(.*?)</script>", page, flags=re.DOTALL).group(1)
    assert "viewBox" in script and "innerHTML" not in script


def test_precision_marks_differ() -> None:
    page = render_report(decades_story())
    assert page.count('class="mark mark-day"') == 2
    assert page.count('class="mark mark-month"') == 1
    assert page.count('class="mark mark-year"') == 1


def test_date_conflict_drawn_as_red_link_between_its_entries() -> None:
    page = render_report(decades_story())
    link = re.search(r'<a href="#conflict-x0" class="conflict"><title>date conflict: ([^<]*)</title>\s*'
                     r'<path class="conflict-link" data-t1="([\d.]+)" data-t2="([\d.]+)" d="M', page)
    assert link, "no conflict link"
    assert float(link.group(2)) < float(link.group(3)) <= 1.0
    assert "date conflict</span>" in page  # the list view flags both entries too


def test_decades_get_year_ticks_thinned_to_fit() -> None:
    entries = [{"when": w, "precision": "year", "text": "x", "claims": [], "first_claim": None}
               for w in ("1975", "2026")]
    layout = svg_layout(entries, [])
    labels = [t["label"] for t in layout["ticks"]]
    assert labels[:2] == ["1975-01-01", "2026-01-01"] and "2000" in labels
    shown = sorted(t["x"] for t in layout["ticks"] if not t["hidden"])
    assert all(b - a >= 70 for a, b in zip(shown, shown[1:], strict=False))
    assert any(t["hidden"] for t in layout["ticks"])  # the script reveals them as the user zooms in


def test_conflict_on_an_undrawn_entry_is_skipped() -> None:
    story = decades_story()
    story["conflicts"][0]["claims"] = ["a1:c2", "a9:c9"]
    assert 'class="conflict-link"' not in render_report(story)
