"""The briefing's lead and its sentence guard.

The lead is the most corroborated story event (`results["events"]`, from `event_coref`): most independent
sources; vague predicates (`VAGUE_PREDICATES`: "according", "know") are passed over. An event passes only when
one of its mention sentences can lead a briefing (`lead_worthy`): a complete event or statement sentence (not a
prediction, opinion or question), not hedged, not contested, not opening on a quotation nor continuing one
opened in the sentence before (`unpaired_quotes`). Of those sentences the
one naming most of the event's who / when / where wins, earlier in its article, more widely corroborated, in the
outlet's own voice and more relevant to the briefing (`RELEVANCE_WEIGHT`) adding to its score. Most events of a
story tie on independent sources (a Multi-News cluster has 2 to 6 articles): of equally corroborated events the one
whose best sentence scores highest leads (then the one with more mentions). The lead then tells the event its
sentence states as its own news (the main predicate, `events` layer `main`) when that event is as widely
corroborated: its who / what / citations describe the sentence, not a clause inside it.
The lead cites every claim that mentions the event; `who`, `what`, `where` come from the event record, `when`
from the lead sentence's own date when it has one, else a date that sentences of two of its articles give
(never one mention's alone).

`complete_sentence` is the guard every briefing line passes: never a fragment (a clause cut at a
semicolon, a line without its end punctuation, a sentence opening on "He" or "They" that leans on the one
before it), a heading or headline (the article's title, a line with no end punctuation), or page furniture
(`BOILERPLATE`). A lead also never speaks in the first person (`FIRST_PERSON`).
"""

from __future__ import annotations

import math
import re
from typing import Any

from storylens.model import Story
from storylens.stages.compare.claimindex import ClaimIndex, ClaimRef
from storylens.stages.story.coverage import outlet_name

# Furniture the cleaner may leave in running text: captions, credits, calls to act, link residue.
BOILERPLATE = re.compile(
    r"\((?:AP|Associated Press|Reuters|AFP|Getty)[^)]*\)\s*$|\bAP Photo\b|\bGetty Images\b|\bPhoto(?:graph)?:"
    r"|\bclick here\b|\bsign up\b|\bsubscribe\b|\bnewsletter\b|\bfollow (?:us|him|her)\b|\bcopyright\b"
    r"|\ball rights reserved\b|https?://|www\.|@\w+|\bread more\b|\bwatch:|\bcaption\b|\bcomments?\b.*\bbelow\b"
    r"|^(?:you|your)\b",  # the page talking to its reader ("You can add location information to your Tweets")
    re.IGNORECASE)
OPENERS = "\"“‘«„'([—–- "
CLOSERS = "\"”’»'()] "
ENDS = ".!?…"
# A sentence opening on a personal pronoun or a contrast leans on the one before it ("He promptly deleted his
# profiles.", "But fellow Republicans suggested that he had not.").
LEANING = re.compile(r"(?:He|She|They|His|Her|Their|Him|Them|But|And|Yet|However)\b")
# Words that place a sentence after, or against, one a reader has not seen: "Trump then pivoted to Clinton."
# (sequence, near the start), "Democrats took a different tack." (a comparison whose other side is earlier).
LEANING_WORDS = re.compile(r"^\W*(?:[\w.'’-]+\s+){0,4}?(?:then|instead|likewise|similarly)\b"
                           r"|\ba different\b(?!.*\b(?:from|than)\b)", re.IGNORECASE)
# A lead in the first person leans on a speaker it does not name ("I quit and am happy.", a post quoted without
# its quote marks).
FIRST_PERSON = re.compile(r"[\"“‘«„'([—–\s-]*(?:I|We|My|Our|Us)\b")
LEAD_KINDS = frozenset({"event", "statement"})
# Predicates that name no event a reader could lead with ("according to", "knew", "wanted").
VAGUE_PREDICATES = frozenset("""accord know think believe want need seem appear feel mean hope like try use
include see look expect consider remain""".split())
# Participant words that name nobody: pronouns, quantifiers and time words the parser hangs on predicates.
NOT_NAMES = frozenset("""i me my you your he him his she her it its they them their we us our who whom whose
which that this these those one ones nobody somebody someone anyone everyone everybody nothing something
anything everything all some many most both each either neither what whatever other others another
day days week weeks month months year years time morning afternoon evening night dawn today yesterday
tomorrow monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december a.m. p.m. am pm""".split())
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
LEAD_DECAY = 4.0  # sentence rank at which the lead-position bonus has fallen to 1/e
TOP_EVENTS = 10
# Weight of the briefing's relevance (0..4: lead, centrality, corroboration, shared words) in the lead sentence's
# score. Multi-News dev, first 50 clusters (tuning), ROUGE-1 of the briefing: 0 -> 44.51, 0.5 -> 44.69, 1 -> 44.72,
# 2 -> 44.65; last 50 (check): 45.79, 45.82, 45.94, 46.01. With ties between events broken by the score, first 50:
# 0.5 -> 44.95, 1 -> 44.90, 2 -> 44.83, 3 -> 44.85, 5 -> 44.82 (flat): it stays 1.
RELEVANCE_WEIGHT = 1.0
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def complete_sentence(text: str, title: str | None = None) -> bool:
    """True for a whole sentence: starts with a capital or a digit, ends with end punctuation, is not the
    article's headline and is no page furniture."""
    core = text.strip().lstrip(OPENERS)
    tail = text.strip().rstrip(CLOSERS)
    if not core or not tail or not (core[0].isupper() or core[0].isdigit()) or tail[-1] not in ENDS:
        return False
    if title and _key(text) and _key(text) == _key(title):
        return False
    return not BOILERPLATE.search(text) and not LEANING.match(core) and not LEANING_WORDS.search(core)


def _key(value: str) -> str:
    return "".join(ch for ch in value.casefold() if ch.isalnum())


def lead_worthy(ref: ClaimRef, group: dict[str, Any] | None) -> bool:
    """True for a claim that may lead the briefing (see the module docstring)."""
    attrs = ref.span.attrs
    return (ref.span.label in LEAD_KINDS and not attrs.get("hedged") and (group or {}).get("status") != "contested"
            and complete_sentence(ref.text, ref.article.title) and not ref.text.lstrip().startswith(tuple("\"“‘«„'"))
            and not FIRST_PERSON.match(ref.text) and not pronoun_led(ref) and not unpaired_quotes(ref.text)
            and 6 <= len(ref.text.split()) <= 70)


DOUBLE_MARKS = "“”«»„\""  # opening and closing double quotation marks of every style, straight ones included


def unpaired_quotes(text: str) -> bool:
    """Whether the text's double quotation marks do not pair up: a quotation opened in the sentence before runs
    into it ('God help us," said X, who added ...') or runs on past it."""
    return bool(sum(text.count(c) for c in DOUBLE_MARKS) % 2)


PERSONAL_PRONOUNS = frozenset({"he", "she", "they"})


def pronoun_led(ref: ClaimRef) -> bool:
    """Whether the sentence's own news has only a he / she / they for its agent ("She repeated that the charges
    ...", "He said the talks were over"): shown alone, a reader cannot tell who that is. Not when another main
    predicate names its agent ("Trump said Thursday he hopes ...": the "he" is Trump). Events layer `main`."""
    agents = [(p.get("pronoun") or p["text"]).casefold() for e in ref.events if e.attrs.get("main")
              for p in e.attrs.get("participants", []) if p["role"] == "agent"]
    return any(a in PERSONAL_PRONOUNS for a in agents) and all(a in PERSONAL_PRONOUNS for a in agents)


def ranked_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events most independent sources first, ties by more mentions (stable: story order after that)."""
    return sorted((e for e in events if e.get("predicate") not in VAGUE_PREDICATES),
                  key=lambda e: (-e.get("independent_sources", 0), -len(e.get("mentions", []))))


def names(event: dict[str, Any], role: str, limit: int = 3) -> list[str]:
    """Up to `limit` participant names of a role, linked entities first, pronouns and time words left out."""
    found = [p for p in event.get("participants") or [] if isinstance(p, dict) and p.get("role") == role
             and isinstance(p.get("name"), str) and p["name"].casefold() not in NOT_NAMES and len(p["name"]) > 1]
    found.sort(key=lambda p: p.get("entity") is None)
    kept: dict[str, str] = {}  # by last word: "Jim Mattis" and "James Mattis" are one person to a reader
    for p in found:
        words = [w for w in p["name"].split() if w.rstrip(".").casefold() not in NAME_SUFFIXES] or p["name"].split()
        kept.setdefault(words[-1].casefold(), p["name"])
    return list(kept.values())[:limit]


def facts(event: dict[str, Any]) -> dict[str, Any]:
    """Who / what / when / where of an event: agents, predicate (with its patients), time, place."""
    linked = {**event, "participants": [p for p in event.get("participants") or [] if p.get("entity")]}
    patients = names(linked, "patient", 2)  # unlinked patients are often a noun of another clause
    what = event["predicate"] + (f" ({', '.join(patients)})" if patients else "")
    return {"who": [n for n in names(event, "agent") if n[:1].isupper()], "what": what,
            "when": event.get("when"), "where": event.get("where")}


def when_text(value: str | None) -> str | None:
    """A TIMEX3 value as a reader writes it: 2026-03-02 -> 2 March 2026, 2026-03 -> March 2026, 2026-W09-WE ->
    weekend of week 9 of 2026; other values as they are."""
    if not value:
        return None
    week = re.match(r"^(\d{4})-W(\d{2})(-WE)?$", value)
    if week:
        return f"{'weekend of ' if week.group(3) else ''}week {int(week.group(2))} of {week.group(1)}"
    match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$", value)
    if not match or not (match.group(2) is None or 1 <= int(match.group(2)) <= 12):
        return value
    year, month, day = match.groups()
    parts = ([str(int(day))] if day else []) + ([MONTHS[int(month) - 1]] if month else []) + [year]
    return " ".join(parts)


def _mentioned(name: str, text: str) -> bool:
    """Whether a participant is named in the text (any of its capitalised words, or the name itself)."""
    words = [w for w in re.findall(r"[\w'’.-]+", name) if len(w) > 2 and w[:1].isupper()] or [name]
    low = text.casefold()
    return any(w.casefold() in low for w in words)


def _score(ref: ClaimRef, event: dict[str, Any], group: dict[str, Any] | None, sources: int) -> float:
    """How well a sentence tells the event: who / where named, a date, corroboration, early in its article."""
    text = ref.text
    who = names(event, "agent") + names(event, "patient", 2)
    named = sum(_mentioned(n, text) for n in who) / max(1, len(who))
    where = 1.0 if event.get("where") and _mentioned(event["where"], text) else 0.0
    when = 1.0 if (ref.span.attrs.get("when") or {}).get("value") else 0.0
    spread = (group or {}).get("independent_sources", 1) / max(1, sources)
    voice = 0.5 if ref.span.attrs.get("voice") != "source" else 0.0
    return named + where + when + spread + voice + math.exp(-ref.index / LEAD_DECAY)


def choose_lead(story: Story, index: ClaimIndex, group_of: dict[str, dict[str, Any]],
                relevance: dict[str, float] | None = None) -> dict[str, Any] | None:
    """The lead record for the most corroborated event with a lead-worthy sentence, or None; of events equally
    corroborated (most independent sources), the one whose best sentence scores highest. `relevance` (the briefing's
    relevance per claim id) adds RELEVANCE_WEIGHT x its value to a sentence's score."""
    sources = len(set(story.results.get("sources", {}).values())) or len(story.articles)
    relevance = relevance or {}
    options = []  # (score, event, sentence) for the best-corroborated events with a lead-worthy sentence
    for event in ranked_events(story.results.get("events", []))[:TOP_EVENTS]:
        if options and event.get("independent_sources", 0) < options[0][1].get("independent_sources", 0):
            break
        fit = [index.ref(c) for c in _event_claims(event, index) if lead_worthy(index.ref(c), group_of.get(c))]
        if not fit:
            continue
        scored = [(_score(r, event, group_of.get(r.id), sources) + RELEVANCE_WEIGHT * relevance.get(r.id, 0.0), r)
                  for r in fit]
        score, best = max(scored, key=lambda pair: pair[0])
        options.append((score, event, best))
    if not options:
        return None
    _, event, best = max(options, key=lambda option: option[0])  # first (most mentions) of equal scores
    event = _main_event(best, event, story.results.get("events", []))
    claims = _event_claims(event, index)
    return _record(best, event, [index.ref(c) for c in claims], group_of,
                   {a.id: outlet_name(a) for a in story.articles})


def _main_event(best: ClaimRef, event: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    """The event the lead sentence states as its own news (`events` layer `main`: "Mattis ... resigned Thursday",
    not the "withdraw" of a clause inside it) when the story links it across as many independent sources as the
    event that chose the sentence; else that event. The lead's who / what / citations then describe its sentence."""
    if _is_main_mention(best, event):
        return event
    told = [e for e in ranked_events(events)
            if e.get("independent_sources", 0) >= event.get("independent_sources", 0)
            and e.get("predicate") not in VAGUE_PREDICATES and _is_main_mention(best, e)]
    return told[0] if told else event


def restating(lead: dict[str, Any], story: Story, index: ClaimIndex) -> list[str]:
    """Ids of the lead event's claims that state it as their own news (`events` layer `main`), with the lead
    sentence's polarity: they repeat the lead in other words ("The House passed the bill on Friday" after
    "The bill passed the House on Friday"); "Clinton did not refer to ..." after "both referred to ..." does not."""
    event = next((e for e in story.results.get("events", []) if e["id"] == lead.get("event")), None)
    if event is None:
        return []
    told = [(t, _named_participants(t)) for t in _mention_spans(index.ref(lead["claim"]), event)]
    return [c for c in _event_claims(event, index) if c != lead["claim"]
            and any(_same_telling(e, told) for e in _mention_spans(index.ref(c), event))]


def _same_telling(mention: Any, told: list[tuple[Any, set[str]]]) -> bool:
    """Whether an event mention states, as its sentence's own news, what one of the lead's mentions (with their
    named participants) states: same polarity and modality ("was expected to defeat" is no "was beaten"), and
    the named participants of one among the other's ("Trump met McCabe" is another meeting than "Lieberman met
    Trump")."""
    if not mention.attrs.get("main") or mention.attrs.get("reporting"):
        return False
    named = _named_participants(mention)
    return any(mention.attrs.get("polarity") == t.attrs.get("polarity")
               and mention.attrs.get("modality") == t.attrs.get("modality")
               and (named <= theirs or theirs <= named)
               for t, theirs in told)


def _named_participants(mention: Any) -> set[str]:
    """Last words of the named (entity) participants of an event mention."""
    return {_last_word(p["text"]) for p in mention.attrs.get("participants", [])
            if p.get("entity") and p["text"].strip()}


def _event_claims(event: dict[str, Any], index: ClaimIndex) -> list[str]:
    """The ids of the claims that hold the event's mentions, in mention order, once each."""
    return list(dict.fromkeys(m["claim"] for m in event.get("mentions", []) if m.get("claim") in index.position))


def _mention_spans(ref: ClaimRef, event: dict[str, Any]) -> list[Any]:
    """The claim's article `events` spans that are this event's mentions inside this claim."""
    starts = {m["start"] for m in event.get("mentions", []) if m.get("claim") == ref.id}
    return [span for span in ref.article.layer("events") if span.start in starts]


def _is_main_mention(ref: ClaimRef, event: dict[str, Any]) -> bool:
    """Whether one of the event's mentions lies in the claim and is that sentence's main predicate."""
    return any(e.attrs.get("main") and not e.attrs.get("reporting") for e in _mention_spans(ref, event))


def _record(best: ClaimRef, event: dict[str, Any], refs: list[ClaimRef], group_of: dict[str, dict[str, Any]],
            outlet_of: dict[str, str]) -> dict[str, Any]:
    """The lead in the briefing sentence shape, plus the event it tells and that event's facts."""
    cited = [best.id] + [r.id for r in refs if r.id != best.id]
    articles = list(dict.fromkeys([best.article.id] + list(event.get("articles", []))))
    outlets = list(dict.fromkeys(outlet_of.get(a, a) for a in articles))
    told = facts(event)
    # Who and what as the lead sentence tells them, where it names them: the event's participants pool every
    # linked mention, and a loosely linked one adds people this sentence is not about.
    in_sentence = _sentence_participants(best, event)
    said = facts({**event, "participants": in_sentence})
    # Where the sentence's own mention names no one (a pronoun, a passive), the event's pooled agents that the
    # sentence names: a loosely linked mention brings people the lead is not about (on BASIL tuning leads
    # about half of the pooled agents were such people).
    # Never someone the sentence names as what the event is done to ("on impeaching President Donald Trump").
    done_to = {_last_word(n) for n in names({"participants": in_sentence}, "patient", 9)}
    told["who"] = said["who"] or [name for name in told["who"] if _mentioned(name, best.text)
                                  and _last_word(name) not in done_to]
    told["what"] = said["what"] if said["what"] != event["predicate"] else told["what"]
    own = (best.span.attrs.get("when") or {}).get("value")
    # The date the lead sentence itself gives, so the two agree; else one that sentences of two articles give.
    # Not the event's any-mention date: a linked mention is sometimes another event of the same verb (on a
    # real 2011 story a 2009 "called sexist" joined "called the Queen of Rage" and led with "When 2009").
    told["when"] = own or _dated_by_two_articles(refs)
    return {"text": best.text, "claim": best.id, "claims": cited, "articles": articles, "outlets": outlets,
            "group": (group_of.get(best.id) or {}).get("id"), "event": event["id"], **told,
            "when_text": when_text(told["when"])}


def _sentence_participants(ref: ClaimRef, event: dict[str, Any]) -> list[dict[str, Any]]:
    """The participants of the event's mentions in this claim (`events` layer), in the story event's shape."""
    # The story's name for a person the article calls by a shorter one ("Trump" -> "Donald Trump").
    # A name the story uses as written wins; else the first story name with the same last word (a later one can be
    # another person of that surname, or a mis-spanned entity: "D.C. Jackson" for "Jesse Jackson Jr.").
    story_names: dict[str, dict[str, Any]] = {}
    for p in event.get("participants") or []:
        if p.get("entity") and isinstance(p.get("name"), str) and p["name"].strip():
            story_names.setdefault(p["name"], p)
            story_names.setdefault(_last_word(p["name"]), p)
    found = []
    for span in _mention_spans(ref, event):
        for p in span.attrs.get("participants", []):
            linked = (story_names.get(p["text"]) or story_names.get(_last_word(p["text"]))
                      if p.get("entity") and p["text"].strip() else None)
            found.append({"role": p["role"], "name": linked["name"] if linked else p["text"],
                          "entity": linked["entity"] if linked else (p["text"] if p.get("entity") else None)})
    return found


def _last_word(name: str) -> str:
    words = [w for w in name.split() if w.rstrip(".").casefold() not in NAME_SUFFIXES] or name.split() or [""]
    return words[-1].casefold()


def _dated_by_two_articles(refs: list[ClaimRef]) -> str | None:
    """The claim date that sentences of two or more articles give (most articles first), else None."""
    articles: dict[str, set[str]] = {}
    for ref in refs:
        value = (ref.span.attrs.get("when") or {}).get("value")
        if value:
            articles.setdefault(value, set()).add(ref.article.id)
    value, found = max(articles.items(), key=lambda kv: len(kv[1]), default=(None, set()))
    return value if len(found) >= 2 else None
