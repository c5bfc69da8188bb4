"""The `quotes` stages: quotation styles, speakers (named, pronoun, anonymous), reported speech."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from storylens.model import Article, Span, Story
from storylens.stages.article.nlp import annotate
from storylens.stages.article.quotes import _reported_clause, find_quotes
from storylens.stages.speech.quotemarks import scan_marks
from storylens.stages.story.entities import link_entities
from storylens.stages.story.quotes import collect_quotes


def quotes_of(text: str, article_id: str = "t1") -> Article:
    article = Article(id=article_id, source="test", text=text)
    article.layers["headings"] = []
    return find_quotes(annotate(article))


def found(text: str) -> list[tuple[str, str, str | None]]:
    """(kind, quoted text, speaker name) for each quote."""
    article = quotes_of(text)
    return [(q.label, article.span_text(q), q.attrs["speaker_name"]) for q in article.layer("quotes")]


@pytest.mark.parametrize(
    "text",
    [
        '"The water is not safe to drink," said Tomas Brennan.',
        "“The water is not safe to drink,” said Tomas Brennan.",
        "«The water is not safe to drink», said Tomas Brennan.",
        "„The water is not safe to drink“, said Tomas Brennan.",
        "‘The water is not safe to drink,’ said Tomas Brennan.",
    ],
)
def test_each_quotation_mark_style(text: str) -> None:
    assert found(text) == [("direct", "The water is not safe to drink", "Tomas Brennan")]


def test_offsets_cover_exactly_the_quoted_words() -> None:
    text = "Tomas Brennan told reporters: “We have waited for weeks.”"
    article = quotes_of(text)
    (quote,) = article.layer("quotes")
    assert text[quote.start : quote.end] == "We have waited for weeks."
    assert text[quote.start - 1] == "“" and text[quote.end] == "”"
    assert text[quote.attrs["speaker_start"] : quote.attrs["speaker_end"]] == "Tomas Brennan"
    assert quote.attrs["cue"] == "told"


def test_pronoun_speaker_in_the_next_sentence() -> None:
    text = 'Mayor Ines Calloway arrived at the gates. "We will not reopen," she said.'
    article = quotes_of(text)
    (quote,) = article.layer("quotes")
    attrs = quote.attrs
    assert (attrs["speaker_text"], attrs["speaker_name"], attrs["anonymous"]) == ("she", "Ines Calloway", False)
    assert text[attrs["speaker_entity_start"] : attrs["speaker_entity_end"]] == "Ines Calloway"


def test_split_quote_gives_two_spans_with_one_speaker() -> None:
    text = "Mayor Ines Calloway visited the plant. “First,” she said, “we test every well in the valley.”"
    assert found(text) == [
        ("direct", "First", "Ines Calloway"),
        ("direct", "we test every well in the valley.", "Ines Calloway"),
    ]


def test_split_quote_across_sentences() -> None:
    text = "“We tested the water,” said Tomas Brennan. “It is still brown.”"
    assert [s for _, _, s in found(text)] == ["Tomas Brennan", "Tomas Brennan"]


def test_multi_sentence_quote() -> None:
    text = '"We have waited for weeks. Nobody came. Nobody called," said Tomas Brennan.'
    assert found(text) == [("direct", "We have waited for weeks. Nobody came. Nobody called", "Tomas Brennan")]


def test_said_x_inversion_and_x_said() -> None:
    inverted = found("“The pumps are old,” said Mayor Ines Calloway.")
    plain = found("“The pumps are old,” Mayor Ines Calloway said.")
    assert inverted == plain == [("direct", "The pumps are old", "Ines Calloway")]


def test_anonymous_source_is_kept_as_written() -> None:
    article = quotes_of("“The gates stay shut until the tests are clean,” a senior official said.")
    (quote,) = article.layer("quotes")
    assert quote.attrs["anonymous"] is True
    assert quote.attrs["speaker_name"] == "a senior official"
    assert quote.attrs["speaker_entity_start"] is None


def test_according_to_is_indirect() -> None:
    text = "According to a senior official, the ministry had been warned in March."
    article = quotes_of(text)
    (quote,) = article.layer("quotes")
    assert quote.label == "indirect"
    assert article.span_text(quote) == "the ministry had been warned in March"
    assert quote.attrs["cue"] == "According to" and quote.attrs["anonymous"] is True


def test_trailing_according_to() -> None:
    text = "Mayor Ines Calloway met the engineers. The valve failed first, according to Calloway."
    assert found(text) == [("indirect", "The valve failed first", "Ines Calloway")]


def test_said_that_is_indirect() -> None:
    text = "Mayor Ines Calloway said that the city would not back down."
    article = quotes_of(text)
    (quote,) = article.layer("quotes")
    assert (quote.label, article.span_text(quote)) == ("indirect", "the city would not back down")
    assert quote.attrs["speaker_name"] == "Ines Calloway" and quote.attrs["cue"] == "said"


def test_scare_quotes_are_not_quotes() -> None:
    assert found("The so-called “rescue plan” was shelved after the vote in Lisbon.") == []


def test_unattributed_title_or_term_is_not_a_quote_but_an_unattributed_sentence_is() -> None:
    assert found("Last week's episode of “The Harbour Lights Morning Show” drew complaints.") == []
    assert found("The report blamed a “long and costly regional ferry fiasco” for the losses.") == []
    text = "“The ferries will sail again before the winter comes.” The banner hung over the gate for a week."
    assert [(kind, words) for kind, words, _ in found(text)] == [
        ("direct", "The ferries will sail again before the winter comes.")]


def test_single_quoted_word_with_a_speaker_is_a_quote() -> None:
    text = "Tomas Brennan described the vote as a “disgrace”."
    assert ("direct", "disgrace", "Tomas Brennan") in found(text)


def test_apostrophes_are_not_quote_marks() -> None:
    text = "The Smiths’ house and the mayor’s car were flooded, but nobody’s hurt."
    assert found(text) == []


def test_continuation_paragraph_keeps_the_speaker() -> None:
    text = (
        "Tomas Brennan runs the bakery on the square. “We have waited for weeks,” he said.\n\n"
        "“Now the water is brown and nobody answers the phone.”"
    )
    assert [s for _, _, s in found(text)] == ["Tomas Brennan", "Tomas Brennan"]


def test_unclosed_quote_runs_to_the_end_of_the_paragraph() -> None:
    text = (
        "Tomas Brennan told reporters: “We have waited for weeks and nobody came.\n\n"
        "“Now the water is brown and nobody answers the phone,” he said."
    )
    article = quotes_of(text)
    quotes = article.layer("quotes")
    assert article.span_text(quotes[0]) == "We have waited for weeks and nobody came."
    assert [q.attrs["speaker_name"] for q in quotes] == ["Tomas Brennan", "Tomas Brennan"]


def test_quote_opening_a_sentence_after_a_speech_verb() -> None:
    text = "Mayor Ines Calloway said what she said. “We will not reopen the plant” is a promise."
    assert ("direct", "We will not reopen the plant", "Ines Calloway") in found(text)


def test_author_first_person_is_not_a_source() -> None:
    assert found("I admit that I have not been able to read the news calmly.") == []


def test_scan_marks_keeps_nested_quotes_inside() -> None:
    text = "“He told me ‘run’ and I ran,” she said."
    assert scan_marks(text) == [(0, 28, False)]


def test_collect_quotes_links_speakers_to_story_entities() -> None:
    first = quotes_of("“The pumps are old,” said Mayor Ines Calloway.", "a1")
    second = quotes_of("Calloway’s deputy was absent. “We test daily,” said Ines Calloway.", "a2")
    story = collect_quotes(link_entities(Story("s", [first, second])))
    quotes = story.results["quotes"]
    assert [q["id"] for q in quotes] == ["a1:q0", "a2:q0"]
    entity = next(e for e in story.results["entities"] if e["name"] == "Ines Calloway")
    assert all(q["speaker"]["entity"] == entity["id"] for q in quotes)
    assert quotes[0] == {
        "id": "a1:q0", "article": "a1", "start": 1, "end": 18, "text": "The pumps are old", "kind": "direct",
        "cue": "said", "speaker": {"entity": entity["id"], "name": "Ines Calloway", "text": "Mayor Ines Calloway"},
    }


def test_collect_quotes_without_speaker() -> None:
    article = Article(id="a1", source="test", text="x")
    article.layers["quotes"] = [Span(0, 1, "direct", {"cue": None, "speaker_name": None, "speaker_text": None,
                                                      "anonymous": False})]
    story = collect_quotes(Story("s", [article], results={"entities": []}))
    assert story.results["quotes"][0]["speaker"] == {"entity": None, "name": None, "text": None}


def test_quote_continued_without_an_opening_mark() -> None:
    text = (
        'Tomas Brennan wrote to the council.\n\n"Who may use the pumps is up to the engineer on duty.\n\n'
        'based on the advice of the hydrologist," said Brennan in an email.'
    )
    article = quotes_of(text)
    quoted = [(article.span_text(q), q.attrs["speaker_name"]) for q in article.layer("quotes")]
    assert quoted[-1] == ("based on the advice of the hydrologist", "Tomas Brennan")


def test_abbreviated_title_does_not_end_the_attribution() -> None:
    text = "Ines Calloway spoke first.\n\n“The gate was open all night,” Harbour Police Lt. Tomas Brennan said."
    assert found(text)[-1] == ("direct", "The gate was open all night", "Tomas Brennan")


def test_transcript_lines_are_quotes_of_the_named_person() -> None:
    text = (
        "Ines Calloway was interviewed by Tomas Brennan.\n\n"
        "BRENNAN: When will the gates reopen?\n\nCALLOWAY: Not before every test is clean.\n\n"
        "READ MORE: Valley pumps fail again"
    )
    assert found(text) == [
        ("direct", "When will the gates reopen?", "Tomas Brennan"),
        ("direct", "Not before every test is clean.", "Ines Calloway"),
    ]


def test_reported_clause_with_a_short_quoted_phrase_is_one_quote() -> None:
    # the quoted words are what the reported clause borrows (GGT annotates one quote; issue 18)
    text = "Ines Calloway said the repair plan was “dead on arrival” after the vote."
    assert found(text) == [("indirect", "the repair plan was “dead on arrival” after the vote", "Ines Calloway")]


def test_they_refers_back_to_an_unnamed_source() -> None:
    text = (
        "Pharmacy staff said they had been asked about rashes since Tuesday. "
        "Most of the questions, they said, came from parents of young children."
    )
    article = quotes_of(text)
    last = article.layer("quotes")[-1]
    assert (last.attrs["speaker_text"], last.attrs["speaker_name"]) == ("they", "Pharmacy staff")
    assert last.attrs["anonymous"] is True


def test_title_gender_steers_the_pronoun() -> None:
    text = "Ms. Calloway met Tomas Brennan at the gates on Monday. “The pumps are broken,” he said."
    assert found(text) == [("direct", "The pumps are broken", "Tomas Brennan")]


def test_definite_role_resolves_to_the_person_with_that_role() -> None:
    text = "Mayor Ines Calloway visited the plant. Later the mayor said that the gates would stay shut."
    assert found(text) == [("indirect", "the gates would stay shut", "Ines Calloway")]


def test_unattributed_quote_in_a_heading_is_not_a_quote() -> None:
    text = "‘Is the water safe to drink?’ Valley families wait\n\nCrews worked through the night."
    article = Article(id="t1", source="test", text=text)
    article.layers["headings"] = [Span(0, 50, "heading")]
    assert find_quotes(annotate(article)).layer("quotes") == []


def test_colon_hands_the_quotation_to_the_subject_before_it() -> None:
    text = 'Later that night Okafor took to social media with this: "The vote was rigged and everyone knows it."'
    assert found(text) == [("direct", "The vote was rigged and everyone knows it.", "Okafor")]


def test_speaker_at_the_end_of_a_quotation_over_two_paragraphs_covers_both() -> None:
    text = (
        'Tomas Brennan wrote to the council.\n\n"Who may use the pumps is up to the engineer on duty.\n\n'
        'based on the advice of the hydrologist," said Brennan in an email.'
    )
    speakers = [q.attrs["speaker_name"] for q in quotes_of(text).layer("quotes")]
    assert speakers == ["Tomas Brennan", "Tomas Brennan"]


def test_less_common_speech_verbs_are_cues() -> None:
    assert found("“You are late,” Halvorsen blurted out.") == [("direct", "You are late", "Halvorsen")]


def test_the_utility_is_the_organisation_in_focus() -> None:
    text = "Kestrel Power cut supply to 3,000 homes on Monday. Crews will work through the night, the utility said."
    assert found(text) == [("indirect", "Crews will work through the night", "Kestrel Power")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Shira Pellman spoke on Monday. Her statement said the park would stay closed until spring.",
         "Shira Pellman"),
        ("The Marlow Institute report said that rents rose by a third in two years.", "Marlow Institute"),
    ],
)
def test_a_document_speaks_for_its_author(text: str, speaker: str) -> None:
    assert [name for _kind, _words, name in found(text)] == [speaker]


def test_his_and_her_in_a_one_person_sentence_steer_the_pronoun() -> None:
    text = (
        "Avery Marsh raised Rowan Pell alone. Rowan Pell had planned to move to Halden before his accident. "
        "“He was ready to go,” she said."
    )
    assert found(text) == [("direct", "He was ready to go", "Avery Marsh")]


def test_bare_surname_subject_at_a_sentence_start_is_the_person() -> None:
    # the small model tags "Woods" here as a plural noun
    text = "Dr. Oren Woods runs the clinic.\n\nWoods said he likes having nurses tend the long queue."
    assert found(text) == [("indirect", "he likes having nurses tend the long queue", "Oren Woods")]


def test_reported_clause_is_the_one_after_the_cue() -> None:
    text = "The probe set off fireworks on Friday: Republicans said they are convinced the agency mishandled the case."
    assert found(text) == [("indirect", "they are convinced the agency mishandled the case", "Republicans")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lena Merrill says Ana Machado promised to keep campaigning and said she would stand up to the attacks.",
         [("indirect", "Ana Machado promised to keep campaigning", "Lena Merrill"),
          ("indirect", "she would stand up to the attacks", "Ana Machado")]),
        ("Ines Calloway told the council that she believes the pumps must be replaced, saying that the old ones "
         "leak every winter.",
         [("indirect", "she believes the pumps must be replaced", "Ines Calloway"),
          ("indirect", "the old ones leak every winter", "Ines Calloway")]),
    ],
)
def test_reported_clause_stops_at_a_speech_verb_of_its_own(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        'Tomas Brennan and Ines Calloway met on Monday.\n\n"CALLOWAY: The gates stay shut until the tests are clean.',
        "Calloway: The gates stay shut until the tests are clean\n\nMayor Ines Calloway spoke on Monday.",
    ],
)
def test_name_and_colon_opening_a_paragraph_is_a_quote_of_that_person(text: str) -> None:
    quotes = found(text)
    assert [(kind, words.rstrip("."), name) for kind, words, name in quotes] == [
        ("direct", "The gates stay shut until the tests are clean", "Ines Calloway")]


def attributed(text: str) -> list[tuple[str, str | None, str | None]]:
    """(content, source name, cue) for each non-speech attribution."""
    article = quotes_of(text)
    return [(article.span_text(a), a.attrs["speaker_name"], a.attrs["cue"]) for a in article.layer("attributions")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mayor Ines Calloway plans to close the Vell bridge for repairs in March.",
         ("to close the Vell bridge for repairs in March", "Ines Calloway", "plans")),
        ("Councillor Tomas Brennan called for an independent audit of the water utility.",
         ("an independent audit of the water utility", "Tomas Brennan", "called")),
        ("A new Harlow poll shows that most residents oppose the toll bridge.",
         ("most residents oppose the toll bridge", "A new Harlow poll", "shows")),
        ("Brennan called the contract a disgrace.", ("the contract a disgrace", "Brennan", "called")),
    ],
)
def test_non_speech_attributions_get_content_and_source(text: str, expected: tuple) -> None:
    assert attributed(text)[0] == expected
    assert found(text) == []  # not speech: the quote list stays what people said


def test_attribution_content_drops_a_trailing_aside() -> None:
    text = "Tomas Brennan criticized the council's handling of the flood warnings, which came days late."
    assert attributed(text) == [("the council's handling of the flood warnings", "Tomas Brennan", "criticized")]


def test_intention_content_keeps_its_coordinated_verbs_and_pronoun_sources_resolve() -> None:
    text = ("Ines Calloway said the pumps were fine. "
            "She wants to reopen the gates, test every well and publish the results.")
    assert found(text) == [("indirect", "the pumps were fine", "Ines Calloway")]
    assert attributed(text) == [("to reopen the gates, test every well and publish the results", "Ines Calloway",
                                 "wants")]


@pytest.mark.parametrize(
    "text",
    [
        "Ines Calloway called an emergency meeting on Monday.",  # "call" attributes only when naming
        "Tomas Brennan released his tax returns on Friday.",
        "Tomas Brennan backed it.",  # a pronoun object names too little
        "Critics say the mayor wants to sell the bridge.",  # inside reported speech: the quote carries it
    ],
)
def test_no_attribution_without_attributed_content(text: str) -> None:
    assert attributed(text) == []


def test_quoted_words_making_up_a_reported_clause_are_one_indirect_quote() -> None:
    text = "Tomas Brennan said the plan was “a disgrace” and “a waste of everyone’s time.”"
    assert found(text) == [("indirect", "the plan was “a disgrace” and “a waste of everyone’s time", "Tomas Brennan")]


def test_collect_quotes_lists_attributions_apart() -> None:
    article = quotes_of("Mayor Ines Calloway plans to close the Vell bridge. “It is unsafe,” she said.", "a1")
    story = collect_quotes(link_entities(Story("s", [article])))
    assert [(q["id"], q["kind"]) for q in story.results["quotes"]] == [("a1:q0", "direct")]
    (attribution,) = story.results["attributions"]
    assert (attribution["id"], attribution["kind"], attribution["text"]) == (
        "a1:a0", "attribution", "to close the Vell bridge")
    assert attribution["speaker"]["name"] == "Ines Calloway"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # any verb taking a that-clause or an indirect question attributes it to its subject
        ("Councillor Tomas Brennan joked that the ferry ran on hope alone.",
         ("the ferry ran on hope alone", "Tomas Brennan", "joked")),
        ("Ines Calloway questioned whether the pumps could survive another winter.",
         ("whether the pumps could survive another winter", "Ines Calloway", "questioned")),
        # a denial is still the source's stand
        ("Ines Calloway did not want to reopen the Vell bridge before spring.",
         ("to reopen the Vell bridge before spring", "Ines Calloway", "want")),
    ],
)
def test_clausal_and_negated_attributions(text: str, expected: tuple) -> None:
    assert attributed(text) == [expected]


def test_a_nouns_that_clause_is_attributed_to_its_possessor() -> None:
    text = "Residents mocked Tomas Brennan's claim that the reservoir was never low."
    assert ("the reservoir was never low", "Tomas Brennan", "claim") in attributed(text)


def test_an_active_participle_attributes_to_the_noun_it_modifies() -> None:
    text = "Ines Calloway posted a video mocking the council's flood plan."
    assert attributed(text) == [("the council's flood plan", "a video", "mocking")]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Tomas Brennan blamed the flooding on the council at a hearing.", "the flooding on the council"),
        ("Tomas Brennan likened the toll to highway robbery during a radio interview.", "the toll to highway robbery"),
    ],
)
def test_stance_object_keeps_what_completes_it_but_not_the_setting(text: str, content: str) -> None:
    assert [a[0] for a in attributed(text)] == [content]


def test_speaker_of_a_cue_after_a_preposition_is_the_main_subject() -> None:
    text = "Ines Calloway opened the hearing by saying the dam would hold through the spring."
    assert found(text) == [("indirect", "the dam would hold through the spring", "Ines Calloway")]


def test_misparsed_that_clause_after_an_adverbial_is_still_reported() -> None:
    text = "Tomas Brennan wrote late on Sunday that the ferry contract was “rotten” and “a scandal.”"
    assert ("indirect", "the ferry contract was “rotten” and “a scandal", "Tomas Brennan") in found(text)


def test_reported_clause_drops_a_trailing_aside() -> None:
    text = "Ines Calloway said the levee held, although the river rose again on Monday."
    assert found(text) == [("indirect", "the levee held", "Ines Calloway")]


def test_quotation_ending_with_the_full_stop_stays_inside_the_object_content() -> None:
    text = "Ines Calloway called half of the ferry board “cowards.”"
    assert attributed(text) == [("half of the ferry board “cowards", "Ines Calloway", "called")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name alone is enough content, a pronoun is not (see test_no_attribution_without_attributed_content)
        ("The Harlow dockers' union endorsed Calloway.", ("Calloway", "The Harlow dockers' union", "endorsed")),
        # passive: the subject is the content, the "by" agent the source
        ("Ines Calloway was endorsed by the Harlow Gazette.", ("Ines Calloway", "Harlow Gazette", "endorsed")),
        # an attitude adjective's object or clause
        ("The Vell fishermen are wary of the new quota.", ("the new quota", "The Vell fishermen", "wary")),
        ("Tomas Brennan was sure that the pumps would hold.", ("the pumps would hold", "Tomas Brennan", "sure")),
        # a gerund object; a phrasal verb's object
        ("Tomas Brennan proposes doing away with the parking levy.",
         ("doing away with the parking levy", "Tomas Brennan", "proposes")),
        ("Ines Calloway laid out her plan for the ferry service.",
         ("her plan for the ferry service", "Ines Calloway", "laid out")),
        # an attitude voiced by a light verb: what it is about
        ("Harbour workers have expressed deep concern about the new levy.",
         ("the new levy", "Harbour workers", "expressed")),
    ],
)
def test_more_kinds_of_attributed_content(text: str, expected: tuple) -> None:
    assert attributed(text) == [expected]


def test_stance_content_stops_before_a_closing_scene_or_time() -> None:
    text = ("Former mayor Dana Whitby criticized the transit levy as a “crazy system” during a campaign stop in "
            "Harlow for her husband.")
    assert [a[0] for a in attributed(text)] == ["the transit levy as a “crazy system"]


def test_object_holding_a_short_quotation_is_the_content_of_the_speech_verb() -> None:
    text = "Ines Calloway is stressing the need to shore up the levees under “constant strain” from storms."
    assert ("the need to shore up the levees under “constant strain” from storms", "Ines Calloway",
            "stressing") in attributed(text)


def test_reporters_next_act_is_cut_from_the_reported_clause_and_attributed_apart() -> None:
    text = ("Marlow said he would order a thorough review of the harbour defences and warned against potential "
            "smugglers from the south.")
    assert found(text) == [("indirect", "he would order a thorough review of the harbour defences", "Marlow")]
    assert attributed(text) == [("potential smugglers", "Marlow", "warned")]


def test_parenthetical_cue_with_its_own_clause_reports_the_clause_before_it() -> None:
    # built by hand: whether the parser makes "said" a parenthetical with its own clause varies by sentence
    words = ["The", "repairs", "will", "take", "weeks", ",", "he", "said", ",", "and", "costs", "could", "soar", "."]
    heads = [1, 3, 3, 7, 3, 7, 7, 12, 12, 12, 12, 12, 12, 12]
    deps = ["det", "nsubj", "aux", "ccomp", "dobj", "punct", "nsubj", "parataxis", "punct", "cc", "nsubj", "aux",
            "ROOT", "punct"]
    pos = ["DET", "NOUN", "AUX", "VERB", "NOUN", "PUNCT", "PRON", "VERB", "PUNCT", "CCONJ", "NOUN", "AUX", "VERB",
           "PUNCT"]
    lemmas = [w.lower() for w in words[:7]] + ["say"] + [w.lower() for w in words[8:]]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert doc[slice(*_reported_clause(doc[7]))].text == "The repairs will take weeks"


def test_name_the_parser_took_into_an_opening_phrase_is_the_subject() -> None:
    text = ("In a meeting with the editors of the Harlow Gazette Calloway said that the ferry pact may need "
            "to be cut back.")
    ((kind, content, speaker),) = found(text)
    assert (kind, content) == ("indirect", "the ferry pact may need to be cut back")
    assert speaker is not None and speaker.endswith("Calloway")


def test_directive_content_starts_with_who_is_urged() -> None:
    text = "Mayor Ines Calloway urged residents to boil their water."
    assert found(text) == [("indirect", "residents to boil their water", "Ines Calloway")]


@pytest.mark.parametrize("text", ["0«0 «0 ", "Ada Quill said «the ferry «will» run» on Monday.", "«a «b «c"])
def test_quotation_marks_that_never_close_or_nest_do_not_fail_the_article(text: str) -> None:
    # Found by `make fuzz`: two overlapping quotations shared their tokens and one was left with none, so the
    # quotes stage failed ("min() arg is an empty sequence") and the article was stored as failed.
    article = quotes_of(text)
    for quote in article.layer("quotes"):
        assert 0 <= quote.start < quote.end <= len(article.text)
