"""Ingestion: formats, directories, .gz, jsonl records, and one clear error per bad input."""

from __future__ import annotations

import gzip
import json

from storylens.ingest.readers import InputError, decode_bytes, read_inputs


def _read(*paths):
    return list(read_inputs([str(p) for p in paths]))


def test_formats_and_gzip(tmp_path):
    (tmp_path / "a.txt").write_text("Plain text about the harbour.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Hello harbour.</p></body></html>", encoding="utf-8")
    (tmp_path / "c.md.gz").write_bytes(gzip.compress(b"# Head\n\nMarkdown body."))
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG\x00\x00")
    found = {a.source.rsplit("/", 1)[-1]: a.raw_format for a in _read(tmp_path)}
    assert found == {"a.txt": "text", "b.html": "html", "c.md.gz": "markdown"}


def test_jsonl_keeps_ids_and_metadata_and_reports_broken_lines(tmp_path):
    lines = [
        json.dumps({"id": "x-1", "text": "Body one.", "outlet": "Fictional Post", "published": "2026-03-04T10:00"}),
        "{not json",
        json.dumps({"id": "x-2", "title": "No body"}),
        json.dumps({"id": "x-3", "html": "<p>Body three.</p>", "url": "https://post.example/3"}),
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = _read(path)
    articles = [i for i in items if not isinstance(i, InputError)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert [a.id for a in articles] == ["x-1", "x-3"]
    assert articles[0].published == "2026-03-04" and articles[0].published_source == "input"
    assert articles[0].outlet == "Fictional Post"
    assert articles[1].raw_format == "html" and articles[1].url == "https://post.example/3"
    assert errors[0].startswith(f"{path}:2: invalid JSON")
    assert errors[1] == f"{path}:3: record has no 'text' or 'html'"


def test_bad_inputs_each_give_one_line(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage" * 10)
    (tmp_path / "trunc.txt.gz").write_bytes(gzip.compress(b"some text here")[:12])
    (tmp_path / "good.txt").write_text("A real article sentence.", encoding="utf-8")
    items = _read(tmp_path, tmp_path / "missing.txt")
    errors = {str(i).split(": ", 1)[0].rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, InputError)}
    assert errors["empty.txt"] == "empty file"
    assert errors["binary.txt"].startswith("binary file")
    assert errors["trunc.txt.gz"].startswith("cannot read")
    assert errors["missing.txt"] == "no such file or directory"
    assert [a.raw for a in items if not isinstance(a, InputError)] == ["A real article sentence."]


def test_decoding_never_crashes():
    assert decode_bytes("café “quoted”".encode()) == "café “quoted”"
    assert decode_bytes("\ufeffbom".encode("utf-8")) == "bom"
    assert decode_bytes("utf16 text".encode("utf-16")) == "utf16 text"
    assert "caf" in decode_bytes("café au lait, déjà vu".encode("latin-1"))


def test_same_content_same_id(tmp_path):
    (tmp_path / "one.txt").write_text("Identical body.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Identical body.", encoding="utf-8")
    first, second = _read(tmp_path)
    assert first.id == second.id and first.content_hash == second.content_hash


def test_globs_are_expanded_by_storylens(tmp_path):
    (tmp_path / "one.txt").write_text("First fictional report from Port Velm.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Second fictional report from Port Velm.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Not matched by the pattern.", encoding="utf-8")
    items = _read(f"{tmp_path}/*.txt", f"{tmp_path}/*.nothing")
    assert [a.source.rsplit("/", 1)[-1] for a in items[:2]] == ["one.txt", "two.txt"]
    assert str(items[2]) == f"{tmp_path}/*.nothing: no file matches this pattern"


def test_json_array_and_single_record(tmp_path):
    records = [{"id": "j-1", "text": "Body one about the ferry.", "author": "Ana Reyes"}, {"title": "no body"}]
    (tmp_path / "many.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"html": "<p>Single body.</p>", "language": "EN"}),
                                       encoding="utf-8")
    (tmp_path / "bad.json").write_text("[{", encoding="utf-8")
    items = _read(tmp_path / "many.json", tmp_path / "one.json", tmp_path / "bad.json")
    assert items[0].id == "j-1" and items[0].author == "Ana Reyes"
    assert str(items[1]) == f"{tmp_path / 'many.json'}[1]: record has no 'text' or 'html'"
    assert items[2].raw_format == "html" and items[2].language == "en"
    assert isinstance(items[3], InputError) and items[3].reason.startswith("invalid JSON")


def test_csv_records_and_a_csv_without_body_column(tmp_path):
    good = tmp_path / "rows.csv"
    good.write_text('id,Text,outlet,published\nc-1,"A ferry, late again.",Velm Ledger,2026-03-04\n'
                    'c-2,,Velm Ledger,\nc-3,"Line one\nline two.",Harbour Post,\n', encoding="utf-8")
    bad = tmp_path / "nobody.csv"
    bad.write_text("id,title\n1,Headline only\n", encoding="utf-8")
    items = _read(good, bad)
    assert [i.id for i in items if not isinstance(i, InputError)] == ["c-1", "c-3"]
    assert items[0].outlet == "Velm Ledger" and items[0].published == "2026-03-04"
    assert items[2].raw == "Line one\nline two."
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert errors == [f"{good}:3: record has no 'text' or 'html'",
                      f"{bad}: CSV has no 'text' or 'html' column (columns: id, title)"]


def test_inputs_dispatch_by_table():
    from storylens.ingest.readers import FORMAT_READERS, INPUT_READERS, input_kind

    assert [input_kind(x) for x in ("-", "https://velm.example/a", "news/*.html", "a.txt")] == [
        "stdin", "url", "glob", "path"]
    assert set(INPUT_READERS) == {"stdin", "url", "glob", "path"}
    assert set(FORMAT_READERS) == {"jsonl", "json", "csv", "feed"}
