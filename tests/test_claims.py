"""Claims stage and the story stages over claims: groups, independent sources, conflicts, summary."""

from __future__ import annotations

import re

from storylens.ingest.readers import article_from_record
from storylens.model import Article, Span, Story
from storylens.outputs.report.context import render_report
from storylens.outputs.schema import validate_story
from storylens.outputs.story_json import story_to_json
from storylens.pipeline.build import build_pipeline
from storylens.pipeline.runner import build_story
from storylens.stages.article.claims import classify, find_hedges, make_claims
from storylens.stages.article.embed import embed_claims
from storylens.stages.story.briefing import brief
from storylens.stages.story.conflicts import find_conflicts
from storylens.stages.story.entities import link_entities
from storylens.stages.story.groups import group_claims
from storylens.stages.story.sources import group_sources
from storylens.stages.story.summary import summarise


def _article(article_id: str, outlet: str, text: str, dates: dict[str, str] | None = None) -> Article:
    """An article whose sentences (split on '. ') and day-precision dates are set by hand."""
    article = Article(id=article_id, source=f"{article_id}.txt", text=text, outlet=outlet)
    article.layers["headings"] = []
    article.layers["sentences"] = [Span(m.start(), m.end(), "sentence", {"paragraph": 0})
                                   for m in re.finditer(r"[^.]+\.", text)]
    for sentence in article.layers["sentences"]:
        while text[sentence.start] == " ":
            sentence.start += 1
    article.layers["quotes"] = []
    # Names the conflicts stage needs to tell that two claims are about the same subject.
    article.layers["entities"] = [Span(m.start(), m.end(), label, {"name": m.group(0)})
                                  for name, label in (("Kestrine", "ORG"), ("Brennock", "GPE"))
                                  for m in re.finditer(name, text)]
    article.layers["times"] = [Span(text.index(t), text.index(t) + len(t), "DATE",
                                    {"value": v, "precision": "day"}) for t, v in (dates or {}).items()]
    return embed_claims(make_claims(article))


def test_kinds_and_hedges():
    assert classify("Will the plant reopen?", False) == "question"
    assert classify("The council should resign over this.", False) == "opinion"
    assert classify("The inquiry is expected to report next month.", False) == "prediction"
    assert classify("The tank ruptured on Monday night.", False) == "event"
    assert classify("The tank ruptured, she said.", True) == "statement"
    assert find_hedges("The leak may have started earlier, reportedly.") == ["may", "reportedly"]
    assert find_hedges("The hearing is on 4 May in the town hall.") == []


def test_claims_carry_numbers_and_times():
    article = _article("a", "Post", "About 40 tonnes leaked on March 2, 2026. Crews worked all night.",
                       {"March 2, 2026": "2026-03-02"})
    first, second = article.layers["claims"]
    assert [n["value"] for n in first.attrs["numbers"]] == [40.0] and first.attrs["times"] == [0]
    assert second.attrs["times"] == [] and article.vectors["claims"].shape == (2, 512)


def test_an_attributed_sentence_is_a_statement_linked_to_its_quote():
    text = 'Crews sealed the tank on Tuesday. "The river is safe to fish again, and the water is clean," Brandt said.'
    article = _article("q", "Post", text)
    opening = text.index('"')
    article.layers["quotes"] = [Span(opening, text.index('," ') + 2, "direct", {"speaker_name": "Celia Brandt"})]
    event, statement = make_claims(article).layers["claims"]
    assert (event.label, event.attrs["voice"], event.attrs["quote"]) == ("event", "outlet", None)
    assert (statement.label, statement.attrs["voice"], statement.attrs["quote"]) == ("statement", "source", 0)
    # The claim is the whole quoted sentence, attribution included, so a reader sees who asserts it.
    assert article.span_text(statement) == text[opening:]


def _story() -> Story:
    wire = ("The regional agency ordered the chemical plant closed on Tuesday. "
            "Crews pumped water all night at Kestrine's Brennock site.")
    return Story("s", [
        _article("a", "Ledger", wire + " About 40 tonnes of solvent leaked from the tank before it was sealed."),
        _article("b", "Gazette", wire),  # the same wire copy: not an independent source
        _article("c", "Courier", "Regulators ordered the chemical plant to close on Tuesday. "
                 "Roughly 12 tonnes of solvent leaked from the damaged tank before it was sealed. "
                 "The hearing will be held on March 19, 2026. Brennock residents blame Kestrine for the smell.",
                 {"March 19, 2026": "2026-03-19"}),
        _article("d", "Herald", "A public hearing on the spill will be held on March 12, 2026. "
                 "Local bakeries reported brisk trade. Kestrine shares fell in Brennock trading.",
                 {"March 12, 2026": "2026-03-12"}),
    ])


def _run(story: Story) -> Story:
    for stage in (group_sources, link_entities, group_claims, find_conflicts, brief, summarise):
        story = stage(story)
    return story


def test_groups_count_independent_outlets_and_find_conflicts():
    story = _run(_story())
    assert story.results["sources"]["a"] == story.results["sources"]["b"]
    groups = {g["text"]: g for g in story.results["claim_groups"]}
    closure = next(g for t, g in groups.items() if "ordered the chemical plant closed" in t)
    assert set(closure["articles"]) == {"a", "b", "c"} and closure["independent_sources"] == 2
    assert closure["status"] == "corroborated"
    bakery = next(g for t, g in groups.items() if "bakeries" in t)
    assert bakery["status"] == "single-source" and bakery["independent_sources"] == 1
    kinds = {c["kind"]: c for c in story.results["conflicts"]}
    assert set(kinds) == {"number", "date"}
    assert kinds["number"]["claims"] == ["a:c2", "c:c1"]
    assert "40 tonnes" in kinds["number"]["explanation"] and "12 tonnes" in kinds["number"]["explanation"]
    assert set(kinds["date"]["values"]) == {"2026-03-19", "2026-03-12"}
    contested = {c for g in story.results["claim_groups"] if g["status"] == "contested" for c in g["claims"]}
    assert {"a:c2", "c:c1", "c:c2", "d:c0"} <= contested


def test_every_claim_in_exactly_one_group_and_summary_cites():
    story = _run(_story())
    members = [c for g in story.results["claim_groups"] for c in g["claims"]]
    assert len(members) == len(set(members)) == sum(len(a.layers["claims"]) for a in story.articles)
    summary = story.results["summary"]
    assert summary and all(item["articles"] for item in summary)
    assert "ordered the chemical plant" in summary[0]["text"] and summary[0]["group"] == "g0"


def test_first_person_in_outlet_voice_is_opinion():
    assert classify("I grew up two streets from the river, and I learned to swim in it.", False) == "opinion"
    assert classify("I am less sure the company understands what it owes this town.", False) == "opinion"


# Two fictional articles with section headings: an HTML page whose headline stayed in the text as an <h2>
# (it is the record's title, so it must not be listed again), and plain text with a subhead.
HEADED = [
    {"id": "quay", "outlet": "Quay Times", "title": "Harbour crane collapses", "published": "2026-03-04",
     "html": "<html><body><article><p>Port news live blog and updates from the quay by our reporters.</p>"
             "<h2>Harbour crane collapses</h2><p>A crane collapsed at the Portvale docks on Tuesday, injuring "
             "three workers, the port authority said in a statement.</p><h2>Inspections ordered</h2><p>The port "
             "authority ordered checks of every crane on the quay after the accident on Tuesday morning.</p>"
             "</article></body></html>"},
    {"id": "bay", "outlet": "Bay Courier", "published": "2026-03-05",
     "text": "Crane topples at Portvale quay\n\nA crane collapsed at the Portvale docks on Tuesday, and three "
             "workers were hurt, officials said.\n\nWhat happens next\n\nThe port authority will inspect every "
             "crane on the quay before berth 7 reopens next week."},
]


def test_section_headings_are_listed_as_heading_claims_and_used_nowhere_else():
    pipeline = build_pipeline()
    articles = [pipeline.process_article(article_from_record(r, r["id"])) for r in HEADED]
    data = story_to_json(build_story(articles, pipeline))
    validate_story(data)
    headings = [c for c in data["claims"] if c["kind"] == "heading"]
    # The headline "Harbour crane collapses" is a heading of the text (index 0) but listed only as the title.
    assert [(c["id"], c["text"]) for c in headings] == [("quay:h1", "Inspections ordered"),
                                                        ("bay:h0", "What happens next")]
    record = data["articles"][0]
    assert record["title"] == "Harbour crane collapses" and "Harbour crane collapses" in record["text"]
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for c in headings:
        assert texts[c["article"]][c["start"]:c["end"]] == c["text"]
        assert (c["hedged"], c["hedges"], c["numbers"], c["when"]["source"]) == (False, [], [], "none")
    for article in articles:  # the internal claims layer, read by every story stage, has no heading in it
        spans = {(h.start, h.end) for h in article.layer("headings")}
        assert spans and all((c.start, c.end) not in spans for c in article.layer("claims"))
    for article_id in texts:  # each article's claims stay in reading order, headings among them
        starts = [c["start"] for c in data["claims"] if c["article"] == article_id]
        assert starts == sorted(starts)
    heading_ids = {c["id"] for c in headings}
    used = {cid for key in ("claim_groups", "conflicts", "timeline", "summary") for item in data[key]
            for cid in item["claims"]}
    used |= {cid for s in data["briefing"]["sentences"] for cid in s["claims"]}
    assert used and not used & heading_ids
    page = render_report(data)
    assert "Inspections ordered" in page and all(f'id="claim-{cid}"' not in page for cid in heading_ids)
