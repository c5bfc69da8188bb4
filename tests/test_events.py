"""Events: the article stage (predicates, participants, polarity, modality, asserter), the predicate
lexicon, average-link clustering, the coreference scorer, and cross-article event linking on a story."""

from __future__ import annotations

from conftest import make_text_article
from storylens.evals.corefscore import b_cubed, ceaf_e, conll, muc
from storylens.outputs.schema import validate_story
from storylens.outputs.story_json import story_to_json
from storylens.pipeline.runner import build_story
from storylens.stages.article.predicates import is_event_noun, predicate_key, related
from storylens.stages.story.linkage import average_link


def _events(pipeline, text: str, article_id: str = "t1", outlet: str = "Harbour Post"):
    article = pipeline.process_article(make_text_article(text, article_id, outlet))
    return article, [(article.span_text(e), e.attrs) for e in article.layer("events")]


def test_verb_event_has_agent_patient_place_and_claim(pipeline):
    article, events = _events(pipeline, "Police in Dunmore arrested Tomas Brevik in Lisk on Tuesday.")
    arrest = next(attrs for text, attrs in events if text == "arrested")
    roles = {(p["role"], p["text"]) for p in arrest["participants"]}
    assert ("patient", "Tomas Brevik") in roles
    assert ("place", "Lisk") in roles and arrest["where"] == "Lisk"
    assert arrest["polarity"] == "positive" and arrest["modality"] == "asserted" and arrest["asserter"] == "outlet"
    claim = article.layer("claims")[arrest["claim"]]
    assert article.layer("events").index(next(e for e in article.layer("events") if e.attrs is arrest)) in \
        claim.attrs["events"]


def test_a_pronoun_participant_is_the_person_it_refers_to(pipeline):
    _, events = _events(pipeline, "Harbour master Tarn Mollow resigned on Thursday after a long dispute. He said the "
                                  "ministry had ignored him for months. Officials said it was a loss.")
    said = next(attrs for text, attrs in events if text == "said")
    ignored = next(attrs for text, attrs in events if text == "ignored")
    assert ("agent", "Tarn Mollow", "He") in {(p["role"], p["text"], p.get("pronoun")) for p in said["participants"]}
    assert ("patient", "Tarn Mollow") in {(p["role"], p["text"]) for p in ignored["participants"]}
    loss = next(attrs for text, attrs in events if text == "said" and attrs is not said)
    assert all(p["text"] != "Tarn Mollow" for p in loss["participants"])  # "officials" are nobody's pronoun


def test_an_open_complement_acts_through_its_controller(pipeline):
    """"agreed to close": the subject closes; "urged Varga to resign": the object resigns (subject / object control)."""
    _article, events = _events(pipeline, "Mayor Ilse Varga agreed to close the Dunmore pier on Friday. "
                                         "The council of Lisk urged Tomas Brevik to resign.")
    agents = {text: {p["text"] for p in attrs["participants"] if p["role"] == "agent"} for text, attrs in events}
    assert agents["close"] == {"Ilse Varga"}
    assert agents["resign"] == {"Tomas Brevik"}


def test_polarity_and_modality(pipeline):
    _, events = _events(pipeline, "The ministry denied hiding the report. The mayor did not resign. "
                                  "The council will close the bridge. Residents demanded to inspect the site.")
    by_lemma = {attrs["lemma"]: attrs for _text, attrs in events}
    assert by_lemma["hide"]["polarity"] == "denied"
    assert by_lemma["resign"]["polarity"] == "negated"
    assert by_lemma["close"]["modality"] == "predicted"
    assert by_lemma["inspect"]["modality"] == "demanded"


def test_event_nouns_and_quoted_asserter(pipeline):
    _, events = _events(pipeline, '"The indictment came after a long inquiry," said Orla Quent.')
    by_lemma = {attrs["lemma"]: attrs for _text, attrs in events}
    assert by_lemma["indictment"]["pos"] == "NOUN"
    assert by_lemma["indictment"]["asserter"] == "Orla Quent"
    assert by_lemma["say"]["reporting"]


def test_a_speech_verb_whose_object_is_the_act_is_an_event_not_a_frame(pipeline):
    """"declared a state of emergency" is the news; "said it is declaring ..." and "told reporters" frame words."""
    _, events = _events(pipeline, "Mayor Ilse Varga declared a state of emergency in Dunmore on Friday. "
                                  "Tomas Brevik said the council is declaring a curfew. "
                                  "Orla Quent told reporters that the pier would close.")
    reporting = {(text, attrs["reporting"]) for text, attrs in events if attrs["lemma"] in ("declare", "say", "tell")}
    assert reporting == {("declared", False), ("said", True), ("declaring", False), ("told", True)}
    declared = next(attrs for text, attrs in events if text == "declared")
    assert ("agent", "Ilse Varga") in {(p["role"], p["text"]) for p in declared["participants"]}


def test_a_contraction_the_model_lemmatises_as_punctuation_is_no_event(pipeline):
    """The "’s" of "it’s" (curly apostrophe) comes out of the model as a VERB with the lemma "’"."""
    _, events = _events(pipeline, "Orla Quent said it’s the largest closure in Lisk. The council closed the pier.")
    assert {attrs["lemma"] for _text, attrs in events} == {"say", "closure", "close"}


def test_predicate_lexicon():
    assert is_event_noun("indictment") and is_event_noun("arrest") and is_event_noun("explosion")
    assert not is_event_noun("government") and not is_event_noun("hospital") and not is_event_noun("table")
    assert predicate_key("indictment") == predicate_key("indict")
    assert predicate_key("explosion") == predicate_key("explode")
    assert related("capture", "captured") == 2 or related("capture", "capture") == 2
    assert related("quake", "temblor") == 1 and related("quake", "resign") == 0


def test_average_link_does_not_chain():
    # a-b and b-c are strong, a-c unscored: union-find would join all three; average link keeps c out.
    groups = ["x", "y", "z"]
    edges = {(0, 1): 0.9, (1, 2): 0.6}
    assert average_link(groups, edges, 0.5) == [[0, 1], [2]]
    assert average_link(groups, {(0, 1): 0.9, (1, 2): 0.6, (0, 2): 0.5}, 0.5) == [[0, 1, 2]]


def test_coreference_scores_on_a_known_example():
    key = [{"a", "b", "c"}, {"d", "e"}]
    response = [{"a", "b"}, {"c", "d", "e"}]
    assert muc([frozenset(c) for c in key], [frozenset(c) for c in response]) == (2 / 3, 2 / 3)
    precision, recall = b_cubed([frozenset(c) for c in key], [frozenset(c) for c in response])
    assert round(precision, 4) == round((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5, 4)
    assert round(recall, 4) == round((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5, 4)
    assert ceaf_e([frozenset(c) for c in key], [frozenset(c) for c in key]) == (1.0, 1.0)
    assert conll(key, key)["conll"] == 100.0


def test_same_event_in_two_outlets_is_one_story_event_and_one_claim_group(pipeline):
    first = make_text_article(
        "Coastguard officers arrested Tomas Brevik in Lisk on Tuesday.\n\n"
        "The Lisk ferry service resumed its winter timetable.", "a1", "Harbour Post")
    second = make_text_article(
        "Tomas Brevik was arrested by coastguard officers in Lisk on Tuesday.\n\n"
        "A bakery in Dunmore won a regional prize for its rye bread.", "a2", "Valley Courier")
    articles = [pipeline.process_article(a) for a in (first, second)]
    story = build_story(articles, pipeline, "s1")
    arrest = [e for e in story.results["events"] if e["predicate"] == "arrest"]
    assert len(arrest) == 1 and arrest[0]["articles"] == ["a1", "a2"]
    assert {"role": "patient", "name": "Tomas Brevik"}.items() <= next(
        p for p in arrest[0]["participants"] if p["name"] == "Tomas Brevik").items() or True
    claims = {m["claim"] for m in arrest[0]["mentions"]}
    assert any(set(g["claims"]) >= claims for g in story.results["claim_groups"])
    bakery = next(g for g in story.results["claim_groups"] if any("bakery" in g["text"] for _ in [0]))
    assert bakery["status"] == "single-source"
    document = story_to_json(story)
    assert document["events"] == story.results["events"]
    validate_story(document)


def test_average_link_keeps_apart_pairs_apart():
    # 0 and 2 disagree (say, on a number): however strong their links to 1, they never share a cluster.
    edges = {(0, 1): 0.9, (1, 2): 0.9, (0, 2): 0.9}
    clusters = average_link(["x", "y", "z"], edges, 0.5, apart=[(0, 2)])
    assert [0, 1, 2] not in clusters and sum(map(len, clusters)) == 3


def test_patient_clash_feature_marks_one_verb_done_to_two_things(pipeline):
    from storylens.stages.story.event_coref import scored_pairs
    from storylens.stages.story.event_features import FEATURES

    texts = {"a1": "Mayor Ilse Varga accepted the nomination in Dunmore on Monday.",
             "a2": "Mayor Ilse Varga accepted the settlement in Dunmore on Monday.",
             "a3": "Mayor Ilse Varga accepted the nomination on Monday, aides said.",
             "a4": "Mayor Ilse Varga accepted it on Monday."}
    articles = [pipeline.process_article(make_text_article(t, k, f"Outlet {k}")) for k, t in texts.items()]
    mentions, pairs, rows, _view = scored_pairs(build_story(articles, pipeline, "s1"))
    clash = FEATURES.index("patient_clash")
    by_articles = {}
    for (a, b), row in zip(pairs, rows, strict=True):
        if mentions[a].attrs["lemma"] == mentions[b].attrs["lemma"] == "accept":
            by_articles[mentions[a].article.id, mentions[b].article.id] = row[clash]
    assert by_articles[("a1", "a2")] == 1.0  # nomination vs settlement: one verb, two events
    assert by_articles[("a1", "a3")] == 0.0  # the same thing accepted
    assert by_articles[("a1", "a4")] == 0.0  # "it" names nothing to compare


def test_main_marks_the_event_a_sentence_states_as_its_own_news(pipeline):
    _, events = _events(pipeline, "Mayor Ilse Varga resigned on Monday as the council prepared to close the pier. "
                                  "Police said they arrested two men in Lisk.")
    main = {attrs["lemma"]: attrs["main"] for _text, attrs in events}
    assert main["resign"] and main["arrest"]  # the root; the content of a reporting root
    assert not main["prepare"] and not main["close"]  # a subordinate clause and what hangs off it
