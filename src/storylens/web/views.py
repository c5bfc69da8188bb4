"""The web app's views: each builds one plain data dict, which the app renders as HTML or returns as JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from sqlalchemy.engine import Engine

from storylens.outputs.report.context import build_context
from storylens.outputs.report.paging import PAGED_LISTS, Paging
from storylens.store import catalog, search
from storylens.web.stories import StoryCache

MAX_PAGE_SIZE = 500
MAX_PAGE = 1_000_000  # a page number past the end gives an empty page, never an overflow


class NotFound(LookupError):
    """The story or article asked for does not exist."""


@dataclass(frozen=True)
class Query:
    """Query parameters of a view: page sizes, one page number per list, and any others to keep in links."""

    size: int
    pages: dict[str, int]
    extra: dict[str, str]
    article_size: int = 10  # full article texts are long: fewer of them per page

    def url(self, name: str, page: int) -> str:
        """A link to another page of list `name`, keeping everything else the same."""
        params = {**self.extra, **{k: str(v) for k, v in self.pages.items() if v > 1}, "size": str(self.size),
                  "article_size": str(self.article_size)}
        params[name] = str(page)
        return "?" + urlencode(params)

    def paging(self) -> Paging:
        """The paging the story context builder reads."""
        return Paging(size=self.size, pages=self.pages, url=self.url, sizes={"articles": self.article_size})


def make_query(params: dict[str, str], default_size: int, keep: tuple[str, ...] = (),
               default_article_size: int = 10) -> Query:
    """Parse page sizes and page numbers (bad or missing values fall back to sane ones)."""
    def number(value: str | None, default: int) -> int:
        # ASCII digits only ("²" is a digit to isdigit, not to int), and at most MAX_PAGE: SQL OFFSET of a
        # 21-digit page overflowed (a 500).
        if value is None or not (value.isascii() and value.isdigit()):
            return default
        return min(int(value), MAX_PAGE) if len(value) <= 12 else MAX_PAGE
    size = min(max(number(params.get("size"), default_size), 1), MAX_PAGE_SIZE)
    article_size = min(max(number(params.get("article_size"), default_article_size), 1), MAX_PAGE_SIZE)
    pages = {name: max(number(params.get(name), 1), 1) for name in PAGED_LISTS + ("page",)}
    return Query(size=size, pages=pages, extra={k: params[k] for k in keep if params.get(k)},
                 article_size=article_size)


def article_path(story_id: str, article_id: str) -> str:
    """The app path of an article page."""
    return f"/stories/{quote(story_id, safe='')}/articles/{quote(article_id, safe='')}"


def story_path(story_id: str) -> str:
    """The app path of a story page."""
    return f"/stories/{quote(story_id, safe='')}"


def stories_view(engine: Engine) -> dict[str, Any]:
    """All stories with article counts, outlets and date ranges."""
    stories = catalog.stories(engine)
    for s in stories:
        s["href"] = story_path(s["id"])
    return {"title": "Stories", "stories": stories}


def _story(cache: StoryCache, story_id: str) -> dict[str, Any]:
    data = cache.get(story_id)
    if data is None:
        raise NotFound(f"no story {story_id!r}")
    return data


def _linker(story_id: str, on_page: set[str]) -> Any:
    def link(article_id: str | None, anchor: str) -> str:
        if article_id is None or article_id in on_page:
            return f"#{anchor}"
        return f"{article_path(story_id, article_id)}#{quote(anchor, safe=':-_.')}"
    return link


def story_view(cache: StoryCache, story_id: str, query: Query) -> dict[str, Any]:
    """A story page: every panel of the report, long lists one page at a time."""
    data = _story(cache, story_id)
    paging = query.paging()
    shown, _info = paging.take("articles", data.get("articles") or [])  # the same page build_context shows
    context = build_context(data, paging, _linker(story_id, {a["id"] for a in shown}))
    return {"title": context["header"]["title"], "story_id": story_id, "story_href": story_path(story_id),
            "json_href": f"/api{story_path(story_id)}/story.json", **context}


def story_json(cache: StoryCache, story_id: str) -> dict[str, Any]:
    """The whole `storylens.story/1` document of a story."""
    return _story(cache, story_id)


def article_view(cache: StoryCache, story_id: str, article_id: str) -> dict[str, Any]:
    """One article of a story: its text with claims and quotes marked, and what cleaning removed."""
    data = _story(cache, story_id)
    article = next((a for a in data.get("articles") or [] if a["id"] == article_id), None)
    if article is None:
        raise NotFound(f"no article {article_id!r} in story {story_id!r}")
    context = build_context(data, Paging(), _linker(story_id, {article_id}), only_articles={article_id})
    return {"title": article.get("title") or article_id, "story_id": story_id, "story_href": story_path(story_id),
            "story_title": context["header"]["title"], "article_id": article_id,
            "articles": context["articles"], "claim_status": context["claim_status"],
            "claim_group": context["claim_group"], "pages": {"articles": None}}


def search_view(engine: Engine, text: str, query: Query, story: str | None = None) -> dict[str, Any]:
    """Search results over articles, claims and quotes (one page), each linked to its sentence."""
    page = query.pages.get("page", 1)
    total, hits = search.search(engine, text, limit=query.size, offset=(page - 1) * query.size, story=story)
    results = []
    for hit in hits:
        stories = [story] if story else catalog.article_stories(engine, hit.article)
        href = article_path(stories[0], hit.article) if stories else None
        if href and hit.kind != "article":
            href += f"#{hit.kind}-{quote(hit.ref, safe=':-_.')}"
        results.append({**hit.to_dict(), "href": href})
    pages = -(-total // query.size) if total else 0
    pager = {"name": "results", "page": page, "pages": pages, "total": total, "size": query.size,
             "prev": query.url("page", page - 1) if page > 1 else None,
             "next": query.url("page", page + 1) if page < pages else None}
    return {"title": f"Search: {text}" if text else "Search", "query": text, "story": story, "total": total,
            "results": results, "pages": {"results": pager}}
