"""Time expressions: recognise them in text and normalise them to TIMEX3 values.

`find_times(text, published)` is the whole job; `recognise` finds mentions with regex rules,
`normalise` resolves them against the reference date and earlier dates in the text.
"""

from __future__ import annotations

from storylens.model import Span
from storylens.temporal.calendar import interval_start, parse_ref
from storylens.temporal.normalise import normalise
from storylens.temporal.recognise import recognise
from storylens.temporal.tense import Tense, tense_reader
from storylens.temporal.values import Context, Timex, is_resolved, split_sentence_starts

__all__ = ["find_times", "interval_start", "is_resolved", "tense_reader", "timex_span"]

# Attributes that only steer normalisation and never reach the `times` layer.
_INTERNAL_ATTRS = {"clock"}


def timex_span(timex: Timex) -> Span:
    """The `times` layer span for a normalised expression."""
    value = timex.value
    attrs = {"value": value.value, "precision": value.precision, "resolved_from": value.resolved_from}
    if timex.mod:
        attrs["mod"] = timex.mod
    attrs.update({k: v for k, v in value.extra.items() if k not in _INTERNAL_ATTRS})
    return Span(timex.start, timex.end, value.type, attrs)


def find_times(
    text: str, published: str | None, sentence_starts: list[int] | None = None, language: str | None = None,
    tense: Tense | None = None,
) -> list[Span]:
    """Time-expression spans in `text`, resolved against `published` (YYYY-MM-DD or None).

    `tense` ((start, end) -> "past"/"present"/"future"/None, see `temporal.tense.tense_reader`) lets the
    governing verb place bare dates; without it a few future cue words around the expression do."""
    starts = sentence_starts if sentence_starts is not None else split_sentence_starts(text)
    ctx = Context(text=text, ref=parse_ref(published), sentence_starts=sorted(starts), tense=tense)
    return [timex_span(t) for t in normalise(recognise(text, language), ctx)]
