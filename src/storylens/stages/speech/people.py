"""The people (and organisations) of one article, for speaker resolution: each named mention under its
canonical (fullest) name, with the gender evidence the article gives and the descriptions it gives them.

Gender evidence (votes "m"/"f" per name): a title or gendered role ("Ms.", "spokeswoman"), a gendered
description ("X, a mother of three"), a he/she the resolver has resolved to them, and his/her in a sentence
naming only them (no first-name list: none is installed). Descriptions (head lemmas):
the apposition after a name ("X, a 32-year-old labourer" -> labourer), a role kept apart from the name
("Mayor X" -> mayor), a common noun compounded with or in apposition to the name ("bespectacled professor
X", "the union's president, X"), and a copula ("X is a professor"). A description used later as a
speaker ("the labourer said") resolves to the most recent person so described. A name used as a
modifier ("the Kestrel pipeline") refers to no one a later pronoun could mean.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from storylens.model import Article, Span
from storylens.stages.names.namewords import person_like

if TYPE_CHECKING:
    from storylens.stages.article.nlp import Block

GENDER_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
GENDER_WORDS = {**GENDER_PRONOUNS, "his": "m", "himself": "m", "hers": "f", "herself": "f"}
_GENDERED = re.compile(r"\b(?:" + "|".join(GENDER_WORDS) + r")\b", re.IGNORECASE)
GENDER_ROLES = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "father": "m", "spokesman": "m",
    "chairman": "m", "congressman": "m", "councilman": "m",
    "ms": "f", "mrs": "f", "miss": "f", "dame": "f", "lady": "f", "queen": "f", "princess": "f",
    "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "councilwoman": "f",
}
# Nouns that say a described person's gender ("X, a mother of three", "her husband, X").
GENDER_NOUNS = {
    **{w: "m" for w in "man boy father son brother husband grandfather uncle nephew businessman".split()},
    **{w: "f" for w in "woman girl mother daughter sister wife grandmother aunt niece businesswoman".split()},
}
ROLE_VOTES = 3  # "Ms." or "Mr." outweighs a couple of pronoun resolutions
SENTENCE_VOTES = 2  # one sentence with a single person and "his"/"her" in it
# The small model often calls an unfamiliar full name an organisation or a thing.
MISLABELLED = frozenset({"ORG", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP"})
DESCRIBED_DEPS = ("compound", "amod", "appos")


def _head_lemma(tok: Any) -> str | None:
    """Lower-case lemma of a common noun that can describe someone ("professor"), else None."""
    return tok.lemma_.lower() if tok.pos_ == "NOUN" and tok.text[:1].islower() else None


class People:
    """Who an article names: gender votes and description heads per canonical name, modifier mentions."""

    def __init__(self, article: Article, blocks: list[Block], quoted: Quoted):
        self.article = article
        self.blocks = blocks
        self.block_starts = [b.start for b in blocks]
        self.votes: dict[str, Counter] = defaultdict(Counter)
        self.descriptions: dict[str, list[tuple[int, Span]]] = defaultdict(list)  # lemma -> (offset, mention)
        self.modifiers: set[int] = set()
        mentions = sorted(article.layer("entities"), key=lambda m: m.start)
        self._mentions = mentions
        self._mention_starts = [m.start for m in mentions]
        for m in mentions:
            self._read_mention(m)
        self._copulas()
        self._sentence_votes(quoted)
        for entries in self.descriptions.values():
            entries.sort(key=lambda e: e[0])

    def name_of(self, mention: Span) -> str:
        """Canonical name of a mention."""
        return str(mention.attrs.get("name") or self.article.span_text(mention))

    def maybe_person(self, mention: Span) -> bool:
        """Tagged a person, or a person-like full name the model mislabelled."""
        return mention.label == "PERSON" or (mention.label in MISLABELLED and person_like(self.name_of(mention)))

    def _locate(self, start: int, end: int) -> Any | None:
        """The parsed tokens covering article offsets start..end (a spaCy Span), or None."""
        k = bisect_right(self.block_starts, start) - 1
        if k < 0:
            return None
        block = self.blocks[k]
        return block.doc.char_span(start - block.start, end - block.start, alignment_mode="expand")

    def mention_at(self, pos: int) -> Span | None:
        """The entity mention covering article offset `pos`."""
        k = bisect_right(self._mention_starts, pos) - 1
        return self._mentions[k] if k >= 0 and self._mentions[k].start <= pos < self._mentions[k].end else None

    def _read_mention(self, m: Span) -> None:
        role = str(m.attrs.get("role") or "").lower().rstrip(".").split()
        if role and role[-1] in GENDER_ROLES:
            self.votes[self.name_of(m)][GENDER_ROLES[role[-1]]] += ROLE_VOTES
        if role:
            self._describe(role[-1], m.start, m)
        tokens = self._locate(m.start, m.end)
        if not tokens:
            return
        root = tokens[-1]
        if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i > root.i:
            self.modifiers.add(m.start)  # "the Kestrel pipeline": the name says what kind of pipeline
        if not self.maybe_person(m) and m.label != "ORG":
            return
        if "description_start" in m.attrs:
            described = self._locate(int(m.attrs["description_start"]), int(m.attrs["description_end"]))
            self._describe(_head_lemma(described.root) if described else None, m.start, m)
        for child in root.children:  # "bespectacled professor Schuh"
            if child.dep_ in DESCRIBED_DEPS and child.i < tokens[0].i:
                self._describe(_head_lemma(child), m.start, m)
        if root.dep_ == "appos" and root.head.i < tokens[0].i:  # "the union's president, Jane Doe"
            self._describe(_head_lemma(root.head), m.start, m)

    def _describe(self, lemma: str | None, pos: int, mention: Span) -> None:
        if lemma:
            self.descriptions[lemma].append((pos, mention))
        if lemma in GENDER_NOUNS:
            self.votes[self.name_of(mention)][GENDER_NOUNS[lemma]] += ROLE_VOTES

    def _copulas(self) -> None:
        """"X is a professor at ...": the predicate noun describes X."""
        for block in self.blocks:
            for tok in block.doc:
                if tok.lemma_ != "be":
                    continue
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                attr = next((c for c in tok.children if c.dep_ == "attr"), None)
                mention = self.mention_at(block.start + subj.idx) if subj is not None else None
                if mention is not None and attr is not None:
                    self._describe(_head_lemma(attr), mention.start, mention)

    def _sentence_votes(self, quoted: Quoted) -> None:
        """Gender evidence from sentences naming one person: "Kody Cook had planned a move before his death"."""
        text = self.article.text
        for sentence in self.article.layer("sentences"):
            k = bisect_left(self._mention_starts, sentence.start)
            here = [m for m in self._mentions[k:bisect_left(self._mention_starts, sentence.end)]
                    if self.maybe_person(m) and not quoted.covers(m.start)]
            names = {self.name_of(m) for m in here}
            if len(names) != 1:
                continue
            for match in _GENDERED.finditer(text, here[0].start, sentence.end):
                if not quoted.covers(match.start()):
                    self.votes[next(iter(names))][GENDER_WORDS[match.group().lower()]] += SENTENCE_VOTES

    def learn(self, name: str, pronoun: str) -> None:
        """Count the gender a resolved he/she gives a name."""
        if pronoun in GENDER_PRONOUNS:
            self.votes[name][GENDER_PRONOUNS[pronoun]] += 1

    def described(self, lemma: str, pos: int) -> Span | None:
        """The mention of the most recent person (or organisation) described by `lemma` before `pos`."""
        entries = self.descriptions.get(lemma)
        if not entries:
            return None
        k = bisect_left(entries, pos, key=lambda e: e[0])
        return entries[k - 1][1] if k else None


class Quoted:
    """Sorted, non-overlapping quotation ranges, asked whether an offset is inside one (by bisection)."""

    def __init__(self, ranges: list[tuple[int, int]]):
        self.ranges: list[tuple[int, int]] = []
        for start, end in sorted(ranges):  # a quotation nested in another is inside the outer one
            if self.ranges and start < self.ranges[-1][1]:
                self.ranges[-1] = (self.ranges[-1][0], max(end, self.ranges[-1][1]))
            else:
                self.ranges.append((start, end))
        self.starts = [s for s, _e in self.ranges]

    def covers(self, pos: int) -> bool:
        """True when `pos` is inside a quotation."""
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ranges[k][1]
