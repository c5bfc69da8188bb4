"""Entity mentions for the `nlp` stage: spaCy's entities trimmed of titles and possessives, people the small
model misses (after a title, or as the subject of a speech verb), and canonical names within one article.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storylens.model import Span

if TYPE_CHECKING:
    from storylens.stages.nlp import Block

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Last words that make a "person" the small model found a place ("Quay Lane").
PLACE_WORDS = frozenset("street road lane avenue square bridge park station hall way drive".split())

# Titles/roles that may precede a person's name (lower case, trailing dot dropped). "general" is left
# out on purpose ("General Motors"); "Gen." is in.
TITLE_WORDS = frozenset("""
mayor president minister secretary chancellor governor gov senator sen representative rep congressman
congresswoman councillor councilor councilman councilwoman judge justice gen lt col colonel captain capt
sgt sergeant admiral adm commissioner inspector chief dr mr mrs ms miss mx prof professor sir dame lord
lady king queen prince princess pope rev reverend father sheikh ambassador spokesman spokeswoman
spokesperson director ceo chairman chairwoman chair speaker premier sheriff superintendent pastor rabbi
imam bishop archbishop cardinal detective officer prosecutor commander marshal dean coach mp mep
president-elect vice-president
""".split())
# Words that only count as part of a role when a title word follows ("Foreign Minister", "former Mayor").
TITLE_MODIFIERS = frozenset("""
foreign defence defense interior finance health economy economic energy justice education environment
agriculture transport trade culture labour labor home deputy vice prime former acting chief executive
state city police fire district county regional federal opposition party assistant senior lieutenant
attorney general managing interim first
""".split())
# Head words that make a capitalised chain an organisation or a place, never a person.
NON_PERSON_WORDS = frozenset("""
street road lane avenue square island college university school hospital hall park bridge station center
centre office department ministry council committee commission agency authority service services bank
fund union party group association institute foundation company corporation corp inc ltd llc co
holdings logistics partners airlines airways news times post press court police army force forces navy
church city county district province state states republic kingdom federation nations organization
organisation board trust club league network media tv radio
""".split())
SPEECH_LEMMAS = frozenset("""
say tell add argue warn note state explain insist write conclude remark ask reply claim announce
confirm deny acknowledge admit suggest report recall declare respond stress emphasise emphasize
testify tweet post comment predict promise vow urge allege continue speak""".split())
# Trailing words of a company name that news copy drops on second mention ("Kestrine Industries" -> "Kestrine").
CORPORATE_SUFFIXES = frozenset("""
industries industry inc inc. corp corp. corporation co co. company ltd ltd. llc plc group holdings ag sa
gmbh nv bv limited international enterprises
""".split())
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
PARTICLES = frozenset({"the", "a", "an"})
_ACRONYM_AFTER = re.compile(
    r"((?:[A-Z][\w&.’'-]*\s+)(?:(?:of|for|and|on|the|de|&|[A-Z][\w&.’'-]*)\s+)*[A-Z][\w&.-]*)"
    r"\s*\(\s*([A-Z][A-Z0-9&.]{1,9})\s*\)"
)


@dataclass
class Mention:
    """An entity mention being built: article offsets, label, role (title) and canonical name."""

    start: int
    end: int
    label: str
    role: str | None = None
    name: str = ""


def fold(text: str) -> str:
    """Accent- and case-insensitive form of a name (NFKD, combining marks dropped, casefolded)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


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
    return (j, doc[j:i].text) if j < i else (i, None)


def _trim(doc: Any, start: int, end: int) -> tuple[int, int, str | None]:
    """Token range of a name without leading determiners/roles and trailing possessive/punctuation."""
    while start < end and (doc[start].is_punct or doc[start].text.lower() in PARTICLES):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in POSSESSIVE):
        end -= 1
    tokens = list(doc[start:end])
    k = _role_prefix_len(tokens)
    role = None
    if 0 < k < len(tokens) and all(_is_name_token(t) for t in tokens[k:]):
        role, start = doc[start : start + k].text, start + k
    if role is None:
        _first, role = _role_before(doc, start)
    return start, end, role


def _mention(block: Block, doc: Any, start: int, end: int, label: str, role: str | None) -> Mention:
    return Mention(block.start + doc[start].idx, block.start + doc[end - 1].idx + len(doc[end - 1]), label, role)


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
            if end <= start:
                continue
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
        if tok.lemma_ not in SPEECH_LEMMAS:
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


def _acronyms(text: str) -> dict[str, str]:
    """ACRONYM -> long form, from "Long Form (ACR)" in the text when the capitalised initials agree."""
    found = {}
    for match in _ACRONYM_AFTER.finditer(text):
        words, acronym = match.group(1).split(), match.group(2).replace(".", "")
        for k in range(len(words)):
            rest = words[k:]
            if rest[0][:1].isupper() and "".join(w[0] for w in rest if w[:1].isupper()) == acronym:
                found[match.group(2)] = " ".join(rest)
                break
    return found


def _clean_name(text: str) -> str:
    text = " ".join(text.split())
    return text[:-2] if text.endswith(("’s", "'s")) else text


def _surname_owner(mention: Mention, word: str, people: list[Mention]) -> str | None:
    """The full name an one-word mention stands for: a unique match, else the nearest such mention."""
    key = fold(word)
    if mention.label in PLACE_LABELS:
        return None  # "Brennock" the town is not "Brennock Water" mislabelled as a person
    # surname first; a first name alone ("Ines") only when the model itself called it a person
    for position in (-1, 0) if mention.label == "PERSON" else (-1,):
        owners = [p for p in people if fold(p.name.split()[position]) == key]
        if len({p.name for p in owners}) == 1:
            return owners[0].name
        if owners:
            return min(owners, key=lambda p: (p.start > mention.start, abs(p.start - mention.start))).name
    return None


def short_org_names(names: list[str]) -> dict[str, str]:
    """First word -> full name for company names whose other words are all corporate suffixes (if unique)."""
    owners: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        if len(words) > 1 and all(w.lower() in CORPORATE_SUFFIXES for w in words[1:]):
            owners.setdefault(fold(words[0]), set()).add(name)
    return {word: next(iter(full)) for word, full in owners.items() if len(full) == 1}


def _canonicalise(text: str, mentions: list[Mention], acronyms: dict[str, str]) -> None:
    """Set `name` on every mention: full person names for surnames, long forms for acronyms."""
    for m in mentions:
        m.name = m.name or _clean_name(text[m.start : m.end])
    people = [m for m in mentions if m.label == "PERSON" and len(m.name.split()) > 1]
    person_names = {m.name for m in people}
    companies = short_org_names([m.name for m in mentions if m.label == "ORG"])
    for m in mentions:
        if m.name in acronyms and m.label != "PERSON":
            m.name = acronyms[m.name]
        elif len(m.name.split()) == 1:
            owner = _surname_owner(m, m.name, people)
            if owner:
                m.name, m.label = owner, "PERSON"
            elif fold(m.name) in companies:
                m.name, m.label = companies[fold(m.name)], "ORG"
        elif m.name in person_names:
            m.label = "PERSON"  # the same full name once recognised as a person is one everywhere


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
            # at a sentence start a capitalised common word ("Young", "King") is only a name if tagged one
            if len(surnames.get(tok.text, ())) == 1 and (tok.pos_ == "PROPN" or not tok.is_sent_start):
                found.append(Mention(start, start + len(tok), "PERSON", None, next(iter(surnames[tok.text]))))
            elif tok.text in acronyms:
                found.append(Mention(start, start + len(tok), "ORG", None, acronyms[tok.text]))
    return found


def find_entities(text: str, blocks: list[Block]) -> list[Span]:
    """Entity spans for an article: trimmed NER mentions plus rule-found people, with canonical names."""
    mentions: list[Mention] = []
    for block in blocks:
        found = _ner_mentions(block)
        found = _merge(found, _title_people(block) + _speaker_people(block))
        mentions.extend(found)
    acronyms = _acronyms(text)
    _canonicalise(text, mentions, acronyms)
    mentions = sorted(mentions + _missed(blocks, mentions, acronyms), key=lambda m: (m.start, m.end))
    spans = []
    for m in mentions:
        attrs: dict[str, Any] = {"name": m.name}
        if m.role:
            attrs["role"] = m.role
        spans.append(Span(m.start, m.end, m.label, attrs))
    return spans
