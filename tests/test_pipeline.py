"""Pipeline construction: requirements checked at build time; a failing stage costs one article."""

from __future__ import annotations

import pickle

import pytest

from storylens.model import Article
from storylens.pipeline import PipelineError, StageFailed, build_pipeline, check_order
from storylens.registry import ARTICLE_INPUTS, ARTICLE_STAGES, STORY_STAGES, StageSpec


def test_registered_order_is_valid():
    fields = check_order(ARTICLE_STAGES, ARTICLE_INPUTS)
    check_order(STORY_STAGES, fields)
    assert {"text", "claims", "quotes", "times"} <= fields


def test_missing_requirement_is_refused():
    late = StageSpec("claims-first", "storylens.stages.claims:make_claims", ("sentences",), ("claims",))
    with pytest.raises(PipelineError, match="claims-first.*sentences"):
        build_pipeline([late], ())


def _explode(article: Article) -> Article:
    raise ValueError("boom")


def test_stage_failure_names_stage_and_source(monkeypatch):
    import storylens.stages.claims as claims

    monkeypatch.setattr(claims, "make_claims", _explode)
    pipe = build_pipeline([StageSpec("claims", "storylens.stages.claims:make_claims", (), ("claims",))], ())
    good, bad = Article(id="a", source="a.txt"), Article(id="b", source="bad.txt")
    results = list(pipe.process_articles([bad, good]))
    assert isinstance(results[0], StageFailed)
    assert str(results[0]) == "bad.txt: stage 'claims' failed: ValueError: boom"
    assert isinstance(results[1], StageFailed)  # same stage, same failure: but each reported separately


def test_article_stages_pickle():
    pipe = build_pipeline()
    for stage in pipe.article_stages:
        assert pickle.loads(pickle.dumps(stage.func)) is stage.func
