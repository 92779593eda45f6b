"""FastAPI app: server-rendered RTL pages and a JSON API over a read-only store.

Pages: ``/`` (overview of the store: counts, date range, top stories and entities, rejections;
with query parameters it is the search page, so old links keep working), ``/search`` (search
with filters), ``/article/{id}``, ``/article/{id}/original``
(the page's lines with boilerplate marked), ``/stories`` (stories of two or more articles, most
outlets first, 50 a page), ``/story/{story_id}``,
``/entity/{canonical}``, ``/entities``, ``/stats``. API under ``/api/`` (schema
at ``/openapi.json``; the Swagger/ReDoc pages are off because they load files
from a CDN). Everything is served locally; templates autoescape all text and a
Content-Security-Policy forbids scripts. Every date, number, URL and Latin fragment shown next
to Arabic text is bidi-isolated (akhbar.web.bidi) and every code (entity type, line label,
rejection reason, language) is shown by its Arabic label (akhbar.web.labels).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from pydantic import BaseModel, BeforeValidator
from starlette.exceptions import HTTPException as StarletteHTTPException

from akhbar.store import Store, StoreError, open_store
from akhbar.store.text import parse_search
from akhbar.web import charts, labels
from akhbar.web.bidi import FILTERS as BIDI_FILTERS
from akhbar.web.bidi import isolate
from akhbar.web.overview import overview, story_list

HERE = Path(__file__).resolve().parent
MAX_LIMIT = 100
#: Line labels that are part of the article (everything else is boilerplate), see akhbar.model.LINE_LABELS.
CONTENT_LABELS = frozenset({"title", "dateline", "byline", "body", "source", "tags"})

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """ASGI middleware adding CSP, nosniff and no-referrer headers to every response."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_wrapped(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_wrapped)


class SearchHit(BaseModel):
    id: str
    title: str | None
    published: str | None
    day: str | None = None  # the publication day, else the crawl day (then published is None)
    publisher: str | None
    section: str | None = None
    story_id: str | None = None
    url: str | None = None
    snippet: str
    highlights: list[list[int]]
    score: float


class SearchResponse(BaseModel):
    query: str
    limit: int
    offset: int
    results: list[SearchHit]


# Query parameter types (module level so that FastAPI can resolve the annotations).
Q = Annotated[str, Query(max_length=500, description="search words; \"quoted phrase\" for a phrase")]
def _empty_is_none(v: Any) -> Any:
    """An empty form field (``from=``) means "no filter", not an invalid date."""
    return None if isinstance(v, str) and not v.strip() else v


OptDate = Annotated[dt.date | None, BeforeValidator(_empty_is_none)]
DFrom = Annotated[OptDate, Query(alias="from", description="first day, YYYY-MM-DD")]
DTo = Annotated[OptDate, Query(alias="to", description="last day, YYYY-MM-DD")]
Str = Annotated[str | None, Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
#: stories listed per page of ``/stories``
STORIES_PAGE = 50
Offset = Annotated[int, Query(ge=0, le=100_000)]
#: entity type filter (empty: all types)
EType = Annotated[
    Literal["PER", "LOC", "ORG", "MISC"] | None, BeforeValidator(_empty_is_none), Query(description="PER, LOC, ORG or MISC")
]


def _highlight(snippet: str, highlights: list[list[int]]) -> Markup:
    """Escaped snippet with ``<mark>`` around the highlighted character spans (Latin runs bidi-isolated)."""
    out, pos = [], 0
    for s, e in highlights:
        if s < pos:
            continue
        out.append(isolate(snippet[pos:s]))
        out.append(Markup("<mark>") + isolate(snippet[s:e]) + Markup("</mark>"))
        pos = e
    out.append(isolate(snippet[pos:]))
    return Markup("").join(out)


def _safe_url(url: str | None) -> str | None:
    """``url`` when it is http(s), else None (no javascript:/data: links)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _qpath(s: str) -> str:
    return quote(s or "", safe="")


def create_app(store_path: Path | str) -> FastAPI:
    """The web app over the store at ``store_path`` (a store file or a refine output directory).

    Raises ``FileNotFoundError`` when there is no store there. The store is opened
    read-only (SQLite ``mode=ro``), one connection per worker thread.
    """
    store: Store = open_store(store_path)
    app = FastAPI(
        title="akhbar",
        description="Search and read refined Arabic news (read-only).",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.store = store
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.autoescape = True
    env.filters["highlight"] = _highlight
    env.filters["safe_url"] = _safe_url
    env.filters["qpath"] = _qpath
    env.globals["is_content"] = lambda label: label in CONTENT_LABELS
    env.filters.update(BIDI_FILTERS)
    env.filters["label"] = labels.label
    env.filters["counted"] = labels.counted

    def page(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, ctx, status_code=status_code)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        if request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, exc)
        msgs = [labels.field_error(".".join(str(x) for x in e.get("loc", ())[1:]), e.get("input"))
                for e in exc.errors()]
        return page(request, "error.html", 422, code=422, messages=msgs)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/") or request.url.path.startswith("/static/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", exc.status_code, code=exc.status_code,
                    messages=labels.http_error(exc.status_code, str(exc.detail)))

    def _search(q, date_from, date_to, publisher, section, entity, limit, offset) -> list[dict]:
        try:
            return store.search(
                q, date_from=date_from, date_to=date_to, publisher=publisher or None,
                section=section or None, entity=entity or None, limit=limit, offset=offset,
            )
        except StoreError as e:
            raise HTTPException(422, str(e)) from None

    # ------------------------------------------------------------------------------------ API
    @app.get("/api/search", response_model=SearchResponse, tags=["api"])
    def api_search(
        q: Q = "", date_from: DFrom = None, date_to: DTo = None, publisher: Str = None, section: Str = None,
        entity: Str = None, limit: Limit = 20, offset: Offset = 0,
    ) -> dict:
        """Search articles (Arabic-aware; see akhbar.store.text). Empty ``q`` lists newest first."""
        res = _search(q, date_from, date_to, publisher, section, entity, limit, offset)
        return {"query": q, "limit": limit, "offset": offset, "results": res}

    @app.get("/api/articles/{article_id}", tags=["api"])
    def api_article(article_id: str) -> dict:
        """One article with all its fields (``ARTICLE_SCHEMA``)."""
        a = store.article(article_id)
        if a is None:
            raise HTTPException(404, "no such article")
        return a

    @app.get("/api/articles/{article_id}/lines", tags=["api"])
    def api_article_lines(article_id: str) -> list[dict]:
        """The lines (``LINE_SCHEMA``) of the page the article was found on."""
        a = store.article(article_id)
        if a is None:
            raise HTTPException(404, "no such article")
        return store.lines(a["page_id"])

    @app.get("/api/pages/{page_id}/lines", tags=["api"])
    def api_page_lines(page_id: str) -> list[dict]:
        """The lines of one page (empty list when none were stored)."""
        return store.lines(page_id)

    @app.get("/api/stories/{story_id}", tags=["api"])
    def api_story(story_id: str) -> dict:
        """All articles of a story, oldest first."""
        arts = store.story(story_id)
        if not arts:
            raise HTTPException(404, "no such story")
        return {"story_id": story_id, "articles": arts}

    @app.get("/api/entities", tags=["api"])
    def api_entities(prefix: Str = None, limit: Limit = 50, type: EType = None) -> list[dict]:
        """Most mentioned entities (majority type; stop-entities left out), optionally filtered by a
        name prefix (search form) and a type."""
        return store.entities(prefix or "", limit, type)

    @app.get("/api/entities/{canonical:path}", tags=["api"])
    def api_entity(canonical: str) -> dict:
        """An entity: variants, articles, articles per day."""
        e = store.entity(canonical)
        if not e["mentions"]:
            raise HTTPException(404, "no such entity")
        return e

    @app.get("/api/stats", tags=["api"])
    def api_stats() -> dict:
        """Store statistics (articles per day/publisher, languages, rejection reasons, runs)."""
        return store.stats()

    # ------------------------------------------------------------------------------------ pages
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home_page(
        request: Request, q: Q = "", date_from: DFrom = None, date_to: DTo = None, publisher: Str = None,
        section: Str = None, entity: Str = None, limit: Limit = 20, offset: Offset = 0,
    ) -> HTMLResponse:
        if request.query_params:
            return search_page(request, q, date_from, date_to, publisher, section, entity, limit, offset)
        o = overview(store)
        return page(
            request, "overview.html", o=o, facets=store.facets(),
            pub_chart=charts.hbar_chart(o["per_publisher"][:12], label="مقالات لكل ناشر"),
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request, q: Q = "", date_from: DFrom = None, date_to: DTo = None, publisher: Str = None,
        section: Str = None, entity: Str = None, limit: Limit = 20, offset: Offset = 0,
    ) -> HTMLResponse:
        # as the CLI: a hit count, and near-duplicates folded under their original
        try:
            found = store.find(q, date_from=date_from, date_to=date_to, publisher=publisher or None,
                               section=section or None, entity=entity or None, limit=limit, offset=offset)
        except StoreError as e:
            raise HTTPException(422, str(e)) from None
        res = found["hits"]
        has_next = offset + limit < found["results"]
        bad_query = bool(q.strip()) and parse_search(q).empty
        params = {
            "q": q, "from": date_from.isoformat() if date_from else "", "to": date_to.isoformat() if date_to else "",
            "publisher": publisher or "", "section": section or "", "entity": entity or "", "limit": limit,
        }

        def link(off: int) -> str:
            return "/search?" + urlencode({k: v for k, v in {**params, "offset": off}.items() if v not in ("", None)})

        return page(
            request, "search.html", results=res, params=params, facets=store.facets(), offset=offset,
            total=found["total"], groups=found["results"], bad_query=bad_query,
            prev_link=link(max(0, offset - limit)) if offset > 0 else None,
            next_link=link(offset + limit) if has_next else None,
        )

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        a = store.article(article_id)
        if a is None:
            raise HTTPException(404, "no such article")
        story = store.story(a["story_id"]) if a.get("story_id") else []
        ents: dict[str, dict] = {}
        for e in a.get("entities") or []:
            key = e.get("canonical") or e.get("text")
            if key:
                d = ents.setdefault(key, {"canonical": key, "type": e.get("type"), "variants": Counter()})
                d["variants"][e.get("text") or key] += 1
        for d in ents.values():
            d["name"] = d["variants"].most_common(1)[0][0]
        return page(
            request, "article.html", a=a, story=[s for s in story if s["id"] != a["id"]],
            entities=sorted(ents.values(), key=lambda d: (d["type"] or "", -sum(d["variants"].values()), d["name"])),
            has_lines=bool(store.lines(a["page_id"])),
        )

    @app.get("/article/{article_id}/original", response_class=HTMLResponse, include_in_schema=False)
    def original_page(request: Request, article_id: str) -> HTMLResponse:
        a = store.article(article_id)
        if a is None:
            raise HTTPException(404, "no such article")
        lines = store.lines(a["page_id"])
        counts: dict[str, int] = {}
        for ln in lines:
            counts[ln["label"] or "?"] = counts.get(ln["label"] or "?", 0) + 1
        return page(request, "original.html", a=a, lines=lines, counts=counts,
                    others=[p for p in store.page_articles(a["page_id"]) if p["id"] != a["id"]])

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        arts = store.story(story_id)
        if not arts:
            raise HTTPException(404, "no such story")
        items = [(s["published"] or s["day"] or "", s["publisher"] or "؟", "a-" + s["id"]) for s in arts]
        outlets: dict[str, dict] = {}
        for s in arts:  # oldest first: the first article seen is the outlet's first report
            o = outlets.setdefault(s["publisher"] or "؟", {"name": s["publisher"] or "؟", "n": 0, "first": s})
            o["n"] += 1
        return page(request, "story.html", story_id=story_id, articles=arts,
                    outlets=sorted(outlets.values(), key=lambda o: (-o["n"], o["name"])),
                    chart=charts.timeline(items, label="الخط الزمني للقصة"))

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, offset: Offset = 0) -> HTMLResponse:
        rows = story_list(store, STORIES_PAGE + 1, offset)
        return page(request, "stories.html", stories=rows[:STORIES_PAGE], offset=offset,
                    prev_link=f"/stories?offset={max(0, offset - STORIES_PAGE)}" if offset else None,
                    next_link=f"/stories?offset={offset + STORIES_PAGE}" if len(rows) > STORIES_PAGE else None)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request, prefix: Str = None, type: EType = None) -> HTMLResponse:
        return page(request, "entities.html", entities=store.entities(prefix or "", 200, type), prefix=prefix or "",
                    etype=type or "", types=("PER", "LOC", "ORG", "MISC"))

    @app.get("/entity/{canonical:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, canonical: str) -> HTMLResponse:
        e = store.entity(canonical)
        if not e["mentions"]:
            raise HTTPException(404, "no such entity")
        return page(request, "entity.html", e=e,
                    chart=charts.bar_chart(e["per_day"], height=150, label="مقالات في اليوم"))

    @app.get("/stats", response_class=HTMLResponse, include_in_schema=False)
    def stats_page(request: Request) -> HTMLResponse:
        # the page depends on the store alone (its day chart alone is ~2,000 bars on a 72k store):
        # rendered once per store version
        body = store.memo("web.stats_page", lambda: render_stats(request).body)
        return HTMLResponse(body)

    def render_stats(request: Request) -> HTMLResponse:
        s = store.stats()
        return page(
            request, "stats.html", s=s,
            day_chart=charts.bar_chart(s["per_day"], label="مقالات في اليوم"),
            pub_chart=charts.hbar_chart(s["per_publisher"][:30], label="مقالات لكل ناشر"),
            rej_chart=charts.hbar_chart([(labels.text(k, "reason"), n) for k, n in s["rejections"].items()],
                                        label="أسباب الرفض"),
            lang_chart=charts.hbar_chart([(labels.text(k, "language"), n) for k, n in s["languages"].items()],
                                         label="اللغات"),
        )

    return app
