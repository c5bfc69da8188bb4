"""The briefing's lead (`stages/story/lead.py`) on a hand-built fictional story, no pipeline needed.

Three invented outlets report the flooding of the Marrow valley. Planted: the flood event has three independent
sources, the ferry event two (but more mentions), a vague "according to" event three; the flood's first
mention in one outlet is a headline-like fragment, in another a hedged line, so the lead must be the third
outlet's complete sentence naming who, when and where.
"""

from __future__ import annotations

from storylens.model import Article, Span, Story
from storylens.stages.compare.claimindex import ClaimIndex, ClaimRef
from storylens.stages.story.lead import (
    FIRST_PERSON,
    choose_lead,
    complete_sentence,
    facts,
    lead_worthy,
    ranked_events,
    restating,
    when_text,
)

TEXTS = {
    "a1": ["River Marrow floods the valley towns",  # a headline left in the text: no end punctuation
           "The ferry to Oskel stopped running on Friday.",
           "The ferry company said the ferry would resume next week."],
    "a2": ["The river may have flooded the lower town, according to early reports.",  # hedged
           "The Oskel ferry was halted on Friday, the operator said."],
    "a3": ["Heavy rain made the River Marrow burst its banks at Tolvey on Thursday, flooding 300 homes.",
           "Mayor Ines Cardo opened the school gym as a shelter, according to the council."],
}
OUTLETS = {"a1": "Marrow Mercury", "a2": "Tolvey Times", "a3": "Valley Voice"}


def _article(aid: str, sentences: list[str]) -> Article:
    text = " ".join(sentences)
    claims, at = [], 0
    for n, sentence in enumerate(sentences):
        start = text.index(sentence, at)
        attrs = {"hedged": aid == "a2" and n == 0, "voice": "outlet",
                 "when": {"value": "2026-04-09"} if "Thursday" in sentence else {}}
        claims.append(Span(start, start + len(sentence), "event", attrs))
        at = start + len(sentence)
    return Article(id=aid, source=f"{aid}.txt", text=text, outlet=OUTLETS[aid], title=sentences[0] if aid == "a1"
                   else None, layers={"claims": claims})


def _mention(aid: str, claim: int) -> dict:
    return {"article": aid, "start": 0, "end": 1, "text": "x", "claim": f"{aid}:c{claim}"}


def fictional_story() -> Story:
    articles = [_article(aid, sentences) for aid, sentences in TEXTS.items()]
    flood = {"id": "v0", "predicate": "flood", "mentions": [_mention("a1", 0), _mention("a2", 0), _mention("a3", 0)],
             "participants": [{"role": "agent", "name": "River Marrow", "entity": "e0"},
                              {"role": "agent", "name": "it", "entity": None},
                              {"role": "patient", "name": "home", "entity": None},
                              {"role": "other", "name": "thursday", "entity": None}],
             "when": "2026-04-09", "where": "Tolvey", "articles": ["a1", "a2", "a3"], "independent_sources": 3}
    ferry = {"id": "v1", "predicate": "stop", "mentions": [_mention("a1", 1), _mention("a1", 2), _mention("a2", 1),
                                                          _mention("a2", 1)],
             "participants": [], "when": None, "where": None, "articles": ["a1", "a2"], "independent_sources": 2}
    vague = {"id": "v2", "predicate": "accord", "mentions": [_mention("a2", 0), _mention("a3", 1), _mention("a1", 1),
                                                            _mention("a3", 1)],
             "participants": [], "when": None, "where": None, "articles": ["a1", "a2", "a3"], "independent_sources": 3}
    groups = [{"id": f"g{n}", "claims": [f"{a.id}:c{i}"], "articles": [a.id], "independent_sources": 1,
               "status": "single-source"} for n, (a, i) in enumerate((a, i) for a in articles
                                                                  for i in range(len(a.layer("claims"))))]
    story = Story(id="marrow", articles=articles)
    story.results = {"events": [ferry, vague, flood], "claim_groups": groups,
                     "sources": {a: a for a in TEXTS}}
    return story


def _lead() -> dict:
    story = fictional_story()
    group_of = {c: g for g in story.results["claim_groups"] for c in g["claims"]}
    return choose_lead(story, ClaimIndex(story), group_of)


def test_events_rank_by_independent_sources_then_mentions_and_skip_vague_predicates() -> None:
    ranked = ranked_events(fictional_story().results["events"])
    assert [e["id"] for e in ranked] == ["v0", "v1"]


def test_the_lead_is_the_most_corroborated_event_in_a_complete_sentence() -> None:
    lead = _lead()
    assert lead["event"] == "v0"
    assert lead["text"] == TEXTS["a3"][0]  # not the headline (a1) nor the hedged line (a2)
    assert lead["claim"] == "a3:c0" and lead["claims"][0] == "a3:c0"
    assert set(lead["claims"]) == {"a1:c0", "a2:c0", "a3:c0"}  # it cites every claim that reports the event
    assert lead["outlets"] == ["Valley Voice", "Marrow Mercury", "Tolvey Times"]


def test_the_lead_says_who_what_when_where() -> None:
    lead = _lead()
    assert lead["who"] == ["River Marrow"]  # the pronoun "it" is no one
    assert lead["what"] == "flood" and lead["when"] == "2026-04-09" and lead["where"] == "Tolvey"
    assert lead["when_text"] == "9 April 2026"
    assert facts({"predicate": "talk", "participants": []})["who"] == []


def test_no_lead_without_a_lead_worthy_sentence() -> None:
    story = fictional_story()
    for article in story.articles:
        for span in article.layer("claims"):
            span.label = "opinion"
    group_of = {c: g for g in story.results["claim_groups"] for c in g["claims"]}
    assert choose_lead(story, ClaimIndex(story), group_of) is None


def test_the_sentence_guard() -> None:
    assert complete_sentence("The dam held on Friday, engineers said.")
    assert complete_sentence("“We are safe,” the mayor said.")
    assert complete_sentence("300 homes were flooded.")
    assert not complete_sentence("the river remains closed to boats.")  # a clause cut from its sentence
    assert not complete_sentence("River Marrow floods the valley towns")  # a headline: no end punctuation
    assert not complete_sentence("Water returns to Tolvey.", title="Water returns to Tolvey")  # the title
    assert not complete_sentence("Sign up for our newsletter to get the latest news.")  # page furniture
    assert not complete_sentence("Related coverage:")
    assert not complete_sentence("He promptly deleted his accounts.")  # leans on the sentence before it
    # ... or on one a reader has not seen: a sequence or a comparison whose other side came earlier.
    assert not complete_sentence("The ferry company then cut its winter timetable.")
    assert not complete_sentence("Councillors in Tolvey took a different tack.")
    assert complete_sentence("Councillors took a different view from the mayor on the levy.")
    assert complete_sentence("It rained all week in Tolvey.") and complete_sentence("Hector Lund resigned.")
    assert when_text("2026-04") == "April 2026" and when_text("2026-W15-WE") == "weekend of week 15 of 2026"
    assert when_text("2026-SU") == "2026-SU"
    assert when_text("2026-04-09TEV") == "9 April 2026" and when_text(None) is None


def test_an_undated_lead_takes_a_date_only_when_two_articles_give_it() -> None:
    story = fictional_story()
    lead_claim = story.article("a3").layer("claims")[0]
    lead_claim.attrs["when"] = {}  # the lead sentence gives no date now
    story.article("a1").layer("claims")[0].attrs["when"] = {"value": "2019"}  # one other mention: another flood
    group_of = {c: g for g in story.results["claim_groups"] for c in g["claims"]}
    assert choose_lead(story, ClaimIndex(story), group_of)["when"] is None  # not the event's, from one article
    story.article("a2").layer("claims")[0].attrs["when"] = {"value": "2019"}
    assert choose_lead(story, ClaimIndex(story), group_of)["when"] == "2019"  # two articles agree


def test_of_equally_corroborated_events_the_best_told_leads() -> None:
    story = fictional_story()
    ferry = next(e for e in story.results["events"] if e["id"] == "v1")
    ferry.update(independent_sources=3, articles=["a1", "a2", "a3"])  # ties the flood, with more mentions
    assert [e["id"] for e in ranked_events(story.results["events"])] == ["v1", "v0"]
    group_of = {c: g for g in story.results["claim_groups"] for c in g["claims"]}
    lead = choose_lead(story, ClaimIndex(story), group_of)
    assert lead["event"] == "v0" and lead["text"] == TEXTS["a3"][0]  # names who, when and where; the ferry's none


def test_a_lead_is_never_in_the_first_person() -> None:
    assert FIRST_PERSON.match("I quit and am happy for the first time in years.")
    assert FIRST_PERSON.match("“We are a family,” the post read.") and FIRST_PERSON.match("Our town is flooded.")
    assert not FIRST_PERSON.match("In Tolvey the river rose.") and not FIRST_PERSON.match("Ines Cardo said we know.")
    told = ClaimIndex(fictional_story()).ref("a3:c0")
    assert lead_worthy(told, None)
    assert not lead_worthy(_with_text(told, "I saw the River Marrow burst its banks at Tolvey on Thursday."), None)


def _with_text(ref: ClaimRef, text: str) -> ClaimRef:
    """The claim as the first sentence of an article holding only `text` (same attributes)."""
    article = Article(id=ref.article.id, source="x.txt", text=text,
                      layers={"claims": [Span(0, len(text), ref.span.label, dict(ref.span.attrs))]})
    return ClaimIndex(Story(id="x", articles=[article])).claims[0]


def _lead_restated_index() -> ClaimIndex:
    """The fictional story with one-hot claim vectors: a2:c0 says the lead (a3:c0) again, nothing else repeats."""
    import numpy as np

    story = fictional_story()
    axes = {"a1:c0": 1, "a1:c1": 2, "a1:c2": 3, "a2:c0": 0, "a2:c1": 4, "a3:c0": 0, "a3:c1": 5}
    for article in story.articles:
        article.vectors["claims"] = np.eye(6)[[axes[f"{article.id}:c{i}"] for i in range(len(article.layer("claims")))]]
    return ClaimIndex(story)


def test_the_body_does_not_restate_the_lead_in_other_words() -> None:
    import numpy as np

    from storylens.stages.story.briefing import select

    index = _lead_restated_index()
    candidates = [index.position[c] for c in ("a2:c0", "a1:c1")]
    relevance = np.array([1.0, 0.8])
    lead = [index.position["a3:c0"]]
    assert select(index, candidates, relevance, 100, {})[0] == index.position["a2:c0"]
    assert select(index, candidates, relevance, 100, {}, seed=lead)[0] == index.position["a1:c1"]


def test_redundancy_weighs_as_much_whatever_the_scale_of_relevance() -> None:
    """Relevance sums four 0..1 signals; scaled or not, a sentence saying the lead again loses to a new one."""
    import numpy as np

    from storylens.stages.story.briefing import select

    index = _lead_restated_index()
    candidates = [index.position[c] for c in ("a2:c0", "a1:c1")]
    lead = [index.position["a3:c0"]]
    for scale in (1.0, 4.0):
        relevance = np.array([1.0, 0.7]) * scale
        assert select(index, candidates, relevance, 100, {}, seed=lead)[0] == index.position["a1:c1"]


def test_two_sentences_the_pair_model_finds_one_fact_are_not_both_shown() -> None:
    import numpy as np

    from storylens.stages.story.briefing import select

    story = fictional_story()
    for article in story.articles:  # every claim its own direction: cosine redundancy cannot tell them apart
        article.vectors["claims"] = np.eye(len(article.layer("claims")), 8, k=int(article.id[1]) * 2)
    index = ClaimIndex(story)
    candidates = [index.position[c] for c in ("a1:c1", "a2:c1", "a3:c1")]
    relevance = np.array([1.0, 0.9, 0.8])
    both = select(index, candidates, relevance, 100, {})
    assert index.position["a2:c1"] in both
    once = select(index, candidates, relevance, 100, {}, repeats={frozenset(("a1:c1", "a2:c1"))})
    assert index.position["a2:c1"] not in once and index.position["a3:c1"] in once
    # The lead counts as shown: a sentence repeating it is left out too.
    after_lead = select(index, candidates, relevance, 100, {}, seed=[index.position["a3:c0"]],
                        repeats={frozenset(("a3:c0", "a1:c1"))})
    assert index.position["a1:c1"] not in after_lead


def test_a_fact_another_outlet_states_too_is_not_listed_as_single_source() -> None:
    import numpy as np

    from storylens.stages.story.briefing import _echoed, _single_source

    story = fictional_story()
    index = ClaimIndex(story)
    ids = ("a1:c1", "a2:c1", "a3:c1")
    group_of = {c: {"id": f"g{n}", "independent_sources": 1, "claims": [c], "articles": [c.split(":")[0]]}
                for n, c in enumerate(ids)}
    candidates = [index.position[c] for c in ids]
    relevance = np.array([1.0, 0.9, 0.8])
    listed = [s["claim"] for s in _single_source(index, candidates, relevance, group_of, set())]
    assert listed == list(ids)
    repeats = {frozenset(("a1:c1", "a2:c1"))}  # the pair model: two outlets state one fact, grouped apart
    echoed = _echoed(index, repeats, {})
    assert echoed == {"a1:c1", "a2:c1"}
    assert [s["claim"] for s in _single_source(index, candidates, relevance, group_of, set(), echoed)] == ["a3:c1"]
    assert not _echoed(index, repeats, {"a1": "wire", "a2": "wire"})  # two copies of one wire report: one source
    # A claim giving a figure the other lacks has news of its own ("flooding 300 homes"): it stays single-source.
    story.articles[2].layers["claims"][0].attrs["numbers"] = [{"value": 300.0, "unit": "home", "start": 0, "end": 3}]
    assert _echoed(ClaimIndex(story), {frozenset(("a3:c0", "a1:c1"))}, {}) == {"a1:c1"}


def test_the_lead_sentence_names_people_as_the_story_writes_them() -> None:
    from storylens.stages.story.lead import _sentence_participants

    text = "Former mayor Tomas Brevik Jr. pleaded guilty in Lisk on Friday."
    mention = Span(text.index("pleaded"), text.index("pleaded") + 7, "event",
                   {"participants": [{"role": "agent", "text": "Tomas Brevik Jr.", "entity": True}]})
    article = Article(id="p", source="p.txt", text=text, outlet="Valley Voice",
                      layers={"claims": [Span(0, len(text), "event", {})], "events": [mention]})
    ref = ClaimIndex(Story(id="p", articles=[article])).claims[0]
    event = {"mentions": [{"claim": ref.id, "start": mention.start}],
             "participants": [{"role": "agent", "name": "Tomas Brevik Jr.", "entity": "e1"},
                              {"role": "agent", "name": "D.C. Brevik", "entity": "e2"}]}  # a mis-spanned entity
    assert [p["name"] for p in _sentence_participants(ref, event)] == ["Tomas Brevik Jr."]
    mention.attrs["participants"][0]["text"] = "Brevik"  # a surname alone: the story's first full name for it
    assert [p["name"] for p in _sentence_participants(ref, event)] == ["Tomas Brevik Jr."]


def test_the_leads_who_is_never_the_one_its_sentence_has_the_event_done_to() -> None:
    from storylens.stages.story.lead import _record

    text = "The council's vote on censuring Mayor Ilse Varga angered Lisk on Friday."
    mention = Span(text.index("censuring"), text.index("censuring") + 9, "event",
                   {"participants": [{"role": "patient", "text": "Ilse Varga", "entity": True}]})
    article = Article(id="p", source="p.txt", text=text, outlet="Valley Voice",
                      layers={"claims": [Span(0, len(text), "event", {})], "events": [mention]})
    ref = ClaimIndex(Story(id="p", articles=[article])).claims[0]
    # Pooled over the event's mentions, a loosely linked one ("Varga vowed to censure ...") made her an agent too.
    event = {"id": "v0", "predicate": "censure", "mentions": [{"claim": ref.id, "start": mention.start}],
             "participants": [{"role": "patient", "name": "Ilse Varga", "entity": "e1"},
                              {"role": "agent", "name": "Ilse Varga", "entity": "e1"}]}
    assert _record(ref, event, [ref], {}, {})["who"] == []


def _quoted_claim(text: str, quote: tuple[int, int], speaker: str | None) -> ClaimRef:
    """A one-claim story whose claim is the whole text and holds one quote with a resolved speaker."""
    article = Article(id="q", source="q.txt", text=text, outlet="Valley Voice",
                      layers={"quotes": [Span(*quote, "quote", {"speaker_name": speaker})],
                              "claims": [Span(0, len(text), "statement", {"quote": 0})]})
    return ClaimIndex(Story(id="q", articles=[article])).claims[0]


def test_a_quote_cut_from_its_speaker_reads_whole_and_passes_the_guard() -> None:
    from storylens.stages.story.briefing import _candidate, readable

    ref = _quoted_claim("“He was sitting with the ferry crew,” she said.", (0, 36), "Ines Cardo")
    assert not complete_sentence(ref.text)  # as written it leans on "she" and opens on "He"
    assert readable(ref) == "Ines Cardo: “He was sitting with the ferry crew.”"  # speaker named, end stop kept
    assert _candidate(ref, {}) and complete_sentence(readable(ref))


def test_an_outlets_sentence_with_a_quoted_phrase_is_not_put_in_the_speakers_mouth() -> None:
    from storylens.stages.story.briefing import _stands_alone, readable

    # Mixed quote styles, as outlets print them: the phrase opens curly and closes straight.
    text = "On Monday, Varga had promised that the council \u201cwill not back down\" on the pier."
    ref = _quoted_claim(text, (48, 67), "Ilse Varga")
    assert _stands_alone(text)
    assert readable(ref) == text
    assert not _stands_alone("\u201cWe will rebuild the pier.")  # one sentence out of a longer quotation


def test_reported_speech_without_quotation_marks_is_never_put_in_quotation_marks() -> None:
    from storylens.stages.story.briefing import readable

    # The writer's wording of what the mayor said: no marks, so no quotation; the pronoun becomes her name.
    text = "Varga hailed the deal as a win and, if the funds fail, she said that she would close the pier."
    ref = _quoted_claim(text, (0, len(text)), "Ilse Varga")
    assert readable(ref) == ("Varga hailed the deal as a win and, if the funds fail, Ilse Varga said that she would "
                             "close the pier.")
    assert "“" not in readable(ref)
    # Quotation marks after the attribution quote a phrase the writer reports; the words before it are still hers.
    text = "Instead, she said the pier was a \u201ctemporary\u201d fix."
    ref = _quoted_claim(text, (0, len(text)), "Ilse Varga")
    assert readable(ref) == "Instead, Ilse Varga said the pier was a \u201ctemporary\u201d fix."


def test_the_last_sentence_of_a_longer_quotation_reads_as_the_speakers_words() -> None:
    from storylens.stages.story.briefing import readable

    ref = _quoted_claim("We will rebuild it by spring,\u201d Varga said at the pier.", (0, 29), "Ilse Varga")
    assert readable(ref) == "Ilse Varga: \u201cWe will rebuild it by spring.\u201d"
    # Attributed by title, not name: the tail still goes ('..." the mayor said, ...' was kept inside the quote).
    ref = _quoted_claim('That is why we will rebuild it," the mayor said, in a video on the town site.', (0, 30),
                        "Ilse Varga")
    assert readable(ref) == "Ilse Varga: \u201cThat is why we will rebuild it.\u201d"


def test_a_sentence_that_names_its_speaker_before_an_open_quotation_reads_as_written() -> None:
    from storylens.stages.story.briefing import readable

    text = "This came after Varga wrote on Friday: \u201cWe will rebuild the pier by spring."
    ref = _quoted_claim(text, (39, len(text)), "Ilse Varga")
    assert readable(ref) == text + "\u201d"  # not 'Ilse Varga: "This came after Varga wrote ...'
    possessive = "This came after Varga's office wrote: \u201cWe will rebuild the pier by spring."
    ref = _quoted_claim(possessive, (38, len(possessive)), "Ilse Varga")
    assert readable(ref) == possessive + "\u201d"  # the apostrophe of "Varga's" opens no quotation


def test_a_first_person_sentence_from_inside_a_quotation_gets_its_speaker_or_stays_out() -> None:
    from storylens.stages.story.briefing import _candidate, readable

    text = "We will rebuild the pier by spring and reopen the ferry."  # its quote marks are on other sentences
    ref = _quoted_claim(text, (0, len(text)), "Ilse Varga")
    assert readable(ref) == "Ilse Varga: \u201cWe will rebuild the pier by spring and reopen the ferry.\u201d"
    unattributed = _quoted_claim(text, (0, len(text)), None)
    assert not _candidate(unattributed, {})  # a briefing line in the first person names who speaks


def test_the_lead_tells_the_event_its_sentence_states_as_its_own_news() -> None:
    story = fictional_story()
    a3 = next(a for a in story.articles if a.id == "a3")
    burst, flooding = a3.text.index("burst"), a3.text.index("flooding")
    # The parse's view of the sentence: "burst" is its main predicate, "flooding" hangs off it.
    a3.layers["events"] = [Span(burst, burst + 5, "event", {"lemma": "burst", "main": True}),
                           Span(flooding, flooding + 8, "event", {"lemma": "flood", "main": False})]
    flood = next(e for e in story.results["events"] if e["id"] == "v0")
    flood["mentions"][2] |= {"start": flooding, "end": flooding + 8}
    story.results["events"].append(
        {"id": "v3", "predicate": "burst", "participants": [{"role": "agent", "name": "River Marrow", "entity": "e0"}],
         "mentions": [_mention("a1", 0), _mention("a2", 0), _mention("a3", 0) | {"start": burst, "end": burst + 5}],
         "when": "2026-04-09", "where": "Tolvey", "articles": ["a1", "a2", "a3"], "independent_sources": 3})
    group_of = {c: g for g in story.results["claim_groups"] for c in g["claims"]}
    lead = choose_lead(story, ClaimIndex(story), group_of)
    assert lead["text"] == TEXTS["a3"][0]
    assert lead["event"] == "v3" and lead["what"] == "burst"  # not "flood", a clause inside the sentence
    flood["independent_sources"] = 4  # a more widely corroborated event is kept, even told in a clause
    assert choose_lead(story, ClaimIndex(story), group_of)["event"] == "v0"


def test_the_leads_who_is_whom_its_own_sentence_names() -> None:
    story = fictional_story()
    a3 = next(a for a in story.articles if a.id == "a3")
    flooding = a3.text.index("flooding")
    a3.layers["events"] = [Span(flooding, flooding + 8, "event", {"lemma": "flood", "participants": [
        {"role": "agent", "text": "Marrow", "entity": True, "start": 0, "end": 1}]})]
    flood = next(e for e in story.results["events"] if e["id"] == "v0")
    flood["mentions"][2] |= {"start": flooding, "end": flooding + 8}
    # A loosely linked mention elsewhere brought a second agent into the story event.
    flood["participants"].append({"role": "agent", "name": "Ines Cardo", "entity": "e5"})
    group_of = {c: g for g in story.results["claim_groups"] for c in g["claims"]}
    lead = choose_lead(story, ClaimIndex(story), group_of)
    assert lead["text"] == TEXTS["a3"][0]
    assert lead["who"] == ["River Marrow"]  # the sentence's agent, under the story's name for it


def test_sentences_that_state_the_leads_event_as_their_own_news_restate_it() -> None:
    story = fictional_story()
    flood = next(e for e in story.results["events"] if e["id"] == "v0")
    marrow = [{"role": "agent", "text": "Marrow", "entity": True, "start": 0, "end": 1}]
    said = {"a1": ("floods", "asserted", marrow), "a2": ("flooded", "hedged", []),
            "a3": ("flooding", "asserted", marrow)}
    for n, article in enumerate(story.articles):
        word, modality, participants = said[article.id]
        at = article.text.index(word)
        article.layers["events"] = [Span(at, at + len(word), "event", {
            "lemma": "flood", "main": True, "polarity": "positive", "modality": modality,
            "participants": participants})]
        flood["mentions"][n] |= {"start": at, "end": at + len(word)}
    group_of = {c: g for g in story.results["claim_groups"] for c in g["claims"]}
    index = ClaimIndex(story)
    lead = choose_lead(story, index, group_of)
    assert lead["claim"] == "a3:c0"
    assert restating(lead, story, index) == ["a1:c0"]  # "may have flooded" is a guess, not the lead again
    a1 = story.articles[0]
    a1.layers["events"][0].attrs["participants"] = [{"role": "agent", "text": "Ines Cardo", "entity": True}]
    assert restating(lead, story, index) == []  # someone else floods: another event told the same way


def test_without_an_agent_in_its_sentence_the_lead_names_only_pooled_agents_its_sentence_names() -> None:
    story = fictional_story()
    a3 = next(a for a in story.articles if a.id == "a3")
    flooding = a3.text.index("flooding")
    a3.layers["events"] = [Span(flooding, flooding + 8, "event", {"lemma": "flood", "participants": []})]
    flood = next(e for e in story.results["events"] if e["id"] == "v0")
    flood["mentions"][2] |= {"start": flooding, "end": flooding + 8}
    flood["participants"].append({"role": "agent", "name": "Ines Cardo", "entity": "e5"})  # not in the sentence
    group_of = {c: g for g in story.results["claim_groups"] for c in g["claims"]}
    lead = choose_lead(story, ClaimIndex(story), group_of)
    assert lead["text"] == TEXTS["a3"][0]
    assert lead["who"] == ["River Marrow"]


def test_a_sentence_whose_own_news_has_only_a_pronoun_agent_does_not_read_alone() -> None:
    from storylens.stages.story.lead import pronoun_led

    story = fictional_story()
    a1 = story.articles[0]
    she = {"role": "agent", "text": "Ines Cardo", "entity": True, "pronoun": "She"}
    cardo = {"role": "agent", "text": "Ines Cardo", "entity": True}
    # Claim 1 of a1: "She repeated ..." as the parse reads it; claim 2: "Cardo said she ...".
    a1.layers["events"] = [Span(0, 1, "event", {"main": True, "participants": [she]}),
                           Span(0, 1, "event", {"main": True, "participants": [cardo]}),
                           Span(0, 1, "event", {"main": True, "participants": [dict(she, pronoun="she")]}),
                           Span(0, 1, "event", {"main": False, "participants": [she]})]
    claims = a1.layer("claims")
    claims[1].attrs["events"], claims[2].attrs["events"], claims[0].attrs["events"] = [0], [1, 2], [3]
    index = ClaimIndex(story)
    assert pronoun_led(index.ref("a1:c1"))  # a reader cannot tell who "she" is
    assert not pronoun_led(index.ref("a1:c2"))  # "Cardo said she ...": the sentence names her
    assert not pronoun_led(index.ref("a1:c0"))  # a pronoun in a subordinate clause leads nothing
    assert not lead_worthy(index.ref("a1:c1"), None) and lead_worthy(index.ref("a1:c2"), None)  # nor leads


def test_a_sentence_a_quotation_from_before_runs_into_does_not_lead() -> None:
    runs_in = 'Help us all," said Ines Cardo, who added that "the river is still rising at Tolvey."'
    whole = 'Ines Cardo said the river was "still rising at Tolvey" on Thursday evening.'
    article = _article("a3", [runs_in, whole])
    story = Story(id="quoted", articles=[article])
    index = ClaimIndex(story)
    assert not lead_worthy(index.ref("a3:c0"), None)  # its quotation opened in the sentence before
    assert lead_worthy(index.ref("a3:c1"), None)
