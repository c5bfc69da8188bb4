"""Decoding inputs whose declared charset does not fit their bytes (issue 17, item 4)."""

from __future__ import annotations

import pytest

from storylens.cleaning.encoding import declared_charset, decode_bytes
from storylens.ingest.readers import read_inputs

PAGE = ('<html><head><meta charset="{charset}"><title>Café fire</title></head><body><h1>Café fire</h1>'
        "<p>The naïve owner of the Westmere café said it would reopen in spring.</p></body></html>")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_latin_page_declared_utf8_comes_out_right(encoding: str) -> None:
    text = decode_bytes(PAGE.format(charset="utf-8").encode(encoding))
    assert "<h1>Café fire</h1>" in text and "naïve owner" in text


def test_cp1252_punctuation_declared_utf8() -> None:
    page = '<meta charset="utf-8"><p>The mayor’s “review” of the café — delayed.</p>'
    assert decode_bytes(page.encode("cp1252")).endswith("The mayor’s “review” of the café — delayed.</p>")


def test_declared_legacy_charset_that_fits_is_used() -> None:
    page = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>Мэр открыл мост.</p>'
    assert decode_bytes(page.encode("cp1251")).endswith("<p>Мэр открыл мост.</p>")


def test_declared_charset_names() -> None:
    assert declared_charset(b'<meta charset="ISO-8859-1">') == "cp1252"
    assert declared_charset(b"<meta charset=utf-8>") == "utf-8"
    assert declared_charset(b'<meta charset="no-such-charset">') is None
    assert declared_charset(b"<p>no declaration</p>") is None


def test_utf8_page_is_untouched() -> None:
    page = PAGE.format(charset="utf-8")
    assert decode_bytes(page.encode("utf-8")) == page


def test_ingest_reads_mislabelled_page(tmp_path) -> None:
    path = tmp_path / "cafe.html"
    path.write_bytes(PAGE.format(charset="utf-8").encode("cp1252"))
    (article,) = list(read_inputs([str(path)]))
    assert "Café fire" in article.raw
