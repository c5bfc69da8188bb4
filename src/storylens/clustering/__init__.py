"""Story clustering: sort a stream of processed articles into stories (online, deterministic)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storylens.clustering.evidence import Evidence, article_evidence
from storylens.clustering.online import OnlineClusterer, Params, StoryProfile, story_id_for
from storylens.model import Article
from storylens.pipeline.build import Pipeline, build_profile

__all__ = ["Evidence", "OnlineClusterer", "Params", "StoryProfile", "article_evidence",
           "arrival_order", "cluster_articles", "cluster_pipeline", "story_id_for"]

def cluster_pipeline() -> Pipeline:
    """The article stages clustering needs, without story stages (profile `cluster`)."""
    return build_profile("cluster")


def arrival_order(articles: Iterable[Article]) -> list[Article]:
    """Articles in the order a stream would bring them: by publication date, undated last, else as given."""
    ranked = sorted(enumerate(articles), key=lambda pair: (pair[1].published is None, pair[1].published or "",
                                                            pair[0]))
    return [article for _, article in ranked]


def cluster_articles(articles: Iterable[Article], params: Params | None = None) -> list[dict[str, Any]]:
    """Cluster processed articles into stories: `[{"id", "title", "articles": [ids]}]`, biggest first."""
    clusterer = OnlineClusterer(params)
    evidence = {article.id: article_evidence(article) for article in arrival_order(articles)}
    for item in evidence.values():
        clusterer.assign(item)
    clusterer.second_look(evidence)
    stories = sorted((s for s in clusterer.stories if s.articles), key=lambda s: (-len(s.articles), s.row))
    return [{"id": s.id, "title": s.title, "articles": list(s.articles)} for s in stories]
