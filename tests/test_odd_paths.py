"""Clear messages for odd inputs and a complete export (issue 19, item 13): a FIFO or device is named as
such (and never opened), an empty directory gets its line, and `export` includes articles stored as failed."""

from __future__ import annotations

import json
import os

from typer.testing import CliRunner

from helpers.fiction import fictional_article
from storylens import store
from storylens.cli import app
from storylens.ingest.readers import InputError, read_inputs
from storylens.model import Article
from storylens.outputs.schema import validate


def _run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_fifo_device_broken_link_and_empty_directory_each_get_their_reason(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "empty").mkdir()
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "only-images").mkdir()
    (tmp_path / "only-images" / "photo.png").write_bytes(b"\x89PNG")
    good = tmp_path / "good.txt"
    good.write_text(fictional_article(1), encoding="utf-8")
    given = [fifo, "/dev/null", tmp_path / "empty", tmp_path / "dangling.txt", tmp_path / "only-images", good]
    items = list(read_inputs([str(p) for p in given]))  # would block forever if the FIFO were opened
    reasons = {i.source: i.reason for i in items if isinstance(i, InputError)}
    assert reasons[str(fifo)].startswith("not a regular file or directory (a named pipe (FIFO))")
    assert reasons["/dev/null"].startswith("not a regular file or directory (a character device)")
    assert reasons[str(tmp_path / "dangling.txt")] == "broken symbolic link"
    for folder in ("empty", "only-images"):
        assert reasons[str(tmp_path / folder)].startswith("no readable files in this directory (looked for .txt")
    assert [i.source for i in items if isinstance(i, Article)] == [str(good)]


def test_export_includes_articles_stored_as_failed_with_their_status(tmp_path):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    good = tmp_path / "good.txt"
    good.write_text(fictional_article(2), encoding="utf-8")
    empty_page = tmp_path / "empty.html"
    empty_page.write_text("<html><body><div><img src=x></div></body></html>", encoding="utf-8")
    assert _run("add", good, empty_page, "--db", db, "--story", "s", "--stage-timeout", "0").exit_code == 0
    assert len(list(store.export_rows(store.connect(db)))) == 2
    out = tmp_path / "export.jsonl"
    assert _run("export", "--db", db, "--out", out).exit_code == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_status = {line["status"]: line for line in lines}
    assert sorted(by_status) == ["failed", "ok"]
    failed = by_status["failed"]
    assert "no article text found" in failed["error"] and "<img src=x>" in failed["raw"]
    assert failed["raw_format"] == "html" and "error" not in by_status["ok"]
    for line in lines:
        validate(line, "article")
