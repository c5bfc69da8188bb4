"""Numbers with units in a sentence ("about 40 tonnes", "$3.2 million", "12 percent"), for conflict checks.

Hand-written because the libraries we could use (quantulum3, spaCy's CARDINAL/QUANTITY) either need a
download or give no unit for news counts ("40 tonnes of solvent", "300 residents").
"""

from __future__ import annotations

import re
from typing import Any

from storylens.text.textspans import strip_range

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9, "k": 1e3}
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
# Words after a number that are not its unit.
SKIP_WORDS = {"of", "more", "less", "than", "additional", "other", "extra", "new", "the", "a", "an", "to"}
# Numbers next to these are dates or times, handled by the times layer, not quantities.
DATE_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december", "a.m", "p.m", "am", "pm", "o'clock", "gmt", "utc"}

_NUMBER = re.compile(
    r"(?<![\w.])(?P<cur>[$€£¥])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?(?P<pct>\s?(?:%|per\s?cent\b))?",
    re.IGNORECASE,
)
_WORD_NUMBER = re.compile(r"\b(?P<word>" + "|".join(WORD_NUMBERS) + r")\b", re.IGNORECASE)
_NEXT_WORDS = re.compile(r"[A-Za-z][A-Za-z'-]*")


def find_quantities(text: str) -> list[dict[str, Any]]:
    """Return numbers with units found in `text`: [{"value", "unit", "text", "start", "end"}]."""
    found = [q for q in (_digit_quantity(m, text) for m in _NUMBER.finditer(text)) if q]
    taken = [(q["start"], q["end"]) for q in found]
    for match in _WORD_NUMBER.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        quantity = _with_unit(text, match.start(), match.end(), float(WORD_NUMBERS[match["word"].lower()]))
        if quantity and quantity["unit"]:
            found.append(quantity)
    return sorted(found, key=lambda q: q["start"])


def _digit_quantity(match: re.Match[str], text: str) -> dict[str, Any] | None:
    value = float(match["num"].replace(",", ""))
    if match["scale"]:
        value *= SCALES[match["scale"].lower()]
    if _looks_like_date(text, match.start(), match.end(), value):
        return None
    if match["cur"]:
        return _quantity(text, match.start(), match.end(), value, CURRENCIES[match["cur"]])
    if match["pct"]:
        return _quantity(text, match.start(), match.end(), value, "%")
    return _with_unit(text, match.start(), match.end(), value)


def _looks_like_date(text: str, start: int, end: int, value: float) -> bool:
    before = text[max(0, start - 12) : start].lower().split()
    after = text[end : end + 12].lower().split()
    near = (before[-1:] if before else []) + (after[:1] if after else [])
    if any(word.strip(",.") in DATE_WORDS for word in near):
        return True
    return value.is_integer() and 1900 <= value <= 2100 and not text[end:end + 2].strip().startswith("%")


def _with_unit(text: str, start: int, end: int, value: float) -> dict[str, Any] | None:
    unit = ""
    for word in _NEXT_WORDS.findall(text[end : end + 40])[:3]:
        lowered = word.lower()
        if lowered in SKIP_WORDS or lowered in SCALES:
            continue
        unit = "" if lowered in DATE_WORDS else normalise_unit(lowered)
        break
    return _quantity(text, start, end, value, unit)


def _quantity(text: str, start: int, end: int, value: float, unit: str) -> dict[str, Any]:
    # The pattern's optional currency is followed by an optional space, so a match may open with one:
    # the offsets shrink with the text, or `start` would point at the space (found by test_properties).
    start, end = strip_range(text, start, end)
    return {"value": value, "unit": unit, "text": text[start:end], "start": start, "end": end}


def normalise_unit(word: str) -> str:
    """Crude singular form so "tonnes" and "tonne", "people" and "person" compare equal."""
    irregular = {"people": "person", "children": "child", "men": "man", "women": "woman", "per": "%"}
    if word in irregular:
        return irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def values_disagree(a: float, b: float, tolerance: float = 0.05) -> bool:
    """True when two values differ by more than `tolerance` (relative), i.e. not just rounding."""
    return abs(a - b) > tolerance * max(abs(a), abs(b), 1e-9)
