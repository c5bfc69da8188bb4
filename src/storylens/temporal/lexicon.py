"""Word tables and regex fragments for English time expressions (shared by recognise and normalise)."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}  # fmt: skip

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a": 1, "an": 1, "a single": 1, "a couple of": 2,
    "a dozen": 12, "half a": 0.5, "half an": 0.5, "a half": 0.5,
}  # fmt: skip

# Quantities with no number: they normalise to an "X" amount (P"X"Y = some years).
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "recent", "a number of")

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip

# unit word -> (TIMEX3 duration letter, multiplier, calendar granularity)
UNITS: dict[str, tuple[str, int, str]] = {
    "second": ("S", 1, "second"), "minute": ("M", 1, "minute"), "hour": ("H", 1, "hour"),
    "day": ("D", 1, "day"), "night": ("D", 1, "day"), "week": ("W", 1, "week"),
    "fortnight": ("W", 2, "week"), "month": ("M", 1, "month"), "quarter": ("Q", 1, "quarter"),
    "year": ("Y", 1, "year"), "decade": ("Y", 10, "decade"), "century": ("Y", 100, "century"),
}  # fmt: skip

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

# Parts of the day as TIMEX3 codes ("Tuesday night" -> 2026-03-03TNI).
DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}

# Adverbs with no calendar value: TIMEX3 reference tokens.
REF_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at present": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "the past": "PAST_REF", "the future": "FUTURE_REF",
    "current": "PRESENT_REF",  # the adjective ("the current weakness"): TimeML's present reference
}  # fmt: skip

# "every year" / "weekly": unit -> SET value.
FREQUENCY_ADVERBS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "fortnightly": "P2W", "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y",
}  # fmt: skip

DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip

# Fuzzy modifiers before an expression ("late 2025", "the end of March") -> TIMEX3 mod.
MODIFIERS: dict[str, str] = {
    "early": "START", "beginning": "START", "start": "START", "late": "END", "end": "END",
    "mid": "MID", "middle": "MID",
}

# Words in a sentence that make a bare weekday or month point forward ("will meet on Tuesday").
# ("next" only before a time unit: "next to the embassy" is a place; "planned" is often past.)
FUTURE_CUES = re.compile(
    r"(?:\b(?:will|won't|shall|would|upcoming|scheduled|plans?\s+to|expected\s+to|set\s+to|due\s+to|"
    r"going\s+to|to\s+be\s+held|as\s+(?:soon|early)\s+as|postponed|tomorrow|next\s+(?:week|month|year))"
    r"|'ll)\b",
    re.IGNORECASE,
)


def alternation(words: list[str] | tuple[str, ...] | set[str], capitalise: bool = False) -> str:
    """Regex alternation of words, longest first (so "sept" wins over "sep"), spaces as \\s+."""
    ordered = sorted(set(words), key=len, reverse=True)
    if capitalise:
        ordered = [w[0].upper() + w[1:] for w in ordered]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


FULL_MONTH_NAMES = [m for m, n in MONTHS.items() if len(m) > 4 or m in {"may", "june", "july"}]
MONTH_FULL = alternation(FULL_MONTH_NAMES, capitalise=True)
# Abbreviations only count next to a day or year ("Jan. 14"), never alone ("Jan" is a name).
MONTH_ANY = rf"(?:{MONTH_FULL}|(?:{alternation([m for m in MONTHS if len(m) <= 4], True)})\.?)"
WEEKDAY = alternation(list(WEEKDAYS), capitalise=True)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"  # "4:30" is a clock, "April 25:" a date
YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d,]\d)"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SMALL = [w for w, n in NUMBER_WORDS.items() if 1 <= n < 20 and " " not in w and w not in ("a", "an")]
NUMBER = (
    rf"(?i:\d{{1,3}}(?:\.\d+|\s+1/2|½)?"
    rf"|(?:{_TENS})(?:[-\s](?:{alternation([w for w in _SMALL if NUMBER_WORDS[w] < 10])}))?"
    rf"|{alternation([w for w in NUMBER_WORDS if w not in _TENS.split('|')])})"
)
VAGUE = f"(?i:{alternation(VAGUE_NUMBERS)})"
HALF = r"\s+(?i:and)\s+(?i:a)\s+(?i:half)"  # "two and a half years", "a year and a half"
UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ies))"
# Named days (dates in storylens.temporal.holidays); capitalised, as news writes them.
HOLIDAY_NAMES = (
    r"Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))|Thanksgiving(?:\s+Day)?|Election\s+Day|"
    r"Halloween|Valentine's\s+Day|Easter(?:\s+Sunday)?|Good\s+Friday|Labor\s+Day|Memorial\s+Day"
)
DAY_PART = f"(?:{alternation(list(DAY_PARTS))})"  # lowercase only: "Monday Night Football" is a name
