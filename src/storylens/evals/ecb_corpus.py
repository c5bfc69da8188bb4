"""ECB+ documents as storylens inputs with each token's character offsets, gold event mentions, and a
cache of the processed articles (with their spaCy parses) so story-level work can be iterated on quickly.

Tokens are joined the way `false_alarms.detokenize` joins them (no space before closing punctuation and
clitics, `` '' as curly quotes), sentences as paragraphs, URL lines left out; every token keeps its
offsets, so a gold mention (document, token ids) becomes a character span in the article's `text`.
"""

from __future__ import annotations

import bisect
import gzip
import json
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storylens.evals import dataset_dir

DATA_DIR = dataset_dir("ecbplus")
URL_LINE = re.compile(r"^https?\s*:")
NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|n't|'s|'re|'ve|'ll|'d|'m|’s|'')$")
NO_SPACE_AFTER = frozenset(["(", "[", "{", "$", "``"])
QUOTES = {"``": "“", "''": "”"}


@dataclass
class EcbDocument:
    """One ECB+ document: its input text, token offsets and gold event mentions."""

    doc_id: str
    topic: int
    subtopic: str
    split: str
    text: str
    tokens: dict[int, tuple[int, int]]  # token id -> (start, end) in `text`
    verified: set[int]
    mentions: list[dict[str, Any]] = field(default_factory=list)  # gold event mentions with "start", "end"


def join_tokens(sentences: list[str], first_token: int = 1) -> tuple[str, dict[int, tuple[int, int]]]:
    """Detokenised text (one paragraph per sentence, URL lines skipped) and each token's offsets."""
    parts: list[str] = []
    offsets: dict[int, tuple[int, int]] = {}
    pos, token_id = 0, first_token
    for sentence in sentences:
        tokens = sentence.split(" ")
        if URL_LINE.match(sentence):
            token_id += len(tokens)
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        previous = None
        for token in tokens:
            shown = QUOTES.get(token, token)
            if previous is not None and not NO_SPACE_BEFORE.match(token) and previous not in NO_SPACE_AFTER:
                parts.append(" ")
                pos += 1
            parts.append(shown)
            offsets[token_id] = (pos, pos + len(shown))
            pos += len(shown)
            previous, token_id = token, token_id + 1
    return "".join(parts), offsets


def read_documents(data_dir: Path = DATA_DIR) -> list[EcbDocument]:
    """Every ECB+ document with its gold event mentions (verified sentences marked)."""
    docs = {}
    for line in (data_dir / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        text, tokens = join_tokens(raw["sentences"])
        docs[raw["doc_id"]] = EcbDocument(raw["doc_id"], raw["topic"], raw["subtopic"], raw["split"], text,
                                          tokens, set(raw["verified_sentences"]))
    for mention in _mentions(data_dir):
        doc = docs.get(mention["doc_id"])
        if doc is None or mention["kind"] != "event":
            continue
        spans = [doc.tokens[t] for t in mention["token_ids"] if t in doc.tokens]
        if spans:
            doc.mentions.append({**mention, "start": min(s for s, _ in spans), "end": max(e for _, e in spans)})
    return list(docs.values())


def _mentions(data_dir: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(data_dir / "mentions.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def align_to_article(doc: EcbDocument, text: str) -> dict[int, tuple[int, int]]:
    """Token offsets moved into the cleaned article `text` (cleaning may drop a headline or date line):
    each input paragraph is found in order; tokens of a paragraph that was cut are left out."""
    moved: dict[int, tuple[int, int]] = {}
    by_paragraph: dict[int, list[int]] = {}
    starts = [0] + [m.end() for m in re.finditer("\n\n", doc.text)]
    for token, (start, _end) in doc.tokens.items():
        by_paragraph.setdefault(bisect.bisect_right(starts, start) - 1, []).append(token)
    cursor = 0
    for number, start in enumerate(starts):
        end = doc.text.find("\n\n", start)
        paragraph = doc.text[start : end if end >= 0 else len(doc.text)]
        found = text.find(paragraph, cursor)
        if found < 0:
            continue
        cursor = found + len(paragraph)
        for token in by_paragraph.get(number, []):
            s, e = doc.tokens[token]
            moved[token] = (s - start + found, e - start + found)
    return moved


def is_cross_document(mention: dict[str, Any]) -> bool:
    """A mention of an event instance annotated across documents (not a singleton or within-doc chain)."""
    return not mention["chain_id"].startswith(("SINGLETON", "INTRA"))


def process(docs: list[EcbDocument], cache: Path | None = None) -> dict[str, Any]:
    """Run the article stages on every document: {doc id: Article}; with `cache`, parses are kept too.

    The cache holds the articles and a DocBin of every parsed block, so a later run restores spaCy's
    parse cache and article stages added since (e.g. `events`) run without parsing again.
    """
    if cache and cache.exists():
        return load_cache(cache)
    from storylens.ingest.readers import article_from_record
    from storylens.model import Article
    from storylens.pipeline.build import build_pipeline
    from storylens.pipeline.registry import ARTICLE_STAGES
    from storylens.text import parse as nlp

    nlp.CACHE_SIZE = 10**6  # keep every block's parse for the cache below
    pipeline = build_pipeline(ARTICLE_STAGES, ())
    articles = {}
    for doc in docs:
        raw = article_from_record({"id": doc.doc_id, "text": doc.text}, doc.doc_id)
        result = pipeline.try_article(raw)  # type: ignore[arg-type]
        if isinstance(result, Article):
            articles[doc.doc_id] = result
        else:
            print(f"{doc.doc_id}: {result}")
    if cache:
        save_cache(cache, articles)
    return articles


def save_cache(cache: Path, articles: dict[str, Any]) -> None:
    """Pickle the articles with a DocBin of spaCy's cached parses."""
    from spacy.tokens import DocBin

    from storylens.text import parse as nlp

    texts = list(nlp._cache)
    docbin = DocBin(store_user_data=False, docs=[nlp._cache[t] for t in texts])
    with cache.open("wb") as handle:
        pickle.dump({"articles": articles, "texts": texts, "docs": docbin.to_bytes()}, handle)


def load_cache(cache: Path) -> dict[str, Any]:
    """Articles from `save_cache`, with spaCy's parse cache restored."""
    from spacy.tokens import DocBin

    from storylens.text import parse as nlp

    with cache.open("rb") as handle:
        data = pickle.load(handle)  # noqa: S301 - a file this command wrote itself
    nlp.CACHE_SIZE = 10**6
    docs = DocBin().from_bytes(data["docs"]).get_docs(nlp.load_nlp().vocab)
    for text, doc in zip(data["texts"], docs, strict=True):
        nlp._cache[text] = doc
    return data["articles"]
