"""Claim groups: claims from different articles that state the same thing, with independent-source counts.

Embedding similarity proposes pairs; a pair is accepted only when its numbers and dates agree and neither
denies the other or characterises the same thing oppositely, so "40 tonnes" and "12 tonnes" stay apart
(the conflicts stage reports them). Named people are not compared: on 30 Multi-News clusters, requiring
a shared person would have split 9 accepted pairs, 8 of them the same fact under name variants the entity
linker leaves apart ("Van Wert" / "VanWert", "Ray Fang" / "Raymond Fang") or with different speakers.
"""

from __future__ import annotations

import re
from typing import Any

from scipy.cluster.hierarchy import DisjointSet

from storylens.model import Story
from storylens.settings import DEFAULT_GROUPING
from storylens.stages.compare.claimindex import ClaimIndex, ClaimRef
from storylens.stages.compare.opposition import opposed_characterisation, polarity_flip
from storylens.stages.story.claim_links import (
    claim_rows,
    event_evidence,
    load_claim_model,
    load_pair_model,
    pair_rows,
)
from storylens.stages.story.coverage import outlet_name
from storylens.stages.story.figures import figures_differ
from storylens.stages.story.linear_model import probabilities
from storylens.stages.story.linkage import average_link
from storylens.temporal import is_resolved

PROPOSE = 0.35  # cosine at which a pair is worth looking at (also feeds the conflicts stage)
ACCEPT_ALONE = 0.8  # cosine at which a compatible pair is the same claim without further evidence
ACCEPT_WITH_OVERLAP = 0.6  # ... or, with this cosine, when content words also overlap enough
MIN_WORD_OVERLAP = 0.2
# ... or, with this cosine, when both state the same specific figure ("230 people") or the same date in
# the same relation ("until March 10"): a long sentence carrying a second fact dilutes its embedding.
ACCEPT_WITH_ANCHOR = 0.35
# Claim pairs below this probability count as unlinked (keeps the link table small).
EDGE_FLOOR = 0.05
# `Story.options["claim_grouping"]`: "pairs" (the claim-pair model), "events" or "rules" (the embedding rule).
# "pairs" is the default (`settings.DEFAULT_GROUPING`): trained on 31 keyed BASIL tuning triplets and scored
# on 29 keyed later, it found more shared facts than "rules" (129 vs 95 of 280) and kept about as many
# single-source facts apart (196 vs 197 of 214).
TIME_UNITS = frozenset(["", "second", "minute", "hour", "day", "night", "week", "month", "year", "decade"])
STOPWORDS = frozenset(
    "the a an and or but of to in on at for with by from that this these those it its is are was were be "
    "been has have had will would could should may might said says say told also not no than then there "
    "their they them he she his her we our you your who which what when where while after before over "
    "into about more most some such only just very".split()
)


def group_claims(story: Story) -> Story:
    """Assign `results["claim_groups"]` (every claim in exactly one group), `results["claim_pairs"]` and, with the
    pair model, `results["claim_pair_chances"]`."""
    index = ClaimIndex(story)
    pairs = index.neighbour_pairs(PROPOSE)
    story.results["claim_pairs"] = [(index.claims[i].id, index.claims[j].id, s) for i, j, s in pairs]
    mode = story.options.get("claim_grouping") or DEFAULT_GROUPING
    chances = pair_chances(story, index, pairs) if mode == "pairs" else {}
    if mode == "events":
        clusters = _event_clusters(story, index, pairs)
    elif mode == "pairs":
        clusters = pair_clusters(story, index, pairs, chances=chances)
    else:
        clusters = _rule_clusters(index, pairs)
    # The briefing reads them too: two sentences the model finds one fact are not both shown, grouped or not.
    story.results["claim_pair_chances"] = [(index.claims[i].id, index.claims[j].id, p)
                                           for (i, j), p in sorted(chances.items())]
    sources = story.results.get("sources", {})
    story.results["claim_groups"] = [
        _group_record(f"g{n}", [index.claims[i] for i in m], sources) for n, m in enumerate(clusters)
    ]
    return story


def pair_candidates(story: Story, index: ClaimIndex, pairs: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """Claim pairs worth scoring: near neighbours and event-linked pairs.

    Pairs across the sub-stories story clustering finds are scored too: on 3 of 60 BASIL tuning triplets (one
    event, three outlets) clustering set one article apart, and excluding its pairs left e.g. Cantor's defeat,
    told by all three outlets, uncorroborated; scored instead, ECB+ train precision stays 0.94 at the cut.
    """
    return sorted({(i, j) for i, j, _s in pairs} | set(event_evidence(story, index)))


def pair_chances(story: Story, index: ClaimIndex, pairs: list[tuple[int, int, float]]) -> dict[tuple[int, int], float]:
    """The claim-pair model's chance that each candidate pair states one fact (pairs at EDGE_FLOOR or above)."""
    candidates = pair_candidates(story, index, pairs)
    chance = probabilities(load_pair_model(), pair_rows(story, index, candidates, anchors, content_words))
    return {pair: float(p) for pair, p in zip(candidates, chance, strict=True) if p >= EDGE_FLOOR}


def pair_clusters(story: Story, index: ClaimIndex, pairs: list[tuple[int, int, float]], threshold: float | None = None,
                  chances: dict[tuple[int, int], float] | None = None) -> list[list[int]]:
    """The default ("pairs"): the claim-pair model's chances (`pair_chances`, computed unless given), average link;
    incompatible pairs never join."""
    edges = pair_chances(story, index, pairs) if chances is None else chances
    apart = {pair for pair in edges if not compatible(index.claims[pair[0]], index.claims[pair[1]])}
    cut = load_pair_model()["threshold"] if threshold is None else threshold
    return average_link([c.article.id for c in index.claims], {p: s for p, s in edges.items() if p not in apart},
                        cut, apart)


def _rule_clusters(index: ClaimIndex, pairs: list[tuple[int, int, float]]) -> list[list[int]]:
    """The default ("rules"): union of the pairs `same_claim` accepts."""
    sets = DisjointSet(range(len(index)))
    for i, j, similarity in pairs:
        if same_claim(index.claims[i], index.claims[j], similarity):
            sets.merge(i, j)
    return sorted((sorted(subset) for subset in sets.subsets()), key=lambda m: m[0])


def _event_clusters(story: Story, index: ClaimIndex, pairs: list[tuple[int, int, float]]) -> list[list[int]]:
    """Opt-in (`Story.options["claim_grouping"] = "events"`): the claim-pair model over event links, average link.

    Not the default: fitted on ECB+ (dev alignment P 0.789, F1 0.726) it over-merges inside one real story
    (BASIL keyed single-source kept 12/100, the demo's blind spot lost), where most neighbour pairs are
    different facts; ECB+ training pairs are mostly claims about each story's main event.
    """
    similar = {(i, j): s for i, j, s in pairs}
    rule = {(i, j) for i, j, s in pairs if same_claim(index.claims[i], index.claims[j], s)}
    model = load_claim_model()
    candidates, rows = claim_rows(story, index, similar, rule, word_overlap)
    scored = [(pair, float(p)) for pair, p in zip(candidates, probabilities(model, rows), strict=True)
              if p >= EDGE_FLOOR]
    apart = {pair for pair, _p in scored if not compatible(index.claims[pair[0]], index.claims[pair[1]])}
    edges = {pair: p for pair, p in scored if pair not in apart}
    return average_link([c.article.id for c in index.claims], edges, model["threshold"], apart)


def compatible(a: ClaimRef, b: ClaimRef) -> bool:
    """No disagreement in numbers, dates, polarity or characterisation between two claims."""
    return not (numbers_disagree(a, b) or dates_disagree(a, b) or polarity_flip(a.text, b.text)
                or opposed_characterisation(a.text, b.text))


def same_claim(a: ClaimRef, b: ClaimRef, similarity: float) -> bool:
    """Whether two similar claims state the same thing (no disagreement in numbers, dates, polarity or tone)."""
    if numbers_disagree(a, b) or dates_disagree(a, b) or polarity_flip(a.text, b.text):
        return False
    if opposed_characterisation(a.text, b.text):
        return False
    if similarity >= ACCEPT_ALONE:
        return True
    if similarity >= ACCEPT_WITH_OVERLAP and word_overlap(a.text, b.text) >= MIN_WORD_OVERLAP:
        return True
    return similarity >= ACCEPT_WITH_ANCHOR and bool(anchors(a) & anchors(b))


def anchors(claim: ClaimRef) -> set[tuple[str, ...]]:
    """Specific details two reports of one fact share: figures with units, dates with their relation."""
    figures = {("number", f"{n['value']:g}", n["unit"]) for n in claim.span.attrs.get("numbers", [])
               if n["unit"] not in TIME_UNITS and n["value"] >= 10}
    text = claim.article.text
    dates = set()
    for time in claim.times:
        value = time.attrs.get("value") or ""
        if time.label == "DATE" and time.attrs.get("precision") == "day" and "X" not in value:
            before = re.findall(r"[a-z]+", text[max(0, time.start - 12) : time.start].lower())
            dates.add(("date", value, before[-1] if before else ""))
    return figures | dates


def numbers_disagree(a: ClaimRef, b: ClaimRef) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pairs of numbers with the same unit that differ (`figures.figures_differ`, the conflicts stage's test:
    bounds, rounding, exact counts), when no figure of that unit agrees with one of the other's."""
    found = []
    # Durations ("four days after") count time passed, not the quantity under dispute.
    for unit in {n["unit"] for n in a.span.attrs.get("numbers", []) if n["unit"] not in TIME_UNITS}:
        ours = [n for n in a.span.attrs.get("numbers", []) if n["unit"] == unit]
        theirs = [n for n in b.span.attrs.get("numbers", []) if n["unit"] == unit]
        if theirs and all(figures_differ(a, x, b, y) for x in ours for y in theirs):
            found.append((ours[0], theirs[0]))
    return found


def dates_disagree(a: ClaimRef, b: ClaimRef) -> tuple[str, str] | None:
    """Two day-precision dates, one per claim, that differ, when the claims share no day at all (a time of day
    names its day too: "issued Friday night ... the report Thursday" shares Friday with "disputed on Friday")."""
    ours, theirs = day_dates(a), day_dates(b)
    if ours and theirs and not (ours | days_of_times(a)) & (theirs | days_of_times(b)):
        return min(ours), min(theirs)
    return None


def days_of_times(claim: ClaimRef) -> set[str]:
    """The resolved days of the claim's times of day ("Friday night": 2019-01-18TNI -> 2019-01-18)."""
    values = (t.attrs.get("value") or "" for t in claim.times if t.label == "TIME")
    return {v.partition("T")[0] for v in values if "T" in v and is_resolved(v.partition("T")[0])}


def day_dates(claim: ClaimRef) -> set[str]:
    """Resolved day-precision DATE values inside a claim."""
    days = (t for t in claim.times if t.label == "DATE" and t.attrs.get("precision") == "day")
    return {v for v in (t.attrs.get("value") for t in days) if v and is_resolved(v)}


def content_words(text: str) -> set[str]:
    """Lower-cased content words of a sentence (crude stems: trailing s dropped)."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {w.rstrip("s") for w in words if w not in STOPWORDS and len(w) > 2}


def word_overlap(a: str, b: str) -> float:
    """Jaccard overlap of content words."""
    wa, wb = content_words(a), content_words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _group_record(group_id: str, members: list[ClaimRef], sources: dict[str, str]) -> dict[str, Any]:
    articles = list(dict.fromkeys(m.article.id for m in members))
    independent = {sources.get(a, a) for a in articles}
    outlets = list(dict.fromkeys(outlet_name(m.article) for m in members))
    return {
        "id": group_id,
        "claims": [m.id for m in members],
        "articles": articles,
        "outlets": outlets,
        "independent_sources": len(independent),
        "status": "corroborated" if len(independent) >= 2 else "single-source",
        "text": members[0].text,
        "kind": members[0].span.label,
    }
