"""`storylens extract --text-only` (issue 17, item 7): clean text and metadata only, on every core."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.cleaning.batch import clean_records
from storylens.cli import app
from storylens.ingest.readers import InputError, make_article
from storylens.outputs.schema import validate

PLAIN = """Business
Portvale council approves new ferry timetable for Carrow
By Mira Tolland

The Portvale council approved a new ferry timetable on Tuesday, adding four evening crossings to Carrow.

Councillor Jon Pell said the change would cost 400,000 euros a year.

© 2026 Portvale Post. All rights reserved.
"""
PAGE = ("<html lang='en'><head><title>Bridge reopens | Westmere Ledger</title>"
        "<meta property='og:site_name' content='Westmere Ledger'></head><body><article><h1>Bridge reopens</h1>"
        "<p>The harbour bridge in Westmere reopened on Tuesday after eleven months of repairs, the council said.</p>"
        "<p>Engineers replaced the corroded cables and resurfaced the deck before the first cars crossed.</p>"
        "</article></body></html>")


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    (tmp_path / "ferry.txt").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "bridge.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("processes", ["1", "2"])
def test_text_only_records_follow_the_schema(inbox: Path, processes: str) -> None:
    result = CliRunner().invoke(app, ["extract", "--text-only", "--processes", processes, str(inbox)],
                                catch_exceptions=False)
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [Path(r["source"]).name for r in records] == ["bridge.html", "ferry.txt"]  # input order
    for record in records:
        validate(record, "article")
        assert record["entities"] == record["quotes"] == record["claims"] == record["times"] == []
    bridge, ferry = records
    assert (bridge["title"], bridge["outlet"]) == ("Bridge reopens", "Westmere Ledger")
    assert (ferry["title"], ferry["author"], ferry["outlet"]) == (
        "Portvale council approves new ferry timetable for Carrow", "Mira Tolland", "Portvale Post")
    assert ferry["text"].startswith("The Portvale council approved") and "©" not in ferry["text"]
    assert "empty.txt: empty file" in result.stderr


def test_help_documents_text_only() -> None:
    result = CliRunner().invoke(app, ["extract", "--help"])
    assert "--text-only" in result.stdout and "--processes" in result.stdout


def test_a_failing_article_is_reported_and_the_batch_goes_on() -> None:
    bad = make_article("broken.html", "<html><body><script>var x = 1;</script></body></html>", "html")
    good = make_article("good.txt", PLAIN, "text")
    results = list(clean_records([bad, good], workers=1))
    assert isinstance(results[0], InputError) and results[0].source == "broken.html"
    assert results[1]["title"].startswith("Portvale council")
