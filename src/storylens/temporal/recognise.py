"""Find time expressions with named regex rules; overlaps go to the longest match.

Every rule is a plain regex without nested unbounded repetition (no catastrophic backtracking); rules
that need context to avoid false positives ("May" the verb, "Monday Night Football") have a guard.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from storylens.temporal.foreign import foreign_dates
from storylens.temporal.lexicon import (
    DAY,
    DAY_PART,
    DECADE_WORDS,
    HALF,
    HOLIDAY_NAMES,
    MODIFIERS,
    MONTH_ANY,
    MONTH_FULL,
    MONTHS,
    NUMBER,
    ORDINALS,
    UNIT,
    VAGUE,
    WEEKDAY,
    YEAR,
    alternation,
)


@dataclass
class Mention:
    """A recognised expression: offsets, the rule that found it, its named groups and a fuzzy mod."""

    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    mod: str | None = None


_I = alternation  # short alias for building case-insensitive word lists below
_REL = "(?i:last|next|this|past|coming|previous|current|following|same|that|latest)"
_TZ = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|ET|PT|local\s+time)"
# What may follow "p.m." for its final period to belong to it rather than end the sentence.
_AFTER_CLOCK = rf"(?:{_TZ}|{WEEKDAY}|{MONTH_FULL})\b"
_ORD = _I(list(ORDINALS)) + r"|\d{1,2}(?:st|nd|rd|th)"
_WEEKDAY_PREFIX = f"(?:(?P<weekday>{WEEKDAY}),?\\s+)?"
_OPT_YEAR = rf"(?:,?\s+(?P<year>{YEAR}))?"

# (rule name, pattern); earlier rules win ties between equally long matches.
RULES: list[tuple[str, str]] = [
    ("iso_date", r"\b(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    ("month_day", rf"\b{_WEEKDAY_PREFIX}(?P<month>{MONTH_ANY})\s+(?P<day>{DAY}){_OPT_YEAR}(?!\w)"),
    ("day_month", rf"\b{_WEEKDAY_PREFIX}(?:(?i:the)\s+)?(?P<day>{DAY})\s+(?:(?i:of)\s+)?"
                  rf"(?P<month>{MONTH_ANY}){_OPT_YEAR}(?!\w)"),
    ("month_year", rf"\b(?P<month>{MONTH_ANY}),?\s+(?:(?i:of)\s+)?(?P<year>{YEAR})\b"),
    ("month", rf"\b(?:(?P<rel>(?i:last|next|this|coming))\s+)?(?P<month>{MONTH_FULL})"
              r"(?:\s+(?P<yrel>(?i:this|last|next))\s+year)?(?!\w)"),
    ("year_span", rf"\b(?P<y1>{YEAR})\s*[–—-]\s*(?P<y2>{YEAR}|\d\d)(?![\w–—-])"),
    # "between 1985 and 1987" stays two years (TimeML marks each end; "from ... to" makes a range).
    ("year_range", rf"\b(?i:from)\s+(?P<y1>{YEAR})\s+(?i:to|and|until|through|till)\s+"
                   rf"(?P<y2>{YEAR})\b"),
    ("year", rf"\b(?:(?P<fiscal>(?i:fiscal)|FY)\s*)?(?P<year>{YEAR})(?![\w%])"),
    ("decade", r"(?:\b(?P<dec>1\d\d|20\d)0s|(?:\b(?i:the)\s+)?['’](?P<d2>\d)0s|"
               rf"\b(?i:the)\s+(?:(?i:nineteen)[-\s])?(?P<word>(?i:{_I(list(DECADE_WORDS))})))\b"),
    ("century", rf"(?:\b(?i:the)\s+)?\b(?P<ord>(?i:{_ORD}))[-\s](?i:century)\b"),
    ("holiday", rf"\b(?:(?P<rel>(?i:last|next|this))\s+)?(?P<name>{HOLIDAY_NAMES})"
                rf"(?:,?\s+(?P<year>{YEAR}))?\b"),
    ("year_ago", r"\b(?:(?i:the)\s+(?P<ago1>(?i:year-ago|year-earlier))\s+period|"
                 r"(?P<ago2>(?i:year-ago|year-earlier)))\b"),
    ("relative_day", r"\b(?P<word>(?i:yesterday|today|tomorrow|tonight))(?:\s+(?P<part>"
                     rf"{DAY_PART}))?\b"),
    ("day_part", rf"\b(?P<rel>(?i:this|last))\s+(?P<part>{DAY_PART})\b"),
    ("weekday", rf"\b(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?(?P<weekday>{WEEKDAY})"
                rf"(?:\s+(?P<part>{DAY_PART}))?(?!\w)"),
    ("weekday_set", rf"\b(?P<weekday>{WEEKDAY})s\b"),
    ("clock", r"\b(?:(?P<noon>(?i:noon|midday|midnight))|(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?"
              r"\s*(?P<ampm>[aApP]\.?\s?[mM]\b(?:\.(?=\s+[a-z0-9]|\s*[,;:)]|\s+" + _AFTER_CLOCK + r"))?))"
              rf"(?:\s+{_TZ}\b)?"),
    ("clock24", rf"(?<=\bat )(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)(?:\s*{_TZ}\b)?(?![\d.:])"),
    ("quarter", rf"(?:\b(?P<the>(?i:the))\s+)?(?:(?P<year>{YEAR})\s+|(?P<yrel>(?i:this|last|next))\s+year's\s+|"
                r"(?P<ago>(?i:year-ago|year-earlier))\s+)?(?:(?i:fiscal)[-\s])?\b(?P<ord>(?i:first|second|"
                rf"third|fourth|1st|2nd|3rd|4th))(?P<sep>[-\s])(?i:quarter)(?:\s+(?i:of)\s+(?:(?i:fiscal)\s+)?"
                rf"(?P<year2>{YEAR}))?\b"),
    ("the_quarter", rf"\b(?i:the)\s+(?:(?P<year>{YEAR})\s+|(?P<ago>(?i:year-ago|year-earlier))\s+)?"
                    r"quarter\b(?!\s+(?:of|century)\b)"),
    ("the_weekend", r"\b(?i:the)\s+weekend\b"),
    ("season", rf"\b(?:(?P<rel>(?i:last|next|this|past|coming))\s+)?(?P<season>(?i:spring|summer|autumn|"
               rf"fall|winter))(?:\s+(?:(?P<of>(?i:of))\s+)?(?P<year>{YEAR}))?\b"),
    ("relative_unit", r"\b(?:(?P<edge>(?i:earlier|later))\s+)?(?:(?P<the>(?i:the))\s+)?"
                      rf"(?P<rel>{_REL})\s+(?P<unit>(?i:weekend|week|month|year|decade|century|quarter|"
                      r"day))\b"),
    ("ago", rf"\b(?P<num>{NUMBER}|{VAGUE})(?P<half1>{HALF})?[-\s]+(?P<unit>{UNIT})s?(?P<half2>{HALF})?"
            r"\s+(?P<dir>(?i:ago|earlier|later|"
            r"from\s+now|hence))\b"),
    ("every", rf"\b(?i:every|each)\s+(?:(?P<num>{NUMBER})\s+)?(?:(?P<other>(?i:other))\s+)?"
              rf"(?:(?P<unit>{UNIT})s?|(?P<weekday>{WEEKDAY})|(?P<month>{MONTH_FULL}))\b"),
    ("times_per", rf"\b(?P<freq>(?i:once|twice|thrice)|(?:{NUMBER})\s+(?i:times))\s+(?i:a|an|per|each|"
                  rf"every)\s+(?P<unit>{UNIT})\b"),
    ("per_unit", rf"\b(?i:per|a|an)\s+(?P<unit>{UNIT})\b"),
    ("frequency", r"\b(?P<adv>hourly|daily|nightly|weekly|biweekly|fortnightly|monthly|yearly"
                  r"|annually)\b"),
    ("duration", rf"\b(?:(?P<the>(?i:the))\s+)?(?:(?P<rel>(?i:past|last|next|first|coming|previous|final|"
                 rf"following|latest))\s+)?(?P<num>{NUMBER}|{VAGUE})(?P<half1>{HALF})?[-\s](?P<unit>{UNIT})s?"
                 rf"(?P<half2>{HALF})?(?P<suffix>-(?i:long|old))?(?![\w-])"),
    ("vague_units", r"\b(?P<unit>(?i:minutes|hours|days|weeks|months|years|decades|centuries))\b"),
    ("ref", r"\b(?P<word>(?i:now|currently|nowadays|these\s+days|at\s+present|recently|the\s+past|"
            r"the\s+future|current))\b"),
]
COMPILED = [(name, re.compile(pattern)) for name, pattern in RULES]
PRIORITY = {"foreign_date": -1} | {name: index for index, (name, _) in enumerate(RULES)}

# Months that are also common words or names: bare, they need a cue word just before them.
_AMBIGUOUS_MONTHS = {"May", "March", "April", "June", "August"}
_MONTH_CUE = re.compile(
    r"(?i:\b(?:in|since|until|till|by|during|before|after|of|from|through|early|late|mid|last|next|"
    r"this|between|and|or|to|end|beginning|start|middle|since|throughout|each|every|until)[\s-]+)$"
)
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z][a-z]")
_NAMED_DAY_BEFORE = re.compile(
    r"\b(?:Good|Black|Super|Bloody|Ash|Easter|Palm|Holy|Cyber|Maundy|Shrove|Giving|Fat|Blue)\s+$"
)
_NAMED_DAY_AFTER = re.compile(
    r"\s+(?:Night|Morning|Evening|Afternoon|Times|Post|Football|Prayers?|Club|Show|Live|Mail|Telegraph)\b"
)
_NOT_YEAR_BEFORE = re.compile(r"(?:[$€£#]\s*|\d[.,]|\b(?:No|Nos|[Nn]umber|[Rr]oute|[Ff]light|[Pp]age)\.?\s)$")
_NOT_YEAR_AFTER = re.compile(
    r"(?:\s*(?:%|percent|per\s+cent|[.,:]\d)|\s+(?:people|persons|troops|soldiers|workers|residents|"
    r"votes|dollars|euros|pounds|tons|tonnes|barrels|shares|feet|foot|metres|meters|miles|km|acres|cases|"
    r"deaths|jobs|units|copies|words|points|rooms|homes|houses|cars|vehicles|students|members|employees|"
    r"children|families|patients|men|women|calories|pages|[a-z]+-[a-z]+s)\b)"
)
_MONEY_OR_COUNT_BEFORE = re.compile(
    r"(?:\d|illion|dollars|euros|pounds|cents?|times|once|twice|thrice|%|percent)\S*\s+$", re.IGNORECASE
)


def _before(text: str, match: re.Match[str], width: int = 40) -> str:
    return text[max(0, match.start() - width) : match.start()]


def _guard_month(text: str, match: re.Match[str]) -> bool:
    if match["rel"] or match["yrel"]:
        return True
    if _MONTH_CUE.search(_before(text, match)):
        return True
    followed_by_name = bool(_CAPITALISED_NEXT.match(text, match.end()))
    return match["month"] not in _AMBIGUOUS_MONTHS and not followed_by_name


def _guard_weekday(text: str, match: re.Match[str]) -> bool:
    if _NAMED_DAY_BEFORE.search(_before(text, match)):
        return False
    return bool(match["part"]) or not _NAMED_DAY_AFTER.match(text, match.end())


def _guard_year(text: str, match: re.Match[str]) -> bool:
    if match["fiscal"]:
        return True
    return not (_NOT_YEAR_BEFORE.search(_before(text, match)) or _NOT_YEAR_AFTER.match(text, match.end()))


def _guard_year_span(text: str, match: re.Match[str]) -> bool:
    first, second = int(match["y1"]), match["y2"]
    last = int(second) if len(second) == 4 else int(match["y1"][:2] + second)
    return first < last <= first + 100


def _guard_season(text: str, match: re.Match[str]) -> bool:
    # "fall" and "spring" are verbs: bare they need "last"/"this"/... or "of 2020".
    if match["season"].lower() in ("fall", "spring"):
        return bool(match["rel"] or match["of"])
    return bool(match["rel"] or match["year"])


def _guard_per_unit(text: str, match: re.Match[str]) -> bool:
    return match.group(0).lower().startswith("per") or bool(_MONEY_OR_COUNT_BEFORE.search(_before(text, match)))


def _guard_relative_unit(text: str, match: re.Match[str]) -> bool:
    rel, unit = match["rel"].lower(), match["unit"].lower()
    if rel == "that" and not match["edge"] and unit in ("day", "week"):
        # "that day" after a verb of saying is usually a conjunction + noun ("said that day-care...").
        return not re.search(r"(?i)\b(?:said|says|say|announced|reported)\s+$", _before(text, match))
    if unit == "day" and rel in ("last", "past", "this", "current", "latest"):
        return False  # "the last day of the trial": an ordinal, not a date
    return not (rel == "latest" and unit != "quarter")


_AGE_AFTER = re.compile(r"(?:-old|\s+old)\b")
_OF_AFTER = re.compile(r"\s+of\b")
_DAY_AFTER = re.compile(rf"\s+(?:{WEEKDAY}|today|yesterday|tomorrow)\b")


def _guard_duration(text: str, match: re.Match[str]) -> bool:
    if match["suffix"] and match["suffix"].lower() == "-old" or _AGE_AFTER.match(text, match.end()):
        return False  # ages ("a 6-year-old boy", "52 years old") are not time expressions
    if match["unit"] == "quarter" or match["unit"] == "quarters":
        return not _OF_AFTER.match(text, match.end())  # "three-quarters of the vote"
    return not (match["num"].lower() in ("a", "an") and match["unit"] == "second")  # "a second group"


def _guard_clock(text: str, match: re.Match[str]) -> bool:
    if not match["noon"]:
        return True
    cue = re.search(r"(?i)\b(?:at|by|until|till|before|after|around|from|since|about|past)\s+$",
                    _before(text, match))
    return bool(cue) or bool(_DAY_AFTER.match(text, match.end()))


# "current" is the adjective before a noun ("current market conditions"), not a flow of water or electricity.
_CURRENT_NOT_BEFORE = re.compile(r"(?i:\b(?:electric|electrical|ocean|alternating|direct|strong|rip|swift|jet)\s+)$")
_CURRENT_BEFORE_NOUN = re.compile(r"\s+(?!of\b|and\b|or\b|is\b|was\b)[a-z]")


def _guard_ref(text: str, match: re.Match[str]) -> bool:
    if match["word"].lower() != "current":
        return True
    return bool(_CURRENT_BEFORE_NOUN.match(text, match.end())) and not _CURRENT_NOT_BEFORE.search(
        _before(text, match))


# A bare plural unit is a duration only after "for" or "within" ("for years", "within weeks"); elsewhere
# it is too often a noun of its own ("the years of war", "hours of footage").
_VAGUE_UNITS_CUE = re.compile(r"(?i:\b(?:for|within)\s+)$")


def _guard_vague_units(text: str, match: re.Match[str]) -> bool:
    return bool(_VAGUE_UNITS_CUE.search(_before(text, match)))


GUARDS: dict[str, Callable[[str, re.Match[str]], bool]] = {
    "vague_units": _guard_vague_units,
    "ref": _guard_ref,
    "duration": _guard_duration,
    "clock": _guard_clock,
    "month": _guard_month,
    "weekday": _guard_weekday,
    "year": _guard_year,
    "year_span": _guard_year_span,
    "season": _guard_season,
    "per_unit": _guard_per_unit,
    "relative_unit": _guard_relative_unit,
}

# "late 2025", "the end of March", "mid-2019": extends a DATE to the left and sets its TIMEX3 mod.
_MOD_BEFORE = re.compile(
    r"(?:\b(?i:the)\s+)?\b(?P<mod>(?i:early|late|mid|end\s+of|beginning\s+of|start\s+of|middle\s+of))"
    r"(?:\s+(?i:the)\s+|\s+|-)$"
)
_MODIFIABLE = {"year", "month", "month_year", "decade", "century", "relative_unit", "season", "quarter",
               "weekday", "relative_day", "year_span"}  # fmt: skip
# "more than four decades ago": comparatives join the span; "about three years" only sets the mod
# (TimeBank leaves "about"/"nearly" outside the expression more often than not).
_QUANT_BEFORE = re.compile(
    r"\b(?P<mod>(?i:about|around|approximately|roughly|nearly|almost|more\s+than|less\s+than|"
    r"fewer\s+than|at\s+least|up\s+to|some))\s+$"
)
_QUANT_IN_SPAN = {"more", "less", "fewer", "at", "up"}
_QUANT_WORDS = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
                "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "more": "MORE_THAN",
                "less": "LESS_THAN", "fewer": "LESS_THAN", "at": "EQUAL_OR_MORE", "up": "EQUAL_OR_LESS"}  # fmt: skip
_QUANTIFIABLE = {"duration", "ago"}


def _extend_left(text: str, mention: Mention) -> Mention:
    """Pull a fuzzy or quantity modifier just before the expression into the span."""
    pattern, words = (
        (_MOD_BEFORE, MODIFIERS) if mention.rule in _MODIFIABLE
        else (_QUANT_BEFORE, _QUANT_WORDS) if mention.rule in _QUANTIFIABLE
        else (None, None)
    )  # fmt: skip
    if pattern is None or words is None:
        return mention
    found = pattern.search(text[max(0, mention.start - 25) : mention.start])
    if found:
        word = found["mod"].split()[0].lower()
        mention.mod = words[word]
        if pattern is _MOD_BEFORE or word in _QUANT_IN_SPAN:
            mention.start -= len(found.group(0))
    return mention


def _start_of(match: re.Match[str]) -> int:
    """Where the span starts: "the two-week crisis" -> "two-week" (no article before an adjective)."""
    groups = match.groupdict()
    # quarters record their separator; other rules show it in the text ("the two-week").
    hyphenated = groups["sep"] == "-" if "sep" in groups else bool(re.match(r"(?i:the)\s+[^\s-]+-", match[0]))
    if groups.get("the") and hyphenated and not groups.get("rel") and not groups.get("yrel"):
        return match.start("the") + 4
    return match.start()


def _candidates(text: str, language: str | None) -> list[Mention]:
    found = [Mention(start, end, "foreign_date", groups) for start, end, groups in foreign_dates(text, language)]
    for name, regex in COMPILED:
        guard = GUARDS.get(name)
        for match in regex.finditer(text):
            if guard is None or guard(text, match):
                found.append(Mention(_start_of(match), match.end(), name, match.groupdict()))
    return found


def recognise(text: str, language: str | None = None) -> list[Mention]:
    """All time-expression mentions in `text`, non-overlapping (longest wins), in text order."""
    chosen: list[Mention] = []
    taken = bytearray(len(text))  # 1 where a chosen mention already covers the character
    ranked = sorted(_candidates(text, language), key=lambda m: (m.start - m.end, PRIORITY[m.rule], m.start))
    for mention in ranked:
        if not any(taken[mention.start : mention.end]):
            chosen.append(mention)
            taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    return sorted((_extend_left(text, m) for m in chosen), key=lambda m: m.start)


def month_number(name: str) -> int:
    """Month number for a month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[name.rstrip(".").lower()]
