"""Record which fields a stage reads and writes, as the registry's paths (`text`, `layers.claims`,
`vectors.claims`, `meta.x`, `results.claim_pairs`, `options.words`), for the stage-contract test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import Any

from storylens.model import Article, Story

ARTICLE_FIELDS = frozenset(f.name for f in fields(Article)) - {"layers", "vectors", "meta"}
DICT_FIELDS = ("layers", "vectors", "meta")


class Record:
    """The paths read and written while recording is on."""

    def __init__(self) -> None:
        self.reads: set[str] = set()
        self.writes: set[str] = set()


class RecordingDict(dict):
    """A dict that notes `<prefix>.<key>` for each key read or written."""

    def __init__(self, data: dict, prefix: str, record: Record):
        super().__init__(dict.items(data))
        self.prefix, self.record = prefix, record

    def _note(self, key: Any, into: set[str]) -> None:
        into.add(f"{self.prefix}.{key}")

    def __getitem__(self, key: Any) -> Any:
        self._note(key, self.record.reads)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._note(key, self.record.reads)
        return super().get(key, default)

    def __contains__(self, key: Any) -> bool:
        self._note(key, self.record.reads)
        return super().__contains__(key)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        self._note(key, self.record.writes)
        return super().setdefault(key, default)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._note(key, self.record.writes)
        super().__setitem__(key, value)

    def __delitem__(self, key: Any) -> None:
        self._note(key, self.record.writes)
        super().__delitem__(key)

    def pop(self, key: Any, *default: Any) -> Any:
        self._note(key, self.record.writes)
        return super().pop(key, *default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key in dict(*args, **kwargs):
            self._note(key, self.record.writes)
        super().update(*args, **kwargs)

    def __iter__(self) -> Iterator[Any]:
        for key in list(dict.__iter__(self)):
            self._note(key, self.record.reads)
        return super().__iter__()

    def items(self) -> Any:
        list(iter(self))
        return super().items()

    def values(self) -> Any:
        list(iter(self))
        return super().values()


def plain(data: dict) -> dict:
    """A plain copy of a (recording) dict, read without being recorded."""
    return dict(dict.items(data))


class RecordingArticle(Article):
    """An Article that notes each plain field read or assigned (the instance's class is swapped in place)."""

    def __getattribute__(self, name: str) -> Any:
        record = object.__getattribute__(self, "__dict__").get("_record")
        if record is not None and name in ARTICLE_FIELDS:
            record.reads.add(name)
        return object.__getattribute__(self, name)

    def __setattr__(self, name: str, value: Any) -> None:
        record = object.__getattribute__(self, "__dict__").get("_record")
        if record is not None and name in ARTICLE_FIELDS:
            record.writes.add(name)
        if record is not None and name in DICT_FIELDS and not isinstance(value, RecordingDict):
            value = RecordingDict(value, name, record)
        object.__setattr__(self, name, value)


@contextmanager
def recording_article(article: Article, record: Record) -> Iterator[Article]:
    """Record what is read from and written to `article` inside the block; the article is plain again after."""
    object.__setattr__(article, "_record", record)
    for name in DICT_FIELDS:
        object.__setattr__(article, name, RecordingDict(article.__dict__[name], name, record))
    article.__class__ = RecordingArticle
    try:
        yield article
    finally:
        del article.__dict__["_record"]
        article.__class__ = Article
        for name in DICT_FIELDS:
            object.__setattr__(article, name, plain(article.__dict__[name]))


@contextmanager
def recording_story(story: Story, record: Record) -> Iterator[Story]:
    """Record reads and writes of the story's results and options and of every article's fields."""
    story.results = RecordingDict(story.results, "results", record)
    story.options = RecordingDict(story.options, "options", record)
    entered = []
    try:
        for article in story.articles:
            cm = recording_article(article, record)
            cm.__enter__()
            entered.append(cm)
        yield story
    finally:
        for cm in entered:
            cm.__exit__(None, None, None)
        story.results, story.options = plain(story.results), plain(story.options)
