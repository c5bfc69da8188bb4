"""Report panels: briefing, coverage heat map, quotes by speaker, network, framing, paging (hand-built data)."""

from __future__ import annotations

import copy
import re

from storylens.outputs.report.context import build_context, render_report
from storylens.outputs.report.framing import headline_pieces
from storylens.outputs.report.paging import Paging
from test_report import _Checker, empty_story, sample_story

EVIL = "<b>Evil</b> News"


def full_story() -> dict:
    """The sample story plus the coverage, framing and briefing results (their stages' shapes)."""
    s = sample_story()
    s["coverage"] = {
        "outlets": ["Daily Example", "Example Times", EVIL],
        "rows": [{"group": "g0", "outlets": ["Daily Example", "Example Times", EVIL], "status": "corroborated"},
                 {"group": "g1", "outlets": ["Daily Example", "Example Times"], "status": "contested"},
                 {"group": "g2", "outlets": ["Example Times"], "status": "single-source"}],
        "blind_spots": {EVIL: ["g1"]}, "exclusives": {"Example Times": ["g2"]}}
    s["framing"] = [
        {"outlet": "Daily Example", "articles": 1, "distinctive_terms": [{"term": "cracks", "z": 2.1}],
         "tone": [{"entity": "e0", "name": "Anna Kowalski", "score": -0.4, "sentences": ["a1:c0"]}],
         "hedged_rate": 0.0, "own_voice_share": 0.5,
         "quoted": {"official": 3, "expert": 1, "media": 0, "anonymous": 0, "other": 0},
         "headline": {"text": "Bridge closes", "stressed": ["closes"], "explanation": "stresses the closure"}},
        {"outlet": EVIL, "articles": ["a3"], "distinctive_terms": [{"term": "<script>x</script>", "z": 3}], "tone": [],
         "hedged_rate": 0.25, "own_voice_share": 1, "quoted": {},
         "headline": {"text": "<img src=x onerror=alert(1)>", "stressed": ["img"], "explanation": "<i>x</i>"}}]
    s["briefing"] = {
        "words": 30, "sentences": [{"text": "The bridge closed.", "claims": ["a1:c0"], "articles": ["a1", "a2"],
                                    "outlets": ["Daily Example", "Example Times"]}],
        "disputed": [{"conflict": "x0", "text": "Repair cost: $4 million or $6 million"}],
        "single_source": [{"group": "g2", "text": "May reopen in March", "outlet": "Example Times"}]}
    return s


def test_full_story_renders_every_panel_and_nests() -> None:
    page = render_report(full_story())
    for section in ("summary", "claims", "conflicts", "quotes", "timeline", "coverage", "network", "framing",
                    "entities", "articles"):
        assert f'<section id="{section}"' in page and f'href="#{section}"' in page
    checker = _Checker()
    checker.feed(page)
    assert checker.errors == [] and checker.stack == []


def test_briefing_replaces_summary_and_links_evidence() -> None:
    page = render_report(full_story())
    assert "<h2>Briefing" in page and "(30 words)" in page
    assert '<a class="claimref" href="#claim-a1:c0" data-claim="a1:c0">The bridge closed.</a>' in page
    assert '<a href="#conflict-x0">Repair cost: $4 million or $6 million</a>' in page
    assert 'data-claim="a2:c2">May reopen in March</a>' in page
    fallback = render_report(sample_story())
    assert "<h2>Summary" in fallback and "Outlets disagree on the repair cost." in fallback


def test_coverage_marks_blind_spots_and_exclusives() -> None:
    context = build_context(full_story())
    rows = {r["group"]: r for r in context["coverage"]["rows"]}
    assert [r["group"] for r in context["coverage"]["rows"]] == ["g0", "g1", "g2"]  # widest coverage first
    states = [c["state"] for c in rows["g1"]["cells"]]
    assert states == ["covered", "covered", "blind"]
    assert [c["state"] for c in rows["g2"]["cells"]] == ["absent", "exclusive", "absent"]
    assert context["coverage"]["derived"] is False
    page = render_report(full_story())
    assert page.count('class="heat-cell blind') == 1 and page.count('class="heat-cell exclusive') == 1


def test_coverage_derived_from_groups_when_the_stage_is_absent() -> None:
    context = build_context(sample_story())
    coverage = context["coverage"]
    assert coverage["derived"] is True and coverage["total"] == 3
    g0 = next(r for r in coverage["rows"] if r["group"] == "g0")
    assert [c["state"] for c in g0["cells"]] == ["covered", "covered", "covered"]
    assert all(c["level"] == 1 for c in g0["cells"])


def test_quotes_carried_by_several_outlets_are_merged() -> None:
    story = sample_story()
    text = story["articles"][1]["text"]
    story["articles"][1]["text"] = text + '\n\n"We had no choice," Kowalski said.'
    start = len(text) + 2
    story["quotes"].append({"id": "a2:q0", "article": "a2", "start": start, "end": start + 20,
                            "text": "We had no choice", "kind": "direct", "cue": "said",
                            "speaker": {"entity": "e0", "name": "Anna Kowalski", "text": "Kowalski"}})
    speakers = build_context(story)["speakers"]
    anna = next(s for s in speakers if s["name"] == "Anna Kowalski")
    assert anna["count"] == 2 and len(anna["quotes"]) == 1
    assert [c["label"] for c in anna["quotes"][0]["chips"]] == ["Daily Example", "Example Times"]
    assert anna["outlets"] == ["Daily Example", "Example Times"]


def test_many_articles_of_one_outlet_make_one_chip_and_groups_list_a_few_claims() -> None:
    story = sample_story()
    base = story["articles"][0]
    copies = [{**base, "id": f"d{n}", "text": base["text"]} for n in range(30)]
    story["articles"] += copies
    story["claims"] += [{**story["claims"][0], "id": f"d{n}:c0", "article": f"d{n}"} for n in range(30)]
    story["quotes"] += [{**story["quotes"][0], "id": f"d{n}:q0", "article": f"d{n}"} for n in range(30)]
    story["claim_groups"][0]["claims"] += [f"d{n}:c0" for n in range(30)]
    story["claim_groups"][0]["articles"] += [f"d{n}" for n in range(30)]
    context = build_context(story)
    g0 = next(g for b in context["groups"] for g in b["groups"] if g["id"] == "g0")
    assert [(c["label"], c["count"]) for c in g0["chips"]] == [("Daily Example", 31), ("Example Times", 1),
                                                               (EVIL, 1)]
    assert len(g0["claims"]) == 12 and g0["more_claims"] == 21
    line = next(s for s in context["speakers"] if s["name"] == "Anna Kowalski")["quotes"][0]
    assert [(c["label"], c["count"]) for c in line["chips"]] == [("Daily Example", 31)]
    page = render_report(story)
    assert "and 21 more claims in this group" in page and "×31</span>" in page


def test_network_is_deterministic_and_links_speakers() -> None:
    first, second = build_context(full_story())["network"], build_context(full_story())["network"]
    assert first == second
    kinds = {n["label"]: n["kind"] for n in first["nodes"]}
    assert kinds["Daily Example"] == "outlet" and kinds["Anna Kowalski"] == "speaker"
    assert any(e["title"] == "Daily Example quotes Anna Kowalski 1 time(s)" for e in first["edges"])
    assert all(0 <= n["x"] <= first["width"] and 0 <= n["y"] <= first["height"] for n in first["nodes"])
    page = render_report(full_story())
    assert '<a href="#speaker-anna-kowalski">' in page and 'id="speaker-anna-kowalski"' in page


def test_framing_cards_escape_and_mark_the_headline() -> None:
    page = render_report(full_story())
    assert "Bridge <mark>closes</mark>" in page
    assert "&lt;<mark>img</mark> src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "&lt;i&gt;x&lt;/i&gt;" in page
    framing = build_context(full_story())["framing"]
    assert [q["kind"] for q in framing[0]["quoted"]] == ["official", "expert"]
    assert framing[0]["quoted"][0]["w"] == 150.0 and framing[0]["tone"][0]["negative"] is True
    assert framing[1]["hedged"] == "25%" and framing[1]["own_voice"] == "100%"
    assert framing[0]["articles"] == 1 and framing[1]["articles"] == 1  # a count or a list of article ids


def test_headline_pieces_match_whole_words_any_case() -> None:
    pieces = headline_pieces("Spill: SPILL spillway", ["spill"])
    assert [(p["text"], p["stressed"]) for p in pieces] == [
        ("Spill", True), (": ", False), ("SPILL", True), (" spillway", False)]
    assert headline_pieces("", ["x"]) == [{"text": "", "stressed": False}]


def test_paging_limits_lists_and_links_other_articles() -> None:
    story = full_story()
    paging = Paging(size=1, pages={"articles": 2, "groups": 3})

    def link(article: str | None, anchor: str) -> str:
        return f"#{anchor}" if article == "a2" else f"/a/{article}#{anchor}"

    context = build_context(story, paging, link)
    assert [a["id"] for a in context["articles"]] == ["a2"]
    assert context["pages"]["articles"]["page"] == 2 and context["pages"]["articles"]["pages"] == 3
    shown = [g["id"] for bucket in context["groups"] for g in bucket["groups"]]
    assert shown == ["g2"] and context["n_groups"] == 3
    group_claims = {c["id"]: c["href"] for b in context["groups"] for g in b["groups"] for c in g["claims"]}
    assert group_claims == {"a2:c2": "#claim-a2:c2"}
    sides = [c["href"] for c in context["conflicts"][0]["sides"]]
    assert sides == ["/a/a1#claim-a1:c1", "#claim-a2:c1"]


def test_empty_story_has_every_panel_empty() -> None:
    page = render_report(empty_story())
    assert page.count("none found") >= 10
    assert not re.search(r"<svg class=\"network\"", page)


def test_bad_shapes_do_not_break_the_report() -> None:
    story = copy.deepcopy(full_story())
    story["framing"] = [{"outlet": "X", "tone": [{"name": "Y", "score": "bad"}], "headline": "not a dict"}, 7]
    story["coverage"] = "nonsense"
    story["briefing"] = {"sentences": [{"text": "No evidence"}], "disputed": [{"conflict": "x9"}]}
    page = render_report(story)
    assert "No evidence" in page and "+0.00" in page


def test_one_panels_table_drives_the_context_and_the_story_body():
    """PANELS lists each panel's template once; the context carries them in that order for story_body.html.j2."""
    from storylens.outputs.report.context import PANELS, TEMPLATE_DIR

    templates = [panel.template for panel in PANELS]
    assert len(set(templates)) == len(templates)
    assert all((TEMPLATE_DIR / t).is_file() for t in templates)
    context = build_context(full_story())
    assert context["panels"] == templates
    assert all(panel.page in context["pages"] for panel in PANELS if panel.page)


def test_an_older_document_without_statements_gets_them_from_the_json_builder():
    """The report reads statements only; a document without them gets them from story_json, as the stage groups."""
    from storylens.outputs.story_json import with_derived_sections

    story = full_story()
    older = {k: v for k, v in story.items() if k not in ("statements", "warnings")}
    derived = with_derived_sections(older)
    assert derived["statements"] and "warnings" in derived and "statements" not in older
    assert build_context(older)["speakers"] == build_context(derived)["speakers"]


HOSTILE_PREDICATE = "<script>window.__pwned=1</script>"


def story_with_events() -> dict:
    """The full story plus two events and a sectioned briefing (the `event_coref` and `briefing` shapes)."""
    s = full_story()
    s["events"] = [
        {"id": "v1", "predicate": HOSTILE_PREDICATE, "participants": [], "when": None, "where": None,
         "mentions": [{"article": "a1", "start": 0, "end": 3, "text": "<b>x</b>", "claim": "a1:c1"},
                      {"article": "a2", "start": 0, "end": 3, "text": "cost", "claim": "a2:c1"}],
         "articles": ["a1", "a2"], "independent_sources": 2},
        {"id": "v0", "predicate": "close",
         "participants": [{"role": "patient", "name": "Elm Street bridge", "entity": "e2"},
                          {"role": "agent", "name": "it", "entity": None}],
         "when": "2026-01-05", "where": None,
         "mentions": [{"article": "a1", "start": 0, "end": 3, "text": "closed", "claim": "a1:c0"},
                      {"article": "a2", "start": 0, "end": 3, "text": "closed", "claim": "a2:c0"},
                      {"article": "a2", "start": 0, "end": 3, "text": "closure", "claim": "a2:c0"},
                      {"article": "a3", "start": 0, "end": 3, "text": "closed", "claim": "a3:c0"}],
         "articles": ["a1", "a2", "a3"], "independent_sources": 3}]
    s["briefing"] = {
        "words": 30,
        "lead": {"text": "The Elm Street bridge closed on Monday after inspectors found cracks.", "claim": "a1:c0",
                 "claims": ["a1:c0", "a2:c0", "a3:c0"], "articles": ["a1", "a2", "a3"], "outlets": [],
                 "event": "v0", "who": [], "what": "close (Elm Street bridge)", "when": "2026-01-05",
                 "when_text": "5 January 2026", "where": None},
        "sentences": [{"text": "The Elm Street bridge closed on Monday after inspectors found cracks.",
                       "claim": "a1:c0", "claims": ["a1:c0", "a2:c0", "a3:c0"], "articles": ["a1", "a2", "a3"],
                       "outlets": [], "section": "lead"},
                      {"text": "Inspectors found cracks in the Elm Street bridge, which closed Monday.",
                       "claim": "a2:c0", "claims": ["a2:c0", "a1:c0"], "articles": ["a2", "a1"], "outlets": [],
                       "section": "agreed"}],
        "disputed": [{"conflict": "x0", "text": "Daily Example says $4 million; Example Times says $6 million",
                      "claims": ["a1:c1", "a2:c1"]}],
        "single_source": [{"group": "g2", "text": "The bridge may reopen in March.", "outlet": "Example Times",
                           "claim": "a2:c2"}]}
    return s


def test_event_matrix_rows_cells_and_links() -> None:
    events = build_context(story_with_events())["events"]
    assert [r["id"] for r in events["rows"]] == ["v0", "v1"]  # most independent sources first
    assert [o["label"] for o in events["outlets"]] == ["Daily Example", "Example Times", EVIL]
    close = events["rows"][0]
    assert close["predicate"] == "close" and close["participants"] == "Elm Street bridge"  # "it" is no one
    assert close["when"] == "5 January 2026" and close["independent"] == 3
    assert [(c["state"], c["count"], c["claim"]) for c in close["cells"]] == [
        ("covered", 1, "a1:c0"), ("covered", 2, "a2:c0"), ("covered", 1, "a3:c0")]
    assert close["cells"][0]["title"].startswith("Daily Example: The Elm Street bridge closed")
    cost = events["rows"][1]
    assert [c["state"] for c in cost["cells"]] == ["covered", "covered", "absent"]
    page = render_report(story_with_events())
    assert '<section id="events">' in page and 'href="#events"' in page
    assert '<a href="#claim-a2:c0" data-claim="a2:c0">closed<span class="count">×2</span></a>' in page


def test_event_matrix_escapes_article_text() -> None:
    page = render_report(story_with_events())
    assert HOSTILE_PREDICATE not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    checker = _Checker()
    checker.feed(page)
    assert checker.errors == [] and checker.stack == []


def test_event_matrix_shows_the_top_rows_and_hides_the_rest_behind_show_all() -> None:
    from storylens.outputs.report.events import ROWS_SHOWN

    story = story_with_events()
    story["events"] = [{**story["events"][1], "id": f"v{n}", "independent_sources": 40 - n} for n in range(30)]
    events = build_context(story)["events"]
    assert events["total"] == 30 and events["hidden"] == 30 - ROWS_SHOWN
    assert [r["more"] for r in events["rows"]] == [False] * ROWS_SHOWN + [True] * (30 - ROWS_SHOWN)
    page = render_report(story)
    assert page.count('class="more"') == 30 - ROWS_SHOWN and "show all 30 events" in page
    paged = build_context(story, Paging(size=10))
    assert len(paged["events"]["rows"]) == 10 and paged["pages"]["events"]["pages"] == 3


def test_sectioned_briefing_reads_lead_agreed_disputed_single_source() -> None:
    context = build_context(story_with_events())
    briefing = context["briefing"]
    assert briefing["lead"]["claim"] == "a1:c0" and [c["label"] for c in briefing["lead"]["chips"]] == [
        "Daily Example", "Example Times", EVIL]
    assert briefing["facts"] == [{"label": "What", "value": "close (Elm Street bridge)"},
                                 {"label": "When", "value": "5 January 2026"}]
    assert [s["claim"] for s in briefing["agreed"]] == ["a2:c0"] and briefing["sentences"] == []
    assert [c["label"] for c in briefing["disputed"][0]["chips"]] == ["Daily Example", "Example Times"]
    assert briefing["single_source"][0]["claim"] == "a2:c2"
    page = render_report(story_with_events())
    assert page.index('<p class="lead">') < page.index("What the outlets agree on") < page.index(
        "What they dispute") < page.index("Notable single-source facts")
