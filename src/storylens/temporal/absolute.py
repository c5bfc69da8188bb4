"""Normalisers for expressions that carry their own value: explicit dates, durations, sets, clock times."""

from __future__ import annotations

import re
from datetime import date

from storylens.temporal.calendar import fmt_day, fmt_month, valid_day
from storylens.temporal.lexicon import DECADE_WORDS, FREQUENCY_ADVERBS, MONTHS, ORDINALS, WEEKDAYS
from storylens.temporal.recognise import Mention, month_number
from storylens.temporal.values import Context, Value, amount_of, fmt_amount, parse_number, unit_of


def absolute_day(year: int, month: int, day: int) -> Value | None:
    """A fully written date; None for impossible dates (February 30)."""
    if not valid_day(year, month, day):
        return None
    return Value("DATE", fmt_day(date(year, month, day)), "day", "absolute")


def day_number(text: str) -> int:
    """Day of month from "4", "04" or "4th"."""
    return int(re.match(r"\d+", text)[0])  # type: ignore[index]


def norm_iso_date(m: Mention, ctx: Context) -> Value | None:
    """2026-03-04."""
    g = m.groups
    return absolute_day(int(g["year"] or 0), int(g["month"] or 0), int(g["day"] or 0))


def norm_month_year(m: Mention, ctx: Context) -> Value | None:
    """March 2026 -> 2026-03."""
    return Value("DATE", fmt_month(int(m.groups["year"] or 0), month_number(m.groups["month"] or "")),
                 "month", "absolute")


def norm_year(m: Mention, ctx: Context) -> Value | None:
    """2019 (also "fiscal 2019")."""
    return Value("DATE", m.groups["year"] or "", "year", "absolute")


def norm_year_range(m: Mention, ctx: Context) -> Value | None:
    """2005–2007, 2005-07, from 2005 to 2007 -> 2005/2007."""
    first, second = m.groups["y1"] or "", m.groups["y2"] or ""
    last = second if len(second) == 4 else first[:2] + second
    return Value("DATE", f"{first}/{last}", "year", "absolute")


def norm_decade(m: Mention, ctx: Context) -> Value | None:
    """the 2000s -> 200; the '80s -> 198 (the latest such decade not after the reference year)."""
    g = m.groups
    if g["dec"]:
        return Value("DATE", g["dec"], "decade", "absolute")
    digit = int(g["d2"]) if g["d2"] else DECADE_WORDS[(g["word"] or "").lower()]
    this_year = ctx.ref.year if ctx.ref else 1999
    century = 20 if g["d2"] and 2000 + digit * 10 <= this_year else 19
    return Value("DATE", f"{century}{digit}", "decade", "absolute")


def norm_century(m: Mention, ctx: Context) -> Value | None:
    """the 20th century -> 19."""
    text = (m.groups["ord"] or "").lower()
    number = ORDINALS.get(text) or int(re.match(r"\d+", text)[0])  # type: ignore[index]
    return Value("DATE", f"{number - 1:02d}", "century", "absolute")


# A fraction of a unit goes to the next smaller one, as TIMEX3 writes it (2.5 years -> P2Y6M, 1.5 days ->
# P1DT12H, half an hour -> PT30M): granularity -> (smaller unit, how many make one).
_SMALLER = {"year": ("month", 12), "week": ("day", 7), "day": ("hour", 24), "hour": ("minute", 60),
            "minute": ("second", 60)}  # fmt: skip
_CLOCK_UNITS = ("hour", "minute", "second")


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: (4, years) -> P4Y, (48, hours) -> PT48H, (None, days) -> PXD, (2.5, years) -> P2Y6M."""
    letter, multiplier, granularity = unit_of(unit)
    prefix = "PT" if granularity in _CLOCK_UNITS else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    total = amount * multiplier
    whole = int(total)
    if total == whole or granularity not in _SMALLER:
        return f"{prefix}{fmt_amount(total)}{letter}"
    smaller, per = _SMALLER[granularity]
    if granularity == "week":  # 1.5 weeks -> P10DT12H: weeks and days are not mixed
        return duration_value(total * per, smaller)
    rest = duration_value(round((total - whole) * per, 3), smaller)  # e.g. "PT12H", "P6M"
    if not whole:
        return rest
    rest = rest[2:] if rest.startswith("PT") and prefix == "PT" else rest[1:]
    return f"{prefix}{whole}{letter}{rest}"


def norm_duration(m: Mention, ctx: Context) -> Value | None:
    """four years -> P4Y; the past three months -> P3M; several days -> PXD."""
    number = (m.groups["num"] or "").lower()
    if number == "recent":  # "in recent years": TimeBank reads it as a vague past date
        return Value("DATE", "PAST_REF", "unknown", "published" if ctx.ref else "unresolved")
    return Value("DURATION", duration_value(amount_of(m.groups), m.groups["unit"] or ""), "duration", "absolute")


def norm_every(m: Mention, ctx: Context) -> Value | None:
    """every year -> P1Y; every other week -> P2W; each Thursday -> XXXX-WXX-4; every March -> XXXX-03."""
    g = m.groups
    if g["weekday"]:
        return Value("SET", f"XXXX-WXX-{WEEKDAYS[g['weekday'].lower()]}", "set", "absolute")
    if g["month"]:
        return Value("SET", f"XXXX-{MONTHS[g['month'].lower()]:02d}", "set", "absolute")
    amount = parse_number(g["num"]) if g["num"] else (2.0 if g["other"] else 1.0)
    return Value("SET", duration_value(amount or 1.0, g["unit"] or ""), "set", "absolute")


def norm_times_per(m: Mention, ctx: Context) -> Value | None:
    """twice a week -> P1W with freq 2X."""
    word = (m.groups["freq"] or "").lower().split()[0]
    count = {"once": 1.0, "twice": 2.0, "thrice": 3.0}.get(word) or parse_number(word) or 1.0
    value = duration_value(1.0, m.groups["unit"] or "")
    return Value("SET", value, "set", "absolute", {"freq": f"{fmt_amount(count)}X"})


def norm_per_unit(m: Mention, ctx: Context) -> Value | None:
    """($5 million) a year -> P1Y."""
    return Value("SET", duration_value(1.0, m.groups["unit"] or ""), "set", "absolute")


def norm_frequency(m: Mention, ctx: Context) -> Value | None:
    """weekly -> P1W."""
    return Value("SET", FREQUENCY_ADVERBS[(m.groups["adv"] or "").lower()], "set", "absolute")


def norm_weekday_set(m: Mention, ctx: Context) -> Value | None:
    """(on) Tuesdays -> XXXX-WXX-2."""
    return Value("SET", f"XXXX-WXX-{WEEKDAYS[(m.groups['weekday'] or '').lower()]}", "set", "absolute")


def norm_clock(m: Mention, ctx: Context) -> Value | None:
    """9 a.m. -> XXXX-XX-XXT09:00; the day is attached afterwards from the sentence or context."""
    g = m.groups
    if g.get("noon"):
        clock = "00:00" if g["noon"].lower() == "midnight" else "12:00"
    else:
        hour = int(g["hour"] or 0)
        ampm = (g.get("ampm") or "").lower()
        if ampm:
            hour = hour % 12 + (12 if ampm.startswith("p") else 0)
        clock = f"{hour:02d}:{g['minute'] or '00'}"
    return Value("TIME", f"XXXX-XX-XXT{clock}", "time", "unresolved", {"clock": clock})


def norm_vague_units(m: Mention, ctx: Context) -> Value | None:
    """(for) years -> PXY: a bare plural unit is an unknown amount of it."""
    return Value("DURATION", duration_value(None, m.groups["unit"] or ""), "duration", "absolute")
