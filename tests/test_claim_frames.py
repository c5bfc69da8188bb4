"""A claim's frame is read from the parse its article's stages made, not from a second spaCy pass.

The article is fictional (invented town, people and events).
"""

from __future__ import annotations

import pytest
from thinc.api import NumpyOps

from storylens.ingest.readers import article_from_record
from storylens.model import Article
from storylens.stages.compare.claimindex import ClaimRef
from storylens.stages.story import alignment
from storylens.stages.story.alignment import claim_frame
from storylens.text import parse

TEXT = ("Storm damage in Velmora\n\n"
        "The mayor of Velmora resigned on Tuesday, and the council voted to close the old harbour bridge.\n\n"
        "Engineers from Ostrane said the bridge had not been inspected since 2019.")


@pytest.fixture()
def article(pipeline) -> Article:
    raw = article_from_record({"id": "velmora", "text": TEXT, "published": "2026-03-06"}, "velmora.jsonl")
    assert isinstance(raw, Article)
    done = pipeline.try_article(raw)
    assert isinstance(done, Article)
    return done


def _claims(article: Article) -> list[ClaimRef]:
    return [ClaimRef(f"{article.id}:c{i}", article, i, span) for i, span in enumerate(article.layer("claims"))]


def _summary(claim: ClaimRef) -> list[tuple[str, bool, str | None]]:
    frame = claim_frame(claim)
    return [(p.lemma, p.negated, claim.text[slice(*p.subject)] if p.subject else None) for p in frame.predicates]


@pytest.fixture(autouse=True)
def _fresh_frames() -> None:
    alignment._claim_frames.clear()


def test_block_at_gives_the_article_stages_own_doc(article) -> None:
    for block in parse.article_blocks(article):
        found = parse.block_at(article, block.start, block.start + len(block.text))
        assert found is not None and found.doc is block.doc and found.paragraph == block.paragraph


def test_frames_of_cached_articles_parse_nothing(article, monkeypatch) -> None:
    def no_parse() -> None:
        raise AssertionError("spaCy was called again")

    monkeypatch.setattr(parse, "load_nlp", no_parse)
    assert all(claim_frame(claim).doc.text == claim.text for claim in _claims(article))


def test_a_clause_of_a_split_sentence_has_its_own_root(article) -> None:
    claims = {claim.text: claim for claim in _claims(article)}
    assert "the council voted to close the old harbour bridge." in claims
    assert ("vote", False, "council") in _summary(claims["the council voted to close the old harbour bridge."])
    assert ("resign", False, "mayor") in _summary(claims["The mayor of Velmora resigned on Tuesday"])
    said = claims["Engineers from Ostrane said the bridge had not been inspected since 2019."]
    assert ("inspect", True, "bridge") in _summary(said)


def test_a_paragraph_no_longer_cached_gives_the_same_frames(article) -> None:
    cached = {claim.text: _summary(claim) for claim in _claims(article)}
    parse._cache.clear()
    alignment._claim_frames.clear()
    assert {claim.text: _summary(claim) for claim in _claims(article)} == cached


def test_spacy_multiplies_on_numpy_one_thread() -> None:
    nlp = parse.load_nlp()
    ops = {type(node.ops) for _, component in nlp.components if hasattr(getattr(component, "model", None), "walk")
           for node in component.model.walk()}
    blis = {getattr(node.ops, "use_blis", False) for _, component in nlp.components
            if hasattr(getattr(component, "model", None), "walk") for node in component.model.walk()}
    assert ops == {NumpyOps} and blis == {False}


def test_doc_text_is_built_once_per_doc() -> None:
    doc = parse.parse("The ferry from Ostrane docked at noon.")
    assert parse.doc_text(doc) == doc.text
    assert doc.user_data[parse.TEXT_KEY] is parse.doc_text(doc)
