"""Reasons two aligned claims that seem to disagree may both be true, so no conflict is reported.

Each guard names one general cause of false alarms read on real multi-outlet news (BASIL tuning triplets,
Multi-News clusters), none fitted to one story:
- two named sources of a figure: "the Rasmussen poll found 55 percent" / "according to a Pew survey, 39
  percent" are two measurements, not one fact told two ways;
- different voices, for a characterisation only: a speaker's judgement against the outlet's own (or another
  speaker's) is two opinions. Facts stay facts whoever states them: "the alarm never sounded, wardens said" /
  "the alarm sounded, the company said" is a conflict (the demo plants it);
- one predicate with two different agents ("Obama won 332 votes" / "he [Trump] won 306"): two events;
- different occasions: figures each dated to a different written year ("59 per cent ... for 2015" / "96% at
  the 2014 AGM");
- an increment: "another $16 billion", "an additional $200 billion" are new parts, not one quantity;
- a prediction or a hedge on the predicate one figure hangs from, not the other ("will propose ... $200
  billion" / "imposed ... $16 billion");
- a denial bound to its moment ("no charges have been filed yet", "was not immediately clear") or narrowed
  by a scope the other claim does not state ("did not find his scent near other apartments").
"""

from __future__ import annotations

import re
from typing import Any

from storylens.stages.compare.claimindex import ClaimRef
from storylens.stages.story.alignment import REPORTING, Predicate, claim_frame, same_family

# Reporting verbs whose subject is the speaker of the clause they govern (the alignment's list, plus
# testimony and findings: "the poll found", "the detective testified").
ATTRIBUTING = REPORTING | frozenset("testify find show estimate predict warn".split())
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
INCREMENT = frozenset(("another", "additional", "further", "extra", "more"))
MODALS = frozenset(("will", "would", "may", "might", "could", "should", "'ll", "must"))
PLANNING = frozenset("plan propose expect intend seek hope want consider threaten schedule".split())
MOMENT_BOUND = re.compile(r"\b(yet|so far|immediately|still|as of)\b", re.IGNORECASE)
# Prepositions that narrow where/when/to what a denial holds ("not ... near other apartments").
SCOPING_PREPS = frozenset("near at in on inside outside before after during since until from to with "
                          "against about for over under".split())
PRONOUNS = frozenset("he she it they we i you this that who which".split())


def speaker(claim: ClaimRef) -> str:
    """Who asserts the claim: "outlet" for the outlet's own voice, else the speaker's surname (folded), or
    "?<claim id>" for an unnamed speaker (two unnamed speakers are never assumed to be one)."""
    index = claim.span.attrs.get("quote")
    quotes = claim.article.layer("quotes")
    if index is not None and 0 <= index < len(quotes):
        attrs = quotes[index].attrs
        name = attrs.get("speaker_name") or attrs.get("speaker_text") or ""
        return _surname(name) or f"?{claim.id}"
    reported = _reporting_subject(claim)
    return reported if reported is not None else "outlet"


def _surname(name: str) -> str:
    words = [w for w in re.findall(r"[\w'-]+", name.lower()) if w not in PRONOUNS]
    return words[-1] if words else ""


def _reporting_subject(claim: ClaimRef) -> str | None:
    """The subject of the claim's root when it is a reporting verb governing a clause ("Pew found that ...",
    "Detective Gardner says the dog ..."): that subject is the speaker."""
    doc = claim_frame(claim).doc
    for root in (t for t in doc if t.dep_ == "ROOT"):
        if root.lemma_.lower() not in ATTRIBUTING or not any(c.dep_ in ("ccomp", "xcomp") for c in root.children):
            continue
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            head = subjects[0]
            words = [head, *(c for c in head.children if c.dep_ in ("compound", "flat"))]
            name = " ".join(w.text for w in sorted(words, key=lambda w: w.i))
            return _surname(name) or f"?{claim.id}"
    return None


def same_voice(a: ClaimRef, b: ClaimRef) -> bool:
    """Both in the outlets' own voice, or both the words of one speaker."""
    return speaker(a) == speaker(b)


def written_years(claim: ClaimRef) -> set[str]:
    """Years written out in the claim's time expressions ("for 2015", "at the 2014 AGM")."""
    text = claim.article.text
    return {y for t in claim.times for y in YEAR.findall(text[t.start : t.end])}


def different_years(a: ClaimRef, b: ClaimRef) -> bool:
    """Each claim writes out a year and no year is shared: two occasions."""
    ours, theirs = written_years(a), written_years(b)
    return bool(ours and theirs and not ours & theirs)


def increment(claim: ClaimRef, number: dict[str, Any]) -> bool:
    """The figure is an added part: "another $16 billion", "an additional 200 troops"."""
    before = re.findall(r"[a-z]+", claim.article.text[max(0, number["start"] - 24) : number["start"]].lower())
    return bool(INCREMENT & set(before[-2:]))


def figure_unasserted(claim: ClaimRef, number: dict[str, Any]) -> bool:
    """The predicate a figure hangs from is predicted, hedged or planned ("will propose ... $200 billion")."""
    token = _figure_token(claim, number)
    if token is None:
        return False
    for verb in (t for t in token.ancestors if t.pos_ in ("VERB", "AUX")):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS for c in verb.children):
            return True
        if verb.lemma_.lower() in PLANNING or any(c.lower_ == "possible" for c in verb.children):
            return True
    return False


def moment_bound(claim: ClaimRef) -> bool:
    """The claim's denial holds at its moment only ("have not been filed yet", "not immediately clear")."""
    return bool(MOMENT_BOUND.search(claim.text))


def narrowed(denying: ClaimRef, d: Predicate, stating: ClaimRef) -> bool:
    """The denial is narrowed by a scope the stating claim does not share: an object or a place modified by
    "other" ("near other apartments"), or a prepositional phrase whose object the stating claim never names."""
    doc = claim_frame(denying).doc
    token = doc[d.token]
    stated = {t.lemma_.lower() for t in claim_frame(stating).doc}
    # The scope may hang on the verb or on its object ("did not find the scent ... near other apartments").
    objects = [c for c in token.children if c.dep_ in ("dobj", "attr")]
    for child in [*token.children, *(c for o in objects for c in o.children)]:
        nouns = [child] if child.dep_ in ("dobj", "attr") else []
        if child.dep_ == "prep" and child.lower_ in SCOPING_PREPS:
            nouns = [g for g in child.children if g.dep_ == "pobj"]
            if any(n.lemma_.lower() not in stated and n.pos_ in ("NOUN", "PROPN") for n in nouns):
                return True
        if any(c.lower_ == "other" for n in nouns for c in n.children):
            return True
    return False


def objects_differ(a: ClaimRef, p: Predicate, b: ClaimRef, q: Predicate) -> bool:
    """Both predicates take a direct object and the two objects are different things ("did not sign the
    bill" / "signed the order")."""
    one = [c for c in claim_frame(a).doc[p.token].children if c.dep_ == "dobj"]
    other = [c for c in claim_frame(b).doc[q.token].children if c.dep_ == "dobj"]
    if not one or not other:
        return False
    lemmas = {t.lemma_.lower() for t in one[0].subtree} - PRONOUNS
    return one[0].lemma_.lower() not in {t.lemma_.lower() for t in other[0].subtree} and not (
        lemmas & {t.lemma_.lower() for t in other[0].subtree if t.pos_ in ("NOUN", "PROPN")})


def _figure_token(claim: ClaimRef, number: dict[str, Any]) -> Any:
    doc = claim_frame(claim).doc
    start = number["start"] - claim.span.start
    return next((t for t in doc if t.idx <= start < t.idx + len(t.text)), None)


def _figure_verb(claim: ClaimRef, number: dict[str, Any]) -> Any:
    token = _figure_token(claim, number)
    return next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None) if token is not None else None


def figure_agents(claim: ClaimRef, number: dict[str, Any], subjects: Any) -> set[str]:
    """Story entities that are the subject of the verb a figure hangs from ("Obama won 332 votes"); a
    pronoun subject stands for the claim's one named person, when it names exactly one."""
    verb = _figure_verb(claim, number)
    found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if verb is not None else []
    if not found:
        return set()
    head = found[0]
    if head.lower_ in PRONOUNS:
        people = {e for e in subjects.of_claim(claim) if e.startswith("person:")}
        return people if len(people) == 1 else set()
    words = list(head.subtree)
    return subjects.within(claim, words[0].idx, words[-1].idx + len(words[-1].text))


def figure_source(claim: ClaimRef, number: dict[str, Any]) -> frozenset[str]:
    """Proper names of who found or reported a figure: the subject of a finding or reporting verb above it
    ("the Rasmussen poll, which found 55 percent") or the object of "according to" ("According to a Pew
    Research Center survey, 39 percent")."""
    token = _figure_token(claim, number)
    if token is None:
        return frozenset()
    names: set[str] = set()
    # Any ancestor, not only verbs: the parser may tag a clause's root oddly ("39 percent back X" as ADP).
    for verb in token.ancestors:
        for child in verb.children:
            phrase: list[Any] = []
            if child.dep_ in ("nsubj", "nsubjpass") and verb.pos_ == "VERB" and verb.lemma_.lower() in ATTRIBUTING:
                holder = verb.head if child.lower_ in ("which", "that", "who") and verb.dep_ == "relcl" else child
                phrase = list(holder.subtree) if holder is child else [holder, *holder.children]
            elif child.dep_ == "prep" and child.lower_ == "according":
                phrase = [w for c in child.children for w in c.subtree]
            names.update(w.lower_ for w in phrase if w.pos_ == "PROPN")
    return frozenset(names)


def different_sources(a: ClaimRef, x: dict[str, Any], b: ClaimRef, y: dict[str, Any]) -> bool:
    """Both figures name who found them, and the names share nothing (two polls, two counts)."""
    ours, theirs = figure_source(a, x), figure_source(b, y)
    return bool(ours and theirs and not ours & theirs)


def different_agents(a: ClaimRef, x: dict[str, Any], b: ClaimRef, y: dict[str, Any], subjects: Any) -> bool:
    """Both figures hang from one predicate whose subjects are known story entities, none shared ("Obama won
    332" / "he [Trump] won 306": two events). Different predicates may share one thing from two sides ("took
    the 35-word oath" / "administered the 38-word oath")."""
    verb_a, verb_b = _figure_verb(a, x), _figure_verb(b, y)
    if verb_a is None or verb_b is None or not same_family(verb_a.lemma_.lower(), verb_b.lemma_.lower()):
        return False
    ours, theirs = figure_agents(a, x, subjects), figure_agents(b, y, subjects)
    return bool(ours and theirs and not ours & theirs)
