"""Story stage `statements`: the same words of one speaker carried by several articles, as one statement.

Outlets quote a statement in full, in part, or with a word changed; a fact-checker wants to see it once,
with every outlet that carried it. Two quotes are one statement when their speaker agrees (the same linked
entity, or the same name) and their words are near-identical (rapidfuzz ratio) or one quote is a long enough
excerpt of the other (partial ratio). A quote whose speaker is unknown joins a statement of a known speaker
only when it is at least EXCERPT_MIN_WORDS words long, so a short common phrase cannot pull it in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from storylens.model import Story
from storylens.stages.names.namewords import fold

SAME_WORDS = 90  # fuzz.ratio from which two quotes are the same words
EXCERPT = 95  # fuzz.partial_ratio from which the shorter quote is an excerpt of the longer
EXCERPT_MIN_WORDS = 6  # an excerpt shorter than this is a common phrase, not evidence of one statement
_NON_WORD = re.compile(r"[^\w]+")


def _words(text: str) -> str:
    """Comparison form of quoted words: case folded, punctuation and quote marks dropped."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def same_words(a: str, b: str) -> bool:
    """Two quotes (in comparison form) are the same statement: near-identical, or one an excerpt of the other."""
    if not a or not b:
        return False
    if fuzz.ratio(a, b) >= SAME_WORDS:
        return True
    short = min(a, b, key=len)
    return len(short.split()) >= EXCERPT_MIN_WORDS and fuzz.partial_ratio(a, b) >= EXCERPT


def _speaker_key(quote: dict[str, Any]) -> str | None:
    """Who said it, for grouping: the linked entity, else the folded name; None when unknown."""
    speaker = quote.get("speaker") or {}
    if speaker.get("entity"):
        return f"entity:{speaker['entity']}"
    name = speaker.get("name") or ""
    return f"name:{fold(name)}" if name.strip() else None


def _content_words(words: str) -> set[str]:
    return {w for w in words.split() if w not in STOP_WORDS}


class _Pool:
    """Statements being built, with a content-word index so a quote is only compared with statements that
    share some of its words (a story of thousands of quotes must not compare every pair)."""

    def __init__(self) -> None:
        self.statements: list[dict[str, Any]] = []
        self._index: dict[str, set[int]] = defaultdict(set)

    def find(self, words: str) -> dict[str, Any] | None:
        """The statement whose words match, preferring the one with the most quotes."""
        content = _content_words(words)
        candidates = set().union(*(self._index.get(w, ()) for w in content)) if content else \
            range(len(self.statements))
        hits = [self.statements[i] for i in candidates
                if any(same_words(words, w) for w in self.statements[i]["_words"])]
        return max(hits, key=lambda s: (len(s["quotes"]), -s["_order"]), default=None)

    def add(self, quote: dict[str, Any], words: str, home: dict[str, Any] | None) -> None:
        """Add a quote to `home`, or start a new statement when there is none."""
        if home is None:
            speaker = quote.get("speaker") or {}
            home = {"speaker": {"entity": speaker.get("entity"), "name": speaker.get("name")},
                    "quotes": [], "_words": [], "_order": len(self.statements)}
            self.statements.append(home)
        home["quotes"].append(quote)
        home["_words"].append(words)
        self._index_words(home, words)

    def adopt(self, statement: dict[str, Any]) -> None:
        """Take in a statement built in another pool (its quotes stay shared with it)."""
        statement["_order"] = len(self.statements)
        self.statements.append(statement)
        for words in statement["_words"]:
            self._index_words(statement, words)

    def _index_words(self, statement: dict[str, Any], words: str) -> None:
        for w in _content_words(words):
            self._index[w].add(statement["_order"])


def _record(index: int, statement: dict[str, Any], outlets: dict[str, str | None],
            sources: dict[str, str]) -> dict[str, Any]:
    """A statement as output: the fullest wording, its quotes, and the articles and outlets that carry it."""
    quotes = statement["quotes"]
    articles = list(dict.fromkeys(q["article"] for q in quotes))
    fullest = max(quotes, key=lambda q: len(q["text"]))
    return {
        "id": f"st{index}",
        "speaker": statement["speaker"],
        "text": fullest["text"],
        "kind": "direct" if any(q["kind"] == "direct" for q in quotes) else "indirect",
        "quotes": [q["id"] for q in quotes],
        "articles": articles,
        "outlets": [o for o in dict.fromkeys(outlets.get(a) for a in articles) if o],
        "independent_sources": len({sources.get(a, a) for a in articles}),
    }


def statements_of(quotes: list[dict[str, Any]], outlets: dict[str, str | None],
                  sources: dict[str, str]) -> list[dict[str, Any]]:
    """Contract quotes grouped into statements, most widely carried first (`outlets`: article id -> outlet,
    `sources`: article id -> independent-source key)."""
    by_speaker: dict[str, _Pool] = defaultdict(_Pool)
    unknown: list[tuple[dict[str, Any], str]] = []
    for quote in quotes:
        words, key = _words(quote["text"]), _speaker_key(quote)
        if key is None:
            unknown.append((quote, words))
        else:
            pool = by_speaker[key]
            pool.add(quote, words, pool.find(words))
    known = _Pool()  # every known speaker's statements, for the unknown-speaker quotes to join
    for pool in by_speaker.values():
        for statement in pool.statements:
            known.adopt(statement)
    orphans = _Pool()
    for quote, words in unknown:
        home = known.find(words) if len(words.split()) >= EXCERPT_MIN_WORDS else None
        if home is not None:
            home["quotes"].append(quote)
        else:
            orphans.add(quote, words, orphans.find(words))
    ordered = sorted(known.statements + orphans.statements, key=lambda s: -len({q["article"] for q in s["quotes"]}))
    return [_record(i, s, outlets, sources) for i, s in enumerate(ordered)]


def group_statements(story: Story) -> Story:
    """Story stage `statements`: fill `results["statements"]` from the story's quotes."""
    outlets = {a.id: a.outlet for a in story.articles}
    results = story.results
    results["statements"] = statements_of(results.get("quotes", []), outlets, results.get("sources", {}))
    return story
