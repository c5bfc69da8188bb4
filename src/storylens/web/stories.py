"""Story analysis for the web app: the story JSON per story, cached under a fingerprint of its articles.

A story is re-analysed only when its set of stored articles changes (added, re-added as new content),
so a page view is a dictionary look-up plus rendering. The pipeline (spaCy, encoder) loads on first need.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine

from storylens import store
from storylens.model import Article
from storylens.pipeline.build import Pipeline, build_pipeline
from storylens.pipeline.runner import Batch, analyse_story, open_executor, process_batch
from storylens.settings import Limits, RunOptions
from storylens.store import catalog


class StoryCache:
    """Story JSON per story id, rebuilt when the story's article fingerprint changes."""

    def __init__(self, engine: Engine, make_pipeline: Callable[[], Pipeline] = build_pipeline,
                 limits: Limits | None = None) -> None:
        self.engine = engine
        self.limits = limits or Limits()  # the stage time limit applies to articles added through the app
        self._make_pipeline = make_pipeline
        self._pipeline: Pipeline | None = None
        self._entries: dict[str, tuple[str, dict[str, Any]]] = {}
        self._guard = threading.Lock()
        self._work = threading.Lock()  # one analysis or article batch at a time (2 cores, shared models)

    def pipeline(self) -> Pipeline:
        """The processing pipeline, loaded once."""
        with self._guard:
            if self._pipeline is None:
                self._pipeline = self._make_pipeline()
            return self._pipeline

    def get(self, story_id: str) -> dict[str, Any] | None:
        """The story's `storylens.story/1` dict (None when no article is filed under it)."""
        key = catalog.story_key(self.engine, story_id)
        if key is None:
            return None
        cached = self._entries.get(story_id)
        if cached and cached[0] == key:
            return cached[1]
        with self._work:
            cached = self._entries.get(story_id)
            if cached and cached[0] == key:
                return cached[1]
            articles = list(store.load_articles(self.engine, story_id=story_id))
            data = analyse_story(articles, self.pipeline(), story_id)
            self._entries[story_id] = (key, data)
            return data

    def fingerprint(self, story_id: str) -> str | None:
        """The current fingerprint of a story's stored articles (None when it has none)."""
        return catalog.story_key(self.engine, story_id)

    def forget(self, story_id: str) -> None:
        """Drop a story's cached analysis (the next view re-analyses it)."""
        self._entries.pop(story_id, None)

    def add(self, raw: list[Article], story_id: str) -> Batch:
        """Process and store new articles under a story (already stored content is linked, not redone)."""
        pipeline = self.pipeline()
        with self._work, open_executor(RunOptions(limits=self.limits)) as executor:
            return process_batch(raw, pipeline, self.engine, story_id, executor=executor)


class PageCache:
    """The last rendered pages (bodies), keyed by whatever identifies their content; least recent dropped."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._pages: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self._guard = threading.Lock()

    def get(self, key: tuple) -> tuple[bytes, str] | None:
        """A stored (body, media type), marking it recently used."""
        with self._guard:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple, body: bytes, media_type: str) -> None:
        """Store a rendered page."""
        with self._guard:
            self._pages[key] = (body, media_type)
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)
