"""The FastAPI app: routes that call the views, render HTML or JSON, and guard the write endpoints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from storylens import __version__, store
from storylens.ingest.readers import sanitize_text
from storylens.outputs.report.context import TEMPLATE_DIR
from storylens.settings import DEFAULT_STAGE_TIMEOUT, FIELD_LIMITS, Limits
from storylens.store import catalog
from storylens.web import views
from storylens.web.adding import from_paste, from_upload, from_url
from storylens.web.apidocs import docs_context
from storylens.web.security import LOOPBACK_HOSTS, MULTIPART_SLACK, SecurityMiddleware, bearer, cross_site, token_ok
from storylens.web.stories import PageCache, StoryCache
from storylens.web.urlguard import UrlRefused

HERE = Path(__file__).parent
STATIC = {"report.css": (TEMPLATE_DIR / "report.css", "text/css"),
          "report.js": (TEMPLATE_DIR / "report.js", "text/javascript"),
          "app.css": (HERE / "static" / "app.css", "text/css")}


@dataclass(frozen=True)
class Settings:
    """How the app runs: store URL, write token, upload cap (inflated bytes, pasted text too), URL-fetch
    policy, default page size, and the host names it answers to (the Host header; "*" = any)."""

    db: str = store.DEFAULT_DB
    token: str | None = None
    max_upload: int = 5 * 1024 * 1024
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    allow_private_urls: bool = False
    page_size: int = 50
    article_page_size: int = 10
    stage_timeout: float = DEFAULT_STAGE_TIMEOUT  # seconds per article stage for added articles (0 = no limit)


class WriteRefused(Exception):
    """A write request without the right token, or sent cross-site."""


class BadRequest(Exception):
    """A request the app cannot act on: answered with `status` and the message."""

    def __init__(self, message: str, status: int = 400, title: str = "Bad request") -> None:
        super().__init__(message)
        self.status, self.title = status, title


FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")

def templates() -> Environment:
    """The app's Jinja2 environment: its own pages first, then the report's panels and macros."""
    loader = ChoiceLoader([FileSystemLoader(str(HERE / "templates")), FileSystemLoader(str(TEMPLATE_DIR))])
    return Environment(loader=loader, autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                       lstrip_blocks=True)


def wants_json(request: Request) -> bool:
    """JSON for /api/ paths, or when the client asks for JSON rather than HTML."""
    accept = request.headers.get("accept", "")
    return request.url.path.startswith("/api/") or ("application/json" in accept and "text/html" not in accept)


@dataclass
class AppContext:
    """What every route needs: settings, the store, the story and page caches, the templates."""

    settings: Settings
    engine: Engine
    cache: StoryCache
    pages: PageCache = field(default_factory=PageCache)
    env: Environment = field(default_factory=templates)

    def render(self, request: Request, template: str, data: dict[str, Any], status: int = 200) -> Response:
        """The view's dict as JSON, or rendered through `template` as HTML."""
        if wants_json(request):
            return JSONResponse(data, status_code=status)
        page = self.env.get_template(template).render(**data, write_token=bool(self.settings.token),
                                                      version=__version__)
        return Response(page, status_code=status, media_type="text/html; charset=utf-8")

    def check_write(self, request: Request, form_token: str | None) -> None:
        """Refuse cross-site writes, and writes without the token when one is set."""
        if cross_site(request.headers, request.headers.get("host")):
            raise WriteRefused("cross-site write requests are refused")
        if not token_ok(self.settings.token, bearer(request.headers) or form_token):
            raise WriteRefused("this server needs a write token (Authorization: Bearer TOKEN or the form's token)")


def create_app(settings: Settings | None = None, cache: StoryCache | None = None) -> FastAPI:
    """Build the app over the store in `settings.db`."""
    settings = settings or Settings()
    engine = store.connect(settings.db)
    cache = cache or StoryCache(engine, limits=Limits(stage_timeout=settings.stage_timeout))
    ctx = AppContext(settings, engine, cache)
    # CDN-hosted Swagger/ReDoc pages would break offline and under the CSP: /docs is our own page instead.
    # A pasted text may be as long as an upload (the form's field limit would otherwise be 1 MB).
    app = FastAPI(title="storylens", version=__version__, docs_url=None, redoc_url=None,
                  description="Cross-outlet story analysis: stories, articles, claims, quotes, search.",
                  form_limits={"max_part_size": settings.max_upload + MULTIPART_SLACK})
    app.add_middleware(SecurityMiddleware, max_body=settings.max_upload, allowed_hosts=settings.allowed_hosts)

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return ctx.render(request, "error.html.j2", {"title": exc.title, "error": str(exc)}, exc.status)

    @app.exception_handler(views.NotFound)
    async def not_found(request: Request, exc: views.NotFound) -> Response:
        return ctx.render(request, "error.html.j2", {"title": "Not found", "error": str(exc)}, 404)

    @app.exception_handler(WriteRefused)
    async def refused(request: Request, exc: WriteRefused) -> Response:
        return ctx.render(request, "error.html.j2", {"title": "Not allowed", "error": str(exc)}, 403)

    _read_routes(app, ctx)
    _write_routes(app, ctx)
    _other_routes(app, ctx)
    return app


def _both(app: FastAPI, path: str, endpoint: Any, name: str, methods: tuple[str, ...] = ("GET",)) -> None:
    """Serve a view at `path` (HTML, left out of the API docs) and at `/api` + `path` (JSON, documented)."""
    app.add_api_route(path, endpoint, methods=list(methods), include_in_schema=False)
    app.add_api_route("/api" + ("" if path == "/" else path), endpoint, methods=list(methods), name=name)


def _read_routes(app: FastAPI, ctx: AppContext) -> None:
    """Stories, story pages, article pages, search."""
    def list_stories(request: Request) -> Response:
        """Stories with article counts, outlets and date ranges."""
        return ctx.render(request, "stories.html.j2", views.stories_view(ctx.engine))

    def get_story(request: Request, story_id: str) -> Response:
        """A story: briefing, events, claim groups, conflicts, quotes, timeline, coverage, network, framing, articles.

        Long lists are paged: `size` sets the page size (`article_size` for full article texts), `groups`,
        `events`, `quotes`, `timeline`, `coverage` and `articles` the page of each list."""
        # A page is the same as long as the story's articles and the query are: serve it from memory.
        key = (story_id, ctx.cache.fingerprint(story_id), str(request.url.query), wants_json(request))
        hit = ctx.pages.get(key)
        if hit is not None:
            return Response(hit[0], media_type=hit[1])
        query = views.make_query(dict(request.query_params), ctx.settings.page_size,
                                 default_article_size=ctx.settings.article_page_size)
        response = ctx.render(request, "story.html.j2", views.story_view(ctx.cache, story_id, query))
        ctx.pages.put(key, bytes(response.body), response.media_type or "text/html")
        return response

    def get_article(request: Request, story_id: str, article_id: str) -> Response:
        """One article with its claims and quotes marked, and what cleaning removed."""
        return ctx.render(request, "article.html.j2", views.article_view(ctx.cache, story_id, article_id))

    def do_search(request: Request, q: str = "", story: str | None = None) -> Response:
        """Full-text search across articles, claims and quotes (`page`, `size` page the results)."""
        query = views.make_query(dict(request.query_params), 20, keep=("q", "story"))
        return ctx.render(request, "search.html.j2", views.search_view(ctx.engine, q, query, story or None))

    _both(app, "/", list_stories, "stories")
    _both(app, "/stories", list_stories, "stories_again")
    _both(app, "/stories/{story_id}", get_story, "story")
    _both(app, "/stories/{story_id}/articles/{article_id}", get_article, "article")
    _both(app, "/search", do_search, "search")

    @app.get("/api/stories/{story_id}/story.json", name="story_json")
    def story_document(story_id: str) -> JSONResponse:
        """The story's full `storylens.story/1` document."""
        return JSONResponse(views.story_json(ctx.cache, story_id))

    @app.get("/articles/{article_id}", include_in_schema=False)
    def article_anywhere(article_id: str) -> Response:
        stories = catalog.article_stories(ctx.engine, article_id)
        if not stories:
            raise views.NotFound(f"no article {article_id!r}")
        return RedirectResponse(views.article_path(stories[0], article_id), status_code=307)


def _write_routes(app: FastAPI, ctx: AppContext) -> None:
    """Adding articles (upload, URL, paste) and re-analysing a story."""
    settings = ctx.settings

    async def add_articles(request: Request, story: Annotated[str, Form()] = "default",
                           token: Annotated[str | None, Form()] = None,
                           file: Annotated[UploadFile | None, File()] = None, url: Annotated[str, Form()] = "",
                           text: Annotated[str, Form()] = "", title: Annotated[str, Form()] = "",
                           outlet: Annotated[str, Form()] = "", published: Annotated[str, Form()] = "") -> Response:
        """Add articles to a story from an uploaded file, a URL or pasted text, then re-analyse the story."""
        ctx.check_write(request, token)
        story_id = _form_request(request, story, bool(file is not None and file.filename), url, text)
        if len(text.encode("utf-8", "surrogatepass")) > settings.max_upload:
            raise BadRequest(f"pasted text: larger than {settings.max_upload} bytes", 413, "Too large")
        items = []
        if file is not None and file.filename:
            data = await file.read(settings.max_upload + 1)
            if len(data) > settings.max_upload:
                return ctx.render(request, "error.html.j2", {"title": "Too large", "error":
                                  f"{file.filename}: larger than {settings.max_upload} bytes"}, 413)
            items += from_upload(file.filename, data, settings.max_upload)
        if url.strip():
            try:
                items += await run_in_threadpool(from_url, url.strip(), settings.allow_private_urls,
                                                 settings.max_upload)
            except UrlRefused as exc:
                return ctx.render(request, "error.html.j2", {"title": "URL refused", "error": f"{url}: {exc}"}, 400)
        if text.strip():
            items += from_paste(text, title, outlet, published)
        result = await run_in_threadpool(_add, ctx.cache, items, story_id)
        if wants_json(request):
            return JSONResponse(result, status_code=200 if result["added"] or not result["problems"] else 422)
        return ctx.render(request, "add.html.j2", {"title": "Add articles", "story": result["story"],
                                                   "result": result, "max_upload": settings.max_upload})

    async def reanalyse(request: Request, story_id: str, token: Annotated[str | None, Form()] = None) -> Response:
        """Drop the story's cached analysis and analyse it again."""
        ctx.check_write(request, token)
        ctx.cache.forget(story_id)
        data = await run_in_threadpool(views.story_json, ctx.cache, story_id)
        if wants_json(request):
            return JSONResponse({"story": story_id, "articles": len(data["articles"]),
                                 "claim_groups": len(data["claim_groups"])})
        return RedirectResponse(views.story_path(story_id), status_code=303)

    _both(app, "/add", add_articles, "add", methods=("POST",))
    _both(app, "/stories/{story_id}/analyse", reanalyse, "analyse", methods=("POST",))


def _other_routes(app: FastAPI, ctx: AppContext) -> None:
    """The add form, the API docs page and the static files."""
    @app.get("/add", include_in_schema=False)
    def add_form(request: Request, story: str = "default") -> Response:
        return ctx.render(request, "add.html.j2", {"title": "Add articles", "story": story, "result": None,
                                                   "max_upload": ctx.settings.max_upload})

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        return ctx.render(request, "apidocs.html.j2", docs_context(app.openapi()))

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in STATIC:
            raise views.NotFound(f"no static file {name!r}")
        path, media = STATIC[name]
        return FileResponse(path, media_type=media, headers={"cache-control": "public, max-age=300"})


def _form_request(request: Request, story: str, has_file: bool, url: str, text: str) -> str:
    """The story id of an add request; BadRequest for a body that is not a form, one with nothing to add, or an
    unusable story id (silently adding nothing was the answer before)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in FORM_TYPES:
        raise BadRequest(f"send a form ({' or '.join(FORM_TYPES)}) with a 'file', 'url' or 'text' field, "
                         f"not {media or 'an empty body'}", 415, "Unsupported request body")
    if not (has_file or url.strip() or text.strip()):
        raise BadRequest("nothing to add: give a 'file', a 'url' or a 'text' field")
    story_id = sanitize_text(story.strip()) or "default"
    if len(story_id) > FIELD_LIMITS["story"]:
        raise BadRequest(f"a story id is at most {FIELD_LIMITS['story']} characters")
    return story_id


def _add(cache: StoryCache, items: list[Any], story_id: str) -> dict[str, Any]:
    """Process the readable items, store them under the story; list what was added and what was skipped."""
    from storylens.ingest.readers import InputError

    raw = [i for i in items if not isinstance(i, InputError)]
    problems = [str(i) for i in items if isinstance(i, InputError)]
    batch = cache.add(raw, story_id) if raw else None
    if batch is not None:
        problems += [str(p) for p in batch.problems]
    added = [{"id": a.id, "title": a.title, "outlet": a.outlet,
              "href": views.article_path(story_id, a.id)} for a in (batch.articles if batch else [])]
    return {"story": story_id, "story_href": views.story_path(story_id), "added": added, "problems": problems,
            "stored": batch.stored if batch else 0, "reused": batch.reused if batch else 0}


__all__ = ["Settings", "create_app"]
