"""Whether two figures stated by two claims disagree: rounding, exact counts, precise figures and bounds.

One comparison for the whole story: the conflicts stage reports two figures that differ, and claim grouping keeps
two claims apart when they do, so "more than $1 million" and "$1.1 million" (a floor and a figure above it) are
neither a conflict nor kept apart, and "47-page" / "48-page" are both.
"""

from __future__ import annotations

import re
from typing import Any

from storylens.stages.compare.claimindex import ClaimRef
from storylens.text.quantities import values_disagree

# Counts below this, written exactly, disagree by any difference; larger figures get 5% for rounding.
EXACT_BELOW = 1000
# A figure written with this many significant digits ("$5,687.75", "$10,977") is exact: any difference counts.
PRECISE_DIGITS = 4
LOWER_BOUNDS = frozenset(("over", "more than", "at least", "no fewer than", "no less than"))
UPPER_BOUNDS = frozenset(("under", "less than", "up to", "fewer than", "as many as", "as much as", "no more than"))
APPROXIMATE = frozenset(("about", "around", "roughly", "nearly", "almost", "some", "approximately",
                         "estimated")) | LOWER_BOUNDS | UPPER_BOUNDS


def figures_differ(a: ClaimRef, x: dict[str, Any], b: ClaimRef, y: dict[str, Any]) -> bool:
    """Two figures disagree: beyond rounding (5%), or exact small counts that differ ("48-page" / "47-page"),
    or two precise figures that differ at all ("$5,687.75" / "$5,587.75": nobody rounds to the cent). A
    bound ("over $10,000", "up to five years") disagrees only with a figure on the wrong side of it, two bounds on
    one side as two figures do, a floor and a ceiling only when nothing lies between them."""
    sides = bound_side(a, x), bound_side(b, y)
    if sides[0] and sides[0] == sides[1]:
        # Two limits on one side ("as many as 1.5 million" / "up to 1.6 million") state one limit differently.
        return values_disagree(x["value"], y["value"])
    if sides[0] and sides[1]:  # a floor and a ceiling disagree only when nothing lies between them
        floor, ceiling = (x, y) if sides[0] == "lower" else (y, x)
        return floor["value"] >= ceiling["value"]
    for side, bound, other in ((sides[0], x, y), (sides[1], y, x)):
        if side == "lower":
            return other["value"] < bound["value"]
        if side == "upper":
            return other["value"] > bound["value"]
    if values_disagree(x["value"], y["value"]):
        return True
    exact = all(n["value"] < EXACT_BELOW and float(n["value"]).is_integer() and not is_approximate(c, n)
                for c, n in ((a, x), (b, y)))
    precise = is_precise(a, x) and is_precise(b, y)
    return (exact or precise) and x["value"] != y["value"]


def is_precise(claim: ClaimRef, number: dict[str, Any]) -> bool:
    """A figure written to PRECISE_DIGITS or more significant digits, not marked approximate ("$10,977.74")."""
    written = claim.article.text[number["start"] : number["end"]]
    if re.search(r"[a-z]", written.lower()):  # "1.2 million": the word rounds it
        return False
    digits = re.sub(r"\D", "", written.split(".")[0]).lstrip("0").rstrip("0") + re.sub(
        r"\D", "", written.split(".")[1] if "." in written else "")
    return len(digits) >= PRECISE_DIGITS and not is_approximate(claim, number)


def bound_marker(claim: ClaimRef, number: dict[str, Any]) -> str | None:
    """The approximation or bound written before a figure ("about", "more than", "as many as"), if any."""
    before = claim.article.text[max(0, number["start"] - 20) : number["start"]].lower().split()
    for phrase in (" ".join(before[-3:]), " ".join(before[-2:]), before[-1] if before else ""):
        if phrase in APPROXIMATE:
            return phrase
    return None


def bound_side(claim: ClaimRef, number: dict[str, Any]) -> str | None:
    """"lower" for a floor ("more than 40"), "upper" for a ceiling ("up to 40"), None for a figure."""
    marker = bound_marker(claim, number)
    return "lower" if marker in LOWER_BOUNDS else "upper" if marker in UPPER_BOUNDS else None


def is_approximate(claim: ClaimRef, number: dict[str, Any]) -> bool:
    """The figure carries an approximation or a bound ("about 40", "up to 40")."""
    return bound_marker(claim, number) is not None
