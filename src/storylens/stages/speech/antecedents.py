"""Antecedents for speaker pronouns ("..., she said"): the most salient earlier mention, Hobbs-style.

Sentences are searched backwards from the pronoun; within an earlier sentence a grammatical subject wins,
then the leftmost mention. Earlier resolved speakers count as subject mentions, so a chain of "she said"
stays with one person, and a name once referred to as "he" is never picked for "she".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass

from storylens.model import Article
from storylens.stages.names.namewords import person_like
from storylens.stages.speech.people import GENDER_PRONOUNS, MISLABELLED, People, Quoted

WINDOW = 6  # sentences searched back before falling back to the nearest compatible mention


# The small model often calls an unfamiliar full name an organisation or a thing; such names are only used
# for he/she when no mention labelled PERSON fits.
PERSON = "PERSON"
MAYBE_PERSON = "PERSON?"


@dataclass(frozen=True)
class Candidate:
    """A possible antecedent: where it is, its label and canonical name, and the mention it stands for."""

    start: int
    label: str
    name: str
    subject: bool
    entity_start: int | None
    entity_end: int | None
    anonymous: bool = False
    org: bool = False  # tagged ORG by the model (a "maybe person" may still be a company)


class Antecedents:
    """Candidate antecedents of one article, in text order, with sentence positions; genders from `people`."""

    def __init__(self, article: Article, people: People, quoted: Quoted, subjects: set[int]):
        self.sentence_starts = [s.start for s in article.layer("sentences")]
        self.people = people
        self.candidates: list[Candidate] = []
        for m in article.layer("entities"):
            if quoted.covers(m.start) or m.start in people.modifiers:
                continue  # people named inside a quotation, or a name modifying a noun, are not who speaks
            name = people.name_of(m)
            subject = any(pos in subjects for pos in range(m.start, m.end))
            label = MAYBE_PERSON if m.label in MISLABELLED and person_like(name) else m.label
            self.candidates.append(Candidate(m.start, label, name, subject, m.start, m.end, org=m.label == "ORG"))
        self.candidates.sort(key=lambda c: c.start)

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence containing article offset `pos`."""
        return bisect_right(self.sentence_starts, pos) - 1

    def add(self, candidate: Candidate) -> None:
        """Add a resolved speaker as a (subject) candidate for later pronouns."""
        insort(self.candidates, candidate, key=lambda c: c.start)  # stays sorted, like append + sort

    def learn(self, name: str, pronoun: str) -> None:
        """Count the gender a resolved he/she gives a name."""
        self.people.learn(name, pronoun)

    def _fits(self, c: Candidate, pos: int, labels: set[str], gender: str | None) -> bool:
        if c.start >= pos or c.label not in labels:
            return False
        votes = self.people.votes.get(c.name)
        other = {"m": "f", "f": "m"}.get(gender or "")
        # excluded only when the other gender clearly dominates the evidence so far
        return not (votes and other and votes[other] - votes[gender or ""] >= 2)

    def find(self, pos: int, labels: set[str], pronoun: str) -> Candidate | None:
        """The antecedent of a pronoun at `pos` among candidates with one of `labels`."""
        gender = GENDER_PRONOUNS.get(pronoun)
        here = self.sentence_of(pos)
        nearest: Candidate | None = None
        by_sentence: dict[int, list[Candidate]] = {}
        # Walk back from `pos` and stop past the window: scanning every candidate for every pronoun made
        # a long text full of "he said" quadratic.
        for c in reversed(self.candidates[:bisect_left(self.candidates, pos, key=lambda c: c.start)]):
            if not self._fits(c, pos, labels, gender):
                continue
            nearest = nearest or c
            index = self.sentence_of(c.start)
            if index == here and c.subject:
                return c  # the nearest subject of the pronoun's own sentence: the loop below picks it too
            if index <= here - WINDOW:
                break
            by_sentence.setdefault(index, []).insert(0, c)
        if nearest is None:
            return None
        for index in range(here, here - WINDOW, -1):
            found = by_sentence.get(index)
            if not found:
                continue
            subjects = [c for c in found if c.subject]
            if index == here:  # same sentence: the nearest subject, else the nearest mention
                return subjects[-1] if subjects else found[-1]
            return subjects[0] if subjects else found[0]
        return nearest
