"""Turn recognised mentions into TIMEX3 values, in text order, keeping anchors for context-relative ones."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from storylens.temporal import absolute, holidays, relative
from storylens.temporal.calendar import interval_start
from storylens.temporal.recognise import Mention
from storylens.temporal.values import Context, Timex, Value, is_resolved, precision_granularity

Normaliser = Callable[[Mention, Context], Value | None]

# rule name (see recognise.RULES) -> normaliser.
NORMALISERS: dict[str, Normaliser] = {
    "iso_date": absolute.norm_iso_date,
    "month_day": relative.norm_month_day,
    "day_month": relative.norm_month_day,
    "month_year": absolute.norm_month_year,
    "foreign_date": relative.norm_foreign_date,
    "month": relative.norm_month,
    "year_span": absolute.norm_year_range,
    "year_range": absolute.norm_year_range,
    "year": absolute.norm_year,
    "decade": absolute.norm_decade,
    "century": absolute.norm_century,
    "holiday": holidays.norm_holiday,
    "year_ago": relative.norm_year_ago,
    "relative_day": relative.norm_relative_day,
    "day_part": relative.norm_day_part,
    "weekday": relative.norm_weekday,
    "weekday_set": absolute.norm_weekday_set,
    "clock": absolute.norm_clock,
    "clock24": absolute.norm_clock,
    "quarter": relative.norm_quarter,
    "the_quarter": relative.norm_the_quarter,
    "the_weekend": relative.norm_the_weekend,
    "season": relative.norm_season,
    "relative_unit": relative.norm_relative_unit,
    "ago": relative.norm_ago,
    "every": absolute.norm_every,
    "times_per": absolute.norm_times_per,
    "per_unit": absolute.norm_per_unit,
    "frequency": absolute.norm_frequency,
    "duration": absolute.norm_duration,
    "vague_units": absolute.norm_vague_units,
    "ref": relative.norm_ref,
}
CLOCK_RULES = frozenset({"clock", "clock24"})


def _remember_anchor(ctx: Context, timex: Timex) -> None:
    """Record a resolved DATE/TIME so later "the next day" / "two days later" can count from it."""
    value = timex.value
    granularity = precision_granularity(value.precision)
    if value.type not in ("DATE", "TIME") or granularity is None or not is_resolved(value.value):
        return
    if timex.rule == "ago" and granularity != "day":
        return  # "up from $5 million a year earlier" compares; it does not move the story's clock
    start = interval_start(value.value)
    if start is not None:
        ctx.anchors.append((date(start[0], start[1], start[2]), granularity, timex.start))


def normalise(mentions: list[Mention], ctx: Context) -> list[Timex]:
    """Normalise mentions in text order; drop those a normaliser rejects (e.g. February 30)."""
    found: list[Timex] = []
    for mention in mentions:
        value = NORMALISERS[mention.rule](mention, ctx)
        if value is None:
            continue
        timex = Timex(mention.start, mention.end, mention.rule, value, mention.mod)
        found.append(timex)
        _remember_anchor(ctx, timex)
    return attach_clock_days(found, ctx)


def _is_day(timex: Timex) -> bool:
    return timex.value.type == "DATE" and timex.value.precision == "day"


def _adjacent(ctx: Context, left: Timex, right: Timex) -> bool:
    """Only spaces or a comma between two expressions ("10 p.m. Wednesday", "Tuesday, 9 a.m.")."""
    return re.fullmatch(r"[\s,]*", ctx.text[left.end : right.start]) is not None


def _dated_clock(clock: Timex, day: Timex, source: str, merge: bool) -> Timex:
    value = Value("TIME", f"{day.value.value[:10]}T{clock.value.extra['clock']}", "time", source)
    if "X" in day.value.value[:10]:
        value.value, value.resolved_from = f"{day.value.value}T{clock.value.extra['clock']}", "unresolved"
    if not merge:
        return Timex(clock.start, clock.end, clock.rule, value, clock.mod)
    return Timex(min(clock.start, day.start), max(clock.end, day.end), clock.rule, value, day.mod)


def _same_sentence(timexes: list[Timex], index: int, ctx: Context) -> list[Timex]:
    """The other expressions in the clock's sentence, nearest first."""
    sentence = ctx.sentence_start(timexes[index].start)
    before = [t for t in reversed(timexes[:index]) if t.end > sentence]
    after = []
    for t in timexes[index + 1 :]:
        if ctx.sentence_start(t.start) != sentence:
            break
        after.append(t)
    return sorted(before + after, key=lambda t: abs(t.start - timexes[index].start))


def _day_for_clock(timexes: list[Timex], index: int, ctx: Context) -> tuple[Timex, str] | None:
    """The day a clock time belongs to: in its sentence, else the last resolved day before it."""
    same = [t for t in _same_sentence(timexes, index, ctx) if _is_day(t)]
    if same:
        return same[0], same[0].value.resolved_from
    earlier = next((t for t in reversed(timexes[:index]) if _is_day(t) and is_resolved(t.value.value)), None)
    return (earlier, "context") if earlier else None


def attach_clock_days(timexes: list[Timex], ctx: Context) -> list[Timex]:
    """Give clock times their day; merge "10 p.m. Wednesday"-style neighbours into one TIME."""
    out: list[Timex] = []
    skip = -1
    for index, timex in enumerate(timexes):
        if index == skip:
            continue
        if timex.rule not in CLOCK_RULES:
            out.append(timex)
            continue
        after = timexes[index + 1] if index + 1 < len(timexes) else None
        if out and _is_day(out[-1]) and _adjacent(ctx, out[-1], timex):
            out[-1] = _dated_clock(timex, out[-1], out[-1].value.resolved_from, merge=True)
        elif after is not None and _is_day(after) and _adjacent(ctx, timex, after):
            out.append(_dated_clock(timex, after, after.value.resolved_from, merge=True))
            skip = index + 1
        else:
            found = _day_for_clock(timexes, index, ctx)
            out.append(_dated_clock(timex, found[0], found[1], merge=False) if found else timex)
    return out
