"""Coreference scores over clusters of hashable mentions: MUC, B-cubed, CEAF-e and their CoNLL mean,
plus pairwise precision/recall/F1 (what "same claim group" alignment is scored with).

The formulas follow the CoNLL-2012 reference scorer (Pradhan et al. 2014). Key and response are given
over the same mention set (the caller decides what happens to unmatched mentions).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np
from scipy.optimize import linear_sum_assignment

Cluster = frozenset[Hashable]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(correct: float, predicted: float, gold: float) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 when a denominator is 0)."""
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(_f1(precision, recall), 4)}


def _index(clusters: Iterable[Cluster]) -> dict[Hashable, int]:
    return {m: n for n, cluster in enumerate(clusters) for m in cluster}


def _muc_side(key: list[Cluster], response: list[Cluster]) -> tuple[int, int]:
    where = _index(response)
    numerator = denominator = 0
    for cluster in key:
        parts = {where.get(m, ("alone", m)) for m in cluster}
        numerator += len(cluster) - len(parts)
        denominator += len(cluster) - 1
    return numerator, denominator


def muc(key: list[Cluster], response: list[Cluster]) -> tuple[float, float]:
    """MUC (Vilain et al. 1995) precision and recall: links kept."""
    rn, rd = _muc_side(key, response)
    pn, pd = _muc_side(response, key)
    return (pn / pd if pd else 0.0), (rn / rd if rd else 0.0)


def _b3_side(key: list[Cluster], response: list[Cluster]) -> float:
    where = {m: cluster for cluster in response for m in cluster}
    total = sum(len(c) for c in key)
    score = sum(len(c & where.get(m, frozenset([m]))) / len(c) for c in key for m in c)
    return score / total if total else 0.0


def b_cubed(key: list[Cluster], response: list[Cluster]) -> tuple[float, float]:
    """B-cubed (Bagga & Baldwin 1998) precision and recall, per mention."""
    return _b3_side(response, key), _b3_side(key, response)


def ceaf_e(key: list[Cluster], response: list[Cluster]) -> tuple[float, float]:
    """Entity-based CEAF (Luo 2005): best one-to-one cluster alignment by phi4 similarity."""
    if not key or not response:
        return 0.0, 0.0
    where = _index(response)
    scores = np.zeros((len(key), len(response)))
    for i, cluster in enumerate(key):
        for m in cluster:
            j = where.get(m)
            if j is not None:
                scores[i, j] += 1
    for i, cluster in enumerate(key):
        for j in np.nonzero(scores[i])[0]:
            scores[i, j] = 2 * scores[i, j] / (len(cluster) + len(response[j]))
    rows, cols = linear_sum_assignment(-scores)
    total = scores[rows, cols].sum()
    return total / len(response), total / len(key)


def conll(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> dict[str, float]:
    """MUC, B-cubed and CEAF-e F1 and their mean (the CoNLL F1), in percent."""
    key_sets = [frozenset(c) for c in key if c]
    response_sets = [frozenset(c) for c in response if c]
    out = {}
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceaf_e", ceaf_e)):
        out[name] = round(100 * _f1(*metric(key_sets, response_sets)), 2)
    out["conll"] = round(sum(out.values()) / 3, 2)
    return out
