"""Word lists and small helpers for names: titles, organisation and place words, speech verbs, folding."""

from __future__ import annotations

import re
import unicodedata

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
organizer organiser founder co-founder cofounder lawyer attorney economist analyst manager coordinator
activist advocate researcher scientist teacher principal chef owner author columnist photographer
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
# Words before a name that make it a place, not a person ("in Garland", "from Jackson").
PLACE_PREPOSITIONS = frozenset("in at from to near into across outside inside around through via toward".split())
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
PARTICLES = frozenset({"the", "a", "an"})


def fold(text: str) -> str:
    """Accent- and case-insensitive form of a name (NFKD, combining marks dropped, casefolded)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def acronym_word(word: str) -> bool:
    """An upper-case abbreviation of two or more letters, not a Roman numeral ("III") or "JR"."""
    return len(word) > 1 and word.isalpha() and word.isupper() and not re.fullmatch(r"[IVX]+|JR|SR", word)


def person_like(name: str) -> bool:
    """A two- or three-word capitalised name with no organisation or place word, nor acronym, in it."""
    words = name.split()
    stop = NON_PERSON_WORDS | CORPORATE_SUFFIXES | PLACE_WORDS
    return 1 < len(words) <= 3 and all(w[:1].isupper() and w.lower() not in stop and not acronym_word(w)
                                       for w in words)
