"""Entity mentions for the `nlp` stage: spaCy's entities trimmed of titles and possessives, people the small
model misses (after a title, as the subject of a speech verb, a full name whose surname recurs), with the
canonical names of `canonical` and the descriptions of `descriptions`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from storylens.model import Span
from storylens.stages.names.canonical import Mention, acronyms_in, canonicalise
from storylens.stages.names.descriptions import describe
from storylens.stages.names.namewords import (
    CORPORATE_SUFFIXES,
    ENTITY_LABELS,
    NON_PERSON_WORDS,
    PARTICLES,
    PLACE_WORDS,
    POSSESSIVE,
    SPEECH_LEMMAS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
)
from storylens.text.textspans import token_chars

if TYPE_CHECKING:
    from storylens.text.parse import Block



def _is_title(tok: Any) -> bool:
    return tok.text.rstrip(".").lower() in TITLE_WORDS


def _is_name_token(tok: Any) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text.lower() not in NON_PERSON_WORDS


def _role_prefix_len(tokens: list[Any]) -> int:
    """Number of leading tokens that form a role ("Foreign Minister") before a name."""
    best = 0
    for k, tok in enumerate(tokens):
        if _is_title(tok):
            best = k + 1
        elif tok.text.lower() not in TITLE_MODIFIERS:
            break
    return best


def _role_before(doc: Any, i: int) -> tuple[int, str | None]:
    """Role words right before token i: (index of the first role token, role text) or (i, None)."""
    j = i
    while j > 0 and (_is_title(doc[j - 1]) or (j < i and doc[j - 1].text.lower() in TITLE_MODIFIERS)):
        j -= 1  # a modifier only counts once a title word is already to its right
        if j > 1 and doc[j - 1].text == "-" and not doc[j - 1].whitespace_ and not doc[j - 2].whitespace_:
            j -= 2  # "Vice-President": the hyphenated prefix belongs to the title, never to a name
    return (j, doc[j:i].text) if j < i else (i, None)


def _glued_tail(doc: Any, i: int) -> bool:
    """Token i ends a hyphenated word ("Arms" of "Sergeant-at-Arms Kevin Vickers"): not part of the name."""
    return i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and i + 1 < len(doc)


def _possessed_name(tokens: Any) -> bool:
    """Name tokens after a possessive that stand alone ("Sensei"), not a company's suffix ("'s Inc.")."""
    return len(tokens) > 0 and all(_is_name_token(t) for t in tokens) and not all(
        t.text.lower() in CORPORATE_SUFFIXES for t in tokens)


def _leading_conjunction(tok: Any) -> bool:
    """A capitalised conjunction the model swept into a name at a sentence start ("Plus Obama is nominating"):
    the tagger's CCONJ, not a word list, so "Will Hurd" (tagged as the auxiliary) keeps its first name."""
    return tok.pos_ == "CCONJ"


def _trim(doc: Any, start: int, end: int) -> tuple[int, int, str | None]:
    """Token range of a name without leading determiners/roles and trailing possessive/punctuation."""
    while start < end and (doc[start].is_punct or doc[start].text.lower() in PARTICLES or _glued_tail(doc, start)
                           or _leading_conjunction(doc[start])):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in POSSESSIVE):
        end -= 1
    owner = next((t.i for t in reversed(doc[start:end]) if t.text in POSSESSIVE), None)
    if owner is not None and _possessed_name(doc[owner + 1 : end]):
        start = owner + 1  # "Ellison’s Sensei", "Canada’s Trudeau": the name is what is possessed
    tokens = list(doc[start:end])
    k = _role_prefix_len(tokens)
    role = None
    if 0 < k < len(tokens) and all(_is_name_token(t) for t in tokens[k:]):
        role, start = doc[start : start + k].text, start + k
    if role is None:
        _first, role = _role_before(doc, start)
    return start, end, role


def _mention(block: Block, doc: Any, start: int, end: int, label: str, role: str | None) -> Mention:
    return Mention(*token_chars(doc, start, end, block.start), label, role)


def _ner_ranges(doc: Any, ent: Any) -> list[tuple[int, int]]:
    """Token ranges of one NER entity, cut at a parenthesis: "World Health Organization (WHO" is two names."""
    paren = next((t.i for t in ent if t.text == "("), None)
    if paren is None:
        return [(ent.start, ent.end)]
    close = next((t.i for t in doc[paren:ent.end] if t.text == ")"), ent.end)
    return [(ent.start, paren), (paren + 1, close)]


def _ner_mentions(block: Block) -> list[Mention]:
    doc, out = block.doc, []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        for first, last in _ner_ranges(doc, ent):
            start, end, role = _trim(doc, first, last)
            if end <= start or not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in doc[start:end]):
                continue  # "federal department": a name has a capital (or a digit) in it
            label = "PERSON" if role and ent.label_ != "PERSON" else ent.label_
            if label == "PERSON" and doc[end - 1].lower_ in PLACE_WORDS:
                label = "FAC"
            out.append(_mention(block, doc, start, end, label, role))
    return out


def _name_chain(doc: Any, i: int) -> int:
    """End (exclusive) of the run of capitalised proper-noun tokens starting at i (at most 4)."""
    j = i
    while j < len(doc) and j - i < 4 and (_is_name_token(doc[j]) or re.fullmatch(r"[A-Z]\.", doc[j].text)):
        j += 1
    return j


def _title_people(block: Block) -> list[Mention]:
    """People named right after a title ("Mayor Ines Calloway"), which the small model often misses."""
    doc, out = block.doc, []
    for tok in doc:
        if not _is_title(tok) or (tok.i + 1 < len(doc) and _is_title(doc[tok.i + 1])):
            continue
        end = _name_chain(doc, tok.i + 1)
        if end > tok.i + 1:
            out.append(_mention(block, doc, tok.i + 1, end, "PERSON", _role_before(doc, tok.i + 1)[1]))
    return out


def _speaker_people(block: Block) -> list[Mention]:
    """Multi-word proper-noun subjects of speech verbs ("..., said Ines Calloway"): people."""
    doc, out = block.doc, []
    for tok in doc:
        # "Nova Scotia added the drug group": a speech verb with a direct object is not speech
        if tok.lemma_ not in SPEECH_LEMMAS or (tok.lemma_ != "tell" and any(c.dep_ == "dobj" for c in tok.children)):
            continue
        for subj in (c for c in tok.children if c.dep_ == "nsubj" and _is_name_token(c)):
            start = subj.i
            while start > 0 and doc[start - 1].dep_ in ("compound", "flat") and _is_name_token(doc[start - 1]):
                start -= 1
            if subj.i > start and not subj.text.isupper():
                out.append(_mention(block, doc, start, subj.i + 1, "PERSON", _role_before(doc, start)[1]))
    return out


def _merge(found: list[Mention], people: list[Mention]) -> list[Mention]:
    """Add rule-found people; they replace overlapping non-person mentions they cover."""
    mentions = list(found)
    for person in people:
        overlapping = [m for m in mentions if m.start < person.end and m.end > person.start]
        if any(m.label == "PERSON" or m.start < person.start or m.end > person.end for m in overlapping):
            continue
        mentions = [m for m in mentions if m not in overlapping] + [person]
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _name_position(tok: Any) -> bool:
    """A known surname here names the person: anywhere but a sentence start, where a capitalised common
    word ("Young", "King") only counts if tagged a proper noun or if it is a bare subject ("Woods said",
    which the small model tags as a plural noun)."""
    if tok.pos_ == "PROPN" or not tok.is_sent_start:
        return True
    return tok.dep_ in ("nsubj", "nsubjpass") and not any(c.dep_ in ("det", "amod") for c in tok.children)


def _missed(blocks: list[Block], mentions: list[Mention], acronyms: dict[str, str]) -> list[Mention]:
    """Later mentions the model did not tag: a known person's surname ("Zelenskyy met ..."), a defined
    acronym ("WHO experts")."""
    surnames: dict[str, set[str]] = {}
    for m in mentions:
        if m.label == "PERSON" and len(m.name.split()) > 1:
            surnames.setdefault(m.name.split()[-1], set()).add(m.name)
    covered = {pos for m in mentions for pos in range(m.start, m.end)}
    found = []
    for block in blocks:
        for tok in block.doc:
            start = block.start + tok.idx
            if start in covered or not tok.text[:1].isupper():
                continue
            if len(surnames.get(tok.text, ())) == 1 and _name_position(tok):
                found.append(Mention(start, start + len(tok), "PERSON", None, next(iter(surnames[tok.text]))))
            elif tok.text in acronyms:
                found.append(Mention(start, start + len(tok), "ORG", None, acronyms[tok.text]))
    return found


def _chains(block: Block) -> list[tuple[int, int]]:
    """Token ranges of the runs of capitalised proper nouns in a block (upper-case datelines left out)."""
    doc, out, i = block.doc, [], 0
    while i < len(doc):
        end = _name_chain(doc, i)
        start = i + 1 if end > i + 1 and _glued_tail(doc, i) else i  # "Sergeant-at-Arms Kevin Vickers"
        if end > start and not any(t.text.isupper() and len(t) > 1 for t in doc[start:end]):
            out.append((start, end))
        i = max(end, i + 1)
    return out


def _untagged_full_names(blocks: list[Block], mentions: list[Mention]) -> list[Mention]:
    """Full names the model missed ("For Carole Laurin, ...") whose last word also stands alone elsewhere
    ("Laurin said"): a full name, then the surname, is how news copy names a person."""
    covered = {pos for m in mentions for pos in range(m.start, m.end)}
    alone, chains = set(), []
    for block in blocks:
        for i, end in _chains(block):
            if end - i == 1:
                alone.add(block.doc[i].text)
            elif end - i <= 3 and not any(block.start + t.idx in covered for t in block.doc[i:end]):
                chains.append((block, i, end))
    return [_mention(b, b.doc, i, end, "PERSON", _role_before(b.doc, i)[1]) for b, i, end in chains
            if b.doc[end - 1].text in alone]


def find_entities(text: str, blocks: list[Block]) -> list[Span]:
    """Entity spans for an article: trimmed NER mentions plus rule-found people, with canonical names."""
    mentions: list[Mention] = []
    for block in blocks:
        found = _ner_mentions(block)
        found = _merge(found, _title_people(block) + _speaker_people(block))
        mentions.extend(found)
    mentions = sorted(mentions + _untagged_full_names(blocks, mentions), key=lambda m: (m.start, m.end))
    acronyms = acronyms_in(text)
    canonicalise(text, mentions, acronyms)
    mentions = sorted(mentions + _missed(blocks, mentions, acronyms), key=lambda m: (m.start, m.end))
    spans = []
    for m in mentions:
        attrs: dict[str, Any] = {"name": m.name}
        if m.role:
            attrs["role"] = m.role
        spans.append(Span(m.start, m.end, m.label, attrs))
    describe(blocks, spans)
    return spans
