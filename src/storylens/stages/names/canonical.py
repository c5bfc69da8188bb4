"""Canonical names within one article: a surname stands for the full name ("Kowalski" -> "Anna Kowalski"),
an acronym for its long form, a short company name for the full one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storylens.stages.names.namewords import (
    CORPORATE_SUFFIXES,
    PLACE_LABELS,
    PLACE_PREPOSITIONS,
    acronym_word,
    fold,
    person_like,
)

# Bounded repetition (words of at most 40 characters, at most 12 of them): with `*` a long run of
# capitalised words, or one huge token, with no "(ACR)" after it made the search quadratic.
_ACRONYM_AFTER = re.compile(
    r"((?:[A-Z][\w&.’'-]{0,40}\s+)(?:(?:of|for|and|on|the|de|&|[A-Z][\w&.’'-]{0,40})\s+){0,10}[A-Z][\w&.-]{0,40})"
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


def acronyms_in(text: str) -> dict[str, str]:
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


def _after_place_word(text: str, start: int) -> bool:
    """True when a locative preposition comes right before `start` ("in Garland")."""
    before = text[max(0, start - 12) : start].split()
    return bool(before) and before[-1].lower() in PLACE_PREPOSITIONS


def _surname_owner(mention: Mention, word: str, people: list[Mention], text: str) -> str | None:
    """The full name an one-word mention stands for: a unique match, else the nearest such mention."""
    key = fold(word)
    if mention.label in PLACE_LABELS:
        # the small model often calls a surname a place ("Singh told ..."): it is the person's only when
        # one person has that surname and no locative preposition makes it a place ("in Garland")
        owners = {p.name for p in people if fold(p.name.split()[-1]) == key}
        return owners.pop() if len(owners) == 1 and not _after_place_word(text, mention.start) else None
    # surname first; a first name alone ("Ines") only when the model itself called it a person
    for position in (-1, 0) if mention.label == "PERSON" else (-1,):
        owners = [p for p in people if fold(p.name.split()[position]) == key]
        if len({p.name for p in owners}) == 1:
            return owners[0].name
        if owners:
            return min(owners, key=lambda p: (p.start > mention.start, abs(p.start - mention.start))).name
    return None


def _longer_name(mention: Mention, people: list[Mention]) -> str | None:
    """The full name a multi-word mention ends (a multi-word surname, "Al Hashish" of "Fouzia Al
    Hashish"): the one such name, else the nearest mention of one."""
    key = fold(mention.name).split()
    owners = [p for p in people if len(p.name.split()) > len(key) and fold(p.name).split()[-len(key):] == key]
    if not owners:
        return None
    return min(owners, key=lambda p: (p.start > mention.start, abs(p.start - mention.start))).name


def short_org_names(names: list[str]) -> dict[str, str]:
    """First word -> full name for company names whose other words are all corporate suffixes (if unique)."""
    owners: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        if len(words) > 1 and all(w.lower() in CORPORATE_SUFFIXES for w in words[1:]):
            owners.setdefault(fold(words[0]), set()).add(name)
    return {word: next(iter(full)) for word, full in owners.items() if len(full) == 1}


def _people(mentions: list[Mention]) -> list[Mention]:
    """Full-name person mentions; a person-like name the model mislabelled ("Morgan McNeely" as ORG) is
    one when its surname alone was tagged a person ("McNeely said")."""
    surnames = {fold(m.name) for m in mentions if m.label == "PERSON" and len(m.name.split()) == 1}
    for m in mentions:
        if m.label != "PERSON" and person_like(m.name) and fold(m.name.split()[-1]) in surnames:
            m.label = "PERSON"
    return [m for m in mentions if m.label == "PERSON" and len(m.name.split()) > 1]


def initials_of(mentions: list[Mention]) -> dict[str, str]:
    """ACRONYM -> the one organisation name in the article whose capitalised words' initials spell it
    ("IRCC" -> "Immigration, Refugees and Citizenship Canada"): news copy often uses an agency's acronym
    without ever writing "Long Form (ACR)"."""
    owners: dict[str, set[str]] = {}
    for m in mentions:
        words = re.findall(r"[\w&’'.-]+", m.name)
        capitals = [w for w in words if w[:1].isupper()]
        if m.label == "ORG" and len(capitals) >= 2 and not any(acronym_word(w) for w in words):
            owners.setdefault("".join(w[0] for w in capitals), set()).add(m.name)
    return {acronym: next(iter(names)) for acronym, names in owners.items() if len(names) == 1}


def canonicalise(text: str, mentions: list[Mention], acronyms: dict[str, str]) -> None:
    """Set `name` on every mention: full person names for surnames, long forms for acronyms."""
    for m in mentions:
        m.name = m.name or _clean_name(text[m.start : m.end])
        if m.label == "PERSON" and not m.role and any(acronym_word(w) for w in m.name.split()):
            m.label = "ORG"  # "BC Hydro said", "CBC News": people's names have no acronyms in them
    acronyms = {**initials_of(mentions), **acronyms}  # one the article spells out wins
    people = _people(mentions)
    person_names = {m.name for m in people}
    companies = short_org_names([m.name for m in mentions if m.label == "ORG"])
    for m in mentions:
        if m.name in acronyms and m.label != "PERSON":
            m.name = acronyms[m.name]
        elif len(m.name.split()) == 1:
            owner = _surname_owner(m, m.name, people, text)
            if owner:
                m.name, m.label = owner, "PERSON"
            elif fold(m.name) in companies:
                m.name, m.label = companies[fold(m.name)], "ORG"
        elif m.label in ("PERSON", *PLACE_LABELS) and (owner := _longer_name(m, people)):
            m.name, m.label = owner, "PERSON"  # "Al Hashish" after "Fouzia Al Hashish"
        elif m.name in person_names:
            m.label = "PERSON"  # the same full name once recognised as a person is one everywhere
