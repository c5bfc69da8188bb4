"""Which two claims are about the same thing: the same event, or the same subject and aspect.

A conflict is only ever reported between aligned claims. Two claims are aligned when
- the events layer says they state one cross-document event (`story.results["events"]`, when that stage
  ran), or
- they name a common story entity (or, when one names none, their articles share two) AND share a main
  predicate: the root verb of the claim (or of the clause
  a reporting verb governs: "X said the army withdrew" is about "withdraw"), its conjuncts, or under a
  copula the noun or adjective it predicates ("the reaction was restrained": "reaction", "restrained").
  Derived forms count as one predicate family (react / reaction, indict / indictment: one stem a prefix
  of the other). Reporting verbs never align two claims on their own: "X said" and "Y said" are two facts.

The frame of a claim comes from the spaCy parse its article's stages already made (the claim's tokens in its
paragraph's Doc, `text.parse.block_at`); a paragraph the parse cache no longer holds (an article read from the
store) is parsed again, the same way, so a claim's frame never depends on where its article came from.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storylens.stages.compare.claimindex import ClaimRef
from storylens.text.parse import block_at, parse
from storylens.text.stems import stem

# Verbs that report rather than state: the aspect of "X said Y happened" is what happened.
REPORTING = frozenset("say tell report announce add claim state write note argue insist explain confirm "
                      "acknowledge allege suggest contend assert believe think".split())
# Verbs too general to tell two facts apart ("is", "has", "made"): under them the complement is the aspect.
LIGHT = frozenset("be have do make get take go come give put seem become deal".split())
# Governing verbs that deny the action under them ("refused to testify", "avoided issuing").
DENYING = frozenset("refuse decline avoid fail deny reject".split())
NEVER = frozenset(("never", "hardly", "barely", "scarcely"))
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Claims naming nobody ("About 40 tonnes leaked") are about the story's subject when their articles share
# this many story entities, as reports of one story do.
SHARED_ARTICLE_NAMES = 2
MIN_FAMILY_STEM = 5  # a stem at least this long may be a prefix of a derived form (react -> reaction)


@dataclass(frozen=True)
class Predicate:
    """One main predicate of a claim: its lemma, whether it is denied, its token and its subject's span."""

    lemma: str
    negated: bool
    token: int  # index in the frame's doc
    subject: tuple[int, int] | None  # character offsets of the subject's head (with compounds) in the claim text
    subject_phrase: tuple[int, int] | None = None  # ... of the whole subject phrase ("Kestrine's response")


@dataclass(frozen=True)
class Frame:
    """What a claim states, from its parse: its main predicates and the parse itself."""

    predicates: tuple[Predicate, ...]
    doc: Any  # spacy.tokens.Doc of the claim's text

    @property
    def lemmas(self) -> frozenset[str]:
        """Lemmas of the main predicates."""
        return frozenset(p.lemma for p in self.predicates)


FRAME_CACHE_SIZE = 8192
_claim_frames: OrderedDict[tuple[Any, ...], Frame] = OrderedDict()


@lru_cache(maxsize=FRAME_CACHE_SIZE)
def frame_of(text: str) -> Frame:
    """The frame of a text parsed on its own (cached); claims of an article use `claim_frame`."""
    return _frame(parse(text))


def claim_frame(claim: ClaimRef) -> Frame:
    """The frame of a claim, from its article's parse (cached: one claim meets many candidate partners)."""
    article, span = claim.article, claim.span
    key = (article.text, tuple((h.start, h.end) for h in article.layer("headings")), span.start, span.end)
    frame = _claim_frames.get(key)
    if frame is None:
        frame = _claim_frames[key] = _frame(claim_doc(claim))
        if len(_claim_frames) > FRAME_CACHE_SIZE:
            _claim_frames.popitem(last=False)
    else:
        _claim_frames.move_to_end(key)
    return frame


def claim_doc(claim: ClaimRef) -> Any:
    """The claim's tokens as a Doc of their own, parsed in their paragraph: offsets count from the claim's
    start and a token whose head lies outside the claim becomes a root (the clause "the council voted" of
    "The mayor resigned, and the council voted"). A claim not on token boundaries is parsed on its own."""
    block = block_at(claim.article, claim.span.start, claim.span.end)
    span = None if block is None else block.doc.char_span(claim.span.start - block.start,
                                                           claim.span.end - block.start)
    if span is None:
        return parse(claim.text)
    doc = span.as_doc()
    for token in span:
        if not span.start <= token.head.i < span.end and doc[token.i - span.start].head.i == token.i - span.start:
            doc[token.i - span.start].dep_ = "ROOT"
    return doc


def _frame(doc: Any) -> Frame:
    """The main predicates of a parsed claim."""
    mains = []
    for head in (t for t in doc if t.dep_ == "ROOT"):
        mains.append(head)
        if head.lemma_.lower() in REPORTING:
            mains += [c for c in head.children if c.dep_ in ("ccomp", "xcomp")]
    mains += [c for m in list(mains) for c in m.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    return Frame(tuple(p for token in mains for p in _predicates(token)), doc)


def _predicates(token: Any) -> list[Predicate]:
    """The verb itself, or under a copula / light verb the noun or adjective it predicates."""
    lemma = token.lemma_.lower()
    denied = any(c.dep_ == "neg" or c.lower_ in NEVER for c in token.children)
    subject, phrase = _subject(token), _subject_phrase(token)
    if lemma in DENYING:
        # "refused to testify": the event is "testify", denied.
        under = [c for c in token.children if c.dep_ == "xcomp"]
        return [Predicate(c.lemma_.lower(), True, c.i, subject, phrase) for c in under] or [
            Predicate(lemma, denied, token.i, subject, phrase)]
    if lemma in LIGHT or token.pos_ == "AUX":
        return [Predicate(c.lemma_.lower(), denied, c.i, subject, phrase) for c in token.children
                if c.dep_ in ("attr", "acomp", "dobj") and c.pos_ in ("NOUN", "ADJ")]
    return [Predicate(lemma, denied, token.i, subject, phrase)]


def _subject(token: Any) -> tuple[int, int] | None:
    """The subject's head word with its compounds ("Chief Justice Roberts"; of "a lawyer for Mrs. Vale" only
    "lawyer"), of the verb or of its governing verb ("X refused to go")."""
    for candidate in (token, token.head):
        found = [c for c in candidate.children if c.dep_ in SUBJECT_DEPS]
        if found:
            words = [found[0], *(c for c in found[0].children if c.dep_ in ("compound", "flat"))]
            return min(w.idx for w in words), max(w.idx + len(w.text) for w in words)
    return None


def _subject_phrase(token: Any) -> tuple[int, int] | None:
    """The whole subject phrase of a verb (or of its governing verb)."""
    for candidate in (token, token.head):
        found = [c for c in candidate.children if c.dep_ in SUBJECT_DEPS]
        if found:
            words = list(found[0].subtree)
            return words[0].idx, words[-1].idx + len(words[-1].text)
    return None


def same_family(a: str, b: str) -> bool:
    """Whether two predicate lemmas are one word family (equal stems, or a long stem prefixing the other)."""
    sa, sb = stem(a.lower()), stem(b.lower())
    if sa == sb:
        return True
    short, long_ = sorted((sa, sb), key=len)
    return len(short) >= MIN_FAMILY_STEM and long_.startswith(short)


def shared_predicates(a: Frame, b: Frame) -> list[tuple[Predicate, Predicate]]:
    """Pairs of main predicates, one per frame, of one word family (reporting verbs left out)."""
    return [(p, q) for p in a.predicates for q in b.predicates
            if p.lemma not in REPORTING and q.lemma not in REPORTING and same_family(p.lemma, q.lemma)]


class Alignment:
    """Decides whether two claims of a story are about the same event, or the same subject and aspect."""

    def __init__(self, subjects: Any, events: list[dict[str, Any]] | None = None):
        self.subjects = subjects
        self.events_of: dict[str, set[str]] = {}
        for event in events or []:
            for mention in event.get("mentions", []):
                if mention.get("claim"):
                    self.events_of.setdefault(mention["claim"], set()).add(event["id"])

    def same_event(self, a: ClaimRef, b: ClaimRef) -> bool:
        """Both claims state one cross-document event (from the events layer; False without one)."""
        return bool(self.events_of.get(a.id, set()) & self.events_of.get(b.id, set()))

    def about_one_subject(self, a: ClaimRef, b: ClaimRef) -> bool:
        """The claims name a common story entity, or (when one names none) their articles share two."""
        ours, theirs = self.subjects.of_claim(a), self.subjects.of_claim(b)
        if ours and theirs:
            return bool(ours & theirs)
        shared = self.subjects.of_article(a.article.id) & self.subjects.of_article(b.article.id)
        return len(shared) >= SHARED_ARTICLE_NAMES

    def aligned(self, a: ClaimRef, b: ClaimRef) -> list[tuple[Predicate, Predicate]]:
        """The predicate pairs two claims are aligned on (empty when they are not aligned)."""
        shared = shared_predicates(claim_frame(a), claim_frame(b))
        if shared and (self.same_event(a, b) or self.about_one_subject(a, b)):
            return shared
        return []

    def subject_entities(self, a: ClaimRef, p: Predicate) -> set[str]:
        """Story entities named anywhere in a predicate's subject phrase ("Kestrine's response": Kestrine)."""
        return self.subjects.within(a, *p.subject_phrase) if p.subject_phrase else set()

    def same_subject(self, a: ClaimRef, p: Predicate, b: ClaimRef, q: Predicate) -> bool:
        """Whether two predicates have one subject: one story entity, or the same head word."""
        if p.subject is None or q.subject is None:
            return False  # an unknown subject ("it", a dropped one) never confirms a conflict
        ours = self.subjects.within(a, *p.subject)
        theirs = self.subjects.within(b, *q.subject)
        if ours and theirs:
            return bool(ours & theirs)
        ours_head, theirs_head = _head_lemma(a, p), _head_lemma(b, q)
        return ours_head is not None and ours_head == theirs_head


def _head_lemma(claim: ClaimRef, predicate: Predicate) -> str | None:
    doc = claim_frame(claim).doc
    start, end = predicate.subject or (0, 0)
    words = [t for t in doc if start <= t.idx < end]
    heads = [t for t in words if t.head not in words or t.head == t]
    lemma = heads[0].lemma_.lower() if heads else None
    # A pronoun names nobody by itself.
    return None if not heads or heads[0].pos_ == "PRON" else lemma
