"""Story stage `entities`: link entity mentions across articles into one entity per real-world referent.

Names are compared accent- and case-insensitively (Rodriguez = Rodríguez) and fuzzily (Zelenskyy ~
Zelensky); a surname-only name joins the one full name ending in it. Names are blocked by the first
letters of their last word so a story of hundreds of articles never compares every pair.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from storylens.model import Span, Story
from storylens.stages.names.canonical import short_org_names
from storylens.stages.names.namewords import ENTITY_LABELS, fold

FULL_RATIO = 90  # whole-name similarity for two full names to be one referent
PART_RATIO = 80  # ... and each of first and last word must be this close ("John" vs "Joan" is 75)
BLOCK_PREFIX = 4
# Label families: spaCy's small model swaps ORG/PERSON/GPE often, so only the family must agree.
FAMILY = {"PERSON": "person", "ORG": "org", "NORP": "org", "GPE": "place", "LOC": "place", "FAC": "place"}


@dataclass
class NameGroup:
    """All mentions that carry one in-article canonical name, across the story."""

    name: str
    key: str
    mentions: list[dict[str, Any]] = field(default_factory=list)
    labels: Counter = field(default_factory=Counter)
    surfaces: Counter = field(default_factory=Counter)

    @property
    def words(self) -> list[str]:
        """The folded name split into words."""
        return self.key.split()

    @property
    def family(self) -> str:
        """Label family of the most common label."""
        label = self.labels.most_common(1)[0][0]
        return FAMILY.get(label, label)


def name_key(name: str) -> str:
    """Comparison form of a name: folded, punctuation dropped, whitespace collapsed."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(name)).split())


def _description(article_id: str, span: Span) -> dict[str, Any] | None:
    """The apposition describing this mention, with where it was written, or None."""
    if "description" not in span.attrs:
        return None
    return {"text": span.attrs["description"], "article": article_id, "start": span.attrs["description_start"],
            "end": span.attrs["description_end"]}


def _groups(story: Story) -> list[NameGroup]:
    """Mentions grouped by exact comparison key, in first-appearance order."""
    groups: dict[str, NameGroup] = {}
    for article in story.articles:
        for span in article.layer("entities"):
            if span.label not in ENTITY_LABELS:
                continue
            name = span.attrs.get("name") or article.span_text(span)
            key = name_key(name)
            if not key:
                continue
            group = groups.setdefault(key, NameGroup(name, key))
            group.mentions.append({"article": article.id, "start": span.start, "end": span.end, "name": name,
                                   "role": span.attrs.get("role"), "description": _description(article.id, span)})
            group.labels[span.label] += 1
            group.surfaces[" ".join(article.span_text(span).split())] += 1
    return list(groups.values())


def similar(a: list[str], b: list[str]) -> bool:
    """Two multi-word names are one referent: near-identical overall, and in first and last word."""
    return (
        fuzz.ratio(" ".join(a), " ".join(b)) >= FULL_RATIO
        and fuzz.ratio(a[0], b[0]) >= PART_RATIO
        and fuzz.ratio(a[-1], b[-1]) >= PART_RATIO
    )


def _cluster_block(groups: list[NameGroup]) -> list[list[NameGroup]]:
    """Greedy clustering inside one block: full names first (most mentioned first), then single words."""
    groups = sorted(groups, key=lambda g: (-len(g.mentions), g.key))
    clusters: list[list[NameGroup]] = []
    for group in (g for g in groups if len(g.words) > 1):
        home = next((c for c in clusters if c[0].family == group.family
                     and any(similar(group.words, other.words) for other in c)), None)
        if home is None:
            clusters.append([group])
        else:
            home.append(group)
    for group in (g for g in groups if len(g.words) == 1):
        owners = [c for c in clusters if c[0].family == "person" and group.family != "place"
                  and any(fuzz.ratio(group.key, o.words[-1]) >= FULL_RATIO for o in c)]
        if len(owners) == 1:
            owners[0].append(group)
        else:
            clusters.append([group])
    return clusters


def _canonical(cluster: list[NameGroup]) -> str:
    """Most mentioned full (multi-word) name; ties go to the longest, then the one with diacritics."""
    full = [g for g in cluster if len(g.words) > 1] or cluster
    names: Counter = Counter()
    for group in full:
        for mention in group.mentions:
            names[mention["name"]] += 1
    return max(names, key=lambda n: (names[n], len(n), sum(not c.isascii() for c in n), n))


def _entity(cluster: list[NameGroup], order: dict[str, int]) -> dict[str, Any]:
    name = _canonical(cluster)
    labels: Counter = sum((g.labels for g in cluster), Counter())
    forms = {n for g in cluster for n in [*(m["name"] for m in g.mentions), *g.surfaces]}
    every = sorted((m for g in cluster for m in g.mentions), key=lambda m: (order[m["article"]], m["start"], m["end"]))
    label = max(labels, key=lambda lab: (labels[lab], lab == "PERSON", lab))
    described: dict[str, dict[str, Any]] = {}
    for m in every:  # one entry per distinct wording, the first article that wrote it
        if m["description"]:
            described.setdefault(name_key(m["description"]["text"]), m["description"])
    return {"name": name, "type": label, "aliases": sorted(forms - {name}),
            "mentions": [{"article": m["article"], "start": m["start"], "end": m["end"]} for m in every],
            "roles": list(dict.fromkeys(m["role"] for m in every if m["role"])),
            "descriptions": list(described.values())}


def _join_short_org_names(clusters: list[list[NameGroup]]) -> list[list[NameGroup]]:
    """Merge a one-word organisation ("Kestrine") into the one company name it shortens."""
    full = {g.name: c for c in clusters for g in c if c[0].family == "org"}
    companies = short_org_names(list(full))
    kept = []
    for cluster in clusters:
        owner = full.get(companies.get(cluster[0].key, ""))
        if len(cluster) == 1 and len(cluster[0].words) == 1 and cluster[0].family != "place" and owner:
            owner.extend(cluster)
        else:
            kept.append(cluster)
    return kept


def link_entities(story: Story) -> Story:
    """Story stage `entities`: `story.results["entities"]`, one entry per referent, most mentioned first."""
    blocks: dict[str, list[NameGroup]] = defaultdict(list)
    for group in _groups(story):
        blocks[group.words[-1][:BLOCK_PREFIX]].append(group)
    order = {article.id: i for i, article in enumerate(story.articles)}
    clusters = _join_short_org_names([c for key in sorted(blocks) for c in _cluster_block(blocks[key])])
    entities = [_entity(c, order) for c in clusters]
    entities.sort(key=lambda e: (-len(e["mentions"]), e["name"]))
    story.results["entities"] = [{"id": f"e{i}", **e} for i, e in enumerate(entities)]
    return story
