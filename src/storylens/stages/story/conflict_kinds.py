"""The kinds of conflict between two aligned claims (see `alignment`), each a rule a person can check.

- number: the same quantity of the same thing differs ("the 48-page indictment" / "the 47-page indictment");
- date: the same predicate is dated to different days;
- polarity: one claim denies the predicate the other states, with the same subject, neither in a quotation;
- attribution: one claim says an actor made no statement ("avoided issuing a direct statement"), the other
  has that actor speaking or demanding on the same topic ("demanded Maduro's release");
- characterisation: the same subject and aspect characterised at opposite poles of one axis
  (`opposition.AXES`) or with opposite valence (VADER's lexicon), negation handled.

Every rule errs towards silence: a missing subject, a quotation or a hedge means no conflict.
"""

from __future__ import annotations

import re
from typing import Any

from storylens.stages.compare.claimindex import ClaimRef
from storylens.stages.compare.opposition import characterisations, valence_pole
from storylens.stages.story import conflict_guards as guard
from storylens.stages.story.alignment import Alignment, Predicate, claim_frame
from storylens.stages.story.coverage import outlet_name
from storylens.stages.story.figures import EXACT_BELOW, figures_differ, is_precise
from storylens.stages.story.groups import TIME_UNITS, day_dates, word_overlap
from storylens.text.quantities import values_disagree

# Kind, explanation, the two values in conflict.
Disagreement = tuple[str, str, list[str]]
NUMBER_CLIMB = frozenset(("nummod", "nmod", "compound", "quantmod", "amod", "punct"))
REVERSING = frozenset(("not", "n't", "never", "hardly", "barely", "scarcely"))
SPEECH_NOUNS = frozenset("statement comment remark response reply word".split())
SPEECH_VERBS = frozenset("comment respond speak reply address say state discuss elaborate".split())
# Speaking that cannot go with having made no statement. Plain reporting ("said", "announced") is left out:
# "said he could not discuss details" and "declined to comment on details" are one silence in two wordings.
DEMANDS = frozenset("demand call urge insist condemn criticize criticise denounce vow accuse".split())


# Characterisations word one thing differently ("restrained response" / "reacted sharply"): two claims
# this similar (cosine) sharing this much wording may be about one thing (measured on the demo).
SAME_THING = 0.45
MIN_THING_OVERLAP = 0.15
SAME_DATED_FACT = 0.6
NAMED_PREPS = frozenset(("on", "at", "for"))
MAX_PHRASE = 90  # characters of a wording quoted in an explanation


def short(phrase: str) -> str:
    """A wording cut at a word boundary to fit one explanation line."""
    phrase = " ".join(phrase.split())
    return phrase if len(phrase) <= MAX_PHRASE else phrase[:MAX_PHRASE].rsplit(" ", 1)[0] + " …"


def outlet(claim: ClaimRef) -> str:
    """The outlet a claim comes from (a short name of its source when the outlet is unknown, never a path)."""
    return outlet_name(claim.article)


def numbers(a: ClaimRef, b: ClaimRef, alignment: Alignment) -> list[Disagreement]:
    """The same quantity of the same thing, with values that differ and no value of one found in the other."""
    ours, theirs = a.span.attrs.get("numbers", []), b.span.attrs.get("numbers", [])
    values_a, values_b = [n["value"] for n in ours], [n["value"] for n in theirs]
    shared = alignment.aligned(a, b)
    if not shared and not alignment.about_one_subject(a, b):
        return []
    if guard.different_years(a, b):
        return []
    found = []
    for x in ours:
        for y in theirs:
            if x["unit"] != y["unit"] or x["unit"] in TIME_UNITS or not figures_differ(a, x, b, y):
                continue
            if _unlike_figures(a, x, b, y) or guard.different_sources(a, x, b, y) or guard.different_agents(
                    a, x, b, y, alignment.subjects):
                continue
            if _has_value(values_b, x["value"], is_precise(a, x)) or _has_value(values_a, y["value"], is_precise(b, y)):
                continue
            if _same_quantity(a, x, b, y, shared):
                values = [_written(a, x), _written(b, y)]
                found.append(("number", f"{outlet(a)} says {values[0]}; {outlet(b)} says {values[1]}", values))
    return found[:1]


def _unlike_figures(a: ClaimRef, x: dict[str, Any], b: ClaimRef, y: dict[str, Any]) -> bool:
    """Either figure is an added part ("another $16 billion"), or one hangs from a predicted or hedged
    predicate and the other does not ("will propose $200 billion" / "imposed $16 billion"); two estimates
    of one thing ("could reach 3 million" / "could reach 5 million") still disagree."""
    if guard.increment(a, x) or guard.increment(b, y):
        return True
    return guard.figure_unasserted(a, x) != guard.figure_unasserted(b, y)


def _has_value(values: list[float], value: float, precise: bool = False) -> bool:
    """The value appears among the other claim's figures (small whole counts and precise figures exactly,
    others within 5%)."""
    if precise or (value < EXACT_BELOW and float(value).is_integer()):
        return value in values
    return any(not values_disagree(v, value) for v in values)


def _same_quantity(a: ClaimRef, x: dict[str, Any], b: ClaimRef, y: dict[str, Any],
                   shared: list[tuple[Predicate, Predicate]]) -> bool:
    """Both numbers count the same thing: their noun phrases name one thing beyond what is counted ("the
    35-word oath"), or they count the same noun as objects of an aligned predicate ("spent $750,000")."""
    (counted_a, things_a, verb_a), (counted_b, things_b, verb_b) = _quantity_context(a, x), _quantity_context(b, y)
    if things_a & things_b:
        return True
    return counted_a == counted_b and any(verb_a == p.token and verb_b == q.token for p, q in shared)


def _quantity_context(claim: ClaimRef, number: dict[str, Any]) -> tuple[str | None, set[str], int | None]:
    """The noun a number counts, the other nouns of its noun phrase (its compounds and "of" objects, no
    clauses) and the index of the verb the phrase hangs from."""
    doc = claim_frame(claim).doc
    start = number["start"] - claim.span.start
    token = next((t for t in doc if t.idx <= start < t.idx + len(t.text)), None)
    if token is None:
        return None, set(), None
    counted = None
    while token.dep_ in NUMBER_CLIMB and token.head is not token:
        token = token.head
        if counted is None and token.pos_ in ("NOUN", "PROPN", "SYM"):
            counted = token.lemma_.lower()
    parts = [token, *(c for c in token.children if c.dep_ in ("compound", "amod", "nmod"))]
    parts += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    # A named thing the figure is spent on or at ("$5,687.75 on Martha's Vineyard Holistic Retreat").
    named = [g for c in token.children if c.dep_ == "prep" and c.lower_ in NAMED_PREPS for g in c.children
             if g.dep_ == "pobj" and g.pos_ == "PROPN"]
    parts += named + [c for g in named for c in g.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    things = {t.lemma_.lower() for t in parts if t.pos_ in ("NOUN", "PROPN")} - {counted, number["unit"]}
    verb = next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return counted or token.lemma_.lower(), things, verb.i if verb is not None else None


def _written(claim: ClaimRef, number: dict[str, Any]) -> str:
    """The number as written plus the word right after it ("48-page", "12 people", "$4.5 million")."""
    text = claim.article.text
    written = text[number["start"] : number["end"]]
    if not number["unit"] or number["unit"] in ("%", "USD", "EUR", "GBP", "JPY"):
        return written.strip()
    following = re.match(r"-?\s?[^\W\d][\w-]*", text[number["end"] : number["end"] + 40])
    return (written + (following.group(0) if following else "")).strip()


def dates(a: ClaimRef, b: ClaimRef, alignment: Alignment) -> list[Disagreement]:
    """The same predicate of the same subject dated to different days (each claim one resolved day)."""
    ours, theirs = day_dates(a), day_dates(b)
    if len(ours) != 1 or len(theirs) != 1 or ours == theirs or cosine(a, b) < SAME_DATED_FACT:
        return []
    verb_a, verb_b = _dated_verb(a), _dated_verb(b)
    if verb_a is None or verb_b is None:
        return []
    # The dated predicates must be the aligned ones: "X said Friday" and "Y said Thursday" are two statements.
    if not any(p.token == verb_a and q.token == verb_b and alignment.same_subject(a, p, b, q)
               for p, q in alignment.aligned(a, b)):
        return []
    day_a, day_b = next(iter(ours)), next(iter(theirs))
    return [("date", f"{outlet(a)} dates it {day_a}; {outlet(b)} dates it {day_b}", [day_a, day_b])]


def cosine(a: ClaimRef, b: ClaimRef) -> float:
    """Cosine of two claims' sentence vectors (rows are L2-normalised)."""
    return float(a.article.vectors["claims"][a.index] @ b.article.vectors["claims"][b.index])


def _dated_verb(claim: ClaimRef) -> int | None:
    """The index of the verb the claim's one day-date modifies directly ("resigned on Friday", "said
    Friday"); None when the date dates a noun ("the report Thursday") or hangs elsewhere."""
    doc = claim_frame(claim).doc
    days = [t for t in claim.times if t.label == "DATE" and t.attrs.get("precision") == "day"]
    if not days:
        return None
    start = days[0].start - claim.span.start
    token = next((t for t in doc if t.idx <= start < t.idx + len(t.text)), None)
    if token is None:
        return None
    while token.dep_ in ("compound", "nummod", "amod", "npadvmod", "pobj", "prep", "appos") and token.head is not token:
        token = token.head
        if token.pos_ in ("VERB", "NOUN", "PROPN"):
            break
    return token.i if token.pos_ == "VERB" else None


def polarity(a: ClaimRef, b: ClaimRef, alignment: Alignment) -> list[Disagreement]:
    """One claim denies what the other states: same predicate, same subject, neither quoted nor hedged."""
    if _quoted(a) or _quoted(b) or a.span.attrs.get("hedged") or b.span.attrs.get("hedged"):
        return []
    for p, q in alignment.aligned(a, b):
        # Both verbs: under a light verb the noun is an aspect ("had a veto overridden"), not the event.
        verbs = _verb(a, p) and _verb(b, q)
        if verbs and p.negated != q.negated and alignment.same_subject(a, p, b, q):
            (denying, d), (stating, s) = ((a, p), (b, q)) if p.negated else ((b, q), (a, p))
            if (guard.moment_bound(denying) or guard.narrowed(denying, d, stating)
                    or guard.objects_differ(a, p, b, q)):
                continue
            said_no, said_yes = _phrase(denying, d), _phrase(stating, s)
            explanation = f"{outlet(denying)} says “{said_no}”; {outlet(stating)} says “{said_yes}”"
            return [("polarity", explanation, [said_no, said_yes])]
    return []


def _verb(claim: ClaimRef, predicate: Predicate) -> bool:
    return claim_frame(claim).doc[predicate.token].pos_ == "VERB"


def _quoted(claim: ClaimRef) -> bool:
    """Whether the claim is (in) a direct quotation: a speaker's words, not the outlet's report."""
    index = claim.span.attrs.get("quote")
    quotes = claim.article.layer("quotes")
    return index is not None and 0 <= index < len(quotes) and quotes[index].label == "direct"


def _phrase(claim: ClaimRef, predicate: Predicate) -> str:
    """The predicate with its subject and negation, as written ("Mr. Vale did not resign")."""
    doc = claim_frame(claim).doc
    token = doc[predicate.token]
    words = [token] + [c for c in token.children if c.dep_ in ("neg", "aux", "auxpass", "advmod")]
    start = min(w.idx for w in words)
    if predicate.subject is not None:
        start = min(start, predicate.subject[0])
    end = token.idx + len(token.text)
    return short(claim.text[start:end])


def attribution(a: ClaimRef, b: ClaimRef, alignment: Alignment) -> list[Disagreement]:
    """One claim says an actor made no statement, the other has the same actor stating or demanding."""
    if _quoted(a) or _quoted(b):
        return []
    for silent, speaking in ((a, b), (b, a)):
        actor_phrase = _silence(silent)
        if actor_phrase is None or _silence(speaking) is not None:
            continue
        actors = alignment.subjects.within(silent, *actor_phrase[0])
        spoken = _speech(speaking, alignment, actors)
        topic = (alignment.subjects.of_claim(silent) & alignment.subjects.of_claim(speaking)) - actors
        if actors and spoken and topic:
            explanation = (f"{outlet(silent)} says “{actor_phrase[1]}”; "
                           f"{outlet(speaking)} says “{spoken}”")
            return [("attribution", explanation, [actor_phrase[1], spoken])]
    return []


def _silence(claim: ClaimRef) -> tuple[tuple[int, int], str] | None:
    """(subject span, phrase) when the claim says its subject made no statement ("declined to comment")."""
    frame = claim_frame(claim)
    for predicate in frame.predicates:
        token = frame.doc[predicate.token]
        objects = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
        speech = predicate.lemma in SPEECH_VERBS or bool(objects & SPEECH_NOUNS)
        # "declined to say whether she supports it" is silence on one question, not on the matter.
        open_question = any(c.dep_ in ("ccomp", "advcl") for c in token.subtree)
        if predicate.negated and speech and predicate.subject is not None and not open_question:
            end = max(t.idx + len(t.text) for t in token.subtree)
            return predicate.subject, short(claim.text[predicate.subject[0] : end])
    return None


def _speech(claim: ClaimRef, alignment: Alignment, actors: set[str]) -> str | None:
    """The claim's phrase in which one of the actors speaks or demands (not negated), if any."""
    frame = claim_frame(claim)
    for predicate in frame.predicates:
        root = frame.doc[predicate.token]
        if predicate.negated or predicate.subject is None:
            continue
        speaks = root.lemma_.lower() in DEMANDS or root.head.lemma_.lower() in DEMANDS
        if speaks and alignment.subjects.within(claim, *predicate.subject) & actors:
            end = max(t.idx + len(t.text) for t in root.subtree)
            return short(claim.text[predicate.subject[0] : end])
    return None


def characterisation(a: ClaimRef, b: ClaimRef, alignment: Alignment) -> list[Disagreement]:
    """The same subject and aspect characterised at opposite poles (an axis, or VADER valence)."""
    if not guard.same_voice(a, b):
        return []  # two speakers (or a speaker and the outlet) may judge one thing differently
    similar = cosine(a, b) >= SAME_THING and word_overlap(a.text, b.text) >= MIN_THING_OVERLAP
    for p in claim_frame(a).predicates:
        for q in claim_frame(b).predicates:
            if not _one_aspect(a, p, b, q, alignment, similar):
                continue
            for ours, modifies_a in _characterising(a, p):
                for theirs, modifies_b in _characterising(b, q):
                    axis = _opposed(ours, theirs, modifies_a and modifies_b)
                    if axis:
                        explanation = (f"{outlet(a)} calls it “{short(ours)}”; {outlet(b)} calls it "
                                       f"“{short(theirs)}” (opposite ends of {axis})")
                        return [("characterisation", explanation, [ours, theirs])]
    return []


def _one_aspect(a: ClaimRef, p: Predicate, b: ClaimRef, q: Predicate, alignment: Alignment, similar: bool) -> bool:
    """Two predicates characterise one subject and aspect: one predicate family and subject, or (in two
    similar claims) subject phrases naming one story entity ("Kestrine's response" / "Kestrine reacted")."""
    if (p, q) in alignment.aligned(a, b) and alignment.same_subject(a, p, b, q):
        return True
    return similar and bool(alignment.subject_entities(a, p) & alignment.subject_entities(b, q))


def _characterising(claim: ClaimRef, predicate: Predicate) -> list[tuple[str, bool]]:
    """(phrase, is a modifier) for what characterises a predicate: itself, its adverbs, its complements and
    their adjectives; a reverser governing the predicate ("hardly", "not") starts the phrase."""
    doc = claim_frame(claim).doc
    token = doc[predicate.token]
    words = [(token, False)] + [(c, True) for c in token.children if c.dep_ in ("advmod", "acomp", "amod")]
    for complement in (c for c in token.children if c.dep_ in ("attr", "dobj", "acomp", "oprd")):
        words += [(complement, False)] + [(c, True) for c in complement.children if c.dep_ in ("amod", "advmod")]
    reversers = [c.idx for t in {token, token.head} for c in t.children
                 if c.dep_ == "neg" or c.lower_ in REVERSING]
    phrases = []
    # Modifiers first: "a serious setback" is opposed to "hardly a dramatic setback" by its adjective.
    for word, modifier in sorted(words, key=lambda pair: not pair[1]):
        head = word.head if modifier and word.head.i > word.i else word
        start = min([word.idx, *(r for r in reversers if r < word.idx)])
        phrases.append((claim.text[start : head.idx + len(head.text)], modifier))
    return phrases


def _opposed(ours: str, theirs: str, modifiers: bool) -> str | None:
    """The axis on which two characterising phrases sit at opposite poles (None when they do not).

    Valence counts only between modifiers ("a strong economy" / "a weak economy"): a verb's own valence
    is what happened ("killed"), which the polarity rule compares."""
    for one in characterisations(ours):
        for other in characterisations(theirs):
            if one.axis == other.axis and one.pole == -other.pole:
                return one.axis
    if not modifiers:
        return None
    pole_a, pole_b = valence_pole(ours), valence_pole(theirs)
    if pole_a and pole_b and pole_a == -pole_b:
        return "valence"
    return None


RULES = (numbers, dates, polarity, attribution, characterisation)
