"""Build and run the stage pipeline: dependency-checked at build time, errors reported per article."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from storylens.model import Article, Story
from storylens.pipeline.registry import (
    ARTICLE_INPUTS,
    ARTICLE_STAGES,
    PROFILES,
    STORY_OPTIONS,
    STORY_STAGES,
    StageSpec,
    profile_stages,
)


class PipelineError(ValueError):
    """A pipeline that cannot run: unknown stage or a requirement no earlier stage assigns."""


class StageFailed(RuntimeError):
    """A stage raised on one article; carries the stage name and the article's source."""

    def __init__(self, stage: str, source: str, reason: str):
        super().__init__(f"{source}: stage '{stage}' failed: {reason}")
        self.stage, self.source, self.reason = stage, source, reason

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:
        # Rebuilt from its three fields, so a failure travels back from a Dask worker intact.
        return (StageFailed, (self.stage, self.source, self.reason))


@dataclass(frozen=True)
class Stage:
    """A resolved stage: its spec plus the callable."""

    spec: StageSpec
    func: Callable[[Any], Any]


def _resolve(spec: StageSpec) -> Stage:
    module_name, _, func_name = spec.target.partition(":")
    return Stage(spec, getattr(importlib.import_module(module_name), func_name))


def check_order(specs: Iterable[StageSpec], provided: Iterable[str]) -> set[str]:
    """Raise PipelineError unless each stage's requirements are provided earlier; return all assigns."""
    available = set(provided)
    for spec in specs:
        missing = [name for name in spec.requires if name not in available]
        if missing:
            raise PipelineError(f"stage '{spec.name}' requires {missing}, which no earlier stage assigns")
        available.update(spec.assigns)
    return available


@dataclass(frozen=True)
class Pipeline:
    """Article stages then story stages, validated when built."""

    article_stages: tuple[Stage, ...]
    story_stages: tuple[Stage, ...]

    def process_article(self, article: Article, on_stage: Callable[[str], None] | None = None) -> Article:
        """Run every article stage on one article; raise StageFailed naming the stage on error.

        `on_stage(name)` is called as each stage starts (the stage time limit in `storylens.pipeline.guard`).
        """
        for stage in self.article_stages:
            if on_stage is not None:
                on_stage(stage.spec.name)
            try:
                article = stage.func(article)
            except Exception as exc:  # a stage bug must cost one article, never the batch
                raise StageFailed(stage.spec.name, article.source, f"{type(exc).__name__}: {exc}") from exc
        return article

    def try_article(self, article: Article,
                    on_stage: Callable[[str], None] | None = None) -> Article | StageFailed:
        """Process one article, returning its StageFailed instead of raising (one bad article, not a batch)."""
        try:
            return self.process_article(article, on_stage)
        except StageFailed as failure:
            return failure

    def process_story(self, story: Story) -> Story:
        """Run every story stage on a story whose articles are already processed."""
        for stage in self.story_stages:
            story = stage.func(story)
        return story


def build_pipeline(
    article_stages: Iterable[StageSpec] = ARTICLE_STAGES,
    story_stages: Iterable[StageSpec] = STORY_STAGES,
) -> Pipeline:
    """Check stage order and requirements, import the stage functions and return the pipeline."""
    article_specs, story_specs = tuple(article_stages), tuple(story_stages)
    article_fields = check_order(article_specs, ARTICLE_INPUTS)
    check_order(story_specs, article_fields | set(STORY_OPTIONS))
    return Pipeline(tuple(map(_resolve, article_specs)), tuple(map(_resolve, story_specs)))


def build_profile(name: str = "analyze") -> Pipeline:
    """The pipeline of a named profile (`registry.PROFILES`: analyze, extract, check, cluster, timeline)."""
    if name not in PROFILES:
        raise PipelineError(f"unknown pipeline profile '{name}' (known: {', '.join(PROFILES)})")
    return build_pipeline(*profile_stages(name))
