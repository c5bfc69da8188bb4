"""Attributed content that is not speech: what a source believes, intends, shows or takes a stand on
("polls show that ...", "X plans to ...", "X called for ...", "X criticized the plan").

Attribution schemes such as PolNeAR's (after Pareti's PARC) count these; a quote list in the Gender Gap
Tracker sense (what someone said) does not. So they go to their own article layer, `attributions`, with
the same speaker attrs as quotes and label "attribution", and the `quotes` layer stays speech only.
"""

from __future__ import annotations

from typing import Any

from storylens.model import Span
from storylens.stages.quotemarks import SENTENCE_END
from storylens.stages.speakers import DIRECTIVE_LEMMAS, INDIRECT_LEMMAS, Resolver, Speaker, cue_text, is_cue, subject_of
from storylens.textspans import token_chars

LABEL = "attribution"
# Cognition, evidence and demand verbs whose `ccomp` is the attributed content: "polls show (that) ...".
CLAUSE_LEMMAS = frozenset("""
believe think know feel expect hope fear worry suspect doubt assume realize realise recognize recognise
understand show find indicate conclude estimate predict learn discover prove demonstrate agree decide
reckon guess imagine acknowledge demand
""".split())
# Intention verbs whose to-infinitive is the content: "the council plans to close the bridge".
INTENT_LEMMAS = frozenset("""
want plan intend hope expect promise pledge vow refuse decline agree seek decide threaten aim wish prefer
propose vote
""".split())
# Verbs taking a stand on (or citing, or showing) what their direct object names: "she criticized the
# budget", "the poll shows Quill leading". Not "release" or "question": releasing tax returns and
# questioning a witness attribute nothing.
STANCE_LEMMAS = frozenset("""
attack back blame blast cite condemn criticize criticise defend demand denounce describe discuss dismiss
endorse mention oppose praise propose reject slam support accuse acknowledge announce reveal disclose
reference invoke highlight tout promote welcome applaud advocate deny note report express challenge
dispute recommend show offer echo liken mock ridicule
""".split())
# "call" attributes only when it names something as something: "called the plan a disgrace" (not "called
# a meeting").
NAMING_LEMMAS = frozenset({"call", "label", "brand", "dub"})
# Verb + preposition whose object is the content: "called for a recount", "railed against the plan".
PREP_LEMMAS = {
    "for": frozenset("call push press argue advocate appeal plead lobby campaign".split()),
    "against": frozenset("rail argue warn campaign lobby caution speak decide".split()),
    "about": frozenset("talk speak write complain worry joke boast ask".split()),
    "of": frozenset("speak warn".split()),
    "to": frozenset("point respond object".split()),
    "on": frozenset("comment".split()),
}
# Prepositions of time, place and circumstance: after a stance verb's object they say where or when it was
# said ("denounced the annexation in a diatribe", "cited the figure at the forum"), not what; other phrases
# there complete the content ("blasted him for skipping it", "likened the toll to robbery").
SETTING_PREPS = frozenset("at in during amid amidst before after since until throughout via through despite".split())
# Words opening a complement clause: "that" and the wh-words of indirect questions.
COMPLEMENTIZERS = frozenset("that whether if how why what when where who".split())
# Speech verbs the `quotes` layer reports, and verbs whose that-clause states no one's view ("make sure").
REPORTED_ELSEWHERE = INDIRECT_LEMMAS | DIRECTIVE_LEMMAS | frozenset({"make", "ensure", "mean"})
NON_SOURCES = frozenset({"i", "me", "there", "this", "that", "what", "which", "who"})
OBJECT_PRONOUNS = frozenset({"it", "them", "this", "that", "him", "her", "these", "those", "so", "one"})
ASIDE_DEPS = frozenset({"relcl", "advcl", "acl"})
BREAKS = frozenset({";", "--", "—", "―"})
LEADING_THAT = ("mark", "advmod")
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
            end = child.right_edge.i + 1
    start, end = trim_tokens(cue.doc, obj.left_edge.i, min(end, obj.left_edge.i + MAX_TOKENS))
    return without_aside(cue.doc, start, end)


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
        if child.dep_ == "dobj" and _stance_object(cue, lemma, child):
            return _object_content(cue, child)
        if child.dep_ == "prep" and lemma in PREP_LEMMAS.get(child.lower_, ()):
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            return None if obj is None else trim_tokens(cue.doc, obj.left_edge.i, obj.right_edge.i + 1)
    return None


def _stance_object(cue: Any, lemma: str, obj: Any) -> bool:
    """The object of a stance verb (of "call" only with what it is called) that is more than a pronoun."""
    named = lemma in NAMING_LEMMAS and any(c.dep_ == "oprd" for c in cue.children)
    return (lemma in STANCE_LEMMAS or named) and obj.lower_ not in OBJECT_PRONOUNS


CUE_LEMMAS = CLAUSE_LEMMAS | INTENT_LEMMAS | STANCE_LEMMAS | NAMING_LEMMAS | frozenset().union(*PREP_LEMMAS.values())
ALL_CUES = CUE_LEMMAS | INDIRECT_LEMMAS  # a verb coordinated to content with one of these has its own


def _content(cue: Any) -> tuple[int, int] | None:
    """Token range of what a cue attributes, or None when it has none we recognise."""
    lemma = cue.lemma_.lower()
    found = _thought(cue, lemma) or _stance(cue, lemma)
    if found is None or found[1] - found[0] < MIN_TOKENS:
        return None
    return found


def _told_already(quotes: list[Span], start: int, end: int) -> bool:
    """A quote overlapping the content and not inside it: speech already reports (around) these words.
    Quoted words inside the content ("called the plan a “brazen breach”") leave the attribution standing."""
    return any(q.start < end and start < q.end and not (start <= q.start and q.end <= end) for q in quotes)


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


def attributions_in(doc: Any, offset: int, resolver: Resolver, quotes: list[Span],
                    inside: dict[int, int]) -> list[Span]:
    """The non-speech attributions of one parsed block (article offset `offset`), given the article's
    `quotes`, with no cue or source inside a quotation (`inside`: token index -> quotation)."""
    found = []
    for tok in doc:
        nominal = None if tok.i in inside else _noun_attribution(doc, tok, offset, resolver)
        if nominal is not None and not _told_already(quotes, nominal.start, nominal.end):
            found.append(nominal)
        # a denial or refusal is still the source's stand ("did not endorse Quill", "never wanted to run")
        if tok.i in inside or not (is_cue(tok, CUE_LEMMAS, negated=True) or _that_clause(tok) is not None):
            continue
        content = _content(tok)
        subj = subject_of(tok) if content else None
        if subj is None or subj.i in inside or subj.lower_ in NON_SOURCES or content[0] <= subj.i < content[1]:
            continue
        start, end = token_chars(doc, *content, offset)
        speaker = resolver.resolve(subj, offset, cue_text(tok))
        if not _told_already(quotes, start, end):
            found.append(Span(start, end, LABEL, speaker.attrs()))
    return found
