"""The command line: outputs, one clear line per bad input, exit codes, idempotent `add`, export."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.cli import app
from storylens.outputs.schema import validate_story

REPO = Path(__file__).resolve().parents[1]
ARTICLES = {
    "harbor-post.txt": "---\noutlet: Harbor Post\n---\nCrane collapses at Portvale docks\n\nBy Ada Quill\n\n"
    "PORTVALE, March 4, 2026 — A container crane collapsed at the Portvale docks on Tuesday, injuring "
    "three workers, the port authority said.\n\nThe authority closed berth 7 until at least March 9, 2026.\n\n"
    "\"We are inspecting every crane on the quay,\" harbor master Ines Ruel said.",
    "bay-courier.txt": "---\noutlet: Bay Courier\n---\nDock crane falls in Portvale\n\nBy Tom Vey\n\n"
    "PORTVALE, March 5, 2026 — A container crane fell at Portvale docks on Tuesday and three workers were "
    "hurt, according to the port authority.\n\nBerth 7 will stay closed until at least March 9, 2026.",
}


@pytest.fixture()
def corpus(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _run(*args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_analyze_writes_valid_json_and_html_and_reports_bad_inputs(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.html").write_bytes(b"\x00\x01\x02\x03" * 50)
    out_json, out_html = tmp_path / "out" / "story.json", tmp_path / "out" / "story.html"
    result = _run("analyze", corpus, "--json", out_json, "--html", out_html)
    assert result.exit_code == 0, result.output
    assert re.search(r"empty\.txt: empty file", result.stderr)
    assert re.search(r"binary\.html: binary file", result.stderr)
    data = json.loads(out_json.read_text(encoding="utf-8"))
    validate_story(data)
    assert len(data["articles"]) == 2
    assert any(g["status"] == "corroborated" for g in data["claim_groups"])
    assert "Portvale" in out_html.read_text(encoding="utf-8")


def test_json_to_stdout_is_pure_json(corpus):
    result = _run("analyze", corpus / "harbor-post.txt", "--json", "-")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema"] == "storylens.story/1"


def test_nothing_analysable_exits_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = _run("analyze", tmp_path / "empty.txt", tmp_path / "missing.md", "--json", "-")
    assert result.exit_code == 1
    assert "missing.md: no such file or directory" in result.stderr
    assert "nothing could be analysed" in result.stderr


def test_add_is_idempotent_and_export_returns_every_record(corpus, tmp_path):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    first = _run("add", corpus, "--db", db)
    again = _run("add", corpus, "--db", db)
    assert "stored 2 new, 0 already stored" in first.stderr
    assert "stored 0 new, 2 already stored" in again.stderr
    records = [json.loads(line) for line in _run("export", "--db", db, "--jsonl").stdout.splitlines()]
    assert sorted(r["outlet"] for r in records) == ["Bay Courier", "Harbor Post"]
    assert all(r["text"] and r["published"] for r in records)


def test_extract_gives_one_record_per_article(corpus):
    lines = _run("extract", corpus, "--jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["author"] for r in records] == ["Tom Vey", "Ada Quill"]
    post = records[1]
    assert post["published"] == "2026-03-04" and post["claims"] and post["quotes"]
    direct = [q for q in post["quotes"] if q["kind"] == "direct"]
    assert [(q["text"], q["speaker_name"]) for q in direct] == [
        ("We are inspecting every crane on the quay", "Ines Ruel")]
    assert {"2026-03-09"} <= {t["value"] for t in post["times"]}


def test_readme_opens_with_the_two_setup_commands_and_ci_runs_the_test_one():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))] == ["make test"]
