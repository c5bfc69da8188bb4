"""Who said it: speech cues in the spaCy parse, their subjects, and resolving a subject to a named speaker
(entity mention, pronoun antecedent, a role such as "the mayor", or an anonymous source kept as written).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from storylens.model import Article, Span
from storylens.stages.names.namewords import SPEECH_LEMMAS, fold, person_like
from storylens.stages.speech.antecedents import MAYBE_PERSON, MISLABELLED, Antecedents, Candidate
from storylens.stages.speech.people import People, Quoted
from storylens.text.textspans import token_chars

if TYPE_CHECKING:
    from storylens.stages.article.nlp import Block

# Verbs that introduce reported (indirect) speech: "X said (that) ...". "ask" is left out: a reporter's
# question ("asked whether ...") is not a source's statement.
INDIRECT_LEMMAS = (SPEECH_LEMMAS - {"continue", "comment", "speak", "ask"}) | frozenset("""
concede lament maintain advise urge remind recommend caution contend assert reiterate testify
""".split())
# Verbs whose reported content is an infinitive: "urged residents to boil water".
DIRECTIVE_LEMMAS = frozenset("urge advise remind ask tell warn encourage recommend call".split())
# Verbs that may attribute a direct quotation; broader, since the quotation marks already tell us it is speech.
DIRECT_LEMMAS = SPEECH_LEMMAS | INDIRECT_LEMMAS | frozenset("""
call describe dismiss put shout scream cry whisper mutter joke laugh sigh recount quip plead boast
complain lament concede counter retort agree caution observe point read chant recall summarise summarize
blurt exclaim murmur mumble stammer yell holler snap growl gush marvel muse wonder interject chime sob wail
scoff sneer bark bellow roar grumble gripe moan groan whine beg implore demand proclaim affirm answer
clarify elaborate mention reveal disclose confide assure reassure pledge swear text message greet
""".split())
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Verbs whose passive subject is the one spoken to ("residents were urged to ..."), not the speaker.
ADDRESSED_LEMMAS = DIRECTIVE_LEMMAS | frozenset({"tell", "inform", "instruct", "order"})
# Documents that "say" things on behalf of whoever wrote them ("her statement said", "a study by X found").
DOCUMENT_HEADS = frozenset("""
statement report study survey poll analysis data number figure release letter email lawsuit suit complaint
filing document tweet post website memo research review paper audit note message investigation record
result test census estimate projection model statistic
""".split())
# Verbs whose "by" agent wrote the document they modify ("a report released by X").
AUTHORING_LEMMAS = frozenset("""
release publish issue write prepare produce conduct commission author compile file send post sign draft
""".split())
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}
# Punctuation that ends a speaker's noun phrase (hyphens do not: "sergeant-at-arms").
PHRASE_BREAKS = frozenset(',;:()[]—–"“”‘’«»')
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"it", "they", "we"})
JOINT = "PEOPLE"  # the label of joint speakers ("A and B"), antecedents of "they" only
# Unnamed organisations ("the utility said") are not anonymous sources; unnamed people are.
ORG_HEADS = frozenset("""
company firm agency ministry government utility council department police court army office authority
board committee union party group regulator operator administration embassy commission campaign
hospital school university city town state
""".split())
# Heads of descriptions that stand for someone the article does not name ("the person familiar with ...").
UNNAMED_HEADS = frozenset("person source official insider aide spokesperson spokesman spokeswoman".split())
PLACE_HEADS = frozenset({"city", "town", "state"})  # "the city said" is its council, not the last company


@dataclass
class Speaker:
    """A resolved speaker: cue and speaker as written, canonical name, and the entity mention it resolves to."""

    cue: str | None = None
    text: str | None = None
    name: str | None = None
    start: int | None = None
    end: int | None = None
    entity_start: int | None = None
    entity_end: int | None = None
    anonymous: bool = False
    label: str = ""  # entity label of the resolved mention, or "ANON"

    def attrs(self) -> dict[str, Any]:
        """The speaker part of a quote span's attrs (docs/architecture.md)."""
        return {
            "cue": self.cue, "speaker_text": self.text, "speaker_name": self.name,
            "speaker_start": self.start, "speaker_end": self.end,
            "speaker_entity_start": self.entity_start, "speaker_entity_end": self.entity_end,
            "anonymous": self.anonymous,
        }


def is_cue(tok: Any, lemmas: frozenset[str], negated: bool = False) -> bool:
    """True for a speech verb from `lemmas` (negated only if `negated`), or "according" in "according to"."""
    if tok.lower_ == "according":
        return any(c.lower_ == "to" for c in tok.children) or (tok.i + 1 < len(tok.doc)
                                                                and tok.nbor().lower_ == "to")
    if tok.lemma_.lower() not in lemmas or tok.pos_ not in ("VERB", "AUX"):
        return False
    return negated or not any(c.dep_ == "neg" for c in tok.children)


def cue_text(tok: Any) -> str:
    """The cue as written: the verb (with its particle, "pointed out") or "according to"."""
    if tok.lower_ == "according":
        return tok.doc[tok.i : tok.i + 2].text
    particles = [c for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1]
    return tok.doc[tok.i : tok.i + 1 + len(particles)].text


def subject_of(cue: Any) -> Any | None:
    """The token naming who speaks: nsubj of the cue (climbing conj/xcomp/advcl/relcl, a preposition, an active
    participle to its noun), or the object of "according to"."""
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        objs = [c for c in (to.children if to is not None else []) if c.dep_ == "pobj"]
        return objs[0] if objs else None
    tok = cue
    for _ in range(3):
        subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None and subj.dep_ == "nsubjpass" and tok.lemma_.lower() in ADDRESSED_LEMMAS:
            return _agent(tok)  # "paramedics are asked to work longer": who is asked does not speak
        if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
            return tok.head  # "Calloway, who added that ..." -> Calloway
        if subj is not None:
            return subj
        if tok.dep_ == "acl" and tok.tag_ == "VBG":
            return tok.head  # "a tweet attacking Machado": the noun an active participle modifies acts
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            tok = tok.head  # "began by saying ...", "after announcing ...": the verb the preposition modifies
        elif tok.dep_ not in ("conj", "xcomp", "advcl") or tok.head is tok:
            return None
        tok = tok.head
    return None


def _agent(verb: Any) -> Any | None:
    """The "by" agent of a passive verb ("were told by the manager"), or None."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def phrase_range(head: Any) -> tuple[int, int]:
    """Token range of the noun phrase around `head`, cut at commas (drops appositions, relative clauses)."""
    doc = head.doc
    clauses = {t.i for c in head.children if c.dep_ in ("relcl", "acl") and c.i > head.i for t in c.subtree}
    start = head.i
    while start > head.left_edge.i and doc[start - 1].text not in PHRASE_BREAKS:
        start -= 1
    end = head.i + 1
    while end <= head.right_edge.i and doc[end].text not in PHRASE_BREAKS and end not in clauses:
        end += 1
    return start, end


class Resolver:
    """Speaker resolution for one article: its entity mentions and antecedents for pronouns."""

    def __init__(self, article: Article, blocks: list[Block], quoted: list[tuple[int, int]], subjects: set[int]):
        self.article = article
        self.entities = sorted(article.layer("entities"), key=lambda e: e.start)
        inside = Quoted(quoted)
        self.people = People(article, blocks, inside)
        self.antecedents = Antecedents(article, self.people, inside, subjects)
        self.documents: dict[str, Speaker] = {}  # document lemma -> who wrote the last one ("study")

    def mention_at(self, pos: int) -> Span | None:
        """The entity mention covering article offset `pos`."""
        return next((m for m in self.entities if m.start <= pos < m.end), None)

    def remember(self, speaker: Speaker) -> None:
        """Record a resolved speaker so later pronouns ("she said", "they said") can refer back to it."""
        if speaker.start is not None and speaker.label and speaker.name:
            self.antecedents.add(Candidate(speaker.start, speaker.label, speaker.name, True,
                                           speaker.entity_start, speaker.entity_end, speaker.anonymous))

    def resolve(self, head: Any, offset: int, cue: str) -> Speaker:
        """Resolve a subject token (in a block starting at `offset`) to a Speaker."""
        start, end = phrase_range(head)
        doc = head.doc
        speaker = Speaker(cue, doc[start:end].text, None, *token_chars(doc, start, end, offset))
        mention = self._named_mention(head, offset)
        if mention is not None:
            return self._wrote(head, self._joint(self._link(speaker, mention), head, offset))
        if head.lemma_.lower() in DOCUMENT_HEADS:
            author = self._author(speaker, head, offset)
            if author is not None:
                return author
        if head.pos_ == "PRON":
            return self._wrote(head, self._pronoun(speaker, head.lower_))
        if head.pos_ == "PROPN":
            return self._proper(speaker, doc[start:end].text)
        return self._common(speaker, head)

    def _wrote(self, head: Any, speaker: Speaker) -> Speaker:
        """Remember who did what a document is named for ("the union tweeted" makes the union the author
        of a later "a tweet said")."""
        verb = head.head
        if head.dep_ in SUBJECT_DEPS and verb.lemma_.lower() in DOCUMENT_HEADS and speaker.entity_start is not None:
            self.documents[verb.lemma_.lower()] = speaker
        return speaker

    def _joint(self, speaker: Speaker, head: Any, offset: int) -> Speaker:
        """"Tore Sohlberg and Lehla Abreder said": people speaking together stay together, each by their
        fullest name ("Kim and Clark Moran" when the text has no more)."""
        if speaker.label != "PERSON":
            return speaker
        mentions = [self.mention_at(offset + t.idx) for t in head.conjuncts]
        if not mentions or any(m is None or not self.people.maybe_person(m) for m in mentions):
            return speaker
        names = [speaker.name, *(self.people.name_of(m) for m in mentions if m is not None)]
        speaker.name, speaker.label = " and ".join(dict.fromkeys(names)), JOINT  # "they" may refer to them
        speaker.entity_start = speaker.entity_end = None  # no one entity is the pair: the story keeps both names
        return speaker

    def _named_mention(self, head: Any, offset: int) -> Span | None:
        """Entity mention of the subject itself or a person in apposition ("its director Celia Brandt");
        not a modifier ("a Vancouver coach" is not Vancouver)."""
        own = self.mention_at(offset + head.idx)
        if own is not None:
            return own
        named = [c for c in head.children if c.dep_ in ("appos", "compound", "flat")]
        people = [m for m in (self.mention_at(offset + t.idx) for t in named) if m and m.label == "PERSON"]
        return people[0] if people else None

    def _author(self, speaker: Speaker, head: Any, offset: int) -> Speaker | None:
        """Who a document speaks for: "her statement", "the Civic Action study", "numbers from StatCan",
        "a study released by Civic Action", "the union's release"; else whoever wrote the last document of
        that kind ("the study" after "the Civic Action study", "a tweet" after "the union tweeted")."""
        lemma = head.lemma_.lower()
        found = self._document_author(speaker, head, offset)
        earlier = self.documents.get(lemma)
        if found is None and earlier is not None:
            found = replace(earlier, cue=speaker.cue, text=speaker.text, start=speaker.start, end=speaker.end)
        if found is not None:
            self.documents[lemma] = found
        return found

    def _document_author(self, speaker: Speaker, head: Any, offset: int) -> Speaker | None:
        for child in head.children:
            if child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS:
                resolved = self._pronoun(speaker, POSSESSIVE_PRONOUNS[child.lower_])
                return resolved if resolved.entity_start is not None else None
            named = child
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                named = next((c for c in child.children if c.dep_ == "pobj"), child)
            elif child.dep_ in ("acl", "relcl") and child.lemma_.lower() in AUTHORING_LEMMAS:
                # "a study (which is) released Monday by Civic Action"; "documents obtained by the Ledger" are
                # not the Ledger's
                agent = next((t for t in child.subtree if t.dep_ == "agent"), None)
                named = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
                if named is None:
                    continue
            elif child.dep_ not in ("poss", "compound"):
                continue
            mention = self.mention_at(offset + named.idx)
            if mention is not None and mention.label in ("PERSON", "ORG", "NORP", "GPE"):
                return self._link(speaker, mention)
            if child.dep_ == "poss" and named.pos_ == "NOUN":  # "the union's release": the union
                owner = self._common(replace(speaker), named)
                if owner.entity_start is not None:
                    return owner
        return None

    def _link(self, speaker: Speaker, mention: Span) -> Speaker:
        speaker.name = mention.attrs.get("name") or self.article.span_text(mention)
        speaker.entity_start, speaker.entity_end = mention.start, mention.end
        # keep the antecedent label consistent with Antecedents: mislabelled full names are "maybe people"
        mislabelled = mention.label in MISLABELLED and person_like(speaker.name)
        speaker.label = MAYBE_PERSON if mislabelled else mention.label
        return speaker

    def _pronoun(self, speaker: Speaker, pronoun: str) -> Speaker:
        """The most salient earlier person (he/she) or organisation/group (it/they/we)."""
        speaker.name = speaker.text
        pos = speaker.start or 0
        if pronoun in PERSON_PRONOUNS:
            found = self.antecedents.find(pos, {"PERSON"}, pronoun) or self.antecedents.find(
                pos, {MAYBE_PERSON}, pronoun)
        elif pronoun in GROUP_PRONOUNS:
            labels = {"ORG"} if pronoun == "it" else {"ORG", "NORP", "ANON", JOINT}
            found = self.antecedents.find(pos, labels, pronoun) or self._organisation(pos, pronoun)
        else:
            return speaker
        if found is None:
            return speaker
        self.antecedents.learn(found.name, pronoun)
        return self._take(speaker, found)

    def person_for(self, pos: int, pronoun: str) -> Candidate | None:
        """The earlier person a he/she/him/her at article offset `pos` refers to, or None (any other word)."""
        if pronoun not in PERSON_PRONOUNS:
            return None
        found = self.antecedents.find(pos, {"PERSON"}, pronoun) or self.antecedents.find(pos, {MAYBE_PERSON}, pronoun)
        return found if found is not None and found.entity_start is not None else None

    def _organisation(self, pos: int, pronoun: str) -> Candidate | None:
        """Fallback for "it"/"they"/"the utility": a person-like name the model tagged an organisation
        ("Kestrel Power"), never one it tagged a person."""
        found = self.antecedents.find(pos, {MAYBE_PERSON}, pronoun)
        return found if found is not None and found.org else None

    def _take(self, speaker: Speaker, found: Candidate) -> Speaker:
        """Give a speaker the name and entity of the antecedent it refers to."""
        speaker.name, speaker.anonymous = found.name, found.anonymous
        speaker.label = "PERSON" if found.label == MAYBE_PERSON else found.label
        speaker.entity_start, speaker.entity_end = found.entity_start, found.entity_end
        return speaker

    def resolve_name(self, text: str, start: int, cue: str) -> Speaker:
        """A speaker given only as a name (a transcript's "PENCE:"), linked to the person it names."""
        return self._proper(Speaker(cue, text, None, start, start + len(text)), text)

    def _proper(self, speaker: Speaker, text: str) -> Speaker:
        """A name the NER missed: link it to a person whose name contains it, else keep it as written."""
        key = fold(text)
        for mention in self.entities:
            name = str(mention.attrs.get("name", ""))
            # a mention may carry no name (an empty one has no last word to compare)
            if name.strip() and _maybe_person(mention, name) and key in {fold(name), fold(name.split()[-1])}:
                return self._link(speaker, mention)
        speaker.name, speaker.label = (text.title() if text.isupper() else text), "PERSON"
        return speaker

    def _common(self, speaker: Speaker, head: Any) -> Speaker:
        """"the mayor" -> the person with that role, "the agency" -> the agency named earlier; else as written."""
        lemma = head.lemma_.lower()
        pos = speaker.start or 0
        definite = any(c.lower_ in ("the", "its", "their") for c in head.children)
        described = self.people.described(lemma, pos) if definite else None
        if described is not None:  # "the labourer" after "Mohammad Rahim, a 32-year-old labourer"
            return self._link(speaker, described)
        for mention in sorted(self.entities, key=lambda m: (m.start > pos, abs(m.start - pos))):
            role = str(mention.attrs.get("role") or "").lower().rstrip(".").split()
            name = str(mention.attrs.get("name") or "").lower().split()
            if definite and ((role and role[-1] == lemma) or (mention.label == "ORG" and lemma in name[1:])):
                return self._link(speaker, mention)
        if definite and _epithet(head):
            # "the bow-tied maverick said": a modified description of a person the article is about
            found = self.antecedents.find(pos, {"PERSON"}, "")
            if found is not None:
                return self._take(speaker, found)
        if definite and lemma in ORG_HEADS - PLACE_HEADS:
            # "the utility said" after "BC Hydro ...": the organisation in focus, found like "it"
            found = self.antecedents.find(pos, {"ORG"}, "it") or self._organisation(pos, "it")
            if found is not None:
                return self._take(speaker, found)
        speaker.name = speaker.text
        speaker.anonymous = lemma not in ORG_HEADS
        speaker.label = "ANON" if speaker.anonymous else "ORG"
        return speaker


def _epithet(head: Any) -> bool:
    """A singular description with modifiers, naming no organisation, document or unnamed source: "the
    former sergeant-at-arms of the House", "the lanky, bespectacled professor" (a bare "the official" is
    someone new)."""
    lemma = head.lemma_.lower()
    if head.tag_ != "NN" or lemma in ORG_HEADS or lemma in DOCUMENT_HEADS or lemma in UNNAMED_HEADS:
        return False
    return any(c.dep_ in ("amod", "prep") and c.i != head.i for c in head.children)


def _maybe_person(mention: Span, name: str) -> bool:
    return mention.label == "PERSON" or (mention.label in MISLABELLED and person_like(name))
