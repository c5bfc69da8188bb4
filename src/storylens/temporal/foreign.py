"""Dates written in other languages ("4 mars 2026", "4. März 2026"): month names through dateparser.

Only the month word goes to dateparser (with a fixed year and REQUIRE_PARTS, so it can never fall back
on today's date); day, year and the choice of year stay with our own rules.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from storylens.temporal.lexicon import DAY, YEAR

_DAY_WORD = re.compile(
    # an abbreviation's period ("févr.") only counts when a year follows; otherwise it ends the sentence
    rf"\b(?P<day>{DAY})\.?\s+(?:de\s+)?(?P<word>[^\W\d_]{{3,12}})(?:\.(?=,?\s+(?:de\s+)?\d))?"
    rf"(?:,?\s+(?:de\s+)?(?P<year>{YEAR}))?(?!\w)"
)
_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RELATIVE_BASE": datetime(2000, 1, 1),
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def is_foreign(language: str | None) -> bool:
    """True for a known, non-English language code."""
    return bool(language) and not (language or "").lower().startswith("en")


@lru_cache(maxsize=4096)
def month_in(word: str, language: str) -> int | None:
    """Month number a word names in `language` ("mars", "fr" -> 3), or None."""
    import dateparser  # slow to import; only non-English articles need it

    try:
        parsed = dateparser.parse(f"1 {word} 2000", languages=[language], settings=_SETTINGS)
    except (ValueError, KeyError):  # language dateparser does not know
        return None
    return parsed.month if parsed else None


def foreign_dates(text: str, language: str | None) -> list[tuple[int, int, dict[str, str | None]]]:
    """(start, end, groups with day, month number and optional year) for day-month[-year] dates."""
    if not is_foreign(language):
        return []
    code = (language or "").split("-")[0].split("_")[0].lower()
    found = []
    for match in _DAY_WORD.finditer(text):
        month = month_in(match["word"].lower(), code)
        if month:
            found.append((match.start(), match.end(), {"day": match["day"], "month": str(month),
                                                       "year": match["year"]}))  # fmt: skip
    return found
