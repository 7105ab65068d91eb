"""The FastAPI application: the REST API under ``/api/``, the dashboard pages, offline API docs at ``/docs``.

``create_app(db_url, token, public_read, cors_origins)`` builds it; ``wirescope serve`` runs it with uvicorn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from wirescope import __version__
from wirescope.api.security import BodyLimit, make_auth_middleware
from wirescope.api.service import (
    AGGREGATE_BY,
    MAX_LIMIT,
    BadRequestError,
    Filters,
    NotFoundError,
    Page,
    Service,
    parse_published,
)
from wirescope.model import Document
from wirescope.store import open_store

#: largest request body accepted (an ingest batch of articles)
MAX_BODY = 5_000_000
MAX_BATCH = 100
STATIC_DIR = Path(__file__).resolve().parents[1] / "web" / "static"


def filters(
    actor: Annotated[str | None, Query(description="PLOVER code (RUS), entity id, or actor text")] = None,
    recipient: Annotated[str | None, Query(description="PLOVER code, entity id, or recipient text")] = None,
    category: Annotated[str | None, Query(description="PLOVER event category, e.g. CONSULT")] = None,
    date_from: Annotated[str | None, Query(description="ISO date, inclusive")] = None,
    date_to: Annotated[str | None, Query(description="ISO date, inclusive (a prefix: 2023-09 means all of it)")] = None,
    language: Annotated[str | None, Query(description="ISO 639-1 language of the document")] = None,
    story: Annotated[str | None, Query(description="story id")] = None,
) -> Filters:
    return Filters(actor, recipient, category, date_from, date_to, language, story)


def page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    sort: Annotated[str | None, Query(description="a field, '-field' for descending")] = None,
) -> Page:
    return Page(limit, offset, sort)


FiltersDep = Annotated[Filters, Depends(filters)]
PageDep = Annotated[Page, Depends(page)]


class DocumentIn(BaseModel):
    text: str = Field(min_length=1)
    title: str | None = None
    published: str | None = Field(None, description="ISO 8601 date or date-time")
    language: str | None = Field(None, description="ISO 639-1; detected when absent")
    url: str | None = None
    source: str | None = None


class IngestIn(BaseModel):
    """One of: ``url``, ``urls``, ``document``, ``documents`` (a batch)."""

    url: str | None = None
    urls: list[str] | None = Field(None, max_length=MAX_BATCH)
    document: DocumentIn | None = None
    documents: list[DocumentIn] | None = Field(None, max_length=MAX_BATCH)


def to_document(item: DocumentIn) -> Document:
    try:
        published = parse_published(item.published)
    except BadRequestError as exc:
        raise HTTPException(422, str(exc)) from exc
    return Document(
        text=item.text, title=item.title, url=item.url, source=item.source, published=published,
        language=item.language,
    )


def service_of(request: Request) -> Service:
    return request.app.state.service


ServiceDep = Annotated[Service, Depends(service_of)]


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.get("/documents", summary="Documents (metadata), newest first")
    def documents(svc: ServiceDep, f: FiltersDep, p: PageDep, duplicates: bool = False) -> dict[str, Any]:
        return svc.documents(f, p, include_duplicates=duplicates)

    @router.get("/documents/{doc_id}", summary="A document with its text and every section")
    def document(svc: ServiceDep, doc_id: str) -> dict[str, Any]:
        return svc.document_detail(doc_id)

    @router.get("/entities", summary="Entities with mention and document counts")
    def entities(
        svc: ServiceDep, f: FiltersDep, p: PageDep, type: str | None = None, q: str | None = None
    ) -> dict[str, Any]:
        return svc.entities(f, p, type_=type, q=q)

    @router.get("/entities/{entity_id}", summary="An entity: profile, aliases seen, relations, events")
    def entity(svc: ServiceDep, entity_id: str) -> dict[str, Any]:
        return svc.entity(entity_id)

    @router.get("/events", summary="Events, each with its PLOVER JSON record")
    def events(svc: ServiceDep, f: FiltersDep, p: PageDep, plover: bool = True) -> dict[str, Any]:
        return svc.events(f, p, plover=plover)

    @router.get("/claims", summary="Claims with speaker and stance")
    def claims(svc: ServiceDep, f: FiltersDep, p: PageDep, stance: str | None = None) -> dict[str, Any]:
        return svc.claims(f, p, stance=stance)

    @router.get("/stories", summary="Stories across languages, most recent first")
    def stories(svc: ServiceDep, p: PageDep) -> dict[str, Any]:
        return svc.stories(p)

    @router.get("/stories/{story_id}", summary="A story: members, event timeline, claims ledger")
    def story(svc: ServiceDep, story_id: str) -> dict[str, Any]:
        return svc.story(story_id)

    @router.get("/search", summary="Keyword (full text) or cross-lingual semantic search over documents")
    def search(
        svc: ServiceDep,
        f: FiltersDep,
        q: Annotated[str, Query(min_length=1, max_length=1000)],
        mode: Literal["keyword", "semantic"] = "keyword",
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    ) -> dict[str, Any]:
        return svc.search(q, mode, f, limit)

    @router.get("/aggregates", summary="Event counts and intensity by dyad, category or period")
    def aggregates(
        svc: ServiceDep, f: FiltersDep, by: Literal["dyad", "category", "day", "week", "month"] = "dyad"
    ) -> dict[str, Any]:
        assert by in AGGREGATE_BY
        return svc.aggregates(by, f)

    @router.get("/dyads/{a}/{b}", summary="Events between two actors (both directions) by day")
    def dyad(svc: ServiceDep, a: str, b: str) -> dict[str, Any]:
        return svc.dyad(a, b)

    @router.get("/map", summary="Geolocated events")
    def geolocated(svc: ServiceDep, f: FiltersDep) -> dict[str, Any]:
        items = svc.geolocated(f)
        return {"total": len(items), "items": items}

    @router.get("/status", summary="Whether stories are built yet, and how far along")
    def status(svc: ServiceDep) -> dict[str, Any]:
        return svc.status()

    @router.post("/ingest", summary="Run the pipeline on a URL, a document or a batch, store, return the ids")
    def ingest(svc: ServiceDep, body: IngestIn) -> dict[str, Any]:
        urls = ([body.url] if body.url else []) + (body.urls or [])
        docs = ([body.document] if body.document else []) + (body.documents or [])
        if not urls and not docs:
            raise HTTPException(422, "give url, urls, document or documents")
        results = {"summary": {}, "items": []} if not docs else svc.ingest_documents([to_document(d) for d in docs])
        if urls:
            more = svc.ingest_urls(urls)
            results["items"] += more["items"]
            summary = results["summary"]
            results["summary"] = {k: summary.get(k, 0) + v for k, v in more["summary"].items()}
        results["ids"] = [i["document_id"] for i in results["items"] if i.get("document_id")]
        return results

    return router


def create_app(
    db_url: str | None = None,
    token: str | None = None,
    public_read: bool = False,
    cors_origins: list[str] | None = None,
    service: Service | None = None,
) -> FastAPI:
    """The app over the store at ``db_url``. ``token`` protects writes (and reads unless ``public_read``)."""
    app = FastAPI(
        title="wirescope",
        version=__version__,
        description="Multilingual news as entities, PLOVER events, claims and stories. See docs/api.md.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.service = service or Service(open_store(db_url))
    app.include_router(api_router())
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _add_docs(app)
    _add_error_handlers(app)

    from wirescope.web.views import web_router

    app.include_router(web_router())
    app.middleware("http")(make_auth_middleware(token, public_read))
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "X-API-Token", "Content-Type"],
        )
    app.add_middleware(BodyLimit, max_body=MAX_BODY)
    return app


def _add_docs(app: FastAPI) -> None:
    """Swagger UI (/docs) and ReDoc (/redoc) from the files bundled in the fastapi-offline package, never a CDN."""
    try:
        import fastapi_offline
    except ImportError:  # without the [web] extra's bundle there is no interactive UI; /openapi.json still works
        return
    assets = Path(fastapi_offline.__file__).parent / "static"
    app.mount("/docs-assets", StaticFiles(directory=assets), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="wirescope API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url="/openapi.json",
            title="wirescope API",
            redoc_js_url="/docs-assets/redoc.standalone.js",
            redoc_favicon_url="/docs-assets/favicon.png",
            with_google_fonts=False,
        )


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFoundError)
    def not_found(request: Request, exc: NotFoundError) -> Response:
        if not request.url.path.startswith("/api/"):
            from wirescope.web.views import error_page

            return error_page(request, 404, str(exc))
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(BadRequestError)
    def bad_request(request: Request, exc: BadRequestError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)
