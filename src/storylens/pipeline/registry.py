"""The one place stages are registered, in run order, with what each requires and assigns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: `target` is "module:function"; requires/assigns name article or story fields."""

    name: str
    target: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


# What ingestion fills in before any stage runs.
ARTICLE_INPUTS = ("raw", "raw_format", "source", "id", "outlet", "title", "author", "published", "url")

# Article stages: pure functions Article -> Article (module-level, so they pickle onto Dask workers).
ARTICLE_STAGES: tuple[StageSpec, ...] = (
    StageSpec(
        "clean",
        "storylens.stages.article.clean:clean_article",
        requires=("raw", "raw_format"),
        assigns=("text", "removed", "headings", "title", "author", "published", "outlet", "language"),
    ),
    StageSpec("nlp", "storylens.stages.article.nlp:annotate", requires=("text", "headings"),
              assigns=("sentences", "entities")),
    StageSpec("times", "storylens.stages.article.times:tag_times", requires=("sentences", "published"),
              assigns=("times",)),
    StageSpec("quotes", "storylens.stages.article.quotes:find_quotes", requires=("sentences", "entities"),
              assigns=("quotes", "attributions")),
    StageSpec("claims", "storylens.stages.article.claims:make_claims",
              requires=("sentences", "headings", "quotes", "times"), assigns=("claims",)),
    StageSpec("claim_times", "storylens.stages.article.claim_times:date_claims", requires=("claims", "times"),
              assigns=("claim_times",)),
    StageSpec("embed", "storylens.stages.article.embed:embed_claims", requires=("claims",),
              assigns=("claim_vectors",)),
)

# Story stages: functions Story -> Story that fill `story.results`.
STORY_STAGES: tuple[StageSpec, ...] = (
    StageSpec("sources", "storylens.stages.story.sources:group_sources", requires=("text", "outlet"),
              assigns=("sources", "duplicates")),
    StageSpec("entities", "storylens.stages.story.entities:link_entities", requires=("entities",),
              assigns=("story_entities",)),
    StageSpec("quotes", "storylens.stages.story.quotes:collect_quotes",
              requires=("quotes", "attributions", "story_entities"), assigns=("story_quotes", "story_attributions")),
    StageSpec("statements", "storylens.stages.story.statements:group_statements", requires=("story_quotes", "sources"),
              assigns=("statements",)),
    StageSpec("claim_groups", "storylens.stages.story.groups:group_claims",
              requires=("claims", "claim_vectors", "sources"), assigns=("claim_groups",)),
    StageSpec("conflicts", "storylens.stages.story.conflicts:find_conflicts",
              requires=("claim_groups", "times", "story_entities"), assigns=("conflicts",)),
    StageSpec("timeline", "storylens.stages.story.timeline:build_timeline",
              requires=("claim_groups", "times"), assigns=("timeline",)),
    StageSpec("coverage", "storylens.stages.story.coverage:map_coverage", requires=("claim_groups", "conflicts"),
              assigns=("coverage",)),
    StageSpec("framing", "storylens.stages.story.framing:frame_outlets",
              requires=("claims", "quotes", "story_entities"), assigns=("framing",)),
    StageSpec("briefing", "storylens.stages.story.briefing:brief", requires=("claim_groups", "conflicts"),
              assigns=("briefing",)),
    # Off unless the user configures an endpoint (Story.options["model_endpoint"]).
    StageSpec("model_briefing", "storylens.stages.story.abstractive:model_briefing", requires=("briefing",),
              assigns=("model_briefing",)),
    # The contract's `summary` is the briefing's sentences, so it runs after the briefing.
    StageSpec("summary", "storylens.stages.story.summary:summarize", requires=("briefing",), assigns=("summary",)),
)
