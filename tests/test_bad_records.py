"""One bad record never takes a batch down, and SQLite and PostgreSQL accept the same records: invalid code
points (lone surrogates, NUL) are replaced where inputs enter, over-long fields are refused with one line,
`published` must be a date, claims are capped (issue 19, items 1, 2, 9, 10)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from helpers.fiction import fictional_article
from storylens import store
from storylens.cli import app
from storylens.ingest.readers import REPLACED_REASON, article_from_record, make_article


def _run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    """A store URL as a user types it: a SQLite file, or `postgresql://` on the test server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url").replace("postgresql+psycopg://", "postgresql://")


def _jsonl(path, records: list[dict]) -> str:
    # json.dumps escapes a lone surrogate as "\udc80", exactly as a hostile file would hold it.
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _records(middle: dict) -> list[dict]:
    return [{"id": "first", "text": fictional_article(1)}, {"id": "middle", "text": fictional_article(2), **middle},
            {"id": "last", "text": fictional_article(3)}]


def test_invalid_code_points_are_replaced_once_where_inputs_enter():
    article = make_article("bad\udcff.txt", "The quay \udc80 reopened\x00 on Monday.", "text", record_id="x\ud800")
    assert article.raw == "The quay \ufffd reopened\ufffd on Monday." and article.id == "x\ufffd"
    assert article.source == "bad\ufffd.txt"
    assert article.removed == [{"text": "U+0000, U+D800, U+DC80, U+DCFF", "reason": REPLACED_REASON}]
    record = article_from_record({"text": "Fine text.", "outlet": "Bad\x00Outlet", "author": "Ada \udc80Quill"}, "r")
    assert record.outlet == "Bad\ufffdOutlet" and record.author == "Ada \ufffdQuill"
    assert record.removed == [{"text": "U+0000, U+DC80", "reason": REPLACED_REASON}]
    clean = make_article("ok.txt", "Nothing odd here.", "text")
    assert clean.removed == []


def test_add_stores_every_record_when_one_holds_a_lone_surrogate_or_nul(tmp_path, db):
    path = _jsonl(tmp_path / "mixed.jsonl", _records({"outlet": "Bad\x00Outlet",
                                                      "text": fictional_article(2) + " Odd \udc80 byte."}))
    result = _run("add", path, "--db", db, "--story", "quay", "--stage-timeout", "0")
    assert result.exit_code == 0, result.stderr
    assert "stored 3 new" in result.stderr
    stored = {a.id: a for a in store.load_articles(store.connect(db))}
    assert sorted(stored) == ["first", "last", "middle"]
    middle = stored["middle"]
    assert middle.outlet == "Bad\ufffdOutlet" and "Odd \ufffd byte" in middle.text
    assert {"text": "U+0000, U+DC80", "reason": REPLACED_REASON} in middle.removed


def test_check_with_invalid_code_points_in_the_claim_answers(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(fictional_article(4), encoding="utf-8")
    result = _run("check", "A ferry ran \ud800 aground in Linmoor", article, "--json", "-")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["claim"] == "A ferry ran \ufffd aground in Linmoor" and len(data["results"]) == 1
    pairs = _jsonl(tmp_path / "pairs.jsonl", [
        {"id": "odd", "claim": "\ud800 a ferry ran aground", "article": {"id": "a", "text": fictional_article(4)}},
        {"id": "fine", "claim": "A ferry ran aground", "article": {"id": "b", "text": fictional_article(5)}}])
    result = _run("check", "--pairs", pairs, "--json", "-")
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)["results"]] == ["odd", "fine"]
