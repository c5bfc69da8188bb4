"""Conflicts between claims of different independent sources about the same thing, each with its kind
and a one-line explanation naming both outlets and both wordings: number, date, polarity, attribution,
characterisation (rules in `stages/story/conflict_kinds.py`).

Analysts forgive a miss sooner than a false alarm, and most real stories have no contradiction at all, so
a pair is compared only when it is similar (cosine >= MIN_SIMILARITY), from independent sources, and
aligned on the same event or the same subject and aspect (`stages/story/alignment.py`): every rule checks
that alignment before it speaks.

Optionally (`Story.options["contradiction_model"] = {"path", "threshold"}`, from `analyze
--contradiction-model DIR`), a local NLI cross-encoder also scores the aligned pairs that no rule flagged;
a pair scoring at or above the threshold becomes a conflict of kind "model" whose explanation names the
model and its score.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from storylens.model import Story
from storylens.stages.compare.claimindex import ClaimIndex, ClaimRef
from storylens.stages.compare.nli import DEFAULT_THRESHOLD, load_scorer
from storylens.stages.story.alignment import Alignment
from storylens.stages.story.conflict_kinds import RULES, outlet
from storylens.stages.story.groups import TIME_UNITS

# Candidate pairs below this cosine are about different things (tuned on the BASIL tuning triplets).
MIN_SIMILARITY = 0.45
# Claims sharing a unit and a subject are paired only while there are this few (pairs grow as its square).
MAX_BUCKET = 60
# One conflict before numbering: the two claims and the record's other fields (kind, explanation, ...).
Found = tuple[ClaimRef, ClaimRef, dict[str, Any]]
NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})


def find_conflicts(story: Story) -> Story:
    """Assign `results["conflicts"]` and mark the claim groups involved as contested."""
    alignment = Alignment(Subjects(story), story.results.get("events"))
    candidates = _candidate_pairs(story, alignment.subjects)
    found: list[Found] = [(a, b, {"kind": kind, "explanation": explanation, "values": values})
                          for a, b, _ in candidates for kind, explanation, values in disagreements(a, b, alignment)]
    flagged = {(a.id, b.id) for a, b, _ in found}
    # The model only adds: a pair a rule already explains keeps that checkable explanation alone.
    unflagged = [(a, b) for a, b, _ in candidates if (a.id, b.id) not in flagged and alignment.aligned(a, b)]
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


def disagreements(a: ClaimRef, b: ClaimRef, alignment: Alignment) -> list[tuple[str, str, list[str]]]:
    """Every rule's disagreements between two claims (`conflict_kinds.RULES`, each checks alignment)."""
    return [found for rule in RULES for found in rule(a, b, alignment)]


def _candidate_pairs(story: Story, subjects: Subjects) -> list[tuple[ClaimRef, ClaimRef, float]]:
    """The only pairs ever compared: similar claim pairs from independent sources, plus pairs that state a
    quantity of the same unit about a common subject however differently they are worded."""
    index = ClaimIndex(story)
    sources = story.results.get("sources", {})
    similar = {(a, b): s for a, b, s in story.results.get("claim_pairs", []) if s >= MIN_SIMILARITY}
    for pair in _quantity_pairs(index, subjects):
        similar.setdefault(pair, 0.0)
    pairs = [(index.ref(a), index.ref(b), s) for (a, b), s in sorted(similar.items())]
    return [(a, b, s) for a, b, s in pairs if _independent(a, b, sources)]


def _quantity_pairs(index: ClaimIndex, subjects: Subjects) -> set[tuple[str, str]]:
    """Id pairs of claims from different articles naming one subject and a number of one unit (index order)."""
    buckets: dict[tuple[str, str], list[ClaimRef]] = defaultdict(list)
    for claim in index.claims:
        units = {n["unit"] for n in claim.span.attrs.get("numbers", []) if n["unit"] not in TIME_UNITS}
        for unit in units:
            for subject in subjects.of_claim(claim):
                buckets[(unit, subject)].append(claim)
    pairs = set()
    for members in buckets.values():
        if len(members) > MAX_BUCKET:
            continue  # a unit and subject every article repeats ("Trump", "percent") tells nothing
        for n, a in enumerate(members):
            pairs.update((a.id, b.id) for b in members[n + 1 :] if a.article.id != b.article.id)
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
            explanation = f"model {scorer.name} scores contradiction {score:.2f} ({outlet(a)} vs {outlet(b)})"
            found.append((a, b, {"kind": "model", "explanation": explanation, "model": scorer.name,
                                 "score": round(score, 4)}))
    return found


def _independent(a: ClaimRef, b: ClaimRef, sources: dict[str, str]) -> bool:
    return sources.get(a.article.id, a.article.id) != sources.get(b.article.id, b.article.id)


class Subjects:
    """Which story entities (linked across outlets) each claim and each article names.

    A person is known by surname here: the entity linker can leave "Hillary Rodham Clinton" and "Hillary
    Clinton" apart, and a subject test that misses them misses the conflict.
    """

    def __init__(self, story: Story):
        self.mentions: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for entity in story.results.get("entities", []):
            if entity.get("type") in NAMED:
                key = _subject_key(entity)
                for mention in entity["mentions"]:
                    self.mentions[mention["article"]].append((mention["start"], mention["end"], key))

    def of_claim(self, claim: ClaimRef) -> set[str]:
        """Entities mentioned inside the claim."""
        span = claim.span
        return {e for start, end, e in self.mentions[claim.article.id] if span.start <= start and end <= span.end}

    def within(self, claim: ClaimRef, start: int, end: int) -> set[str]:
        """Entities mentioned inside a part of the claim (offsets relative to the claim's text)."""
        low, high = claim.span.start + start, claim.span.start + end
        return {e for s, t, e in self.mentions[claim.article.id] if s < high and low < t}

    def of_article(self, article_id: str) -> set[str]:
        """Entities mentioned anywhere in the article."""
        return {e for _, _, e in self.mentions[article_id]}


def _subject_key(entity: dict[str, Any]) -> str:
    words = entity.get("name", "").split()
    return f"person:{words[-1].lower()}" if entity.get("type") == "PERSON" and words else entity["id"]


def _mark_contested(story: Story, conflicts: list[dict[str, Any]]) -> None:
    contested = {c for conflict in conflicts for c in conflict["claims"]}
    for group in story.results.get("claim_groups", []):
        if contested.intersection(group["claims"]):
            group["status"] = "contested"
