"""Parsing HTML without silent text loss: libxml2 stops reading a page nested deeper than its limit (256
levels, 2,048 with `huge_tree`) and the rest of the page is gone, with no error raised. Sloppy pages get
there easily (300 unclosed `<p><font>` updates nest 600 levels).

`parse_page` parses with `huge_tree`; a page deeper than that is read again flattened: every block of text
becomes a paragraph of a flat document (headings kept), so no text is lost, and the article records that
its layout was not read (`removed`, reason `markup-too-deep`).
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser as StreamParser
from typing import Any

from lxml import etree
from lxml.html import HTMLParser, fromstring

TOO_DEEP = "markup-too-deep"
# Tags that end a block of text in the flattened page; anything else (font, span, a, b...) is inline.
BLOCK_TAGS = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 "
                       "h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split())
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
SKIPPED = frozenset(("script", "style", "noscript", "template", "svg", "head"))


def _parser() -> HTMLParser:
    # A fresh parser per page: its error log is what tells a cut-off page, and the web app parses in threads.
    return HTMLParser(huge_tree=True, collect_ids=False, default_doctype=False, encoding="utf-8",
                      remove_comments=True, remove_pis=True)


def parse_page(raw: str) -> tuple[Any, list[dict[str, str]]]:
    """The page's lxml tree (None if it is not HTML at all) and notes for `removed` when it had to be flattened."""
    tree, cut = _parse(raw)
    if not cut:
        return tree, []
    flat_tree, _ = _parse(flatten_html(raw))
    note = {"text": "", "reason": TOO_DEEP}  # the text is all kept; only the page's layout was not read
    return (flat_tree if flat_tree is not None else tree), [note]


def _parse(raw: str) -> tuple[Any, bool]:
    """The tree, and whether libxml2 stopped early because the markup nests too deep."""
    parser = _parser()
    try:
        tree = fromstring(raw.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError):  # an empty or unparseable document
        return None, False
    cut = any("Excessive depth" in error.message for error in parser.error_log)
    return tree, cut


class _Flattener(StreamParser):
    """Collects text blocks from a tag stream (no tree, so no depth limit)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (tag, text)
        self.current: list[str] = []
        self.kind = "p"
        self.skipping: list[str] = []
        self.title: list[str] = []

    def handle_starttag(self, tag: str, _attrs: Any) -> None:
        if tag in SKIPPED:
            self.skipping.append(tag)
        elif tag in BLOCK_TAGS:
            self.flush()
            self.kind = "h2" if tag in HEADINGS else "p"

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag in BLOCK_TAGS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.lasttag == "title" and not self.blocks and not self.current:
            self.title.append(data)
        elif not self.skipping:
            self.current.append(data)

    def flush(self) -> None:
        """End the current block of text."""
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append((self.kind, text))
        self.current, self.kind = [], "p"


def flatten_html(raw: str) -> str:
    """A flat HTML document with every block of text of `raw` as a paragraph (headings as <h2>)."""
    reader = _Flattener()
    reader.feed(raw)
    reader.close()
    reader.flush()
    title = " ".join("".join(reader.title).split())
    body = "\n".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in reader.blocks)
    return (f"<html><head><title>{escape(title)}</title></head><body><article>\n{body}\n</article></body></html>")
