"""Calendar arithmetic on reference dates and TIMEX3 value strings (formatting, shifting, ordering)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

QUARTER_START = {1: 1, 2: 4, 3: 7, 4: 10}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # 14 = next year's Feb


def parse_ref(published: str | None) -> date | None:
    """The reference date from a `YYYY-MM-DD...` string, or None when absent or malformed."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def fmt_day(d: date) -> str:
    """TIMEX3 day value."""
    return d.isoformat()


def fmt_month(year: int, month: int) -> str:
    """TIMEX3 month value."""
    return f"{year:04d}-{month:02d}"


def fmt_week(d: date) -> str:
    """TIMEX3 ISO-week value of the week containing `d` (e.g. 2026-W09)."""
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter_of(d: date) -> int:
    """Calendar quarter (1-4) of a date."""
    return (d.month - 1) // 3 + 1


def add_months(d: date, months: int) -> date:
    """Shift by whole months, clamping the day to the target month's length."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def shift(d: date, amount: float, unit: str) -> date:
    """Shift a date by `amount` units (day, week, month, quarter, year, decade, century)."""
    if unit in ("day", "week"):
        return d + timedelta(days=round(amount * (7 if unit == "week" else 1)))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    return add_months(d, round(amount * months))


def format_at(d: date, granularity: str) -> str:
    """Format a date at a granularity (day, week, month, quarter, year, decade, century)."""
    formatters = {
        "day": fmt_day,
        "week": fmt_week,
        "month": lambda x: fmt_month(x.year, x.month),
        "quarter": lambda x: f"{x.year:04d}-Q{quarter_of(x)}",
        "season": season_value,
        "year": lambda x: f"{x.year:04d}",
        "decade": lambda x: f"{x.year // 10:03d}",
        "century": lambda x: f"{x.year // 100:02d}",
    }
    return formatters[granularity](d)


def season_value(d: date) -> str:
    """TIMEX3 season value containing `d` (January and February belong to the previous winter)."""
    if d.month <= 2:
        return f"{d.year - 1:04d}-WI"
    code = next(code for code, (first, last) in SEASON_MONTHS.items() if first <= d.month <= last)
    return f"{d.year:04d}-{code}"


def weekday_near(ref: date, weekday: int, direction: int, inclusive: bool = True) -> date:
    """The `weekday` (1=Monday) nearest `ref` going back (direction -1) or forward (+1)."""
    delta = (weekday - ref.isoweekday()) * direction % 7
    if delta == 0 and not inclusive:
        delta = 7
    return ref + timedelta(days=delta * direction)


# News mostly reports the past: a past date wins unless it is this much farther away than the next one.
PAST_BIAS = 1.5


def recent_year(ref: date, month: int, day: int | None = None) -> int:
    """Year of a month[/day] written without one: the nearer of the latest and the next occurrence,
    leaning to the past ("Dec. 15" in November is next month; "March 31" in November was this year's)."""
    def occurrence(year: int) -> date:
        return date(year, month, min(day or 15, calendar.monthrange(year, month)[1]))

    past = ref.year if occurrence(ref.year) <= ref else ref.year - 1
    before, after = (ref - occurrence(past)).days, (occurrence(past + 1) - ref).days
    return past if before <= PAST_BIAS * after else past + 1


def past_year(ref: date, month: int, day: int | None = None) -> int:
    """Year of the latest month[/day] on or before `ref` (for past-tense clauses: "resigned in March")."""
    return ref.year if (month, day or 1) <= (ref.month, ref.day) else ref.year - 1


def upcoming_year(ref: date, month: int, day: int | None = None) -> int:
    """Year of the next month[/day] on or after `ref` (for future-tense clauses)."""
    return ref.year if (month, day or ref.day) >= (ref.month, ref.day) else ref.year + 1


def valid_day(year: int, month: int, day: int) -> bool:
    """True when year-month-day is a real calendar date."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


_VALUE_START = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})"), lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"^(\d{4})-W(\d{2})"), lambda m: _week_start(int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{4})-Q([1-4])"), lambda m: (int(m[1]), QUARTER_START[int(m[2])], 1)),
    (re.compile(r"^(\d{4})-(SP|SU|FA|WI)"), lambda m: (int(m[1]), SEASON_MONTHS[m[2]][0], 1)),
    (re.compile(r"^(\d{4})-(\d{2})"), lambda m: (int(m[1]), int(m[2]), 1)),
    (re.compile(r"^(\d{4})"), lambda m: (int(m[1]), 1, 1)),
    (re.compile(r"^(\d{3})$"), lambda m: (int(m[1]) * 10, 1, 1)),
    (re.compile(r"^(\d{2})$"), lambda m: (int(m[1]) * 100, 1, 1)),
]


def _week_start(year: int, week: int) -> tuple[int, int, int]:
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:  # W53 in a 52-week year
        monday = date.fromisocalendar(year, 52, 1)
    return monday.year, monday.month, monday.day


def interval_start(value: str) -> tuple[int, int, int, int] | None:
    """(year, month, day, minutes) where a TIMEX3 date value's interval begins; None if unresolved."""
    for pattern, start in _VALUE_START:
        match = pattern.match(value)
        if match:
            clock = re.search(r"T(\d{2}):(\d{2})", value)
            return (*start(match), int(clock[1]) * 60 + int(clock[2]) if clock else 0)
    return None
