"""Named days ("Thanksgiving", "Christmas Eve", "Election Day"): their date in a given year."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from storylens.temporal.calendar import PAST_BIAS, fmt_day
from storylens.temporal.recognise import Mention
from storylens.temporal.values import Context, Value, clause_direction


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) ISO weekday of a month."""
    if n < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


# lower-case name (as matched, single-spaced, without "day") -> date in a year. US days for US names.
HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24),
    "new year's": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "halloween": lambda y: date(y, 10, 31),
    "valentine's": lambda y: date(y, 2, 14),
    "thanksgiving": lambda y: nth_weekday(y, 11, 4, 4),
    "election": lambda y: nth_weekday(y, 11, 1, 1) + timedelta(days=1),
    "labor": lambda y: nth_weekday(y, 9, 1, 1),
    "memorial": lambda y: nth_weekday(y, 5, 1, -1),
    "easter": easter,
    "easter sunday": easter,
    "good friday": lambda y: easter(y) - timedelta(days=2),
}


def holiday_key(text: str) -> str:
    """Lookup key for a matched holiday name ("Thanksgiving Day" -> "thanksgiving")."""
    words = " ".join(text.lower().split())
    return words[: -len(" day")] if words.endswith(" day") else words


def _pick(ctx: Context, m: Mention, on: Callable[[int], date], rel: str) -> date:
    assert ctx.ref is not None
    ref = ctx.ref
    days = [on(y) for y in range(ref.year - 2, ref.year + 3)]
    past = max(d for d in days if d <= ref)
    upcoming = min(d for d in days if d > ref)
    if rel == "last":
        return max(d for d in days if d < ref)
    if rel == "next" or clause_direction(ctx, m.start, m.end) > 0:
        return upcoming
    return past if (ref - past).days <= PAST_BIAS * (upcoming - ref).days else upcoming


def norm_holiday(m: Mention, ctx: Context) -> Value | None:
    """Thanksgiving (Day) -> the nearest such day, leaning to the past; "Christmas 2020" -> 2020-12-25."""
    on = HOLIDAYS[holiday_key(m.groups["name"] or "")]
    if m.groups["year"]:
        return Value("DATE", fmt_day(on(int(m.groups["year"]))), "day", "absolute")
    if ctx.ref is None:
        return Value("DATE", "XXXX-XX-XX", "day", "unresolved")
    return Value("DATE", fmt_day(_pick(ctx, m, on, (m.groups["rel"] or "").lower())), "day", "published")
