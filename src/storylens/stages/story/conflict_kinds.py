"""The kinds of conflict between two aligned claims (see `alignment`), each a rule a person can check.

- number: the same quantity of the same thing differs ("the 48-page indictment" / "the 47-page indictment"),
  or the same noun counted in one story event (events layer) differs; two bounds on one side ("as many as" /
  "up to") disagree like two figures;
- date: one event dated to different days: the date must date the predicate itself, and the two predicates
  be aligned (same subject) or linked by the events layer with a shared object and no clash of named actors;
  weekday names are compared as names (one "Tuesday" resolved against two publication dates is one day);
- polarity: one claim denies the predicate the other states, with the same subject, neither in a quotation;
- attribution: one claim says an actor made no statement ("avoided issuing a direct statement"), the other
  has that actor speaking or demanding on the same topic ("demanded Maduro's release");
- characterisation: the same subject and aspect characterised at opposite poles of one axis
  (`opposition.AXES`) or with opposite valence (VADER's lexicon), negation handled.

Every rule errs towards silence: a missing subject, a quotation or a hedge means no conflict.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from storylens.stages.compare.claimindex import ClaimRef
from storylens.stages.compare.opposition import characterisations, valence_pole
from storylens.stages.story import conflict_guards as guard
from storylens.stages.story.alignment import Alignment, Predicate, claim_frame
from storylens.stages.story.coverage import outlet_name
from storylens.stages.story.groups import TIME_UNITS, word_overlap
from storylens.temporal import is_resolved
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
# Counts below this, written exactly, disagree by any difference; larger figures get 5% for rounding.
EXACT_BELOW = 1000
# A figure written with this many significant digits ("$5,687.75", "$10,977") is exact: any difference counts.
PRECISE_DIGITS = 4
APPROXIMATE = frozenset(("about", "around", "roughly", "nearly", "almost", "some", "approximately", "over",
                         "under", "estimated", "more than", "less than", "at least", "up to", "fewer than",
                         "as many as", "as much as", "as few as", "as little as"))
LOWER_BOUNDS = frozenset(("over", "more than", "at least", "as few as", "as little as"))
UPPER_BOUNDS = frozenset(("under", "less than", "up to", "fewer than", "as many as", "as much as"))
NAMED_PREPS = frozenset(("on", "at", "for"))
SOURCE_GOAL = frozenset(("from", "to", "into", "onto", "toward", "towards"))
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
            if x["unit"] != y["unit"] or x["unit"] in TIME_UNITS or not _differ(a, x, b, y):
                continue
            if _unlike_figures(a, x, b, y) or guard.different_sources(a, x, b, y) or guard.different_agents(
                    a, x, b, y, alignment.subjects):
                continue
            if _has_value(values_b, x["value"], _precise(a, x)) or _has_value(values_a, y["value"], _precise(b, y)):
                continue
            if _same_quantity(a, x, b, y, shared) or _one_event_counted(a, x, b, y, alignment):
                values = [_written(a, x), _written(b, y)]
                found.append(("number", f"{outlet(a)} says {values[0]}; {outlet(b)} says {values[1]}", values))
    return found[:1]


def _unlike_figures(a: ClaimRef, x: dict[str, Any], b: ClaimRef, y: dict[str, Any]) -> bool:
    """Either figure is an added part ("another $16 billion") or the whole a part is taken from ("none of
    the $5.7 billion"), or one hangs from a predicted or hedged
    predicate and the other does not ("will propose $200 billion" / "imposed $16 billion"); two estimates
    of one thing ("could reach 3 million" / "could reach 5 million") still disagree."""
    if guard.increment(a, x) or guard.increment(b, y) or guard.partitive(a, x) or guard.partitive(b, y):
        return True
    return guard.figure_unasserted(a, x) != guard.figure_unasserted(b, y)


def _differ(a: ClaimRef, x: dict[str, Any], b: ClaimRef, y: dict[str, Any]) -> bool:
    """Two figures disagree: beyond rounding (5%), or exact small counts that differ ("48-page" / "47-page"),
    or two precise figures that differ at all ("$5,687.75" / "$5,587.75": nobody rounds to the cent). A
    bound ("over $10,000", "up to five years") disagrees only with a figure on the wrong side of it."""
    markers = _marker(a, x), _marker(b, y)
    same_side = all(m in LOWER_BOUNDS for m in markers) or all(m in UPPER_BOUNDS for m in markers)
    # Two bounds on one side ("as many as 1.5 million" / "up to 1.6 million") each state the bound: they
    # disagree as two figures do; one bound disagrees only with a figure on its wrong side.
    for claim, bound, other in () if same_side else ((a, x, y), (b, y, x)):
        marker = _marker(claim, bound)
        if marker in LOWER_BOUNDS:
            return other["value"] < bound["value"]
        if marker in UPPER_BOUNDS:
            return other["value"] > bound["value"]
    if values_disagree(x["value"], y["value"]):
        return True
    exact = all(n["value"] < EXACT_BELOW and float(n["value"]).is_integer() and not _approximate(c, n)
                for c, n in ((a, x), (b, y)))
    precise = _precise(a, x) and _precise(b, y)
    return (exact or precise) and x["value"] != y["value"]


def _precise(claim: ClaimRef, number: dict[str, Any]) -> bool:
    """A figure written to PRECISE_DIGITS or more significant digits, not marked approximate ("$10,977.74")."""
    written = claim.article.text[number["start"] : number["end"]]
    if re.search(r"[a-z]", written.lower()):  # "1.2 million": the word rounds it
        return False
    digits = re.sub(r"\D", "", written.split(".")[0]).lstrip("0").rstrip("0") + re.sub(
        r"\D", "", written.split(".")[1] if "." in written else "")
    return len(digits) >= PRECISE_DIGITS and not _approximate(claim, number)


def _marker(claim: ClaimRef, number: dict[str, Any]) -> str | None:
    """The approximation or bound written before a figure ("about", "more than"), if any."""
    before = claim.article.text[max(0, number["start"] - 20) : number["start"]].lower().split()
    for phrase in (" ".join(before[-3:]), " ".join(before[-2:]), before[-1] if before else ""):
        if phrase in APPROXIMATE:
            return phrase
    return None


def _approximate(claim: ClaimRef, number: dict[str, Any]) -> bool:
    return _marker(claim, number) is not None


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


def _one_event_counted(a: ClaimRef, x: dict[str, Any], b: ClaimRef, y: dict[str, Any], alignment: Alignment) -> bool:
    """Both figures count the same noun in one story event: the verbs they hang from, or the event noun
    those verbs modify or take as object ("a lawsuit involving 1.5 million women" / "block a lawsuit on
    behalf of 1.6 million women"), are mentions the events layer linked across the articles."""
    if _quantity_context(a, x)[0] != _quantity_context(b, y)[0]:
        return False
    ours, theirs = _event_anchors(a, x, alignment), _event_anchors(b, y, alignment)
    if not ours & theirs:
        return False
    # Two named actors ("Rait fell 200 feet" / "Buckley fell 2,000 feet") make two events of one kind.
    actors_a, actors_b = _clause_actors(a, x, alignment), _clause_actors(b, y, alignment)
    return not (actors_a and actors_b and not actors_a & actors_b)


def _clause_actors(claim: ClaimRef, number: dict[str, Any], alignment: Alignment) -> set[str]:
    """Story entities naming the subject of the nearest verb above a figure that has one."""
    token = guard._figure_token(claim, number)
    for verb in (t for t in (token.ancestors if token is not None else ()) if t.pos_ in ("VERB", "AUX")):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return _named_head(claim, subjects[0], alignment)
    return set()


def _event_anchors(claim: ClaimRef, number: dict[str, Any], alignment: Alignment) -> set[str]:
    """Story events of the verb a figure hangs from, of the noun that verb modifies, and of its objects."""
    token = guard._figure_token(claim, number)
    path = []
    for word in token.ancestors if token is not None else ():
        if word.pos_ == "VERB":
            break
        path.append(word)
    else:
        return set()
    verb = word
    # A figure where something comes from or goes to ("seized rifles from the 12 pirates", "reduced the
    # suspension to two games") is not the count of the event's participants.
    if any(w.dep_ == "prep" and w.lower_ in SOURCE_GOAL for w in path):
        return set()
    # The object holding the figure is what is counted ("covers 1.5 million women"), not the event.
    words = [verb, *(c for c in verb.children if c.dep_ == "dobj" and token not in c.subtree)]
    if verb.dep_ in ("acl", "relcl"):
        words.append(verb.head)
    events = (alignment.event_of(claim, w.i) for w in words)
    return {e for e in events if e is not None}


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
    """The number as written, with its approximation or bound, plus the word right after it ("48-page",
    "12 people", "up to $4.5 million")."""
    text = claim.article.text
    marker = _marker(claim, number)
    written = (f"{marker} " if marker else "") + text[number["start"] : number["end"]]
    if not number["unit"] or number["unit"] in ("%", "USD", "EUR", "GBP", "JPY"):
        return written.strip()
    following = re.match(r"-?\s?[^\W\d][\w-]*", text[number["end"] : number["end"] + 40])
    return (written + (following.group(0) if following else "")).strip()


def dates(a: ClaimRef, b: ClaimRef, alignment: Alignment) -> list[Disagreement]:
    """One event dated to different days: each claim dates a predicate directly ("apologized on Friday",
    "the debate on Tuesday"), and the two predicates are one event: aligned with the same subject (in two
    claims this similar), or mentions the events layer linked across the articles. Dates of other events in
    the same sentence ("after his address on Thanksgiving") are never compared."""
    ours, theirs = dated_predicates(a), dated_predicates(b)
    if not ours or not theirs:
        return []
    similar = cosine(a, b) >= SAME_DATED_FACT
    # "X said Friday" and "Y said Thursday" are two statements: reporting verbs are never aligned.
    pairs = [(p.token, q.token) for p, q in alignment.aligned(a, b)
             if similar and alignment.same_subject(a, p, b, q)]
    # Linked mentions of one event type may still be two occasions ("voted Friday to block the bill" / "voted
    # on Monday to advance it"): they must also share what the event is done to or about.
    pairs += [(x, y) for x in ours for y in theirs if alignment.coreferent(a, x, b, y)
              and _arguments(a, x, ours[x]) & _arguments(b, y, theirs[y]) and not _agents_clash(a, x, b, y, alignment)]
    for x, y in pairs:
        if x in ours and y in theirs and _days_differ(a, ours[x], b, theirs[y]):
            day_a, day_b = _day(ours[x]), _day(theirs[y])
            said_a, said_b = _as_said(a, ours[x]), _as_said(b, theirs[y])
            return [("date", f"{outlet(a)} dates it {said_a}; {outlet(b)} dates it {said_b}", [day_a, day_b])]
    return []


# Outlets misdate an event by days (a weekday mixed up), not by months.
MAX_MISDATING_DAYS = 31
WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Words a date phrase is made of, climbed through on the way to what it dates ("on Friday", "Thursday night").
DATE_CLIMB = frozenset(("compound", "nummod", "amod", "npadvmod", "pobj", "prep", "appos", "tmod", "det"))


def _day(time: Any) -> str:
    return str(time.attrs.get("value", ""))[:10]


def _time_text(claim: ClaimRef, time: Any) -> str:
    return claim.article.text[time.start : time.end]


def _as_said(claim: ClaimRef, time: Any) -> str:
    """The date as written with the day it resolves to ("Friday (2026-03-06)")."""
    return f"{' '.join(_time_text(claim, time).split())} ({_day(time)})"


def _arguments(claim: ClaimRef, token: int, time: Any) -> set[str]:
    """Lemmas of what a predicate is done to or about: its objects, prepositional objects (not the date's),
    and for a participle the noun it modifies ("the interview published Sunday": interview)."""
    doc = claim_frame(claim).doc
    word = doc[token]
    start, end = time.start - claim.span.start, time.end - claim.span.start
    heads = [c for c in word.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative")]
    heads += [g for c in word.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if word.dep_ == "acl":
        heads.append(word.head)
    return {h.lemma_.lower() for h in heads if h.pos_ in ("NOUN", "PROPN") and not start <= h.idx < end}


def _agents_clash(a: ClaimRef, x: int, b: ClaimRef, y: int, alignment: Alignment) -> bool:
    """Both predicates have a subject naming story entities, and none is shared: two actors, two events."""
    ours, theirs = (_subject_entities(c, t, alignment) for c, t in ((a, x), (b, y)))
    return bool(ours and theirs and not ours & theirs)


def _subject_entities(claim: ClaimRef, token: int, alignment: Alignment) -> set[str]:
    doc = claim_frame(claim).doc
    subjects = [c for c in doc[token].children if c.dep_ == "nsubj"]
    return _named_head(claim, subjects[0], alignment) if subjects else set()


def _named_head(claim: ClaimRef, head: Any, alignment: Alignment) -> set[str]:
    """Story entities in a subject's head word with its compounds, or a name in apposition to it ("Duncan
    Merrow"; not the description "a Quillon pilot" every subject of the story may carry)."""
    found: set[str] = set()
    # A name in apposition is the same actor ("another climber, Duncan Rait").
    for word in [head, *(c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN")]:
        words = [word, *(c for c in word.children if c.dep_ in ("compound", "flat"))]
        found |= alignment.subjects.within(claim, min(w.idx for w in words),
                                           max(w.idx + len(w.text) for w in words))
    return found


def _days_differ(a: ClaimRef, x: Any, b: ClaimRef, y: Any) -> bool:
    """Two dates name different days, close enough to be one event misdated. Two weekday names ("Tuesday"
    / "Thursday") are compared as names: resolved against two publication dates, one "Tuesday" may land in
    two weeks, and it is one day. Days further apart than MAX_MISDATING_DAYS are two occasions of one
    kind ("hired as head coach on June 27, 2001" / "named head coach on May 23, 2005"), not one misdated."""
    name_a, name_b = WEEKDAY.search(_time_text(a, x)), WEEKDAY.search(_time_text(b, y))
    if name_a and name_b:
        return name_a.group(1).lower() != name_b.group(1).lower()
    try:
        gap = abs((date.fromisoformat(_day(x)) - date.fromisoformat(_day(y))).days)
    except ValueError:
        return False
    return 0 < gap <= MAX_MISDATING_DAYS


def dated_predicates(claim: ClaimRef) -> dict[int, Any]:
    """{token index in the claim's frame: the time span} for each day date (a resolved day, or a time of a
    resolved day: "Thursday night") that dates a verb or noun directly ("resigned on Friday", "said
    Friday", "the vote Tuesday"); a predicate with two different dates is left out."""
    doc = claim_frame(claim).doc
    found: dict[int, Any] = {}
    clashing: set[int] = set()
    for time in claim.times:
        value = str(time.attrs.get("value") or "")
        if time.label != "DATE" or time.attrs.get("precision") not in ("day", "time"):
            continue
        if not DAY_VALUE.match(value) or not is_resolved(value[:10]):
            continue
        start, end = time.start - claim.span.start, time.end - claim.span.start
        if _bounding(claim.text[:start]):
            continue  # "found since Monday", "until Friday": a span's edge, not the day it happened
        token = _dated_token(doc, start, end)
        if token is None or _after_other_noun(doc, start, token):
            continue
        if token in found and _day(found[token]) != _day(time):
            clashing.add(token)
        found.setdefault(token, time)
    return {t: time for t, time in found.items() if t not in clashing}


RANGE_WORDS = frozenset("since until till by before after through from to between starting beginning".split())


def _bounding(before: str) -> bool:
    """The words before a date make it the edge of a span ("since Monday", "until March 3")."""
    words = re.findall(r"[a-z]+", before.lower())
    return bool(words) and words[-1] in RANGE_WORDS


def _after_other_noun(doc: Any, start: int, token: int) -> bool:
    """A bare date right after a noun that is not what it dates ("disputed the report Thursday"): the parse
    may hang it on either, so it dates nothing for sure."""
    before = [t for t in doc if t.idx + len(t.text) <= start]
    return bool(before) and before[-1].pos_ in ("NOUN", "PROPN") and before[-1].i != token


def _dated_token(doc: Any, start: int, end: int) -> int | None:
    """The verb or noun a date phrase (character offsets in the claim) hangs from, outside the phrase."""
    inside = [t for t in doc if start <= t.idx < end]
    if not inside:
        return None
    # spaCy makes a new Token object on every access: compare indices, never identities.
    token = next((t for t in inside if not start <= t.head.idx < end or t.head.i == t.i), inside[0])
    while token.head.i != token.i and (token.dep_ in DATE_CLIMB or start <= token.idx < end):
        token = token.head
        if not start <= token.idx < end and token.pos_ in ("VERB", "NOUN", "PROPN"):
            break
    if start <= token.idx < end:
        return None
    # "A staffer on Friday apologized": a date between a subject and its verb dates the verb, wherever the
    # parser hung it.
    if token.dep_ in ("nsubj", "nsubjpass") and token.i < inside[0].i and inside[-1].i < token.head.i:
        token = token.head
    return token.i if token.pos_ in ("VERB", "NOUN") else None


def cosine(a: ClaimRef, b: ClaimRef) -> float:
    """Cosine of two claims' sentence vectors (rows are L2-normalised)."""
    return float(a.article.vectors["claims"][a.index] @ b.article.vectors["claims"][b.index])


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
