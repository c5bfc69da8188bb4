"""One bad record never takes a batch down, and SQLite and PostgreSQL accept the same records: invalid code
points (lone surrogates, NUL) are replaced where inputs enter, over-long fields are refused with one line,
`published` must be a date, claims are capped (issue 19, items 1, 2, 9, 10)."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from helpers.fiction import fictional_article
from storylens import store
from storylens.cli import app
from storylens.ingest.readers import REPLACED_REASON, article_from_record, make_article


def _run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def _unboxed(text: str) -> str:
    """A usage error as one line of words (typer draws it in a box, wrapped)."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", text).split())


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


def test_over_long_fields_are_one_line_each_on_both_databases_and_the_batch_goes_on(tmp_path, db):
    records = [{"id": "x" * 201, "text": fictional_article(5)}, {"id": "lang", "text": fictional_article(6),
                                                                   "language": "l" * 17},
               {"id": "fine", "text": fictional_article(7), "outlet": "Nul\x00Post"}]
    path = _jsonl(tmp_path / "long.jsonl", records)
    result = _run("add", path, "--db", db, "--story", "quay", "--stage-timeout", "0")
    assert result.exit_code == 0, result.stderr
    assert f"{path}:1: 'id' is 201 characters long; at most 200 are stored" in result.stderr
    assert f"{path}:2: 'language' is 17 characters long; at most 16 are stored" in result.stderr
    assert "stored 1 new, 0 already stored, 2 skipped" in result.stderr
    assert [a.id for a in store.load_articles(store.connect(db))] == ["fine"]
    too_long_story = _run("add", path, "--db", db, "--story", "s" * 201)
    assert too_long_story.exit_code == 2 and "at most 200 characters" in _unboxed(too_long_story.stderr)


def test_the_store_refuses_the_same_records_on_both_databases(db):
    article = make_article("a.txt", "The quay reopened.", "text", record_id="y" * 201)
    with pytest.raises(store.RecordRefused, match="'id' is 201 characters long"):
        store.save_article(store.connect(db), article)
    article = make_article("b.txt", "The quay reopened.", "text")
    article.outlet = "Nul\x00Post"  # set after ingestion, which would have replaced it
    with pytest.raises(store.RecordRefused, match="'outlet' holds a NUL"):
        store.save_article(store.connect(db), article)


@pytest.mark.parametrize(("given", "stored"), [
    ("2026-03-04", "2026-03-04"), ("2026-03-04T22:15:00+01:00", "2026-03-04"), ("4 March 2026", "2026-03-04"),
    ("March 4, 2026, 10:30 CET", "2026-03-04"), ("not a date", None), ("2026-03-04 and some words", None),
    ("2026-02-30", None), ("20260304xx", None)])
def test_published_must_be_a_date_never_cut_to_ten_characters(given, stored):
    article = article_from_record({"text": "The quay reopened.", "published": given}, "r")
    assert article.published == stored
    if stored is None:
        assert article.published_source is None
        assert {"text": given, "reason": "published-not-a-date"} in article.removed
    else:
        assert (article.published_source, article.published_confidence) == ("input", 1.0)


def test_a_bad_date_is_a_warning_and_the_article_is_stored_without_it(tmp_path):
    path = _jsonl(tmp_path / "dates.jsonl", [{"id": "d1", "text": fictional_article(8), "published": "not a date"}])
    out = tmp_path / "story.json"
    result = _run("analyze", path, "--json", out, "--stage-timeout", "0")
    assert result.exit_code == 0, result.stderr
    assert f"warning {path}:1: 'published' is not a date, left out: 'not a date'" in result.stderr
    (article,) = json.loads(out.read_text(encoding="utf-8"))["articles"]
    assert article["published"] != "not a date" and article["published_source"] != "input"


def test_an_over_long_claim_is_refused_with_its_reason_and_the_next_pair_is_checked(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(fictional_article(4), encoding="utf-8")
    result = _run("check", "A ferry ran aground. " * 200, article)
    assert result.exit_code == 2 and "at most 2,000 are checked" in _unboxed(result.stderr)
    pairs = _jsonl(tmp_path / "pairs.jsonl", [
        {"id": "huge", "claim": "word " * 200_000, "article": {"id": "a", "text": fictional_article(4)}},
        {"id": "fine", "claim": "A ferry ran aground", "article": {"id": "b", "text": fictional_article(5)}}])
    result = _run("check", "--pairs", pairs, "--json", "-")
    assert result.exit_code == 0, result.stderr
    assert "pair huge: the claim is 999,999 characters long; at most 2,000 are checked" in result.stderr
    assert [r["id"] for r in json.loads(result.stdout)["results"]] == ["fine"]
