from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.api.server import Server, copy_of_demo, serve


@pytest.fixture(scope="session")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``wirescope serve`` over a copy of the demo store, open on loopback (no token)."""
    db = copy_of_demo(tmp_path_factory.mktemp("api"))
    with serve(db) as server:
        yield server


@pytest.fixture(scope="session")
def demo_db_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of_demo(tmp_path_factory.mktemp("api-token"))
