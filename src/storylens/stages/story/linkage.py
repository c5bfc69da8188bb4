"""Average-link clustering over sparse scored pairs, so one strong link cannot chain two stories together.

Union-find over "probably the same" pairs chains: A~B and B~C put A and C together even when nothing
links them, and on ECB+ train topics that merged look-alike events of one topic (claim-alignment
precision 0.45). Here two clusters merge only when the mean score over all their cross pairs (a pair
with no score counts 0; pairs inside one article are not counted, as they are never scored) reaches the
threshold, trying the strongest pairs first. Link sums between clusters are kept up to date as clusters
merge, so a merge costs the number of clusters linked to the smaller one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence


def average_link(groups: Sequence[str], edges: dict[tuple[int, int], float], threshold: float,
                 apart: Iterable[tuple[int, int]] = ()) -> list[list[int]]:
    """Clusters of items 0..n-1 (`groups[i]` is item i's article); `edges[(i, j)]` with i < j is a score.

    Two items of a pair in `apart` never end up in one cluster (claims whose numbers disagree).
    """
    cluster = list(range(len(groups)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(groups))}
    articles: dict[int, Counter] = {i: Counter([g]) for i, g in enumerate(groups)}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    never: dict[int, set[int]] = defaultdict(set)
    for i, j in apart:
        never[i].add(j)
        never[j].add(i)
    for (i, j), score in edges.items():
        links[i][j] = links[j][i] = score
    for (i, j), score in sorted(edges.items(), key=lambda e: (-e[1], e[0])):
        if score < threshold:
            break
        a, b = cluster[i], cluster[j]
        if a == b or b in never[a] or links[a].get(b, 0.0) / _cross_pairs(articles[a], articles[b]) < threshold:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        _merge(a, b, cluster, members, articles, links)
        for other in never.pop(b, set()):
            never[other].discard(b)
            never[other].add(a)
            never[a].add(other)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _cross_pairs(left: Counter, right: Counter) -> int:
    """Pairs across two clusters from different articles (at least 1)."""
    same = sum(n * right.get(article, 0) for article, n in left.items())
    return max(1, sum(left.values()) * sum(right.values()) - same)


def _merge(a: int, b: int, cluster: list[int], members: dict[int, list[int]], articles: dict[int, Counter],
           links: dict[int, dict[int, float]]) -> None:
    for item in members[b]:
        cluster[item] = a
    members[a] += members.pop(b)
    articles[a] += articles.pop(b)
    for other, total in links.pop(b).items():
        del links[other][b]
        if other != a:
            links[a][other] = links[other][a] = links[a].get(other, 0.0) + total
    links[a].pop(b, None)
