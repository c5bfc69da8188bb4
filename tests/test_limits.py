"""Per-article limits: a stage over --stage-timeout is stopped and the article stored as failed; inputs
over --max-bytes are refused without being read whole; the rest of the batch goes on."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from typer.testing import CliRunner

from helpers.articles import make_text_article
from storylens import store
from storylens.cli import app
from storylens.ingest.readers import InputError, ReadOptions, read_inputs
from storylens.pipeline.build import build_pipeline
from storylens.pipeline.guard import guarded
from storylens.pipeline.registry import ARTICLE_STAGES, StageSpec
from storylens.pipeline.runner import process_batch
from storylens.settings import Limits

MISBEHAVE = StageSpec("misbehave", "helpers.runaway_stages:misbehave", requires=("text",), assigns=())


def _run(*args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_runaway_and_crashing_stages_cost_one_article_each(tmp_path):
    clean = next(s for s in ARTICLE_STAGES if s.name == "clean")
    pipeline = build_pipeline((clean, MISBEHAVE), ())
    texts = ["The ferry docked at Caddow.", "SPIN forever.", "The bridge reopened.", "BACKTRACK now.",
             "SEGFAULT here.", "The silo fire was put out."]
    raws = [make_text_article(t, f"a{n}") for n, t in enumerate(texts)]
    engine = store.connect(f"sqlite:///{tmp_path / 'limits.db'}")
    with guarded(1.0) as executor:
        batch = process_batch(raws, pipeline, engine, "s", executor=executor)
    assert [a.id for a in batch.articles] == ["a0", "a2", "a5"]
    reasons = {p.source: p.reason for p in batch.problems}
    assert reasons == {"a1.txt": "stage 'misbehave' exceeded 1s (--stage-timeout)",
                       "a3.txt": "stage 'misbehave' exceeded 1s (--stage-timeout)",
                       "a4.txt": "worker process died in stage 'misbehave' (exit code -11)"}
    failed = {a.id: a for a in store.load_articles(engine, status="failed")}
    assert sorted(failed) == ["a1", "a3", "a4"]
    assert {a.id for a in store.load_articles(engine)} == {"a0", "a2", "a5"}


def test_stage_timeout_from_the_command_line_stores_the_article_as_failed(tmp_path):
    (tmp_path / "short.txt").write_text("The Quillby tram depot flooded on Monday, officials said.",
                                        encoding="utf-8")
    sentence = "The council of Ferrisham said on Tuesday that the river bridge would stay closed for weeks. "
    (tmp_path / "long.txt").write_text(sentence * 20_000, encoding="utf-8")  # ~1.8 MB: seconds of parsing
    db = tmp_path / "store.db"
    result = _run("add", tmp_path, "--db", f"sqlite:///{db}", "--story", "s", "--stage-timeout", "2")
    assert result.exit_code == 0, result.output
    assert re.search(r"skipped \S*long\.txt: stage '\w+' failed: stage '\w+' exceeded 2s \(--stage-timeout\)",
                     result.stderr), result.stderr
    assert "stored 2 new" in result.stderr  # the failure is stored too, with its reason
    engine = store.connect(f"sqlite:///{db}")
    (failed,) = store.load_articles(engine, status="failed")
    assert failed.source.endswith("long.txt")
    assert [a.source.rsplit("/", 1)[-1] for a in store.load_articles(engine)] == ["short.txt"]


def test_max_bytes_refuses_big_files_without_reading_them_whole(tmp_path):
    (tmp_path / "ok.txt").write_text("The Linmoor ferry ran aground.", encoding="utf-8")
    (tmp_path / "big.txt").write_text("word " * 1000, encoding="utf-8")
    with gzip.open(tmp_path / "bomb.txt.gz", "wb", compresslevel=9) as bomb:
        for _ in range(64):  # 64 MB of text once decompressed, 64 KB on disk
            bomb.write(b"a" * (1024 * 1024))
    lines = [json.dumps({"id": "small", "text": "A short record."}),
             json.dumps({"id": "huge", "text": "x" * 5000}),
             json.dumps({"id": "after", "text": "The record after the huge one."})]
    (tmp_path / "records.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = list(read_inputs([str(tmp_path)], ReadOptions(max_bytes=1024)))
    errors = {i.source.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, InputError)}
    assert errors == {"big.txt": "larger than the 1 KB per-article limit (--max-bytes)",
                      "bomb.txt.gz": "larger than the 1 KB per-article limit (--max-bytes)",
                      "records.jsonl:2": "larger than the 1 KB per-article limit (--max-bytes)"}
    assert sorted(a.id for a in items if not isinstance(a, InputError))[1:] == ["after", "small"]


def test_limits_from_the_command_line_are_checked(tmp_path):
    (tmp_path / "a.txt").write_text("word " * 400, encoding="utf-8")
    refused = _run("extract", tmp_path / "a.txt", "--max-bytes", "100")
    assert refused.exit_code == 1
    assert "a.txt: larger than the 100 bytes per-article limit (--max-bytes)" in refused.stderr
    assert _run("extract", tmp_path / "a.txt", "--max-bytes", "0").exit_code == 2
    assert _run("extract", tmp_path / "a.txt", "--stage-timeout", "-1").exit_code == 2
    with pytest.raises(ValueError, match="--max-bytes"):
        Limits(max_bytes=0)


def test_the_web_app_adds_articles_under_the_stage_time_limit(tmp_path):
    """Articles added through the app run under the same stage guard as the CLI's (runner.open_executor)."""
    from storylens.web.stories import StoryCache

    clean = next(s for s in ARTICLE_STAGES if s.name == "clean")
    pipeline = build_pipeline((clean, MISBEHAVE), ())
    engine = store.connect(f"sqlite:///{tmp_path / 'web.db'}")
    cache = StoryCache(engine, lambda: pipeline, limits=Limits(stage_timeout=1.0))
    batch = cache.add([make_text_article("SPIN forever.", "w1"), make_text_article("The pier reopened.", "w2")], "s")
    assert [a.id for a in batch.articles] == ["w2"]
    assert [p.reason for p in batch.problems] == ["stage 'misbehave' exceeded 1s (--stage-timeout)"]


def test_open_executor_picks_guard_or_in_process():
    """One selection for every shell: a stage time limit means a guarded worker; 0 means in-process."""
    from storylens.pipeline.executors import in_process
    from storylens.pipeline.guard import StageGuard
    from storylens.pipeline.runner import open_executor
    from storylens.settings import RunOptions

    with open_executor(RunOptions(limits=Limits(stage_timeout=5))) as executor:
        assert isinstance(executor, StageGuard) and executor.timeout == 5
    with open_executor(RunOptions(limits=Limits(stage_timeout=0))) as executor:
        assert executor is in_process
