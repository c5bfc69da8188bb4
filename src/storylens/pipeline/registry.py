"""The one place stages are registered, in run order, with what each requires and assigns.

requires/assigns are paths of what a stage reads and writes: an Article field (`text`, `outlet`), a layer
(`layers.claims`), a vector table (`vectors.claims`), an entry of `Article.meta` (`meta.dateline`), a story result
(`results.claim_pairs`) or a story option (`options.words`). `pipeline.build.check_order` checks the order when a
pipeline is built; tests/test_stage_contracts.py runs the demo with every stage watched and fails on a read or
write a stage does not declare (the identity fields `id` and `source` may be read by any stage).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: `target` is "module:function"; requires/assigns are paths (see the module docstring)."""

    name: str
    target: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


# What ingestion fills in before any stage runs.
ARTICLE_INPUTS = ("raw", "raw_format", "source", "id", "outlet", "title", "author", "published", "url")
# Settings a caller may put in `Story.options` (each optional; the stage reading it has a default).
STORY_OPTIONS = ("options.words", "options.model_endpoint", "options.contradiction_model", "options.claim_grouping")

# Article stages: pure functions Article -> Article (module-level, so they pickle onto Dask workers).
ARTICLE_STAGES: tuple[StageSpec, ...] = (
    StageSpec(
        "clean",
        "storylens.stages.article.clean:clean_article",
        requires=("raw", "raw_format", "url"),
        assigns=("text", "removed", "layers.headings", "title", "author", "published", "published_source",
                 "published_confidence", "outlet", "language", "url", "meta.agency", "meta.dateline",
                 "meta.dek", "meta.outlet_source"),
    ),
    StageSpec("nlp", "storylens.stages.article.nlp:annotate", requires=("text", "layers.headings"),
              assigns=("layers.sentences", "layers.entities")),
    StageSpec("times", "storylens.stages.article.times:tag_times",
              requires=("text", "language", "layers.sentences", "layers.headings", "published"),
              assigns=("layers.times",)),
    StageSpec("quotes", "storylens.stages.article.quotes:find_quotes",
              requires=("text", "layers.headings", "layers.sentences", "layers.entities"),
              assigns=("layers.quotes", "layers.attributions")),
    StageSpec("claims", "storylens.stages.article.claims:make_claims",
              requires=("text", "layers.sentences", "layers.headings", "layers.quotes", "layers.times"),
              assigns=("layers.claims",)),
    # Adds `when` to each claim's attrs (a change inside the layer: declared as assigning it).
    StageSpec("claim_times", "storylens.stages.article.claim_times:date_claims",
              requires=("text", "layers.claims", "layers.times", "layers.headings", "published",
                        "published_confidence"),
              assigns=("layers.claims",)),
    # Adds `events` to each claim's attrs (indices into the new `events` layer).
    StageSpec("events", "storylens.stages.article.events:find_events",
              requires=("text", "layers.headings", "layers.sentences", "layers.claims", "layers.entities",
                        "layers.quotes"),
              assigns=("layers.events", "layers.claims")),
    StageSpec("embed", "storylens.stages.article.embed:embed_claims",
              requires=("text", "layers.claims", "title", "meta.dek"), assigns=("vectors.claims", "vectors.header")),
)

# Story stages: functions Story -> Story that fill `story.results`; they read article fields by the same paths.
STORY_STAGES: tuple[StageSpec, ...] = (
    StageSpec("sources", "storylens.stages.story.sources:group_sources", requires=("text", "outlet"),
              assigns=("results.sources", "results.duplicates")),
    StageSpec("entities", "storylens.stages.story.entities:link_entities", requires=("text", "layers.entities"),
              assigns=("results.entities",)),
    StageSpec("quotes", "storylens.stages.story.quotes:collect_quotes",
              requires=("text", "layers.quotes", "layers.attributions", "results.entities"),
              assigns=("results.quotes", "results.attributions")),
    StageSpec("statements", "storylens.stages.story.statements:group_statements",
              requires=("outlet", "results.quotes", "results.sources"), assigns=("results.statements",)),
    StageSpec("event_coref", "storylens.stages.story.event_coref:link_events",
              requires=("text", "layers.events", "layers.claims", "layers.entities", "vectors.claims",
                        "results.entities", "results.sources"),
              assigns=("results.events", "results.event_links")),
    StageSpec("claim_groups", "storylens.stages.story.groups:group_claims",
              # title, dek, published, header vector and entities: story clustering keeps look-alike stories apart
              requires=("text", "outlet", "title", "published", "meta.dek", "layers.claims", "layers.times",
                        "layers.entities", "vectors.claims", "vectors.header", "results.sources", "layers.events",
                        "results.event_links", "results.entities", "options.claim_grouping"),
              assigns=("results.claim_groups", "results.claim_pairs", "results.claim_pair_chances")),
    StageSpec("conflicts", "storylens.stages.story.conflicts:find_conflicts",
              requires=("text", "outlet", "layers.claims", "layers.times", "layers.quotes", "layers.headings",
                        "vectors.claims", "results.events", "results.claim_groups", "results.claim_pairs",
                        "results.entities", "results.sources", "options.contradiction_model"),
              assigns=("results.conflicts",)),
    StageSpec("timeline", "storylens.stages.story.timeline:build_timeline",
              requires=("text", "outlet", "layers.claims", "layers.times", "results.claim_groups"),
              assigns=("results.timeline",)),
    StageSpec("coverage", "storylens.stages.story.coverage:map_coverage",
              requires=("outlet", "results.claim_groups", "results.conflicts"), assigns=("results.coverage",)),
    StageSpec("framing", "storylens.stages.story.framing:frame_outlets",
              requires=("text", "title", "outlet", "layers.claims", "layers.entities", "layers.quotes",
                        "results.entities"),
              assigns=("results.framing",)),
    StageSpec("briefing", "storylens.stages.story.briefing:brief",
              requires=("text", "title", "outlet", "layers.claims", "layers.quotes", "layers.events", "layers.times",
                        "vectors.claims", "results.claim_groups", "results.claim_pairs", "results.claim_pair_chances",
                        "results.events", "results.conflicts", "results.sources", "options.words"),
              assigns=("results.briefing",)),
    # Off unless the user configures an endpoint (Story.options["model_endpoint"]); adds briefing["model_written"].
    StageSpec("model_briefing", "storylens.stages.story.abstractive:model_briefing",
              requires=("results.briefing", "options.model_endpoint"), assigns=("results.briefing",)),
    # The contract's `summary` is the briefing's sentences, so it runs after the briefing.
    StageSpec("summary", "storylens.stages.story.summary:summarise", requires=("results.briefing",),
              assigns=("results.summary",)),
)


@dataclass(frozen=True)
class Profile:
    """A named pipeline: the registered stages it runs, by name (registry order is kept)."""

    article: tuple[str, ...]
    story: tuple[str, ...]
    why: str


ARTICLE_NAMES = tuple(s.name for s in ARTICLE_STAGES)
STORY_NAMES = tuple(s.name for s in STORY_STAGES)

# Every variant pipeline is named here; shells and evals ask for a profile instead of filtering stage names.
PROFILES: dict[str, Profile] = {
    "analyze": Profile(ARTICLE_NAMES, STORY_NAMES, "the whole analysis (analyze, add, story, demo, the web app)"),
    "extract": Profile(tuple(n for n in ARTICLE_NAMES if n != "embed"), (),
                       "article records without story analysis: claim vectors are not in a record"),
    "check": Profile(tuple(n for n in ARTICLE_NAMES if n != "claim_times"), (),
                     "claim check: claims, hedges and vectors; event dating is not needed"),
    "cluster": Profile(("clean", "nlp", "times", "quotes", "claims", "embed"), (),
                       "story clustering: entities and times for its terms, claim vectors for its embedding"),
    "timeline": Profile(tuple(n for n in ARTICLE_NAMES if n != "embed"),
                        ("sources", "entities", "quotes", "statements"),
                        "the timeline eval: claims with their `when` and story entities, no groups"),
}


def profile_stages(name: str) -> tuple[tuple[StageSpec, ...], tuple[StageSpec, ...]]:
    """The article and story stage specs of profile `name`, in registry order; KeyError for an unknown one."""
    profile = PROFILES[name]
    return (tuple(s for s in ARTICLE_STAGES if s.name in profile.article),
            tuple(s for s in STORY_STAGES if s.name in profile.story))
