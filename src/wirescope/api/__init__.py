"""The REST API (FastAPI) and the process that serves it with the dashboard: ``create_app`` and ``wirescope serve``.

See docs/api.md for the endpoints, filters, security and how the dashboard is built. FastAPI is an optional
dependency (the ``[web]`` extra), so ``create_app`` is imported on first use and the CLI starts without it.
"""

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from wirescope.api.app import create_app

        return create_app
    raise AttributeError(name)
