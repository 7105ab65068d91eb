"""The dashboard pages: server-rendered Jinja2 templates (autoescaped) over the same service as the API.

Pages: overview (/), documents, search, story, actor (entity), dyad, map, document, login. Charts are SVG drawn by
the templates from the geometry in ``charts.py``; the only script is ``static/app.js`` (progress and ingestion).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from wirescope.api.security import COOKIE
from wirescope.api.service import BadRequestError, Filters, Page, Service
from wirescope.web import charts
from wirescope.web.highlight import marks_of, segments

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
TEMPLATES.env.autoescape = True  # every template, whatever its file name: article text is untrusted
TEMPLATES.env.globals["colour"] = charts.colour


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=status, status=status, message=message)


def _service(request: Request) -> Service:
    return request.app.state.service


def _safe_next(value: str | None) -> str:
    """Only same-site paths after login (no open redirect)."""
    return value if value and value.startswith("/") and not value.startswith("//") else "/"


def _per_day(events: list[dict[str, Any]]) -> charts.BarChart:
    days: dict[str, int] = {}
    for e in events:
        day = (e["date"] or "undated")[:10]
        days[day] = days.get(day, 0) + 1
    return charts.bars([{"day": d, "count": n} for d, n in sorted(days.items())], "day", "count")


def web_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    def overview(request: Request) -> HTMLResponse:
        return render(request, "overview.html", **_service(request).overview())

    @router.get("/documents", response_class=HTMLResponse)
    def documents(request: Request, language: str | None = None, offset: Annotated[int, Query(ge=0)] = 0) -> Response:
        page = _service(request).documents(Filters(language=language), Page(limit=50, offset=offset))
        return render(request, "documents.html", page=page, language=language)

    @router.get("/search", response_class=HTMLResponse)
    def search(request: Request, q: str = "", mode: str = "semantic") -> Response:
        results = None
        error = None
        if q.strip():
            try:
                results = _service(request).search(q, mode, Filters(), 20)
            except BadRequestError as exc:
                error = str(exc)
        return render(request, "search.html", q=q, mode=mode, results=results, error=error)

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    def story(request: Request, story_id: str) -> Response:
        data = _service(request).story(story_id)
        by_language: dict[str, list[dict[str, Any]]] = {}
        for member in data["members"]:
            by_language.setdefault(member["language"], []).append(member)
        return render(request, "story.html", story=data, by_language=by_language, timeline=_per_day(data["timeline"]))

    @router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
    def entity(request: Request, entity_id: str) -> Response:
        data = _service(request).entity(entity_id)
        key = data["country"] if data["type"] == "COUNTRY" and data["country"] else data["id"]
        graph = charts.network(data["name"], data["relations"], key)
        return render(request, "entity.html", entity=data, graph=graph, timeline=_per_day(data["events"]))

    @router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
    def dyad(request: Request, a: str, b: str) -> Response:
        data = _service(request).dyad(a, b)
        return render(request, "dyad.html", dyad=data, chart=charts.intensity_line(data["points"]))

    @router.get("/map", response_class=HTMLResponse)
    def world(request: Request) -> Response:
        events = _service(request).geolocated(Filters())
        return render(request, "map.html", events=events, world=charts.world_map(events))

    @router.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document(request: Request, doc_id: str) -> Response:
        svc = _service(request)
        doc = svc.document(doc_id)
        parts = segments(doc.text, marks_of(doc))
        return render(
            request, "document.html", doc=doc, parts=parts, origins=svc.store.origins_of(doc_id),
            story_id=svc.story_of(doc_id),
        )

    @router.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/") -> Response:
        return render(request, "login.html", next=_safe_next(next), failed=False)

    @router.post("/login", response_class=HTMLResponse)
    async def login(request: Request) -> Response:
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        token = (form.get("token") or [""])[0]
        target = _safe_next((form.get("next") or ["/"])[0])
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return response

    return router
