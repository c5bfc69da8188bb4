"""Pages of long lists for story views: the report shows everything, the web app one page per list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Lists a story view may page; each has its own page number (query parameter of the same name).
PAGED_LISTS = ("groups", "events", "quotes", "timeline", "coverage", "articles")


@dataclass
class Paging:
    """Page size, the page asked for per list, and how to link to another page of one list."""

    size: int | None = None  # None = everything on one page (the static report)
    pages: dict[str, int] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)  # per-list sizes overriding `size` (e.g. articles)
    url: Callable[[str, int], str] | None = None

    def take(self, name: str, items: list[Any]) -> tuple[list[Any], dict[str, Any] | None]:
        """The requested page of `items` and its pager info (None when the list fits on one page)."""
        size = self.sizes.get(name, self.size) if self.size else None
        if not size or len(items) <= size:
            return items, None
        pages = -(-len(items) // size)
        page = min(max(self.pages.get(name, 1), 1), pages)
        info = {"name": name, "page": page, "pages": pages, "size": size, "total": len(items),
                "prev": self._url(name, page - 1) if page > 1 else None,
                "next": self._url(name, page + 1) if page < pages else None}
        return items[(page - 1) * size: page * size], info

    def _url(self, name: str, page: int) -> str:
        return self.url(name, page) if self.url else f"?{name}={page}"


EVERYTHING = Paging()
