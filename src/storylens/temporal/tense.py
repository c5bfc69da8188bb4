"""The tense of the clause a time expression belongs to, read from a dependency parse.

A bare "Tuesday", "March" or "June 1" is placed before or after the reference date by the verb that
governs it: "the talks ended Tuesday" (past: the latest Tuesday), "the talks resume Tuesday" / "will
resume Tuesday" / "is to resume Tuesday" (ahead: the next one). The governing verb is the first verb or
auxiliary up the expression's head chain; its tense comes from its own tag and its auxiliaries:

- future: an auxiliary "will"/"shall"/"'ll", or a to-infinitive complement ("plans to meet Monday",
  "is expected to arrive in June"): prospective;
- past: a past-tense verb or auxiliary ("met", "was held", "had agreed", "has said" as a perfect);
- present: a present-tense verb without those: with a date it tells a scheduled event ("the two leaders meet
  separately Monday", "the show opens in June": ahead, see `values.clause_direction`), except
- a verb of saying in the present ("says Tuesday", "announce Monday"): news reports a past saying: past;
- a base form with a singular noun subject ("Weakness hurt stocks on Friday"): the tagger read a past
  tense that looks like the present (hurt, cut, set, put, hit, cost, ...): past;
- None when no verb governs the expression (a heading, a noun phrase).

This module reads spaCy tokens handed to it and imports nothing from spaCy itself.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Any

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
PERFECT_AUX = frozenset({"have", "has"})
# Prepositions that place an event at a time ("met on Tuesday", "resigned in March"); "until", "by", "to",
# "through" set a limit that may lie either side of the reference, so they leave the choice to the caller.
AT_PREPS = frozenset({"in", "on", "at", "during", "around", "about", "over", "early", "late"})
SINCE_PREPS = frozenset({"since"})  # "since Jan. 13": always before the reference
# Verbs whose to-infinitive looks ahead: "plans to meet Monday", "is to resume Tuesday".
PROSPECTIVE = frozenset({"plan", "expect", "schedule", "set", "intend", "hope", "aim", "prepare", "be", "due",
                         "want", "seek", "propose", "vow", "promise", "pledge", "threaten", "go"})

Tense = Callable[[int, int], str | None]
# Verbs of saying: in the present with a date they report a past saying ("the ministry says Tuesday").
REPORTING = frozenset({"say", "tell", "report", "announce", "add", "note", "state", "claim", "confirm", "write",
                       "disclose", "acknowledge", "testify", "warn", "predict"})


def _is_verb(token: Any) -> bool:
    return token.pos_ in ("VERB", "AUX")


def governing_verb(token: Any) -> tuple[Any | None, str | None]:
    """(verb, preposition) when `token` (an expression's root) is a time adjunct of a verb, else (None, None).

    Direct ("met Tuesday") or through a preposition that places the event ("resigned in March"); a date
    under a noun or adjective ("payable Dec. 7", "the deadline of Nov. 10") is governed by no verb."""
    head = token.head
    if head is token:
        return None, None
    if _is_verb(head) and token.dep_ in ("npadvmod", "tmod", "obl", "advmod", "nmod", "dobj", "attr"):
        return head, None
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head is not head and _is_verb(head.head):
        preposition = head.lower_
        if preposition in AT_PREPS or preposition in SINCE_PREPS:
            return head.head, preposition
    return None, None


def _singular_noun_subject(verb: Any) -> bool:
    """True when the verb's subject is one singular noun ("Weakness", "The index"), not "they" or "A and B"."""
    return any(child.dep_ == "nsubj" and child.tag_ in ("NN", "NNP")
               and not any(grand.dep_ == "conj" for grand in child.children) for child in verb.children)  # fmt: skip


def verb_tense(verb: Any, depth: int = 0) -> str | None:
    """"future", "past" or "present" for a verb token with its auxiliaries; None for a non-finite one."""
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {aux.lower_ for aux in auxes}
    if words & FUTURE_AUX:
        return "future"
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and "to" in words and verb.head is not verb:
        if verb.head.lemma_.lower() in PROSPECTIVE:
            return "future"  # "plans to meet", "is to resume", "expected to arrive"
        return verb_tense(verb.head, depth + 1) if depth < 2 else None
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxes):
        return "past"
    if words & PERFECT_AUX and verb.tag_ == "VBN":
        return "past"  # "has agreed Monday": a present perfect tells a past event
    if not auxes and verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() in REPORTING:
        return "past"  # "says Tuesday": a reported saying
    if not auxes and verb.tag_ == "VBP" and _singular_noun_subject(verb):
        return "past"  # "Weakness hurt stocks Friday": "hurt" agrees with a singular subject only as a past
    if verb.tag_ in ("VBZ", "VBP") or any(aux.tag_ in ("VBZ", "VBP") for aux in auxes):
        return "present"
    return None


def span_tense(doc: Any, start: int, end: int) -> str | None:
    """Tense of the clause governing the characters [start, end) of `doc` (offsets into the doc's text)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb, preposition = governing_verb(span.root)
    if preposition in SINCE_PREPS:
        return "past"
    return verb_tense(verb) if verb is not None else None


def tense_reader(blocks: Sequence[tuple[int, Any]]) -> Tense:
    """A function (start, end) -> tense for text offsets, from parsed blocks given as (offset, doc)."""
    ordered = sorted(blocks, key=lambda block: block[0])
    starts = [offset for offset, _ in ordered]

    def tense(start: int, end: int) -> str | None:
        index = bisect.bisect_right(starts, start) - 1
        if index < 0:
            return None
        offset, doc = ordered[index]
        if end - offset > len(doc.text):
            return None
        return span_tense(doc, start - offset, end - offset)

    return tense
