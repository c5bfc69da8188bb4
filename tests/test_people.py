"""Speaker resolution through the article's people (issue 18): descriptions, gender, documents, names.

Every text is fictional; each test fails without the mechanism it names (checked against the code before it).
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from storylens.model import Article, Story
from storylens.stages.article.nlp import Block, annotate
from storylens.stages.article.quotes import _speaker_token, find_quotes
from storylens.stages.names.canonical import Mention, initials_of
from storylens.stages.names.resolve import _ner_mentions, _trim
from storylens.stages.story.entities import link_entities
from storylens.stages.story.quotes import collect_quotes


def quotes_of(text: str) -> Article:
    return find_quotes(annotate(Article(id="t", source="test", text=text, layers={"headings": []})))


def speakers(text: str) -> list[tuple[str | None, str | None]]:
    """(speaker as written, resolved name) of each quote."""
    return [(q.attrs["speaker_text"], q.attrs["speaker_name"]) for q in quotes_of(text).layer("quotes")]


def entity(text: str, surface: str) -> dict:
    article = quotes_of(text)
    return next(e.attrs for e in article.layer("entities") if article.span_text(e) == surface)


def test_a_description_resolves_to_the_person_it_was_given_to() -> None:
    text = ("Mohammad Rahim, a 32-year-old labourer, waited outside the depot. Officials gave no answers. "
            "\"We were never paid,\" the labourer said.")
    assert speakers(text) == [("the labourer", "Mohammad Rahim")]


def test_a_role_is_a_description_too() -> None:
    text = 'Organizer Pella Varga said the march would go ahead. "We march at noon," the organizer said.'
    assert speakers(text)[-1] == ("the organizer", "Pella Varga")


def test_an_epithet_resolves_to_the_person_the_passage_is_about() -> None:
    text = ('Oskar Brandvold has run the ferry line for 30 years. "It was never about money," the bow-tied '
            "maverick said.")
    assert speakers(text) == [("the bow-tied maverick", "Oskar Brandvold")]


def test_an_unnamed_source_or_a_role_stays_unnamed() -> None:
    text = 'Oskar Brandvold has run the ferry line for 30 years. "The line will close," the official said.'
    assert speakers(text) == [("the official", "the official")]
    text = ("Celia Brandt, director of the agency, said samples were taken. Downstream, the harbor master has "
            "asked boat owners to keep clear of the river mouth.")
    assert speakers(text)[-1] == ("the harbor master", "the harbor master")  # a compound names a role


def test_a_name_modifying_a_noun_is_nobody_a_pronoun_means() -> None:
    text = ('Greta Lindqvist arrived early. Crews cleaned the Oskar Lund memorial. "We will not stop the work," '
            "she said.")
    assert speakers(text) == [("she", "Greta Lindqvist")]


def test_a_gendered_description_is_gender_evidence() -> None:
    text = ("Crews cleaned the harbour. Lars Berg led the march. Helga Sand, a mother of three, joined the "
            'protest. "We will be back," he said.')
    assert speakers(text) == [("he", "Lars Berg")]


def test_joint_speakers_stay_joint() -> None:
    text = "Lehla Abreder and Tomas Brennan said the ferry would not sail again this winter."
    assert speakers(text) == [("Lehla Abreder and Tomas Brennan", "Lehla Abreder and Tomas Brennan")]
    story = collect_quotes(link_entities(Story(id="s", articles=[quotes_of(text)])))
    assert story.results["quotes"][0]["speaker"]["name"] == "Lehla Abreder and Tomas Brennan"


def test_a_multi_word_surname_takes_the_full_name() -> None:
    text = 'Nadia Abu Sarif runs the bakery. "We bake at dawn," Abu Sarif said.'
    assert speakers(text) == [("Abu Sarif", "Nadia Abu Sarif")]


def test_a_job_title_before_a_name_is_a_role() -> None:
    attrs = entity("Organizer Pella Varga said the march would go ahead.", "Pella Varga")
    assert (attrs["name"], attrs["role"]) == ("Pella Varga", "Organizer")


def test_a_hyphenated_title_keeps_its_prefix() -> None:
    assert entity("Vice-President Okafor said the fund was empty.", "Okafor")["role"] == "Vice-President"


def test_an_acronym_spelled_by_an_organisations_initials_takes_its_name() -> None:
    text = "The Ministry of Coastal Affairs closed the port. MCA said the crossings would resume in May."
    assert speakers(text) == [("MCA", "Ministry of Coastal Affairs")]
    ministry = Mention(0, 10, "ORG", name="Ministry of Coastal Affairs")
    twins = [Mention(0, 10, "ORG", name="Marine Safety Board"), Mention(20, 30, "ORG", name="Mill Street Bakery")]
    assert initials_of([ministry]) == {"MCA": "Ministry of Coastal Affairs"}
    assert initials_of(twins) == {}  # two organisations spell MSB: neither is meant


def test_a_document_speaks_for_the_agent_that_released_it_and_later_ones_of_its_kind() -> None:
    text = ("A report released Monday by the Civic Ledger Institute said rents rose sharply this year. Most "
            "tenants moved, the report said.")
    assert [name for _, name in speakers(text)] == ["Civic Ledger Institute", "Civic Ledger Institute"]


def test_an_organisations_release_speaks_for_it() -> None:
    text = "The Dockworkers Union called a strike. The union's release said the pay offer was an insult."
    assert speakers(text) == [("The union's release", "Dockworkers Union")]


def test_a_tweet_speaks_for_whoever_tweeted() -> None:
    text = "The Dockworkers Union tweeted that the port was closed. A tweet on Friday said the gates were locked."
    assert speakers(text)[-1] == ("A tweet on Friday", "Dockworkers Union")


def test_a_quotation_after_a_sentence_about_a_person_is_theirs() -> None:
    text = 'Early on, Lars Berg lost two patients to overdoses. "When somebody dies, you tend to remember that."'
    assert speakers(text) == [("Lars Berg", "Lars Berg")]


def test_a_short_quoted_phrase_inside_reported_speech_is_part_of_it() -> None:
    text = "Greta Lindqvist said the crews were “very committed” to the repairs."
    assert [q.label for q in quotes_of(text).layer("quotes")] == ["indirect"]


def _doc(words: list[str], pos: list[str], deps: list[str], heads: list[int], ents: list[str] | None = None) -> Doc:
    return Doc(Vocab(), words=words, pos=pos, deps=deps, heads=heads, ents=ents)


def test_a_name_after_a_possessive_is_what_is_possessed() -> None:
    doc = _doc(["Marlowe", "’s", "Kestrine", "grew"], ["PROPN", "PART", "PROPN", "VERB"],
               ["poss", "case", "nsubj", "ROOT"], [2, 0, 3, 3])
    start, end, _role = _trim(doc, 0, 3)
    assert doc[start:end].text == "Kestrine"
    doc = _doc(["’s", "Lund", "said"], ["PART", "PROPN", "VERB"], ["case", "nsubj", "ROOT"], [1, 2, 2])
    assert doc[slice(*_trim(doc, 0, 2)[:2])].text == "Lund"  # a possessive fragment the NER kept
    doc = _doc(["Macy", "’s", "Inc.", "grew"], ["PROPN", "PART", "PROPN", "VERB"],
               ["poss", "case", "nsubj", "ROOT"], [2, 0, 3, 3])
    assert _trim(doc, 0, 3)[:2] == (0, 3)  # a company suffix is no name of its own


def test_an_all_lower_case_entity_is_no_name() -> None:
    doc = _doc(["the", "federal", "department", "said", "so"], ["DET", "ADJ", "NOUN", "VERB", "ADV"],
               ["det", "amod", "nsubj", "ROOT", "advmod"], [2, 2, 3, 3, 3], ["O", "B-ORG", "I-ORG", "O", "O"])
    assert _ner_mentions(Block(0, 0, doc)) == []


def test_a_thing_near_the_cue_is_never_the_fallback_speaker() -> None:
    # '"Go home," shouted across the pier.' parsed with no subject: the nearest word is a thing, not a speaker
    doc = _doc(["“", "Go", "home", "”", "shouted", "across", "the", "pier", "."],
               ["PUNCT", "VERB", "ADV", "PUNCT", "VERB", "ADP", "DET", "NOUN", "PUNCT"],
               ["punct", "ccomp", "advmod", "punct", "ROOT", "prep", "det", "pobj", "punct"],
               [4, 4, 1, 4, 4, 4, 7, 5, 4])
    assert _speaker_token(doc[4], list(doc[4:]), {1: 0, 2: 0}) is None


def test_who_is_asked_or_told_does_not_speak() -> None:
    text = "Lars Berg runs the depot. Drivers are asked to work longer shifts, he said."
    assert speakers(text) == [("he", "Lars Berg")]
    text = "The night crews were told by the manager that the depot would close."
    assert speakers(text) == [("the manager", "the manager")]


def test_documents_obtained_by_a_newspaper_are_not_the_newspapers_words() -> None:
    text = "According to documents obtained by the Harlow Ledger, the buyer paid in cash."
    assert speakers(text) == [("documents", "documents")]
