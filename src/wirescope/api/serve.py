"""``wirescope serve``: the API and the dashboard in one uvicorn process.

Binds to 127.0.0.1 by default. Bound to any other address it refuses to start without a token (``--token`` or
``WIRESCOPE_TOKEN``): writes always need it, reads too unless ``--public-read``.
"""

from __future__ import annotations

import ipaddress
import sys
from typing import Annotated

import typer

EXIT_USAGE = 2


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="WIRESCOPE_DB", help="SQLAlchemy URL or SQLite file path.", show_envvar=True),
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind; not loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option("--token", envvar="WIRESCOPE_TOKEN", help="API token for writes (and reads).", show_envvar=True),
    ] = None,
    public_read: Annotated[bool, typer.Option("--public-read", help="Reads need no token.")] = False,
    cors_origin: Annotated[
        list[str] | None, typer.Option("--cors-origin", help="Allow cross-origin requests from this origin.")
    ] = None,
) -> None:
    """Serve the REST API (/api/, docs at /docs) and the web dashboard (/)."""
    if not is_loopback(host) and not token:
        sys.stderr.write(f"error: binding to {host} needs an API token (--token or WIRESCOPE_TOKEN)\n")
        raise typer.Exit(EXIT_USAGE)
    try:
        import uvicorn

        from wirescope.api.app import create_app
    except ImportError as exc:
        sys.stderr.write(f"error: {exc.name} is missing; install the web extra: pip install 'wirescope[web]'\n")
        raise typer.Exit(1) from exc
    app = create_app(db, token=token, public_read=public_read, cors_origins=cors_origin or None)
    # stories and document embeddings are built in the background, so the first page does not wait for them
    app.state.service.build_in_background()
    shown = f"[{host}]" if ":" in host else host
    sys.stderr.write(f"wirescope: serving http://{shown}:{port}/ (API docs at /docs); Ctrl-C stops\n")
    uvicorn.run(app, host=host, port=port, log_level="warning")
