"""Every stage reads and writes only what it declares in the registry (issue 15).

The demo story runs through the real pipeline with each stage watched: Article fields, `layers.*`, `vectors.*`,
`meta.*`, `results.*` and `options.*` read or assigned inside a stage are recorded (tests/helpers/contracts.py)
and must appear in that stage's `requires` (reads) or `assigns` (writes and reads of what it assigns). The
identity fields `id` and `source` may be read by any stage. Changes made inside a value (a span's attrs) are
not seen: declare them as a write of the layer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.contracts import Record, recording_article, recording_story
from storylens.ingest.readers import read_inputs
from storylens.model import Article, Story
from storylens.pipeline.build import Pipeline, check_order
from storylens.pipeline.registry import ARTICLE_INPUTS, ARTICLE_STAGES, STORY_OPTIONS, STORY_STAGES, StageSpec

DEMO = Path(__file__).resolve().parents[1] / "src" / "storylens" / "demo" / "articles"
IDENTITY = frozenset({"id", "source"})


def undeclared(spec: StageSpec, record: Record) -> list[str]:
    """What a stage touched beyond its declaration, as readable lines."""
    reads = record.reads - set(spec.requires) - set(spec.assigns) - IDENTITY
    writes = record.writes - set(spec.assigns)
    return ([f"stage '{spec.name}' reads {sorted(reads)} without declaring them in requires"] if reads else []) + \
        ([f"stage '{spec.name}' writes {sorted(writes)} without declaring them in assigns"] if writes else [])


@pytest.fixture(scope="module")
def watched(pipeline: Pipeline) -> list[str]:
    """Run the demo story stage by stage under watch; return every undeclared read or write."""
    problems: list[str] = []
    articles = [a for a in read_inputs([str(DEMO)]) if isinstance(a, Article)]
    for stage in pipeline.article_stages:
        record = Record()
        for i, article in enumerate(articles):
            with recording_article(article, record) as watched_article:
                articles[i] = stage.func(watched_article)
        problems += undeclared(stage.spec, record)
    story = Story("demo", articles, options={"words": 120})
    for stage in pipeline.story_stages:
        record = Record()
        with recording_story(story, record):
            story = stage.func(story)
        problems += undeclared(stage.spec, record)
    return problems


def test_every_stage_touches_only_what_it_declares(watched):
    assert not watched, "\n".join(watched)


def test_registry_paths_are_real_paths():
    """requires/assigns name Article fields, layers, vectors, meta, story results or options."""
    prefixes = ("layers.", "vectors.", "meta.", "results.", "options.")
    plain = {f for f in Article.__dataclass_fields__ if f not in ("layers", "vectors", "meta")}
    for spec in ARTICLE_STAGES + STORY_STAGES:
        for path in spec.requires + spec.assigns:
            assert path in plain or path.startswith(prefixes), (spec.name, path)
    check_order(STORY_STAGES, check_order(ARTICLE_STAGES, ARTICLE_INPUTS) | set(STORY_OPTIONS))


def test_the_recorder_sees_reads_and_writes():
    """A stage that reads an undeclared layer and writes an undeclared result is caught."""
    article = Article(id="a", source="a.txt", text="x", layers={"claims": []})
    record = Record()
    with recording_article(article, record) as watched_article:
        watched_article.layer("claims")
        watched_article.outlet = "Gazette"
        watched_article.vectors["claims"] = None
    assert record.reads >= {"layers.claims"} and record.writes == {"outlet", "vectors.claims"}
    assert type(article) is Article and type(article.layers) is dict
    story_record = Record()
    with recording_story(Story("s", [article]), story_record) as story:
        story.results["conflicts"] = story.results.get("claim_pairs", [])
    assert story_record.reads == {"results.claim_pairs"}
    spec = StageSpec("probe", "x:y", requires=("results.claim_pairs",), assigns=())
    assert undeclared(spec, story_record) == ["stage 'probe' writes ['results.conflicts'] without declaring them "
                                              "in assigns"]
