"""Incremental analysis: adding an article to a stored story processes only that article, and the
story rebuilt from the store equals a full analysis of all its articles."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from helpers.fiction import fictional_article
from storylens.cli import app


def _run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def _write(tmp_path, n: int):
    # One .jsonl file per article with an explicit id, so sources and ids match across the runs.
    path = tmp_path / f"article-{n}.jsonl"
    record = {"id": f"art-{n}", "text": fictional_article(n), "outlet": f"Outlet {n}", "published": "2026-03-0{n}"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def _normalised(path) -> str:
    return json.dumps(json.loads(path.read_text(encoding="utf-8")), sort_keys=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    """A store URL as a user types it: a SQLite file, or `postgresql://` on the test server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url").replace("postgresql+psycopg://", "postgresql://")


def test_story_after_adding_one_more_article_equals_a_full_run(tmp_path, db):
    a, b, c = (_write(tmp_path, n) for n in (1, 2, 3))
    assert "stored 2 new" in _run("add", a, b, "--db", db, "--story", "quay").stderr
    first = tmp_path / "first.json"
    assert _run("story", "quay", "--db", db, "--json", first).exit_code == 0
    added = _run("add", a, b, c, "--db", db, "--story", "quay")
    assert "stored 1 new, 2 already stored" in added.stderr  # only C ran the article stages
    stored, full = tmp_path / "stored.json", tmp_path / "full.json"
    assert _run("story", "quay", "--db", db, "--json", stored).exit_code == 0
    assert _run("analyze", a, b, c, "--story", "quay", "--json", full).exit_code == 0
    assert len(json.loads(full.read_text(encoding="utf-8"))["articles"]) == 3
    assert _normalised(stored) == _normalised(full)
    assert _normalised(first) != _normalised(full)


def test_unknown_story_is_one_clear_error(tmp_path):
    result = _run("story", "[nowhere]", "--db", f"sqlite:///{tmp_path / 'store.db'}")
    assert result.exit_code == 1
    assert "story '[nowhere]' has no stored articles" in result.stderr
