"""Online story clustering: each arriving article joins the most similar open story or starts a new one.

An article is compared with story profiles, never with every earlier article: candidate stories are those
sharing a term with it (an inverted index of entity names and dates) plus the few whose centroid is
nearest in embedding space, and only stories open within the time window around its publication date.
The score is a weighted mean of the embedding cosine (what the article is about) and TF-IDF cosines over
four term channels (entity words, content words, dates, numbers: what tells two look-alike stories apart).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from storylens.clustering.evidence import Evidence


@dataclass(frozen=True)
class Params:
    """The clusterer's few settings; weights fitted and threshold tuned on ECB+ train (docs/architecture.md)."""

    threshold: float = 0.37  # join the best story when its score reaches this (`evals.ecbplus --tune`)
    embed_weight: float = 0.287  # the rest of the score is term cosines, one per channel:
    channel_weights: tuple[tuple[str, float], ...] = (("e", 0.343), ("w", 0.192), ("d", 0.073), ("n", 0.105))
    window_days: int = 30  # an article joins only stories with an article within this many days of it
    nearest: int = 10  # stories taken as candidates by embedding alone, besides those sharing a term
    index_terms: int = 30  # an article looks up stories by its rarest terms only (bounded work per article)


@dataclass
class StoryProfile:
    """What the clusterer keeps of one story: members, summed vectors, term presence, date span."""

    id: str
    row: int
    articles: list[str] = field(default_factory=list)
    terms: Counter = field(default_factory=Counter)  # term -> number of member articles naming it
    first_day: int | None = None
    last_day: int | None = None
    title: str | None = None
    norms: tuple[int, int, Counter] | None = None  # cache: (size, articles seen, squared norms per channel)

    def add(self, evidence: Evidence) -> None:
        """Count an article in: its terms (once per article) and its date."""
        self.articles.append(evidence.id)
        self.terms.update(evidence.terms.keys())
        self.title = self.title or evidence.title
        if evidence.day is not None:
            self.first_day = evidence.day if self.first_day is None else min(self.first_day, evidence.day)
            self.last_day = evidence.day if self.last_day is None else max(self.last_day, evidence.day)

    def within(self, day: int | None, window: int) -> bool:
        """An article of this day may join (undated articles or stories are never ruled out by date)."""
        if day is None or self.first_day is None or self.last_day is None:
            return True
        return self.first_day - window <= day <= self.last_day + window


def story_id_for(article_id: str) -> str:
    """A stable story id derived from the article that started the story."""
    return "s" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:11]


class OnlineClusterer:
    """Assign articles to stories one at a time; deterministic for a given order of arrival."""

    def __init__(self, params: Params | None = None, dimensions: int = 512):
        self.params = params or Params()
        self.stories: list[StoryProfile] = []
        self.by_id: dict[str, StoryProfile] = {}
        self.index: dict[str, list[int]] = {}  # term -> rows of stories naming it
        self.df: Counter = Counter()  # term -> articles naming it
        self.n_articles = 0
        self._sums = np.zeros((16, dimensions), dtype=np.float32)  # summed document vectors per story row

    def assign(self, evidence: Evidence) -> str:
        """File an article under the best-scoring story, or a new one; return the story id."""
        best = self.best_story(evidence)
        return self.add(evidence, best.id if best else None)

    def add(self, evidence: Evidence, story_id: str | None = None) -> str:
        """File an article under `story_id` (created if new; None = a new story of its own)."""
        story_id = story_id or story_id_for(evidence.id)
        self._file(evidence, self.by_id.get(story_id) or self._new_story(story_id))
        self.df.update(evidence.terms.keys())
        self.n_articles += 1
        return story_id

    def _file(self, evidence: Evidence, story: StoryProfile) -> None:
        for term in evidence.terms:
            if term not in story.terms:
                self.index.setdefault(term, []).append(story.row)
        story.add(evidence)
        if evidence.vector is not None:
            self._sums[story.row] += evidence.vector

    def best_story(self, evidence: Evidence) -> StoryProfile | None:
        """The candidate story with the highest score at or above the threshold, if any."""
        scored = [(self.score(evidence, self.stories[row]), row) for row in self.candidates(evidence)]
        scored = [(score, row) for score, row in scored if score >= self.params.threshold]
        if not scored:
            return None
        return self.stories[max(scored, key=lambda item: (item[0], -item[1]))[1]]

    def second_look(self, evidence: dict[str, Evidence]) -> dict[str, str]:
        """Move each story's lone article into the best other story now scoring at the threshold.

        An article that opened a story early, when its real story had no member yet or only one unlike
        it, is judged again against the stories as they ended up (a batch may do this; the online
        filing never moves a filed article). Returns article id -> new story id for the moved ones.
        """
        moved: dict[str, str] = {}
        for story in list(self.stories):
            if len(story.articles) != 1 or story.articles[0] not in evidence:
                continue
            article = evidence[story.articles[0]]
            scored = [(self.score(article, self.stories[row]), -row) for row in self.candidates(article)
                      if self.stories[row] is not story]  # fmt: skip
            best = max((item for item in scored if item[0] >= self.params.threshold), default=None)
            if best is not None:
                target = self.stories[-best[1]]
                self._empty(story, article)
                self._file(article, target)
                moved[article.id] = target.id
        return moved

    def _empty(self, story: StoryProfile, evidence: Evidence) -> None:
        story.articles.clear()
        story.terms.clear()
        story.norms = None
        if evidence.vector is not None:
            self._sums[story.row] -= evidence.vector

    def candidates(self, evidence: Evidence) -> list[int]:
        """Rows of open stories sharing one of the article's rarest terms, plus the nearest by embedding."""
        rows: set[int] = set()
        rare = sorted(evidence.terms, key=lambda term: (self.df[term], term))[: self.params.index_terms]
        for term in rare:
            rows.update(self.index.get(term, ()))
        rows.update(self._nearest(evidence.vector))
        return sorted(r for r in rows if self.stories[r].articles
                      and self.stories[r].within(evidence.day, self.params.window_days))  # fmt: skip

    def _nearest(self, vector: np.ndarray | None) -> Iterable[int]:
        if vector is None or not self.stories:
            return ()
        sums = self._sums[: len(self.stories)]
        cosines = (sums @ vector) / np.maximum(np.linalg.norm(sums, axis=1), 1e-12)
        count = min(self.params.nearest, len(cosines))
        return (int(r) for r in np.argpartition(-cosines, count - 1)[:count])

    def score(self, evidence: Evidence, story: StoryProfile) -> float:
        """Weighted mean of the embedding cosine and the per-channel term cosines."""
        total = self.params.embed_weight * self.embedding_similarity(evidence, story)
        cosines = self.term_similarities(evidence, story)
        total += sum(weight * cosines.get(channel, 0.0) for channel, weight in self.params.channel_weights)
        return total / (self.params.embed_weight + sum(w for _, w in self.params.channel_weights))

    def embedding_similarity(self, evidence: Evidence, story: StoryProfile) -> float:
        """Cosine between the article's vector and the story's centroid (0 without vectors)."""
        total = self._sums[story.row]
        norm = float(np.linalg.norm(total))
        if evidence.vector is None or norm == 0:
            return 0.0
        return float(total @ evidence.vector) / norm

    def term_similarities(self, evidence: Evidence, story: StoryProfile) -> dict[str, float]:
        """TF-IDF cosine per channel: article term counts (log-scaled) vs the share of story articles naming each."""
        size = len(story.articles)
        dots: Counter = Counter()
        article_norms: Counter = Counter()
        for term, count in evidence.terms.items():
            weight = (1 + math.log(count)) * self.idf(term)
            channel = term.partition(":")[0]
            article_norms[channel] += weight * weight
            dots[channel] += weight * story.terms.get(term, 0) / size * self.idf(term)
        story_norms = self._profile_norms(story)
        return {channel: dot / math.sqrt(article_norms[channel] * story_norms[channel])
                for channel, dot in dots.items() if dot and story_norms[channel]}

    def _profile_norms(self, story: StoryProfile) -> Counter:
        # Squared norms of the story's TF-IDF profile per channel; recomputed only when the story changed
        # or the collection grew by a tenth since (IDF drifts slowly), which keeps big stories cheap.
        cached = story.norms
        if cached is not None and cached[0] == len(story.articles) and self.n_articles <= cached[1] * 1.1:
            return cached[2]
        size = len(story.articles)
        norms: Counter = Counter()
        for term, count in story.terms.items():
            norms[term.partition(":")[0]] += (count / size * self.idf(term)) ** 2
        story.norms = (size, self.n_articles, norms)
        return norms

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency over the articles seen so far."""
        return math.log((self.n_articles + 1) / (self.df[term] + 1)) + 1.0

    def _new_story(self, story_id: str) -> StoryProfile:
        story = StoryProfile(story_id, len(self.stories))
        self.stories.append(story)
        self.by_id[story_id] = story
        if story.row >= len(self._sums):
            self._sums = np.vstack([self._sums, np.zeros_like(self._sums)])
        return story
