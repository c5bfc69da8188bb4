"""Opposition between two claims about the same thing: a polarity flip ("did not apologise" vs
"apologised") or opposed characterisations ("notably restrained" vs "reacted especially sharply").

Both come from small word tables a person can read and check, not from a model: no natural-language
inference model is installable offline, and an analyst must be able to see why two claims were opposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storylens.stages.article.claims import cue_pattern
from storylens.text.stems import stem

# Words that deny the statement they govern. "no" is left out: "no injuries" is a quantity (zero), which
# the number check handles, and "no longer" changes time, not truth.
NEGATIONS = ("not", "n't", "never", "has yet to", "have yet to", "failed to", "fails to", "failing to",
             "failure to", "refused to", "refuses to", "refusing to", "refusal to", "declined to", "declines to",
             "declining to", "avoided", "has avoided", "denied", "neither", "nor")
# A word before a characterisation that turns it around ("hardly a dramatic setback").
REVERSERS = ("not", "n't", "hardly", "far from", "scarcely", "barely", "never", "no")
REVERSER_WINDOW = 3  # words before the characterisation

# Characterisation axes: for each, words at the low and at the high end. Phrases match on word boundaries.
AXES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "reaction": (
        ("restrained", "muted", "measured", "low-key", "calm", "calmly", "cautious", "cautiously", "mild",
         "mildly", "subdued", "silent", "quiet", "quietly", "played down", "shrugged off", "avoided", "refrained",
         "declined to comment"),
        ("sharp", "sharply", "furious", "furiously", "angrily", "angry", "fierce", "fiercely", "vehement",
         "vehemently", "harsh", "harshly", "outraged", "condemned", "lashed out", "forceful",
         "forcefully", "blistering", "demanded"),
    ),
    "severity": (
        ("minor", "modest", "limited", "negligible", "slight", "small", "manageable", "insignificant",
         "little damage"),
        ("serious", "severe", "major", "devastating", "crippling", "catastrophic", "heavy", "huge",
         "massive", "significant", "grave", "dramatic"),
    ),
    "outcome": (
        ("failure", "failed", "fiasco", "flop", "setback", "defeat"),
        ("success", "successful", "succeeded", "triumph", "breakthrough", "victory"),
    ),
}

NEGATION_RE = cue_pattern(NEGATIONS)
COMPOUND_RE = re.compile(r"\b\w+(?:-\w+)+")  # "\b": starts only at a word start (linear on long tokens)
# Words between a negation and the word it governs ("has not yet been found").
AUXILIARIES = frozenset("be been being is are was were have has had do does did yet even ever once so a an the "
                        "to it that this at all any".split())
_AXIS_RES = {axis: (cue_pattern(low), cue_pattern(high)) for axis, (low, high) in AXES.items()}
_REVERSER_RE = cue_pattern(REVERSERS)


@dataclass(frozen=True)
class Characterisation:
    """A characterising word in a claim: its axis, its pole after reversal (-1 low, +1 high), as written."""

    axis: str
    pole: int
    text: str


def _plain(text: str) -> str:
    # A hyphenated compound ("do-not-drink notice") names a thing; its "not" denies nothing.
    return COMPOUND_RE.sub(" ", text.replace("’", "'")).replace("n't", " not")


@lru_cache(maxsize=4096)
def negated_words(text: str) -> dict[str, str]:
    """Stem -> phrase as written, for the word each negation governs ("never sounded" -> sound)."""
    plain = _plain(text)
    found = {}
    for match in NEGATION_RE.finditer(plain):
        following = re.finditer(r"[A-Za-z]+", plain[match.end():])
        words = [w for w in following if w.group(0).lower() not in AUXILIARIES][:2]
        # "told households not to drink" is an instruction, not a denial of drinking.
        if not words or plain[match.end():match.end() + words[0].start()].split() == ["to"]:
            continue
        # "did not directly answer": the adverb and the verb it modifies are both governed.
        governed = words if words[0].group(0).lower().endswith("ly") and len(words) > 1 else words[:1]
        for word in governed:
            found[stem(word.group(0).lower())] = plain[match.start():match.end() + governed[-1].end()]
    return found


def denial(a: str, b: str) -> tuple[int, str] | None:
    """Which claim (0 or 1) denies what the other states, and its negated phrase; None if neither does.

    "The alarm never sounded" vs "the alarm sounded": claim 0 denies ("never sounded"). "The agency ordered
    the plant closed and has not said when it will reopen" vs "the agency ordered the plant closed": no
    denial, the negation governs "said", which the other claim does not state.
    """
    # Both deny one thing ("did not directly answer" / "did not answer directly"): they agree.
    if set(negated_words(a)) & set(negated_words(b)):
        return None
    for side, (denying, stating) in enumerate(((a, b), (b, a))):
        negated, other_negated = negated_words(denying), negated_words(stating)
        stated = _stems(stating) - set(other_negated)
        shared = [word for word in negated if word in stated]
        if shared:
            return side, negated[shared[0]]
    return None


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    return frozenset(map(stem, re.findall(r"[a-z]+", text.lower())))


def polarity_flip(a: str, b: str) -> bool:
    """One claim denies what the other states (callers check they are about the same fact)."""
    return denial(a, b) is not None


@lru_cache(maxsize=4096)
def characterisations(text: str) -> tuple[Characterisation, ...]:
    """Characterising words in a claim with their pole, turned around by a reverser just before them."""
    # Cached: the conflict stage meets each claim in many candidate pairs.
    found = []
    for axis, (low, high) in _AXIS_RES.items():
        for pole, pattern in ((-1, low), (1, high)):
            for match in pattern.finditer(text):
                flipped = -pole if _reversed(text, match.start()) else pole
                found.append(Characterisation(axis, flipped, match.group(0).lower()))
    return tuple(found)


def _reversed(text: str, start: int) -> bool:
    before = re.findall(r"[\w']+", text[:start].replace("’", "'"))[-REVERSER_WINDOW:]
    return bool(_REVERSER_RE.search(" ".join(before)))


# Valence from VADER's lexicon (the `vadersentiment` package, already a dependency for framing): 7,500
# words rated -4..4 by ten people each (Hutto & Gilbert 2014). NRC-VAD, which also rates arousal, ships in
# no package installable here. Only clearly valenced words count.
MIN_VALENCE = 1.5


@lru_cache(maxsize=1)
def _valences() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


def valence_pole(phrase: str) -> int:
    """+1 / -1 for a phrase whose most valenced word is clearly positive / negative (after a reverser
    before it: "hardly a success" is -1), 0 when no word is clearly valenced."""
    words = re.findall(r"[a-z']+", phrase.lower().replace("’", "'"))
    lexicon = _valences()
    scored = [(abs(lexicon[w]), n, lexicon[w]) for n, w in enumerate(words) if abs(lexicon.get(w, 0)) >= MIN_VALENCE]
    if not scored:
        return 0
    _, position, valence = max(scored)
    pole = 1 if valence > 0 else -1
    before = " ".join(words[max(0, position - REVERSER_WINDOW) : position])
    return -pole if _REVERSER_RE.search(before) else pole


def opposed_characterisation(a: str, b: str) -> tuple[Characterisation, Characterisation] | None:
    """The first pair of characterisations on one axis at opposite poles, one from each claim."""
    theirs = characterisations(b)
    for ours in characterisations(a):
        for other in theirs:
            if other.axis == ours.axis and other.pole == -ours.pole:
                return ours, other
    return None
