"""Antecedents for speaker pronouns ("..., she said"): the most salient earlier mention, Hobbs-style.

Sentences are searched backwards from the pronoun; within an earlier sentence a grammatical subject wins,
then the leftmost mention. Earlier resolved speakers count as subject mentions, so a chain of "she said"
stays with one person, and a name once referred to as "he" is never picked for "she".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from dataclasses import dataclass

from storylens.model import Article
from storylens.stages.names.namewords import person_like

ROLE_VOTES = 3  # "Ms." or "Mr." outweighs a couple of pronoun resolutions
WINDOW = 6  # sentences searched back before falling back to the nearest compatible mention
GENDER_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
GENDER_WORDS = {**GENDER_PRONOUNS, "his": "m", "himself": "m", "hers": "f", "herself": "f"}
_GENDERED = re.compile(r"\b(?:" + "|".join(GENDER_WORDS) + r")\b", re.IGNORECASE)
SENTENCE_VOTES = 2  # one sentence with a single person and "his"/"her" in it
GENDER_ROLES = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "father": "m", "spokesman": "m",
    "chairman": "m", "congressman": "m", "councilman": "m",
    "ms": "f", "mrs": "f", "miss": "f", "dame": "f", "lady": "f", "queen": "f", "princess": "f",
    "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "councilwoman": "f",
}


# The small model often calls an unfamiliar full name an organisation or a thing; such names are only used
# for he/she when no mention labelled PERSON fits.
PERSON = "PERSON"
MAYBE_PERSON = "PERSON?"
MISLABELLED = frozenset({"ORG", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP"})


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
    """Candidate antecedents of one article, in text order, with sentence positions and known genders."""

    def __init__(self, article: Article, quoted: list[tuple[int, int]], subjects: set[int]):
        self.sentence_starts = [s.start for s in article.layer("sentences")]
        # votes per name, from he/she resolutions and titles; one wrong resolution must not lock a name
        self.genders: dict[str, Counter] = defaultdict(Counter)
        self.candidates: list[Candidate] = []
        for m in article.layer("entities"):
            if any(s <= m.start < e for s, e in quoted):
                continue  # people named inside a quotation are not who is speaking
            name = str(m.attrs.get("name") or article.span_text(m))
            subject = any(pos in subjects for pos in range(m.start, m.end))
            label = MAYBE_PERSON if m.label in MISLABELLED and person_like(name) else m.label
            self.candidates.append(Candidate(m.start, label, name, subject, m.start, m.end, org=m.label == "ORG"))
            role = str(m.attrs.get("role") or "").lower().rstrip(".").split()
            if role and role[-1] in GENDER_ROLES:
                self.genders[name][GENDER_ROLES[role[-1]]] += ROLE_VOTES
        self.candidates.sort(key=lambda c: c.start)
        self._sentence_votes(article, quoted)

    def _sentence_votes(self, article: Article, quoted: list[tuple[int, int]]) -> None:
        """Gender evidence from sentences naming one person: "Kody Cook had planned a move before his death"."""
        people: dict[int, set[str]] = defaultdict(set)
        first: dict[int, int] = {}
        for c in self.candidates:
            if c.label in (PERSON, MAYBE_PERSON):
                index = self.sentence_of(c.start)
                people[index].add(c.name)
                first.setdefault(index, c.start)
        sentences = article.layer("sentences")
        for index, names in people.items():
            if len(names) != 1 or index < 0:
                continue
            end = sentences[index].end
            for match in _GENDERED.finditer(article.text, first[index], end):
                if not any(s <= match.start() < e for s, e in quoted):
                    self.genders[next(iter(names))][GENDER_WORDS[match.group().lower()]] += SENTENCE_VOTES

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence containing article offset `pos`."""
        return bisect_right(self.sentence_starts, pos) - 1

    def add(self, candidate: Candidate) -> None:
        """Add a resolved speaker as a (subject) candidate for later pronouns."""
        insort(self.candidates, candidate, key=lambda c: c.start)  # stays sorted, like append + sort

    def learn(self, name: str, pronoun: str) -> None:
        """Count the gender a resolved he/she gives a name."""
        if pronoun in GENDER_PRONOUNS:
            self.genders[name][GENDER_PRONOUNS[pronoun]] += 1

    def _fits(self, c: Candidate, pos: int, labels: set[str], gender: str | None) -> bool:
        if c.start >= pos or c.label not in labels:
            return False
        votes = self.genders.get(c.name)
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
