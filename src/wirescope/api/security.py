"""Security around the app: API token, request size limit, and headers that keep article content inert.

- Token: when the app has one, write requests always need it; reads need it unless ``public_read``. It is accepted
  as ``Authorization: Bearer``, ``X-API-Token``, or the ``wirescope_token`` cookie that ``/login`` sets for browsers.
- Size: request bodies above ``max_body`` bytes are refused with 413 (counted while reading, so a missing or
  lying Content-Length does not help).
- Headers: a Content-Security-Policy without inline scripts (article text is escaped by the templates; the policy
  is a second wall), no framing, no MIME sniffing.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "wirescope_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: paths that never need a token: the login form itself and the static assets it uses
OPEN_PATHS = ("/login", "/static/")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
#: Swagger UI and ReDoc start with an inline script (ReDoc also uses a worker from a blob); our pages, no article text
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'; worker-src blob:").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


def presented_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-api-token") or request.cookies.get(COOKIE)


def token_ok(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())


def needs_token(request: Request, public_read: bool) -> bool:
    path = request.url.path
    if any(path == p or (p.endswith("/") and path.startswith(p)) for p in OPEN_PATHS):
        return False
    return request.method not in SAFE_METHODS or not public_read


def make_auth_middleware(
    token: str | None, public_read: bool
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    async def auth(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if token and needs_token(request, public_read) and not token_ok(token, presented_token(request)):
            if request.url.path.startswith("/api/") or request.method not in SAFE_METHODS:
                return JSONResponse({"detail": "an API token is required"}, status_code=401)
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        response = await call_next(request)
        docs = request.url.path in ("/docs", "/redoc")
        response.headers.setdefault("Content-Security-Policy", DOCS_CSP if docs else CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return auth


class BodyLimit:
    """ASGI middleware: refuse request bodies larger than ``max_body`` bytes with 413."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        seen = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            if seen > self.max_body:
                await self._refuse(scope, receive, send)
                return
            more = bool(message.get("more_body"))
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse({"detail": f"request body larger than {self.max_body} bytes"}, status_code=413)
        await response(scope, receive, send)
