"""Article stage `events`: event mentions read off the spaCy parse the `nlp` stage already made.

An event mention is a predicate (a verb, or an event noun: `predicates.is_event_noun`) inside a claim,
with its participants (agent, patient, others; the article's entity span and canonical name where the
participant's head word lies in one, for he / she the person it refers to; numbers with units from the
claim's `numbers`), when (the claim's `when`), where (a place entity attached by a locative preposition),
whether the sentence states it as its own news (`main`: not a subordinate clause's predicate), polarity,
modality and asserter.
Each claim gets `attrs["events"]`: indices into the `events` layer (ids `{article}:v{n}`).

One walk over the tokens of each block; participants come from each predicate's children only.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from storylens.model import Article, Span
from storylens.stages.article.nlp import Block, article_blocks
from storylens.stages.article.predicates import is_event_noun, predicate_key
from storylens.stages.article.quotes import subject_offsets
from storylens.stages.names.namewords import SPEECH_LEMMAS
from storylens.stages.speech.speakers import Resolver

WORD_LEMMA = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # letters, hyphenated or not ("re-elect")
# Verbs too general to identify an event on their own ("is", "has", "made").
LIGHT_VERBS = frozenset("be have do get make go take give come keep let seem become put".split())
AGENT_DEPS = frozenset({"nsubj", "csubj", "poss"})
PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset("in at near outside inside across on into from".split())
# Governing verbs that turn the predicate into a non-event ("denied shooting", "refused to leave").
POLARITY_HEADS = {"deny": "denied", "refuse": "refused", "decline": "refused", "avoid": "avoided",
                  "fail": "negated", "reject": "refused"}
HEDGE_MODALS = frozenset({"may", "might", "could", "can"})
PREDICT_MODALS = frozenset({"will", "would", "shall", "'ll"})
PREDICT_HEADS = frozenset({"expect", "plan", "intend", "schedule", "set", "due", "likely", "threaten", "hope"})
# Speech verbs whose direct object is the person spoken to, and the dependencies of a clause of reported words.
ADDRESSEE_VERBS = frozenset({"tell", "ask", "urge", "warn"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
DEMAND_HEADS = frozenset({"demand", "call", "urge", "ask", "insist", "order", "want", "press", "seek"})


def find_events(article: Article) -> Article:
    """Assign the `events` layer and each claim's `events` (indices into that layer)."""
    claims = article.layer("claims")
    starts = [c.start for c in claims]
    blocks = article_blocks(article)
    names = Names(article, blocks)
    events: list[Span] = []
    for claim in claims:
        claim.attrs["events"] = []
    for block in blocks:
        if block.heading:
            continue
        for token in block.doc:
            if not _is_predicate(token):
                continue
            start = block.start + token.idx
            n = bisect.bisect_right(starts, start) - 1
            if n < 0 or start >= claims[n].end:
                continue
            event = _event(article, block.start, token, claims[n], n, names)
            claims[n].attrs["events"].append(len(events))
            events.append(event)
    article.layers["events"] = events
    return article


def _is_predicate(token: Any) -> bool:
    # A token whose lemma is no word names no event: the model lemmatises the "’s" of "it’s" (curly apostrophe)
    # as "’" and tags it VERB, and every such "event" in a story would share one predicate.
    if not WORD_LEMMA.fullmatch(token.lemma_):
        return False
    if token.pos_ == "VERB":
        return token.lemma_.lower() not in LIGHT_VERBS
    return token.pos_ == "NOUN" and is_event_noun(token.lemma_)


def _event(article: Article, offset: int, token: Any, claim: Span, claim_index: int, names: Names) -> Span:
    lemma = token.lemma_.lower()
    participants = [p for child in token.children for p in _participants(child, offset, names)]
    controller = _controller(token)
    if controller is not None and not any(p["role"] == "agent" for p in participants):
        participants.insert(0, names.participant("agent", controller, offset))
    if not any(p["role"] == "place" for p in participants):
        participants += _attached_places(token, offset, names)
    left, right = offset + token.left_edge.idx, offset + token.right_edge.idx + len(token.right_edge)
    attrs = {
        "lemma": lemma,
        "key": predicate_key(lemma),
        "pos": token.pos_,
        "reporting": lemma in SPEECH_LEMMAS and not states_an_act(token),
        "claim": claim_index,
        "participants": participants,
        "numbers": [n for n in claim.attrs.get("numbers", []) if left <= n["start"] and n["end"] <= right],
        "when": (claim.attrs.get("when") or {}).get("value"),
        "where": next((p["text"] for p in participants if p["role"] == "place"), None),
        "main": _is_main(token),
        "polarity": _polarity(token),
        "modality": _modality(token, claim),
        "asserter": _asserter(article, claim),
    }
    return Span(offset + token.idx, offset + token.idx + len(token), "event", attrs)


def states_an_act(token: Any) -> bool:
    """A speech verb whose object is the act itself, with no clause of words under it: "declared a national
    emergency", "announced his resignation", "denied the charges" are news, not a frame around someone's words
    ("said he is declaring ..."). Verbs whose object is whom they address ("told reporters") stay frames."""
    if token.lemma_.lower() in ADDRESSEE_VERBS or any(c.dep_ in CLAUSE_DEPS for c in token.children):
        return False
    return any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in token.children)


def _controller(token: Any) -> Any | None:
    """Who acts in an open complement that has no subject of its own: the object of its head where there is one
    ("urged lawmakers to change the bill": lawmakers), else the head's subject ("Trump agreed to reopen the
    government": Trump; "was asked to resign": its passive subject), through chains ("vowed to try to block")."""
    if token.dep_ != "xcomp" or token.head is token:
        return None
    head = token.head
    for deps in (("dobj",), ("nsubj", "nsubjpass")):
        found = next((c for c in head.children if c.dep_ in deps), None)
        if found is not None:
            return found
    return _controller(head)


def _participants(child: Any, offset: int, names: Names) -> list[dict[str, Any]]:
    """The participant(s) a child of the predicate names, with their role."""
    dep = child.dep_
    if dep in AGENT_DEPS:
        return [names.participant("agent", child, offset)]
    if dep in PATIENT_DEPS or (dep == "prep" and child.lower_ == "of"):
        heads = [child] if dep != "prep" else [c for c in child.children if c.dep_ == "pobj"]
        return [names.participant("patient", h, offset) for h in heads]
    if dep == "agent":  # passive "by" phrase
        return [names.participant("agent", c, offset) for c in child.children if c.dep_ == "pobj"]
    if dep == "prep":
        out = []
        for obj in (c for c in child.children if c.dep_ == "pobj"):
            found = names.participant("other", obj, offset)
            if child.lower_ in PLACE_PREPS and found.get("label") in PLACE_LABELS:
                found["role"] = "place"
            out.append(found)
        return out
    if dep == "compound" or dep == "npadvmod":
        return [names.participant("other", child, offset)]
    return []


def _attached_places(token: Any, offset: int, names: Names) -> list[dict[str, Any]]:
    """A place the parser hung on the predicate's object ("arrested Brevik in Lisk")."""
    out = []
    for child in token.children:
        if child.dep_ in PATIENT_DEPS:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
                    for obj in (c for c in prep.children if c.dep_ == "pobj"):
                        found = names.participant("place", obj, offset)
                        if found.get("label") in PLACE_LABELS:
                            out.append(found)
    return out


class Names:
    """Who a participant's head word names: the article's entity span and canonical name where the word lies in
    one; for he / she / him / her, the earlier person it refers to (the speaker resolver's antecedents, so
    "he resigned" has the same agent as "Mattis resigned")."""

    def __init__(self, article: Article, blocks: list[Block]):
        self.entities = article.layer("entities")
        self.starts = [e.start for e in self.entities]
        quoted = [(q.start, q.end) for q in article.layer("quotes") if q.label == "direct"]
        self.resolver = Resolver(article, blocks, quoted, subject_offsets(blocks))

    def participant(self, role: str, head: Any, offset: int) -> dict[str, Any]:
        """The participant a predicate's child names, in `role`."""
        start = offset + head.idx
        n = bisect.bisect_right(self.starts, start) - 1
        if n >= 0 and start < self.entities[n].end:
            entity = self.entities[n]
            return {"role": role, "text": entity.attrs.get("name") or "", "start": entity.start, "end": entity.end,
                    "label": entity.label, "entity": True}
        person = self.resolver.person_for(start, head.lower_) if head.pos_ == "PRON" else None
        if person is not None:
            return {"role": role, "text": person.name, "start": person.entity_start, "end": person.entity_end,
                    "label": "PERSON", "entity": True, "pronoun": head.text}
        return {"role": role, "text": head.lemma_.lower(), "start": start, "end": start + len(head),
                "label": head.pos_, "entity": False}


def _is_main(token: Any) -> bool:
    """Whether the sentence states this event as its own news: the root, a verb joined to a main one ("resigned
    and left", "agreed to resign"), the content of a reporting root ("police said they arrested him"), or an
    event noun a light root carries ("The indictment came on Friday"). Not a predicate of a subordinate clause
    ("... poses a challenge for Romney as he prepares to accept the nomination")."""
    head = token.head
    if token.dep_ == "ROOT":
        return token.pos_ in {"VERB", "AUX"}
    if token.pos_ == "NOUN":
        return token.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"} and head.dep_ == "ROOT" and (
            head.lemma_.lower() in LIGHT_VERBS)
    if token.dep_ in {"conj", "xcomp"}:
        return head is not token and _is_main(head)
    return token.dep_ == "ccomp" and head.dep_ == "ROOT" and head.lemma_.lower() in SPEECH_LEMMAS


def _polarity(token: Any) -> str:
    if any(c.dep_ == "neg" for c in token.children):
        return "negated"
    head = token.head
    if token.dep_ in ("xcomp", "ccomp", "dobj", "pcomp") and head is not token:
        found = POLARITY_HEADS.get(head.lemma_.lower())
        if found:
            return found
    return "positive"


def _modality(token: Any, claim: Span) -> str:
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    head = token.head.lemma_.lower() if token.head is not token else ""
    if token.dep_ in ("xcomp", "ccomp") and head in DEMAND_HEADS:
        return "demanded"
    if aux & PREDICT_MODALS or (token.dep_ == "xcomp" and head in PREDICT_HEADS):
        return "predicted"
    if aux & HEDGE_MODALS or claim.attrs.get("hedged"):
        return "hedged"
    return "asserted"


def _asserter(article: Article, claim: Span) -> str:
    quote = claim.attrs.get("quote")
    if claim.attrs.get("voice") != "source" or quote is None:
        return "outlet"
    quotes = article.layer("quotes")
    return (quotes[quote].attrs.get("speaker_name") or "unknown") if quote < len(quotes) else "unknown"
