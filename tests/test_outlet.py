"""Outlet detection and short source names (issue 17, item 3): no absolute path is shown to a person."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from storylens.cleaning.outlet import display_name, outlet_from_removed, outlet_from_url
from storylens.model import Article, Story
from storylens.outputs.report.context import render_report
from storylens.outputs.story_json import story_to_json
from storylens.outputs.terminal.story import print_story
from storylens.stages.article.clean import clean_article
from storylens.stages.story.coverage import outlet_name

BODY = ("The Portvale council approved a new ferry timetable on Tuesday, adding four evening crossings.\n\n"
        "Councillor Jon Pell said the change would cost 400,000 euros a year.")
SECRET_DIR = "/home/ana/private/inbox"


@pytest.mark.parametrize(("source", "expected"), [
    (f"{SECRET_DIR}/velm-story.txt", "velm-story"),
    (f"{SECRET_DIR}/page.html.gz", "page"),
    ("batch.jsonl:3", "batch:3"),
    (f"{SECRET_DIR}/records.json[2]", "records[2]"),
    ("https://www.velmherald.example/news/tarn", "velmherald.example"),
    ("<stdin>", "<stdin>"),
    ("C:\\Users\\ana\\story.md", "story"),
])
def test_display_name_is_short_and_pathless(source: str, expected: str) -> None:
    assert display_name(source) == expected


def test_outlet_from_url_and_removed_lines() -> None:
    assert outlet_from_url("https://m.portvale-post.example/a/1") == "portvale-post.example"
    assert outlet_from_url("not a url") is None
    appeal = {"text": "We at The Velm Herald remain committed to independent journalism.", "reason": "donation-appeal"}
    assert outlet_from_removed([appeal]) == "The Velm Herald"
    assert outlet_from_removed([{"text": "© 2026 Portvale Post. All rights reserved.", "reason": "boilerplate"}]) \
        == "Portvale Post"
    assert outlet_from_removed([{"text": "Copyright Westmere Ledger 2026", "reason": "boilerplate"}]) \
        == "Westmere Ledger"
    assert outlet_from_removed([{"text": "Advertisement", "reason": "boilerplate"}]) is None


def clean(raw: str, **fields: str) -> Article:
    return clean_article(Article(id="o1", source=f"{SECRET_DIR}/ferry.txt", raw=raw, raw_format="text", **fields))


def test_outlet_order_input_url_text() -> None:
    footer = "\n\n© 2026 Portvale Post. All rights reserved."
    assert clean(BODY + footer, outlet="Given Outlet").outlet == "Given Outlet"
    by_url = clean(BODY + footer, url="https://www.carrow-times.example/ferry")
    assert (by_url.outlet, by_url.meta["outlet_source"]) == ("carrow-times.example", "url")
    by_text = clean(BODY + footer)
    assert (by_text.outlet, by_text.meta["outlet_source"]) == ("Portvale Post", "text")
    unknown = clean(BODY)
    assert unknown.outlet is None and outlet_name(unknown) == "ferry"


def test_no_absolute_path_in_terminal_or_report() -> None:
    articles = [clean(BODY), clean_article(Article(id="o2", source=f"{SECRET_DIR}/ferry-2.txt",
                                                  raw=BODY + "\n\nThe vote was 9 to 4.", raw_format="text"))]
    data = story_to_json(Story(id="s1", articles=articles))
    assert data["articles"][0]["source"] == f"{SECRET_DIR}/ferry.txt"  # the JSON keeps the path as given
    data["summary"] = [{"text": "The council approved a new timetable.", "claims": [], "articles": ["o1", "o2"],
                        "outlets": [], "group": None}]  # a briefing line citing both articles by outlet
    out = io.StringIO()
    print_story(Console(file=out, width=200), data)
    assert SECRET_DIR not in out.getvalue() and "(ferry, ferry-2)" in out.getvalue()
    html = render_report(data)
    shown = html.split("<script", 1)[0]  # an embedded JSON copy of the data may keep the path as given
    assert SECRET_DIR not in shown
