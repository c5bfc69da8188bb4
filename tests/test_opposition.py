"""Polarity flips and opposed characterisations (the word tables behind two conflict kinds), and the
nearest-neighbour search that proposes claim pairs."""

from __future__ import annotations

import numpy as np
import pytest

from storylens.stages.compare import claimindex
from storylens.stages.compare.opposition import denial, opposed_characterisation, polarity_flip


@pytest.mark.parametrize(("a", "b", "phrase"), [
    ("The tank's leak alarm never sounded after the rupture.", "The leak alarm sounded minutes after the rupture.",
     "never sounded"),
    ("The ministry has avoided issuing a statement on the arrest.", "The ministry issued a statement on the arrest.",
     "has avoided issuing"),
    ("The mayor didn't resign on Monday.", "The mayor resigned on Monday.", "not resign"),
    ("The council refuses to publish the audit.", "The council published the audit.", "refuses to publish"),
])
def test_a_negated_statement_flips_polarity(a, b, phrase):
    assert denial(a, b) == (0, phrase)
    assert denial(b, a) == (1, phrase)


@pytest.mark.parametrize(("a", "b"), [
    # The negation governs a different verb from what the other claim states.
    ("The agency ordered the plant closed and has not said when it will reopen.",
     "The agency ordered the plant closed on Tuesday."),
    # An instruction not to do something is not a denial of it.
    ("The utility told households not to drink tap water.", "Households should use bottled water for drinking."),
    # A hyphenated compound is a name, not a negation.
    ("The do-not-drink notice stays until Friday.", "The notice on drinking water stays until Friday."),
    # Both deny.
    ("The ferry did not sail on Sunday.", "The ferry never sailed on Sunday."),
    # Both deny, an adverb on either side of the verb.
    ("The mayor did not directly answer whether the depot would close.",
     "Asked twice, the mayor did not answer directly whether the depot would close."),
    # A refusal written as a noun denies as the verb does.
    ("The keeper refused to leave the lighthouse on Friday.",
     "The keeper kept up his refusal to leave the lighthouse on Friday."),
])
def test_no_polarity_flip(a, b):
    assert not polarity_flip(a, b)


@pytest.mark.parametrize(("a", "b", "words"), [
    ("Moscow's response was notably restrained.", "Moscow reacted especially sharply to the arrest.",
     ("restrained", "sharply")),
    ("The ruling is a serious blow to the port.", "The ruling is hardly a dramatic setback for the port.",
     ("serious", "dramatic")),
    ("The launch was a success, the agency said.", "The launch was a failure, engineers said.",
     ("success", "failure")),
])
def test_opposed_characterisations(a, b, words):
    found = opposed_characterisation(a, b)
    assert found is not None
    assert (found[0].text, found[1].text) == words
    assert found[0].axis == found[1].axis and found[0].pole == -found[1].pole


def test_same_pole_characterisations_do_not_oppose():
    assert opposed_characterisation("The reaction was sharp.", "Officials reacted furiously.") is None
    assert opposed_characterisation("A serious blow.", "Not a minor problem at all.") is None


def test_hnsw_search_finds_the_exact_neighbours(monkeypatch):
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(60, 64))
    vectors = np.repeat(centres, 5, axis=0) + rng.normal(scale=0.3, size=(300, 64))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    _, exact = claimindex.nearest(vectors, 5)
    monkeypatch.setattr(claimindex, "EXACT_UP_TO", 0)
    _, approx = claimindex.nearest(vectors, 5)
    recall = np.mean([len(set(e) & set(a)) / 5 for e, a in zip(exact, approx, strict=True)])
    assert recall >= 0.95
    assert all(row[0] == i for i, row in enumerate(exact))  # each vector is its own nearest
