"""Temporal-awareness scoring of timelines, as the SemEval-2015 Task 4 (TimeLine) scorer does it.

The task's scorer (evaluation_tool_timeline_task4_v3) turns every timeline into a graph of temporal
relations and scores it with the TempEval-3 temporal-awareness metric (UzZaman & Allen 2011):

    precision = |Sys⁻ ∩ Ref⁺| / |Sys⁻|        recall = |Ref⁻ ∩ Sys⁺| / |Ref⁻|

where ⁻ is the reduced graph and ⁺ the closure. The conversion, as the task's tools page states it:
every time anchor is a TIMEX3, every event is SIMULTANEOUS with its anchor, an event on an earlier line
(ordering number) is BEFORE an event on the next one, events at the same position are SIMULTANEOUS.

This module follows the TempEval-3 script (`temporal_evaluation.py` + `relation_to_timegraph.py`):
relations are added one by one in file order; one already entailed by the graph so far leaves the
reduced graph, one that contradicts it is "violated" (not added to the graph, but still counted in
the denominator); a relation is matched when the other side states it or its graph entails it. Counts
are summed over all timelines (micro average), as the script's `final_score` does.

Points where the published description leaves room, and what is done here:
- The undated anchor `XXXX-XX-XX` is a TIMEX3 like any other and its events (ordering number 0) are
  BEFORE the events of the next line: the conversion is applied to the timeline file literally.
- Time anchors are identified by their value (`tmx:2008-03-01`), events by `docid-sentid-token`; two
  anchors are never related to each other except through events.
- Relations are emitted line by line: each event's SIMULTANEOUS link to its anchor, then BEFORE links
  from every event of the previous ordering number. Which BEFORE link survives reduction depends on
  that order, as it did in the original script.
- With only BEFORE and SIMULTANEOUS between intervals, the TempEval-3 point-based timegraph reduces to
  equivalence classes (SIMULTANEOUS) and reachability over classes (BEFORE); that is what is used.
- The script finds stated relations with unanchored regular expressions over tab-joined text (so an
  event id can match inside a longer one); here they are compared as exact tuples.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

BEFORE, SIMULTANEOUS = "BEFORE", "SIMULTANEOUS"
Relation = tuple[str, str, str]  # (x, y, BEFORE | SIMULTANEOUS)


@dataclass(frozen=True)
class Line:
    """One timeline line: ordering number, time anchor (TIMEX3-like value) and coreferent events."""

    order: int
    date: str
    events: tuple[str, ...]


@dataclass
class Counts:
    """Matched and total relations, summed over timelines (the script's global counters)."""

    precision_matched: int = 0
    system: int = 0
    recall_matched: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        """Add another timeline's counts (micro averaging)."""
        self.precision_matched += other.precision_matched
        self.system += other.system
        self.recall_matched += other.recall_matched
        self.gold += other.gold

    def scores(self) -> dict[str, float]:
        """Precision, recall and F1 in percent, like the task's result tables."""
        precision = self.precision_matched / self.system if self.system else 0.0
        recall = self.recall_matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(100 * precision, 2), "recall": round(100 * recall, 2), "f1": round(100 * f1, 2)}


@dataclass
class TimeGraph:
    """SIMULTANEOUS classes (union-find) and BEFORE edges between classes."""

    parent: dict[str, str] = field(default_factory=dict)
    later: dict[str, set[str]] = field(default_factory=dict)  # class root -> roots directly after it

    def root(self, node: str) -> str:
        """The class representative of `node` (path-halving union-find)."""
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def _reaches(self, start: str, goal: str) -> bool:
        seen, stack = {start}, [start]
        while stack:
            for nxt in self.later.get(stack.pop(), ()):
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    def relation(self, x: str, y: str) -> str | None:
        """What the closure says of x and y: SIMULTANEOUS, BEFORE, AFTER or None (unknown)."""
        if x not in self.parent or y not in self.parent:
            return None
        rx, ry = self.root(x), self.root(y)
        if rx == ry:
            return SIMULTANEOUS
        if self._reaches(rx, ry):
            return BEFORE
        return "AFTER" if self._reaches(ry, rx) else None

    def entails(self, relation: Relation) -> bool:
        """True when the closure contains the relation."""
        x, y, rel = relation
        return self.relation(x, y) == rel

    def link(self, relation: Relation) -> None:
        """Add a relation known to be new and consistent."""
        x, y, rel = relation
        for node in (x, y):
            if node not in self.parent:
                self.parent[node] = node
        rx, ry = self.root(x), self.root(y)
        if rel == BEFORE:
            self.later.setdefault(rx, set()).add(ry)
            return
        self.parent[ry] = rx  # merge y's class into x's, keeping every BEFORE edge
        self.later.setdefault(rx, set()).update(self.later.pop(ry, set()))
        for targets in self.later.values():
            if ry in targets:
                targets.discard(ry)
                targets.add(rx)


def timeline_relations(lines: Iterable[Line]) -> list[Relation]:
    """The relations a timeline stands for, in the order the conversion emits them."""
    relations: list[Relation] = []
    previous: list[str] = []
    by_order: dict[int, list[Line]] = {}
    for line in lines:
        by_order.setdefault(line.order, []).append(line)
    for order in sorted(by_order):
        current: list[str] = []
        for line in by_order[order]:
            for event in line.events:
                relations.append((event, f"tmx:{line.date}", SIMULTANEOUS))
                if current:
                    relations.append((current[-1], event, SIMULTANEOUS))
                current.append(event)
        relations.extend((before, after, BEFORE) for before in previous for after in current)
        previous = current
    return relations


def reduce_relations(relations: Sequence[Relation]) -> tuple[TimeGraph, list[Relation]]:
    """The timegraph and the reduced relation list (kept + violated), as TempEval-3 builds them."""
    graph, final, seen = TimeGraph(), [], set()
    for relation in relations:
        x, y, rel = relation
        if relation in seen or (x == y and rel == SIMULTANEOUS):
            continue  # the script drops repeated lines; an event SIMULTANEOUS with itself says nothing
        seen.add(relation)
        known = SIMULTANEOUS if x == y else graph.relation(x, y)
        if known is None:
            graph.link(relation)
            final.append(relation)
        elif known != rel:
            final.append(relation)  # violated: left out of the graph, still scored
    return graph, final


def _explicit(relations: Iterable[Relation]) -> set[Relation]:
    """Relations as stated plus their inverses (the script's `get_triples`)."""
    out = set()
    for x, y, rel in relations:
        out.add((x, y, rel))
        out.add((y, x, SIMULTANEOUS if rel == SIMULTANEOUS else "AFTER"))
    return out


def _matched(reduced: list[Relation], stated: set[Relation], graph: TimeGraph) -> int:
    return sum(1 for relation in reduced if relation in stated or graph.entails(relation))


def score_timeline(gold: Iterable[Line], system: Iterable[Line]) -> Counts:
    """Temporal-awareness counts of one system timeline against its gold timeline."""
    gold_relations, system_relations = timeline_relations(gold), timeline_relations(system)
    gold_graph, gold_reduced = reduce_relations(gold_relations)
    system_graph, system_reduced = reduce_relations(system_relations)
    return Counts(
        precision_matched=_matched(system_reduced, _explicit(gold_relations), gold_graph),
        system=len(system_reduced),
        recall_matched=_matched(gold_reduced, _explicit(system_relations), system_graph),
        gold=len(gold_reduced),
    )
