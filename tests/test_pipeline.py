"""Pipeline construction: requirements checked at build time; a failing stage costs one article."""

from __future__ import annotations

import pickle

import pytest

from storylens.model import Article
from storylens.pipeline.build import PipelineError, StageFailed, build_pipeline, build_profile, check_order
from storylens.pipeline.registry import ARTICLE_INPUTS, ARTICLE_STAGES, STORY_OPTIONS, STORY_STAGES, StageSpec


def test_registered_order_is_valid():
    fields = check_order(ARTICLE_STAGES, ARTICLE_INPUTS)
    check_order(STORY_STAGES, fields | set(STORY_OPTIONS))
    assert {"text", "layers.claims", "layers.quotes", "layers.times", "vectors.claims"} <= fields


def test_missing_requirement_is_refused():
    late = StageSpec("claims-first", "storylens.stages.article.claims:make_claims", ("layers.sentences",),
                     ("layers.claims",))
    with pytest.raises(PipelineError, match="claims-first.*layers.sentences"):
        build_pipeline([late], ())


def _explode_on_bad(article: Article) -> Article:
    if article.source == "bad.txt":
        raise ValueError("boom")
    article.layers["claims"] = []
    return article


def test_stage_failure_names_stage_and_source_and_costs_one_article(monkeypatch):
    import storylens.stages.article.claims as claims

    monkeypatch.setattr(claims, "make_claims", _explode_on_bad)
    pipe = build_pipeline([StageSpec("claims", "storylens.stages.article.claims:make_claims", (), ("layers.claims",))],
                          ())
    bad, good = Article(id="b", source="bad.txt"), Article(id="a", source="a.txt")
    failed, done = pipe.try_article(bad), pipe.try_article(good)
    assert isinstance(failed, StageFailed)
    assert str(failed) == "bad.txt: stage 'claims' failed: ValueError: boom"
    assert isinstance(done, Article) and done.layers["claims"] == []


def test_article_stages_pickle():
    pipe = build_pipeline()
    for stage in pipe.article_stages:
        assert pickle.loads(pickle.dumps(stage.func)) is stage.func


def test_named_profiles_name_registered_stages_and_build():
    """Every profile names registered stages only and passes the order check; an unknown profile is refused."""
    from storylens.pipeline.registry import PROFILES, profile_stages

    for name, profile in PROFILES.items():
        article, story = profile_stages(name)
        assert [s.name for s in article] == list(profile.article), name
        assert [s.name for s in story] == list(profile.story), name
        check_order(story, check_order(article, ARTICLE_INPUTS) | set(STORY_OPTIONS))
    assert "embed" not in PROFILES["extract"].article and "claim_times" not in PROFILES["check"].article
    with pytest.raises(PipelineError, match="unknown pipeline profile 'nope'"):
        build_profile("nope")
