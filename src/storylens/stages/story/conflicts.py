"""Conflicts between claims of different independent sources about the same thing: differing numbers
or dates for one fact, a polarity flip ("has not apologised" vs "apologised"), or opposed
characterisations ("notably restrained" vs "reacted especially sharply").

Each conflict is explainable: the two claims, the kind, and a one-line explanation a person can check.
Analysts forgive a miss sooner than a false alarm, so two claims are compared only when they are about
the same subject: they name a common person, organisation or place, or (when either names none) their
articles share at least two such names, as reports of one story do.

Optionally (`Story.options["contradiction_model"] = {"path", "threshold"}`, from `analyze
--contradiction-model DIR`), a local NLI cross-encoder also scores the pairs these rules align (same subject,
independent outlets, about the same thing) that no rule flagged; a pair scoring at or above the threshold
becomes a conflict of kind "model" whose explanation names the model and its score.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from storylens.model import Story
from storylens.stages.compare.claimindex import ClaimIndex, ClaimRef
from storylens.stages.compare.nli import DEFAULT_THRESHOLD, load_scorer
from storylens.stages.compare.opposition import denial, opposed_characterisation
from storylens.stages.story.coverage import outlet_name
from storylens.stages.story.groups import dates_disagree, numbers_disagree, word_overlap

# Two claims must be this similar (cosine) and share this much wording to be about the same fact.
# Measured on the demo: same-fact pairs share 0.43-0.62 of their content words, pairs about different
# events of the story (spill on the 2nd, closure on the 3rd) 0.18-0.27.
SAME_FACT = 0.55
MIN_WORD_OVERLAP = 0.35
# Characterisations word the same thing differently ("restrained response" vs "reacted sharply"), so they
# need less similarity, but still a shared subject word beyond the names.
SAME_THING = 0.45
MIN_THING_OVERLAP = 0.15
SHARED_ARTICLE_NAMES = 2
# One conflict before numbering: the two claims and the record's other fields (kind, explanation, ...).
Found = tuple[ClaimRef, ClaimRef, dict[str, Any]]
NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})


def find_conflicts(story: Story) -> Story:
    """Assign `results["conflicts"]` and mark the claim groups involved as contested."""
    aligned = _aligned_pairs(story)
    found: list[Found] = [(a, b, {"kind": kind, "explanation": explanation, "values": values})
                          for a, b, sim in aligned for kind, explanation, values in _disagreements(a, b, sim)]
    flagged = {(a.id, b.id) for a, b, _ in found}
    # The model only adds: a pair a rule already explains keeps that checkable explanation alone.
    unflagged = [(a, b) for a, b, sim in aligned if (a.id, b.id) not in flagged and _same_thing(a, b, sim)]
    found += _model_disagreements(story, unflagged)
    group_of = {c: g["id"] for g in story.results.get("claim_groups", []) for c in g["claims"]}
    conflicts: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for a, b, fields in found:
        key = (group_of.get(a.id, a.id), group_of.get(b.id, b.id), fields["kind"])
        if key not in seen:
            seen.add(key)
            conflicts.append({"id": f"x{len(conflicts)}", "claims": [a.id, b.id], **fields})
    story.results["conflicts"] = conflicts
    _mark_contested(story, conflicts)
    return story


def _aligned_pairs(story: Story) -> list[tuple[ClaimRef, ClaimRef, float]]:
    """Similar claim pairs from independent sources about the same subject: the only pairs ever compared."""
    index = ClaimIndex(story)
    sources = story.results.get("sources", {})
    subjects = Subjects(story)
    pairs = []
    for a_id, b_id, similarity in story.results.get("claim_pairs", []):
        a, b = index.ref(a_id), index.ref(b_id)
        if _independent(a, b, sources) and subjects.same(a, b):
            pairs.append((a, b, similarity))
    return pairs


def _model_disagreements(story: Story, pairs: list[tuple[ClaimRef, ClaimRef]]) -> list[Found]:
    """The pairs the optional contradiction model scores at or above its threshold (none when it is off)."""
    settings = story.options.get("contradiction_model")
    if not settings or not pairs:
        return []
    scorer = load_scorer(str(settings["path"]))
    threshold = float(settings.get("threshold", DEFAULT_THRESHOLD))
    texts = [(a.text, b.text) for a, b in pairs]
    # NLI models read premise and hypothesis asymmetrically; the mean of both readings makes the score
    # independent of which outlet's claim happens to come first.
    forward, backward = scorer.score(texts), scorer.score([(b, a) for a, b in texts])
    found: list[Found] = []
    for (a, b), one, other in zip(pairs, forward, backward, strict=True):
        score = (one + other) / 2
        if score >= threshold:
            explanation = f"model {scorer.name} scores contradiction {score:.2f} ({_outlet(a)} vs {_outlet(b)})"
            found.append((a, b, {"kind": "model", "explanation": explanation, "model": scorer.name,
                                 "score": round(score, 4)}))
    return found


def _independent(a: ClaimRef, b: ClaimRef, sources: dict[str, str]) -> bool:
    return sources.get(a.article.id, a.article.id) != sources.get(b.article.id, b.article.id)


class Subjects:
    """Which story entities (linked across outlets) each claim and each article names."""

    def __init__(self, story: Story):
        self.mentions: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for entity in story.results.get("entities", []):
            if entity.get("type") in NAMED:
                for mention in entity["mentions"]:
                    self.mentions[mention["article"]].append((mention["start"], mention["end"], entity["id"]))

    def of_claim(self, claim: ClaimRef) -> set[str]:
        """Entities mentioned inside the claim."""
        span = claim.span
        return {e for start, end, e in self.mentions[claim.article.id] if span.start <= start and end <= span.end}

    def of_article(self, article_id: str) -> set[str]:
        """Entities mentioned anywhere in the article."""
        return {e for _, _, e in self.mentions[article_id]}

    def same(self, a: ClaimRef, b: ClaimRef) -> bool:
        """Whether two claims are about the same subject (see the module docstring)."""
        ours, theirs = self.of_claim(a), self.of_claim(b)
        if ours and theirs:
            return bool(ours & theirs)
        shared = self.of_article(a.article.id) & self.of_article(b.article.id)
        return len(shared) >= SHARED_ARTICLE_NAMES


def _disagreements(a: ClaimRef, b: ClaimRef, similarity: float) -> list[tuple[str, str, list[str]]]:
    found = []
    if similarity >= SAME_FACT and word_overlap(a.text, b.text) >= MIN_WORD_OVERLAP:
        found += _fact_disagreements(a, b)
    if _same_thing(a, b, similarity):
        opposed = opposed_characterisation(a.text, b.text)
        if opposed:
            ours, theirs = opposed
            explanation = (f"{_outlet(a)} calls it “{ours.text}”; {_outlet(b)} calls it “{theirs.text}” "
                           f"(opposite ends of {ours.axis})")
            found.append(("characterisation", explanation, [ours.text, theirs.text]))
    return found


def _same_thing(a: ClaimRef, b: ClaimRef, similarity: float) -> bool:
    """Whether two aligned claims are about the same thing (the loosest gate any comparison uses)."""
    return similarity >= SAME_THING and word_overlap(a.text, b.text) >= MIN_THING_OVERLAP


def _fact_disagreements(a: ClaimRef, b: ClaimRef) -> list[tuple[str, str, list[str]]]:
    found = []
    for ours, theirs in numbers_disagree(a, b):
        values = [_amount(a, ours), _amount(b, theirs)]
        explanation = f"{_outlet(a)} says {values[0]}; {_outlet(b)} says {values[1]}"
        found.append(("number", explanation, values))
    dates = dates_disagree(a, b)
    if dates:
        explanation = f"{_outlet(a)} dates it {dates[0]}; {_outlet(b)} dates it {dates[1]}"
        found.append(("date", explanation, list(dates)))
    denied = denial(a.text, b.text)
    if denied:
        side, phrase = denied
        denying, stating = (a, b) if side == 0 else (b, a)
        explanation = f"{_outlet(denying)} says “{phrase}”; {_outlet(stating)} says it did"
        found.append(("polarity", explanation, [phrase, "stated"]))
    return found


def _amount(claim: ClaimRef, number: dict[str, Any]) -> str:
    """The number as written plus its unit word, e.g. "about 40 tonnes"."""
    following = re.match(r"\s+(?:of\s+)?[^\W\d][\w-]*", claim.article.text[number["end"] :])
    written = claim.article.text[number["start"] : number["end"]].strip()
    if number["unit"] in ("%", "USD", "EUR", "GBP", "JPY") or not following:
        return written
    return written + following.group(0).rstrip()


def _outlet(claim: ClaimRef) -> str:
    return outlet_name(claim.article)


def _mark_contested(story: Story, conflicts: list[dict[str, Any]]) -> None:
    contested = {c for conflict in conflicts for c in conflict["claims"]}
    for group in story.results.get("claim_groups", []):
        if contested.intersection(group["claims"]):
            group["status"] = "contested"
