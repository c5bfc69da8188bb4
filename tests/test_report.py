"""The HTML report: every section present, claims marked exactly, hostile input inert, no outside requests."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from storylens.outputs.report.context import render_report, safe_url, segment_article, timex_ordinal
from storylens.outputs.schema import validate_story

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "circle", "line", "path", "rect"}

TEXTS = {
    "a1": "The Elm Street bridge closed on Monday after inspectors found cracks.\n\n"
          "\"We had no choice,\" said Mayor Anna Kowalski. Repairs will cost $4 million.",
    "a2": "Inspectors found cracks in the Elm Street bridge, which closed Monday.\n\n"
          "Officials said repairs could cost $6 million. The bridge may reopen in March.",
    "a3": "<script>alert(1)</script> The bridge closed. <img src=x onerror=alert(1)> Nobody knows why.",
}


def _span(article: str, needle: str) -> tuple[int, int]:
    start = TEXTS[article].index(needle)
    return start, start + len(needle)


def _claim(cid: str, article: str, needle: str, **extra: object) -> dict:
    start, end = _span(article, needle)
    return {"id": cid, "article": article, "start": start, "end": end, "text": needle, "kind": "event",
            "hedged": False, **extra}


def _article(aid: str, outlet: str, title: str, url: str | None, published: str | None) -> dict:
    return {"id": aid, "source": f"{aid}.html", "outlet": outlet, "title": title, "author": None,
            "published": published, "language": "en", "text": TEXTS[aid], "url": url, "times": [],
            "removed": [{"text": "Share this story", "reason": "share-prompt"}]}


def sample_story() -> dict:
    """A small hand-built storylens.story/1 document with every section filled."""
    claims = [
        _claim("a1:c0", "a1", "The Elm Street bridge closed on Monday after inspectors found cracks."),
        _claim("a1:c1", "a1", "Repairs will cost $4 million."),
        _claim("a2:c0", "a2", "Inspectors found cracks in the Elm Street bridge, which closed Monday."),
        _claim("a2:c1", "a2", "Officials said repairs could cost $6 million.", hedged=True, hedges=["could"]),
        _claim("a2:c2", "a2", "The bridge may reopen in March.", kind="prediction", hedged=True),
        _claim("a3:c0", "a3", "The bridge closed."),
    ]
    q_start, q_end = _span("a1", "\"We had no choice,\"")
    return {
        "schema": "storylens.story/1",
        "story": {"id": "s1", "title": "Elm Street bridge closure"},
        "sources": {"a1": "a1", "a2": "a2", "a3": "a3"},
        "articles": [
            _article("a1", "Daily Example", "Bridge closes", "https://example.org/a1", "2026-01-05"),
            _article("a2", "Example Times", "Cracks shut bridge", "http://example.net/a2", "2026-01-06"),
            _article("a3", "<b>Evil</b> News", "<script>alert('t')</script>", "javascript:alert(1)", None),
        ],
        "entities": [{"id": "e0", "name": "Anna Kowalski", "type": "PERSON", "aliases": ["Kowalski", "Mayor"],
                      "mentions": [{"article": "a1", "start": 0, "end": 3}]},
                     {"id": "e1", "name": "<img src=x onerror=alert(2)>", "type": "ORG", "aliases": [],
                      "mentions": []}],
        "quotes": [{"id": "a1:q0", "article": "a1", "start": q_start, "end": q_end, "text": "We had no choice,",
                    "kind": "direct", "cue": "said",
                    "speaker": {"entity": "e0", "name": "Anna Kowalski", "text": "Mayor Anna Kowalski"}},
                   {"id": "a3:q0", "article": "a3", "start": 0, "end": 8, "text": "<script>", "kind": "indirect",
                    "cue": None, "speaker": {"entity": None, "name": "<script>alert(3)</script>", "text": None}}],
        "claims": claims,
        "claim_groups": [
            {"id": "g0", "claims": ["a1:c0", "a2:c0", "a3:c0"], "articles": ["a1", "a2", "a3"],
             "independent_sources": 3, "status": "corroborated", "outlets": ["Daily Example", "Example Times"]},
            {"id": "g1", "claims": ["a1:c1", "a2:c1"], "articles": ["a1", "a2"], "independent_sources": 2,
             "status": "contested", "text": "Repair cost"},
            {"id": "g2", "claims": ["a2:c2"], "articles": ["a2"], "independent_sources": 1,
             "status": "single-source"},
        ],
        "conflicts": [{"id": "x0", "claims": ["a1:c1", "a2:c1"], "kind": "number",
                       "explanation": "repair cost: $4 million vs $6 million", "values": ["$4 million", "$6 million"]}],
        "timeline": [
            {"when": "2026-03", "text": "The bridge may reopen", "claims": ["a2:c2"], "articles": ["a2"],
             "precision": "month"},
            {"when": "2026-01-05", "text": "Bridge closed", "claims": ["a1:c0", "a2:c0"], "articles": ["a1", "a2"],
             "precision": "day", "outlets": ["Daily Example", "Example Times"]},
            {"when": "XXXX-WXX-2", "text": "Some Tuesday", "claims": [], "articles": ["a3"]},
        ],
        "summary": [{"text": "The Elm Street bridge closed on Monday after cracks were found.",
                     "claims": ["a1:c0", "a2:c0"], "articles": ["a1", "a2"]},
                    {"text": "Outlets disagree on the repair cost.", "claims": ["a1:c1", "a2:c1"],
                     "articles": ["a1", "a2"]}],
    }


def empty_story() -> dict:
    """A valid document with nothing in it."""
    keys = ("articles", "entities", "quotes", "claims", "claim_groups", "conflicts", "timeline", "summary")
    return {"schema": "storylens.story/1", **{k: [] for k in keys}}


class _Checker(HTMLParser):
    """Collects ids, attributes and checks that non-void tags nest and close properly."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.attrs: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.attrs.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.attrs.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}>, open: {self.stack[-3:]}")
            return
        self.stack.pop()


@pytest.fixture(scope="module")
def page() -> str:
    return render_report(sample_story())


def test_sample_is_contract_valid() -> None:
    validate_story(sample_story())
    validate_story(empty_story())


def test_every_section_present(page: str) -> None:
    for section in ("summary", "claims", "conflicts", "quotes", "timeline", "entities", "articles"):
        assert f'<section id="{section}"' in page
        assert f'href="#{section}"' in page  # table of contents
    assert "Elm Street bridge closure" in page
    assert "<svg class=\"timeline\"" in page
    assert "Removed by cleaning" in page and "<del>Share this story</del>" in page
    assert "Anna Kowalski" in page and "Repair cost" in page and "values: $4 million vs $6 million" in page


def test_groups_ordered_by_status(page: str) -> None:
    order = [page.index(f'id="group-{g}"') for g in ("g0", "g1", "g2")]
    assert order == sorted(order)


def test_claim_spans_cover_exactly_the_claim_text(page: str) -> None:
    for claim in sample_story()["claims"]:
        cid = re.escape(html.escape(claim["id"]))
        match = re.search(rf'<span class="claim" id="claim-{cid}" data-claim="{cid}"[^>]*>(.*?)</span>(?!</span>)',
                          page, flags=re.DOTALL)
        assert match, claim["id"]
        inner = re.sub(r"<[^>]+>", "", match.group(1))
        assert html.unescape(inner) == claim["text"]
        assert page.count(f'id="claim-{html.escape(claim["id"])}"') == 1


def test_quote_span_inside_article(page: str) -> None:
    assert '<span class="quote" id="quote-a1:q0" data-quote="a1:q0">&#34;We had no choice,&#34;</span>' in page


def test_clickable_claim_references(page: str) -> None:
    for cid in ("a1:c0", "a1:c1", "a2:c1", "a2:c2"):
        assert f'href="#claim-{cid}" data-claim="{cid}"' in page


def test_hostile_input_is_inert(page: str) -> None:
    assert "<script>alert" not in page
    assert "<b>Evil" not in page
    assert not re.search(r"<img\b", page)
    assert not re.search(r"<[^>]*\sonerror\s*=", page, flags=re.IGNORECASE)  # inside a tag = an attribute
    assert "onerror=alert(1)&gt;" in page  # the hostile text itself is shown, escaped
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", page, flags=re.IGNORECASE)
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page  # a hostile speaker name, shown as text
    assert "&lt;script&gt;</span>alert(1)&lt;/script&gt;" in page  # hostile article text, quote-marked
    assert page.count("<script>") == 1  # only the report's own script


def test_every_attribute_is_safe(page: str) -> None:
    checker = _Checker()
    checker.feed(page)
    for tag, attrs in checker.attrs:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("#", "http://", "https://")), href
    assert ("a", {"href": "https://example.org/a1", "rel": "noopener noreferrer nofollow"}) in checker.attrs


def test_no_outside_requests(page: str) -> None:
    assert not re.search(r"<[^>]*\ssrc\s*=", page)
    assert not re.search(r"<link\b", page)
    assert not re.search(r"url\(", page)
    assert "@import" not in page
    assert "default-src 'none'" in page


def test_output_parses_and_nests(page: str) -> None:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    assert page.lstrip().startswith("<!DOCTYPE html>")


def test_empty_story_renders() -> None:
    page = render_report(empty_story())
    assert page.count("none found") >= 7
    assert "Untitled story" in page
    checker = _Checker()
    checker.feed(page)
    assert checker.errors == [] and checker.stack == []


def test_csp_hashes_match_inline_script_and_style(page: str) -> None:
    import base64
    import hashlib

    for tag in ("script", "style"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", page, flags=re.DOTALL).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in page, tag


def test_segment_article_cuts_at_offsets() -> None:
    text = "One two. Three four.\n\nFive six."
    paragraphs = segment_article(text, [(0, 8, "c0"), (22, 31, "c1"), (3, 12, "overlap")], [(4, 7, "q0")])
    assert len(paragraphs) == 2
    first = paragraphs[0]
    assert [r["claim"] for r in first] == ["c0", None]
    assert [(p["text"], p["quote"]) for p in first[0]["pieces"]] == [("One ", None), ("two", "q0"), (".", None)]
    assert "".join(p["text"] for r in first for p in r["pieces"]) == "One two. Three four."
    assert paragraphs[1][0]["claim"] == "c1" and paragraphs[1][0]["pieces"][0]["text"] == "Five six."


def test_segment_article_ignores_bad_offsets() -> None:
    paragraphs = segment_article("Short.", [(3, 100, "c0"), (4, 2, "c1")])
    assert paragraphs == [[{"claim": None, "first": False, "pieces": [
        {"text": "Short.", "quote": None, "first": False}]}]]


@pytest.mark.parametrize(("url", "expected"), [
    ("https://x.org/a", "https://x.org/a"), (" HTTP://x.org ", "HTTP://x.org"), ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None), ("data:text/html,hi", None), ("//evil.org", None), (None, None),
])
def test_safe_url(url: object, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_timex_ordinal_orders_values() -> None:
    values = ["2026-01-05", "2026-03", "2026", "2005/2007", "201", "2026-01-05T10:00"]
    ords = [timex_ordinal(v) for v in values]
    assert all(o is not None for o in ords)
    assert ords[0] < ords[1] and ords[2] < ords[0] and ords[3] < ords[4] < ords[2] and ords[5] == ords[0]
    for value in ("XXXX-WXX-2", "P4Y", "2026-13", None):
        assert timex_ordinal(value) is None


def test_crossing_quote_and_paragraph_spans_still_nest() -> None:
    text = 'Alpha said "one two.\n\nthree" four. Five.'
    story = empty_story()
    story["articles"] = [{"id": "x", "source": "x.txt", "outlet": None, "title": None, "author": None,
                          "published": None, "language": None, "text": text, "removed": [], "times": []}]
    story["quotes"] = [{"id": "x:q0", "article": "x", "start": 11, "end": 28, "text": text[11:28], "kind": "direct",
                        "cue": "said", "speaker": {"entity": None, "name": None, "text": None}}]
    story["claims"] = [{"id": "x:c0", "article": "x", "start": 0, "end": 34, "text": text[:34], "kind": "statement",
                        "hedged": False}]
    page = render_report(story)
    checker = _Checker()
    checker.feed(page)
    assert checker.errors == [] and checker.stack == []
    assert page.count('id="claim-x:c0"') == 1 and page.count('data-claim="x:c0"') >= 2
    assert page.count('id="quote-x:q0"') == 1 and "Unknown speaker" in page
