"""Attributed content that is not speech: what a source believes, intends, shows or takes a stand on
("polls show that ...", "X plans to ...", "X called for ...", "X criticized the plan").

Attribution schemes such as PolNeAR's (after Pareti's PARC) count these; a quote list in the Gender Gap
Tracker sense (what someone said) does not. So they go to their own article layer, `attributions`, with
the same speaker attrs as quotes and label "attribution", and the `quotes` layer stays speech only.
"""

from __future__ import annotations

from typing import Any

from storylens.model import Span
from storylens.stages.speech.attribution_words import (
    ABOUT_PREPS,
    ATTITUDE_LEMMAS,
    ATTITUDE_NOUNS,
    CLAUSE_LEMMAS,
    COMPLEMENTIZERS,
    INTENT_LEMMAS,
    LIGHT_LEMMAS,
    NAMING_LEMMAS,
    PHRASAL_LEMMAS,
    PREP_LEMMAS,
    SCENE_PREPS,
    SETTING_PREPS,
    STANCE_LEMMAS,
)
from storylens.stages.speech.quotemarks import SENTENCE_END
from storylens.stages.speech.speakers import (
    DIRECT_LEMMAS,
    DIRECTIVE_LEMMAS,
    INDIRECT_LEMMAS,
    SUBJECT_DEPS,
    Resolver,
    Speaker,
    cue_text,
    is_cue,
    subject_of,
)
from storylens.text.textspans import token_chars

LABEL = "attribution"
# Speech verbs the `quotes` layer reports, and verbs whose that-clause states no one's view ("make sure").
REPORTED_ELSEWHERE = INDIRECT_LEMMAS | DIRECTIVE_LEMMAS | frozenset({"make", "ensure", "mean"})
NON_SOURCES = frozenset({"i", "me", "there", "this", "that", "what", "which", "who"})
OBJECT_PRONOUNS = frozenset({"it", "them", "this", "that", "him", "her", "these", "those", "so", "one"})
ASIDE_DEPS = frozenset({"relcl", "advcl", "acl"})
BREAKS = frozenset({";", "--", "—", "―"})
LEADING_THAT = ("mark", "advmod")
QUOTED_SHARE = 0.5  # a quotation up to this share of a phrase is a fragment quoted inside it
MIN_TOKENS = 2  # a one-word object ("backed it") names too little to stand as content
MAX_TOKENS = 150  # far longer than any real sentence's content; keeps run-on text linear


def trim_tokens(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation and a leading "that" from a reported clause's token range."""
    # "that" opening a clause is its complementizer (the parser may call it "advmod" before a misparsed clause)
    while start < end and (doc[start].is_punct or (doc[start].lower_ == "that" and doc[start].dep_ in LEADING_THAT)):
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in SENTENCE_END:
        end -= 1
    if end > start and doc[end - 1].text in SENTENCE_END:
        end -= 1  # the clause's words, not the sentence's full stop
    return start, end


def without_aside(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Drop what follows the content: after a semicolon or dash, or a trailing aside after a comma
    (", which makes him an outlier", ", contradicting ...")."""
    for tok in doc[start + 1 : end]:
        edge = tok.left_edge.i
        if tok.text in BREAKS or (tok.dep_ in ASIDE_DEPS and edge > start and doc[edge - 1].text == ","
                                  and tok.right_edge.i + 1 >= end):
            return trim_tokens(doc, start, tok.i if tok.text in BREAKS else edge - 1)
    return start, end


def _clause(cue: Any, comp: Any) -> tuple[int, int]:
    """Token range of a complement clause with the verbs coordinated to it ("wants to A, B and C")."""
    end = comp.right_edge.i + 1
    for conj in cue.children:  # the parser often hangs "B and C" on the cue itself
        if conj.dep_ == "conj" and conj.i > comp.i and conj.left_edge.i <= end + 1 and not _own_clause(conj):
            end = conj.right_edge.i + 1
    start, end = trim_tokens(comp.doc, comp.left_edge.i, min(end, comp.left_edge.i + MAX_TOKENS))
    return without_aside(comp.doc, start, end)


def _own_clause(verb: Any) -> bool:
    """A coordinated verb with its own subject or its own attribution ("... and said B") stands apart."""
    return is_cue(verb, ALL_CUES) or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _object_content(cue: Any, obj: Any) -> tuple[int, int]:
    """The object with what completes it: "blasted [him for skipping it]", "called [him a liar]"."""
    end = obj.right_edge.i + 1
    for child in cue.children:
        completes = child.dep_ in ("oprd", "agent") or (child.dep_ == "prep" and not _when(child))
        if child.left_edge.i == end and completes:
            end = _before_setting(child, child.right_edge.i + 1)
    start, end = trim_tokens(cue.doc, obj.left_edge.i, min(end, obj.left_edge.i + MAX_TOKENS))
    return without_aside(cue.doc, start, end)


def _before_setting(head: Any, end: int) -> int:
    """End of `head`'s phrase before a closing time or scene the parser hung inside it ('as a “disgrace”
    Wednesday on the show', 'as a "crazy system" during a stop in Harlow'): it says when or where, not what.
    Only a run of such phrases closing the range is cut; "in"/"at" inside a phrase are too often its own."""
    doc = head.doc
    for tok in doc[head.i + 1 : end]:
        dated = tok.ent_type_ in ("DATE", "TIME") and tok.dep_ in ("npadvmod", "appos")
        scene = tok.dep_ == "prep" and (tok.lower_ in SCENE_PREPS or _when(tok) and tok.lower_ not in ("in", "at"))
        if (dated or scene) and _only_setting(doc, tok.left_edge.i, end):
            return tok.left_edge.i
    return end


def _only_setting(doc: Any, start: int, end: int) -> bool:
    """The tokens start..end are phrases of time or place: dates, prepositional phrases, punctuation."""
    i = start
    while i < end:
        tok = doc[i]
        if tok.is_punct:
            i += 1
        elif tok.dep_ == "prep" or (tok.ent_type_ in ("DATE", "TIME") and tok.dep_ in ("npadvmod", "appos")):
            if tok.left_edge.i < i:
                return False
            i = tok.right_edge.i + 1
        else:
            return False
    return True


def _when(prep: Any) -> bool:
    """A preposition setting the scene rather than adding to the content ("in a tweet", "on Tuesday")."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return prep.lower_ in SETTING_PREPS or (obj is not None and obj.ent_type_ in ("DATE", "TIME"))


def _that_clause(verb: Any) -> Any | None:
    """The that- or wh-clause a verb takes as its object ("joked that ...", "asked whether ..."): with any
    lexical verb, such a complement is what its subject says, thinks or asks."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() in REPORTED_ELSEWHERE:
        return None
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i > verb.i and child.left_edge.lower_ in COMPLEMENTIZERS:
            return child
    return None


def _thought(cue: Any, lemma: str) -> tuple[int, int] | None:
    """'polls show (that) ...', 'she wants to ...': the cue's complement clause."""
    that = _that_clause(cue)
    if that is not None:
        return _clause(cue, that)
    for child in cue.children:
        infinitive = child.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)
        if (child.dep_ == "ccomp" and lemma in CLAUSE_LEMMAS) or (infinitive and lemma in INTENT_LEMMAS):
            return _clause(cue, child) if child.i > cue.i else None
    return None


def _stance(cue: Any, lemma: str) -> tuple[int, int] | None:
    """'criticized the budget', 'called for a recount': the cue's object (or its preposition's)."""
    for child in cue.children:
        if child.i < cue.i:
            continue
        if child.dep_ == "dobj" and lemma in LIGHT_LEMMAS and child.lemma_.lower() in ATTITUDE_NOUNS:
            about = _about(child)
            if about is not None:
                return about
        if child.dep_ == "dobj" and _stance_object(cue, lemma, child):
            return _object_content(cue, child)
        # a gerund is the object too: "proposes doing away with the mandate", "cited improving services"
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and lemma in STANCE_LEMMAS:
            return _object_content(cue, child)
        if child.dep_ == "prep" and lemma in PREP_LEMMAS.get(child.lower_, ()):
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            return None if obj is None else trim_tokens(cue.doc, obj.left_edge.i, obj.right_edge.i + 1)
    return None


def _about(noun: Any) -> tuple[int, int] | None:
    """What an attitude noun is about: the object of its preposition ("concern [about the plan]")."""
    for prep in noun.children:
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if prep.dep_ == "prep" and prep.i > noun.i and prep.lower_ in ABOUT_PREPS and obj is not None:
            return trim_tokens(noun.doc, obj.left_edge.i, obj.right_edge.i + 1)
    return None


def _stance_object(cue: Any, lemma: str, obj: Any) -> bool:
    """The object of a stance verb (of "call" only with what it is called) that is more than a pronoun."""
    named = lemma in NAMING_LEMMAS and any(c.dep_ == "oprd" for c in cue.children)
    phrasal = any(c.dep_ == "prt" and c.lower_ in PHRASAL_LEMMAS.get(lemma, ()) for c in cue.children)
    return (lemma in STANCE_LEMMAS or named or phrasal) and obj.lower_ not in OBJECT_PRONOUNS


CUE_LEMMAS = (CLAUSE_LEMMAS | INTENT_LEMMAS | STANCE_LEMMAS | NAMING_LEMMAS | frozenset(PHRASAL_LEMMAS) | LIGHT_LEMMAS
              | frozenset().union(*PREP_LEMMAS.values()))
ALL_CUES = CUE_LEMMAS | INDIRECT_LEMMAS  # a verb coordinated to content with one of these has its own


def _content(cue: Any) -> tuple[int, int] | None:
    """Token range of what a cue attributes, or None when it has none we recognise."""
    lemma = cue.lemma_.lower()
    found = _thought(cue, lemma) or _stance(cue, lemma)
    if found is None or (found[1] - found[0] < MIN_TOKENS and not _named(cue.doc, *found)):
        return None
    return found


def _named(doc: Any, start: int, end: int) -> bool:
    """A one-word content that is a name ("endorsed Quill", "attacked Vexmoor"): it names the target."""
    return end - start == 1 and doc[start].pos_ == "PROPN"


def _told_already(quotes: list[Span], start: int, end: int, text: str, offset: int) -> bool:
    """A quote overlapping the content and not inside it: speech already reports (around) these words.
    Quoted words inside the content ("called the plan a “brazen breach”") leave the attribution standing,
    also when the quotation takes in the sentence's full stop the content leaves out ('“deplorables.”').
    `text` is the block's text, at article offset `offset`."""
    def words_end(q: Span) -> int:
        stop = q.end
        while stop > max(q.start, offset) and not text[stop - offset - 1].isalnum():
            stop -= 1
        return stop
    return any(q.start < end and start < q.end and not (start <= q.start and words_end(q) <= end) for q in quotes)


def _noun_content(noun: Any) -> tuple[int, int] | None:
    """'Quill's claim that ...', 'fears that ...': a noun's that-clause (a complement, so its "that" is a
    complementizer, not the relative pronoun of "the claim that he made")."""
    if noun.pos_ != "NOUN":
        return None
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and child.i > noun.i and any(
                m.dep_ == "mark" and m.lower_ == "that" and m.i == child.left_edge.i for m in child.children):
            return _clause(noun, child)
    return None


def _noun_attribution(doc: Any, noun: Any, offset: int, resolver: Resolver) -> Span | None:
    """A noun's that-clause as an attribution, its source the noun's possessor when it has one."""
    content = _noun_content(noun)
    if content is None or content[1] - content[0] < MIN_TOKENS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    speaker = Speaker() if owner is None else resolver.resolve(owner, offset, noun.text)
    return Span(*token_chars(doc, *content, offset), LABEL, speaker.attrs())


def _passive(cue: Any) -> tuple[tuple[int, int], Any] | None:
    """'Quill was endorsed by the union': a stance verb's passive subject is the content, the agent of its
    "by" phrase the source."""
    if cue.lemma_.lower() not in STANCE_LEMMAS:
        return None
    target = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in cue.children if c.dep_ == "agent" and c.i > cue.i), None)
    source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if target is None or source is None or target.lower_ in OBJECT_PRONOUNS | NON_SOURCES:
        return None
    return trim_tokens(cue.doc, target.left_edge.i, target.right_edge.i + 1), source


def _attitude(adj: Any) -> tuple[tuple[int, int], Any] | None:
    """'the council is wary of the plan', 'she was sure that ...': what an attitude adjective predicated of
    a source is about (its preposition's object or its clause)."""
    if adj.lemma_.lower() not in ATTITUDE_LEMMAS or adj.dep_ not in ("acomp", "oprd") or adj.pos_ not in (
            "ADJ", "VERB"):
        return None
    for child in adj.children:
        if child.i < adj.i:
            continue
        if child.dep_ == "prep":
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            content = None if obj is None else trim_tokens(adj.doc, obj.left_edge.i, obj.right_edge.i + 1)
        elif child.dep_ in ("ccomp", "xcomp"):
            content = _clause(adj, child)
        else:
            continue
        source = subject_of(adj.head)
        return (content, source) if content is not None and source is not None else None
    return None


def reporters_conjunct(verb: Any) -> bool:
    """'Marlow said he would order a review and warned against smugglers': a verb coordinated inside a
    reported clause but in the reporting verb's form, not the clause's, and with no subject of its own, is
    the reporter's next act (the parser hangs it on the clause)."""
    head = verb.head
    return (verb.dep_ == "conj" and head.dep_ == "ccomp" and verb.tag_ == head.head.tag_ != head.tag_
            and not any(c.dep_ in SUBJECT_DEPS for c in verb.children))


def cue_content(tok: Any, inside: dict[int, int] | None = None) -> tuple[tuple[int, int], Any] | None:
    """What `tok` attributes and the token naming its source, by whichever rule applies (`inside`: the
    tokens in quotation marks, token index -> quotation)."""
    # a denial or refusal is still the source's stand ("did not endorse Quill", "never wanted to run")
    if is_cue(tok, CUE_LEMMAS, negated=True) or _that_clause(tok) is not None:
        content = _content(tok)
        subj = None if content is None else subject_of(tok.head.head if reporters_conjunct(tok) else tok)
        if content is not None and subj is not None:
            return content, subj
        found = _passive(tok) if tok.pos_ == "VERB" else None
    else:
        found = _attitude(tok)
    return found or (_quoting_object(tok, inside) if inside else None)


def _quoting_object(cue: Any, inside: dict[int, int]) -> tuple[tuple[int, int], Any] | None:
    """'stressed the need to shore up defences under “constant attack”': a speech verb's object phrase
    holding a short quotation. The quotation alone is a fragment of what the source said; the object is
    the content (the quotation keeps its own span, grouped with this one by cue and speaker)."""
    if not is_cue(cue, DIRECT_LEMMAS):
        return None
    subj = subject_of(cue)
    for child in cue.children:
        if child.i < cue.i or child.dep_ not in ("dobj", "xcomp"):
            continue  # a clause ("said that ...") is the quotes layer's
        words = [t for t in child.subtree if not t.is_punct]
        quoted = sum(1 for t in words if t.i in inside)
        if subj is not None and 0 < quoted <= QUOTED_SHARE * len(words):
            return _object_content(cue, child), subj
    return None


def attributions_in(doc: Any, offset: int, resolver: Resolver, quotes: list[Span],
                    inside: dict[int, int]) -> list[Span]:
    """The non-speech attributions of one parsed block (article offset `offset`), given the article's
    `quotes`, with no cue or source inside a quotation (`inside`: token index -> quotation)."""
    found = []
    for tok in doc:
        if tok.i in inside:
            continue
        nominal = _noun_attribution(doc, tok, offset, resolver)
        if nominal is not None and not _told_already(quotes, nominal.start, nominal.end, doc.text, offset):
            found.append(nominal)
        pair = cue_content(tok, inside)
        if pair is None:
            continue
        content, subj = pair
        if subj.i in inside or subj.lower_ in NON_SOURCES or content[0] <= subj.i < content[1]:
            continue
        if content[1] - content[0] < MIN_TOKENS and not _named(doc, *content):
            continue
        start, end = token_chars(doc, *content, offset)
        speaker = resolver.resolve(subj, offset, cue_text(tok))
        if not _told_already(quotes, start, end, doc.text, offset):
            found.append(Span(start, end, LABEL, speaker.attrs()))
    return found
