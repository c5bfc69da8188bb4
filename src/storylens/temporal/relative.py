"""Normalisers that need the reference date (publication) or an earlier date in the article (context).

Without a reference date every such expression stays unresolved ("XXXX-XX-XX"): today's date is
never used in its place.
"""

from __future__ import annotations

from datetime import date, timedelta

from storylens.temporal.absolute import absolute_day, day_number, duration_value
from storylens.temporal.calendar import (
    QUARTER_START,
    SEASON_MONTHS,
    fmt_week,
    format_at,
    past_year,
    recent_year,
    shift,
    upcoming_year,
    valid_day,
    weekday_near,
)
from storylens.temporal.lexicon import DAY_PARTS, ORDINALS, REF_WORDS, SEASONS, WEEKDAYS
from storylens.temporal.recognise import Mention, month_number
from storylens.temporal.values import (
    UNRESOLVED,
    Context,
    Value,
    amount_of,
    clause_direction,
    unit_of,
)

_DAY_OFFSETS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}


def unresolved(granularity: str, type_: str = "DATE", value: str | None = None) -> Value:
    """A relative expression with nothing to resolve it against."""
    return Value(type_, value or UNRESOLVED[granularity], granularity, "unresolved")


def _with_part(day: date | None, part: str | None, source: str) -> Value:
    """A day, or a part of it ("Tuesday night" -> 2026-03-03TNI, a TIME)."""
    text = day.isoformat() if day else "XXXX-XX-XX"
    source = source if day else "unresolved"
    if part:
        return Value("TIME", f"{text}T{DAY_PARTS[part.lower()]}", "time", source)
    return Value("DATE", text, "day", source)


def _year_for(ctx: Context, m: Mention, month: int, day: int | None = None) -> int:
    """Year of a month[/day] written without one, by the governing verb's tense, else the nearest."""
    assert ctx.ref is not None
    direction = clause_direction(ctx, m.start, m.end)
    if direction > 0:
        return upcoming_year(ctx.ref, month, day)
    if direction < 0:
        return past_year(ctx.ref, month, day)
    return recent_year(ctx.ref, month, day)


def _year_for_day(ctx: Context, m: Mention, month: int, day: int) -> int:
    """Year of a date written without one: matching its weekday if given, else by tense or nearest."""
    assert ctx.ref is not None
    years = (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1)
    weekday = m.groups.get("weekday")
    if weekday:
        matching = [y for y in years if valid_day(y, month, day)
                    and date(y, month, day).isoweekday() == WEEKDAYS[weekday.lower()]]  # fmt: skip
        if matching:
            return min(matching, key=lambda y: abs((date(y, month, day) - ctx.ref).days))  # type: ignore[operator]
    return _year_for(ctx, m, month, day)


def norm_month_day(m: Mention, ctx: Context) -> Value | None:
    """March 4 / 4 March (2026): the year if written, else the one nearest the reference date."""
    month, day = month_number(m.groups["month"] or ""), day_number(m.groups["day"] or "")
    if m.groups["year"]:
        return absolute_day(int(m.groups["year"]), month, day)
    if ctx.ref is None:
        return unresolved("day", value=f"XXXX-{month:02d}-{day:02d}") if day <= 31 else None
    year = _year_for_day(ctx, m, month, day)
    return Value("DATE", f"{year:04d}-{month:02d}-{day:02d}", "day", "published") if valid_day(
        year, month, day) else None  # fmt: skip


def norm_foreign_date(m: Mention, ctx: Context) -> Value | None:
    """4 mars (2026): month found by dateparser; year as for English dates."""
    month, day = int(m.groups["month"] or 0), day_number(m.groups["day"] or "")
    if m.groups["year"]:
        return absolute_day(int(m.groups["year"]), month, day)
    if ctx.ref is None:
        return unresolved("day", value=f"XXXX-{month:02d}-{day:02d}")
    year = _year_for_day(ctx, m, month, day)
    return Value("DATE", f"{year:04d}-{month:02d}-{day:02d}", "day", "published") if valid_day(
        year, month, day) else None  # fmt: skip


def norm_month(m: Mention, ctx: Context) -> Value | None:
    """(last|next) March, March (this year): the month in the year the words or the tense point to."""
    month, g = month_number(m.groups["month"] or ""), m.groups
    if ctx.ref is None:
        return unresolved("month", value=f"XXXX-{month:02d}")
    ref, rel = ctx.ref, (g["rel"] or "").lower()
    if g["yrel"]:
        year = ref.year + {"this": 0, "last": -1, "next": 1}[g["yrel"].lower()]
    elif rel == "last":
        year = ref.year if month < ref.month else ref.year - 1
    elif rel in ("next", "coming"):
        year = ref.year if month > ref.month else ref.year + 1
    elif rel == "this":
        year = ref.year
    else:
        year = _year_for(ctx, m, month)
    return Value("DATE", f"{year:04d}-{month:02d}", "month", "published")


def norm_relative_day(m: Mention, ctx: Context) -> Value | None:
    """yesterday / today / tomorrow (morning) / tonight."""
    word = (m.groups["word"] or "").lower()
    part = m.groups["part"] or ("night" if word == "tonight" else None)
    day = ctx.ref + timedelta(days=_DAY_OFFSETS[word]) if ctx.ref else None
    return _with_part(day, part, "published")


def norm_day_part(m: Mention, ctx: Context) -> Value | None:
    """this morning / last night."""
    offset = -1 if (m.groups["rel"] or "").lower() == "last" else 0
    day = ctx.ref + timedelta(days=offset) if ctx.ref else None
    return _with_part(day, m.groups["part"], "published")


# rel word -> (direction, inclusive) for weekday lookup; None = decided by the clause's tense.
_WEEKDAY_RELS = {"last": (-1, False), "past": (-1, False), "next": (1, False), "coming": (1, True)}


def norm_weekday(m: Mention, ctx: Context) -> Value | None:
    """(last|next) Tuesday (night): the latest such day on or before the reference, or the next if future."""
    weekday = WEEKDAYS[(m.groups["weekday"] or "").lower()]
    if ctx.ref is None:
        return unresolved("day", value=f"XXXX-WXX-{weekday}")
    rel = (m.groups["rel"] or "").lower()
    direction, inclusive = _WEEKDAY_RELS.get(rel) or (
        (1 if clause_direction(ctx, m.start, m.end) > 0 else -1), True)  # fmt: skip
    return _with_part(weekday_near(ctx.ref, weekday, direction, inclusive), m.groups["part"], "published")


def norm_quarter(m: Mention, ctx: Context) -> Value | None:
    """the third quarter (of 1989): the latest such quarter that has begun by the reference date."""
    g = m.groups
    quarter = ORDINALS[(g["ord"] or "").lower()]
    year_text = g["year"] or g["year2"]
    if year_text:
        return Value("DATE", f"{year_text}-Q{quarter}", "quarter", "absolute")
    if ctx.ref is None:
        return unresolved("quarter", value=f"XXXX-Q{quarter}")
    begun = date(ctx.ref.year, QUARTER_START[quarter], 1) <= ctx.ref
    year = ctx.ref.year - (0 if begun else 1)
    if g["yrel"]:  # "this year's third quarter"
        year = ctx.ref.year + {"this": 0, "last": -1, "next": 1}[g["yrel"].lower()]
    year -= 1 if g["ago"] else 0  # "the year-ago third quarter"
    return Value("DATE", f"{year}-Q{quarter}", "quarter", "published")


def norm_the_quarter(m: Mention, ctx: Context) -> Value | None:
    """the quarter (in an earnings report: the one just ended); the 1988 / year-ago quarter."""
    if ctx.ref is None:
        return unresolved("quarter")
    reported = shift(ctx.ref, -1, "quarter")
    if m.groups["year"]:
        return Value("DATE", f"{m.groups['year']}-Q{format_at(reported, 'quarter')[-1]}", "quarter", "published")
    if m.groups["ago"]:
        reported = shift(reported, -1, "year")
    return Value("DATE", format_at(reported, "quarter"), "quarter", "published")


def norm_year_ago(m: Mention, ctx: Context) -> Value | None:
    """year-earlier / the year-ago period: the quarter just named a year before, else last year."""
    quarter = ctx.nearby_quarter(m.start)
    if quarter is not None:
        return _shift_from(quarter, -1, "year", "quarter", "context")
    if ctx.ref is None:
        return unresolved("year")
    return Value("DATE", f"{ctx.ref.year - 1:04d}", "year", "published")


def norm_the_weekend(m: Mention, ctx: Context) -> Value | None:
    """the weekend: the latest one by the reference date, or the next if the clause is future."""
    if ctx.ref is None:
        return unresolved("week", value="XXXX-WXX-WE")
    forward = clause_direction(ctx, m.start, m.end) > 0
    saturday = weekday_near(ctx.ref, 6, 1 if forward else -1)
    return Value("DATE", fmt_week(saturday) + "-WE", "week", "published")


def norm_season(m: Mention, ctx: Context) -> Value | None:
    """last fall / summer 2020 / this winter."""
    code = SEASONS[(m.groups["season"] or "").lower()]
    if m.groups["year"]:
        return Value("DATE", f"{m.groups['year']}-{code}", "season", "absolute")
    if ctx.ref is None:
        return unresolved("season", value=f"XXXX-{code}")
    first, last = SEASON_MONTHS[code]
    now = ctx.ref.year * 12 + ctx.ref.month
    rel = (m.groups["rel"] or "this").lower()
    if rel in ("last", "past"):
        year = next(y for y in range(ctx.ref.year, ctx.ref.year - 3, -1) if y * 12 + last < now)
    elif rel in ("next", "coming"):
        year = next(y for y in range(ctx.ref.year - 1, ctx.ref.year + 2) if y * 12 + first > now)
    else:
        year = ctx.ref.year - 1 if code == "WI" and ctx.ref.month <= 2 else ctx.ref.year
    return Value("DATE", f"{year}-{code}", "season", "published")


def norm_ref(m: Mention, ctx: Context) -> Value | None:
    """now / recently / the future -> PRESENT_REF / PAST_REF / FUTURE_REF."""
    word = " ".join((m.groups["word"] or "").lower().split())
    return Value("DATE", REF_WORDS[word], "unknown", "published" if ctx.ref else "unresolved")


def _shift_from(origin: date, amount: float, granularity: str, out: str, source: str) -> Value:
    moved = shift(origin, amount, granularity)
    return Value("DATE", format_at(moved, out), out, source)


def _unit_step(unit: str, amount: float) -> tuple[float, str]:
    """Amount in a calendar granularity: 48 hours -> 2 days, a decade -> 10 years, 1.5 years -> 18 months."""
    _, multiplier, granularity = unit_of(unit)
    if granularity in ("second", "minute", "hour"):
        per_day = {"second": 86400, "minute": 1440, "hour": 24}[granularity]
        return amount / per_day, "day"
    if granularity in ("decade", "century"):
        amount, granularity = amount * multiplier, "year"
    if granularity == "year" and amount != int(amount):
        return amount * 12, "month"  # "a year and a half ago": a month, not a year
    return amount, granularity


def norm_ago(m: Mention, ctx: Context) -> Value | None:
    """four years ago -> 2022 (from the reference date); two days later -> from the last date in context."""
    direction = (m.groups["dir"] or "").lower().split()[0]
    amount = amount_of(m.groups)
    sign = -1 if direction in ("ago", "earlier") else 1
    if amount is None:
        return Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "unknown",
                     "published" if ctx.ref else "unresolved")  # fmt: skip
    step, granularity = _unit_step(m.groups["unit"] or "", amount)
    quarter = ctx.nearby_quarter(m.start) if granularity == "year" and sign < 0 else None
    if quarter is not None:  # earnings idiom: "a year ago" = the same quarter a year before
        return _shift_from(quarter, sign * step, "year", "quarter", "context")
    if direction in ("earlier", "later"):
        anchor = ctx.anchor_for(granularity)
        if anchor:
            return _shift_from(anchor[0], sign * step, granularity, anchor[1], "context")
        if direction == "later" or ctx.ref is None:
            return unresolved(granularity)
    if ctx.ref is None:
        return unresolved(granularity)
    return _shift_from(ctx.ref, sign * step, granularity, granularity, "published")


# rel word -> (shift in units, what it is relative to); "the past year" is a DURATION (see below).
_UNIT_RELS = {
    "this": (0, "published"), "current": (0, "published"), "last": (-1, "published"),
    "past": (-1, "published"), "latest": (-1, "published"), "next": (1, "published"),
    "coming": (1, "published"), "following": (1, "context"), "previous": (-1, "context"),
    "same": (0, "context"), "that": (0, "context"),
}  # fmt: skip


def norm_relative_unit(m: Mention, ctx: Context) -> Value | None:
    """last week -> 2026-W09; this year; the next/following day (context); the past decade -> P10Y."""
    rel, unit, has_the = (m.groups["rel"] or "").lower(), (m.groups["unit"] or "").lower(), bool(m.groups["the"])
    weekend = unit == "weekend"
    granularity = "week" if weekend else unit
    if has_the and rel in ("past", "last") and not weekend:
        return Value("DURATION", duration_value(1.0, unit), "duration", "absolute")
    amount, source = _UNIT_RELS[rel]
    if has_the and rel == "next":
        source = "context" if ctx.anchor_for(granularity) else "published"
    origin = ctx.ref if source == "published" else (ctx.anchor_for(granularity) or (None,))[0]
    if origin is None:
        return unresolved(granularity, value=UNRESOLVED[granularity] + ("-WE" if weekend else ""))
    value = _shift_from(origin, amount, granularity, granularity, source)
    if weekend:
        value.value += "-WE"
    return value

