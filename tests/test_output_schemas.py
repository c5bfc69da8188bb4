"""Every machine-read output other than `analyze --json` has a JSON Schema in docs/, and the commands'
real output validates against it: extract/export lines, check (both forms) and cluster."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from storylens.cli import app
from storylens.outputs.schema import SCHEMA_FILES, load_schema, validate

# Fictional articles: two outlets on one crane accident (one with a section heading), one unrelated fair.
ARTICLES = {
    "harbor-post.txt": "---\noutlet: Harbor Post\n---\nCrane collapses at Portvale docks\n\nBy Ada Quill\n\n"
    "PORTVALE, March 4, 2026 — A container crane collapsed at the Portvale docks on Tuesday, injuring "
    "three workers, the port authority said.\n\nInspections ordered\n\nThe authority closed berth 7 until at "
    "least March 9, 2026, and will inspect every crane on the quay.\n\n"
    "\"We are inspecting every crane on the quay,\" harbor master Ines Ruel said.",
    "bay-courier.txt": "---\noutlet: Bay Courier\n---\nDock crane falls in Portvale\n\nBy Tom Vey\n\n"
    "PORTVALE, March 5, 2026 — A container crane fell at Portvale docks on Tuesday and three workers were "
    "hurt, according to the port authority.\n\nBerth 7 will stay closed until at least March 9, 2026.",
    "linmoor-echo.txt": "---\noutlet: Moorland Echo\n---\nLinmoor cheese fair opens\n\nBy Sana Odell\n\n"
    "The Linmoor cheese fair opened on Saturday with sixty stalls from across the county. Organisers expect "
    "record crowds after the rain cleared. A brass band will play each afternoon.",
}
CLAIM = "A crane collapsed at the Portvale docks and injured three workers."


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _run(*args: object) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_every_schema_is_valid_draft_2020_12(name):
    Draft202012Validator.check_schema(load_schema(name))


def test_extract_lines_validate_and_list_headings_as_heading_claims(corpus):
    records = _lines(_run("extract", corpus, "--jsonl", "--stage-timeout", 0))
    assert len(records) == 3
    for record in records:
        validate(record, "article")
    post = next(r for r in records if r["outlet"] == "Harbor Post")
    headings = [c for c in post["claims"] if c["kind"] == "heading"]
    assert [(c["text"], c["hedged"]) for c in headings] == [("Inspections ordered", False)]
    assert all(post["text"][c["start"]:c["end"]] == c["text"] for c in post["claims"])


def test_export_lines_validate(corpus, tmp_path):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    _run("add", corpus, "--db", db, "--story", "crane", "--stage-timeout", 0)
    records = _lines(_run("export", "--db", db, "--jsonl"))
    assert sorted(r["outlet"] for r in records) == ["Bay Courier", "Harbor Post", "Moorland Echo"]
    for record in records:
        validate(record, "article")


def test_check_output_validates_in_both_forms(corpus, tmp_path):
    data = json.loads(_run("check", CLAIM, corpus, "--json", "-"))
    validate(data, "check")
    stances = {r["article"]: r["stance"] for r in data["results"]}
    assert len(stances) == 3 and list(stances.values()).count("unrelated") == 1
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps({"id": f"p{n}", "claim": CLAIM, "article": {"text": text}})
                               for n, text in enumerate(ARTICLES.values())) + "\n", encoding="utf-8")
    data = json.loads(_run("check", "--pairs", pairs, "--json", "-"))
    validate(data, "check")
    assert [r["id"] for r in data["results"]] == ["p0", "p1", "p2"]


def test_cluster_output_validates(corpus):
    data = json.loads(_run("cluster", corpus, "--json", "-"))
    validate(data, "stories")
    members = [a for story in data["stories"] for a in story["articles"]]
    assert len(members) == len(set(members)) == 3


# Hand-written documents: the schemas reject what the commands must never write.
CHECK = {"claim": "X", "results": [{"article": "a1", "stance": "agree", "relatedness": 0.8, "reason": "r",
                                    "evidence": [{"claim": "a1:c0", "start": 0, "end": 5, "text": "Crane",
                                                  "similarity": 0.9, "cues": []}]}]}
PAIRS = {"results": [{"id": "p1", "stance": "unrelated", "evidence": []}]}
STORIES = {"stories": [{"id": "s1", "title": None, "articles": ["a1", "a2"]}]}


def _broken(doc: dict, path: tuple, value: object = None, delete: bool = False) -> dict:
    doc = copy.deepcopy(doc)
    target = doc
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


@pytest.mark.parametrize(("name", "doc", "where"), [
    ("check", _broken(CHECK, ("results", 0, "stance"), "maybe"), r"\$\.results\[0\]\.stance"),
    ("check", _broken(CHECK, ("results", 0, "article"), delete=True), r"'article' is a required property"),
    ("check", _broken(CHECK, ("results", 0, "evidence", 0, "start"), -1), r"evidence\[0\]\.start"),
    ("check", _broken(PAIRS, ("results", 0, "id"), delete=True), r"'id' is a required property"),
    ("check", _broken(PAIRS, ("results",), delete=True), r"'results' is a required property"),
    ("stories", _broken(STORIES, ("stories", 0, "articles"), []), r"\$\.stories\[0\]\.articles"),
    ("stories", _broken(STORIES, ("stories", 0, "id"), 7), r"\$\.stories\[0\]\.id"),
])
def test_schemas_reject_broken_documents(name, doc, where):
    validate(CHECK, "check")
    validate(PAIRS, "check")
    validate(STORIES, "stories")
    with pytest.raises(ValueError, match=where):
        validate(doc, name)


def test_article_record_schema_reuses_the_story_article_and_claim():
    story = load_schema("story")
    record = {"id": "a1", "source": "a1.txt", "outlet": None, "title": None, "author": None, "published": None,
              "language": "en", "text": "Bridge shut", "removed": [], "times": [], "entities": [], "quotes": [],
              "claims": [{"id": "a1:h0", "article": "a1", "start": 0, "end": 11, "text": "Bridge shut",
                          "kind": "heading", "hedged": False}]}
    validate(record, "article")
    assert "heading" in story["$defs"]["claim"]["properties"]["kind"]["enum"]
    with pytest.raises(ValueError, match="'text' is a required property"):  # from the story's article
        validate(_broken(record, ("text",), delete=True), "article")
    with pytest.raises(ValueError, match=r"\$\.claims\[0\]\.kind"):  # from the story's claim
        validate(_broken(record, ("claims", 0, "kind"), "rumour"), "article")
    with pytest.raises(ValueError, match="'claims' is a required property"):
        validate(_broken(record, ("claims",), delete=True), "article")
