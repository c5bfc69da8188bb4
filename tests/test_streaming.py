"""`storylens add` streams its inputs into the store a chunk at a time, so memory does not grow with the
size of the input: every article is still stored once, duplicates across chunks are dropped, bad inputs
are reported."""

from __future__ import annotations

import shutil

import sqlalchemy as sa
from typer.testing import CliRunner

from helpers.fiction import write_articles
from storylens import store
from storylens.cli import app
from storylens.cli import common as cli_common
from storylens.pipeline import runner
from storylens.pipeline.runner import input_chunks


def test_input_chunks_split_the_stream_and_drop_duplicates_across_chunks(tmp_path):
    paths = write_articles(tmp_path / "in", 5)
    shutil.copy(paths[0], tmp_path / "in" / "copy-of-first.txt")
    (tmp_path / "in" / "empty.txt").write_text("   \n", encoding="utf-8")
    chunks = list(input_chunks([str(tmp_path / "in")], size=2))
    assert [len(articles) for articles, _ in chunks] == [2, 2, 1]
    hashes = [a.content_hash for articles, _ in chunks for a in articles]
    assert len(hashes) == len(set(hashes)) == 5
    assert sum(len(problems) for _, problems in chunks) == 1
    assert [len(a) for a, _ in input_chunks([str(tmp_path / "in")])] == [5]  # no size: one chunk


def test_add_streams_chunks_into_the_store(tmp_path, monkeypatch):
    write_articles(tmp_path / "in", 5)
    (tmp_path / "in" / "broken.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(cli_common, "STREAM_CHUNK", 2)
    calls = []
    real = runner.process_batch
    monkeypatch.setattr(cli_common, "process_batch", lambda raw, *a, **k: calls.append(len(raw)) or real(raw, *a, **k))
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = CliRunner().invoke(app, ["add", str(tmp_path / "in"), "--db", db, "--story", "harbour"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert calls == [2, 2, 1]
    assert "stored 5 new, 0 already stored, 1 skipped" in result.stderr
    assert "broken.json" in result.stderr
    with store.connect(db).connect() as conn:
        ids = list(conn.scalars(sa.select(store.articles.c.id)))
    assert len(ids) == len(set(ids)) == 5
