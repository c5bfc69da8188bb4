"""Deep or sloppy HTML loses no text silently (issue 19, item 4): libxml2 stopped at 256 levels and dropped
the rest of the page with no error; now pages are parsed with huge_tree, and a page deeper than that is read
flattened, which its `removed` records."""

from __future__ import annotations

from storylens.cleaning import clean_raw
from storylens.cleaning.deephtml import TOO_DEEP, flatten_html, parse_page


def _updates(count: int) -> str:
    # A live blog that never closes its <font> tags: every update nests two levels deeper.
    updates = "".join(f"<p><font>Update {n}: the crane crew in Caddow moved pallet {n} to the quay."
                      for n in range(count))
    return (f"<html><head><title>Caddow quay live</title></head><body><article><h1>Caddow quay works</h1>{updates}"
            "<p>Final update: the Caddow quay reopened on Monday.</p></article></body></html>")


def test_three_hundred_unclosed_updates_keep_every_paragraph():
    cleaned = clean_raw(_updates(300), "html")
    assert cleaned.text.count("Update ") == 300 and "Final update" in cleaned.text  # was 127, last one lost
    assert all(r["reason"] != TOO_DEEP for r in cleaned.removed)  # huge_tree read it whole: nothing to note


def test_markup_deeper_than_any_parser_limit_is_read_flattened_and_noted():
    cleaned = clean_raw(_updates(3000), "html")
    assert cleaned.text.count("Update ") == 3000 and "Final update" in cleaned.text
    assert {"text": "", "reason": TOO_DEEP} in cleaned.removed
    deep = ("<html><body>" + "<div>" * 50_000 + "<p>The only paragraph: the Linmoor tram depot flooded on "
            "Sunday night, the operator said.</p>" + "</div>" * 50_000 + "</body></html>")
    cleaned = clean_raw(deep, "html")
    assert "Linmoor tram depot flooded" in cleaned.text  # was "no article text found"
    assert {"text": "", "reason": TOO_DEEP} in cleaned.removed


def test_flattening_keeps_blocks_and_headings_and_drops_scripts():
    flat = flatten_html("<html><head><title>T &amp; U</title><script>x=1</script></head><body><div><h3>Head"
                        "</h3><div>One <b>bold</b> line<br>Two</div><script>evil()</script><p>3 &lt; 4</p></body>")
    assert "<title>T &amp; U</title>" in flat and "<h2>Head</h2>" in flat and "<p>One bold line</p>" in flat
    assert "<p>Two</p>" in flat and "<p>3 &lt; 4</p>" in flat and "evil" not in flat and "x=1" not in flat
    tree, notes = parse_page("<html><body><p>Shallow page.</p></body></html>")
    assert tree is not None and notes == []
