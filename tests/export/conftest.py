"""A real SQLite store filled by the bundled demo corpus (full pipeline), built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirescope.cli import app
from wirescope.model import Document
from wirescope.store import Store, open_store


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("export") / "demo.db"
    result = CliRunner().invoke(app, ["demo", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return str(path)


@pytest.fixture(scope="session")
def demo_store(demo_db: str) -> Store:
    return open_store(demo_db)


@pytest.fixture(scope="session")
def demo_docs(demo_store: Store) -> list[Document]:
    """Every stored document with its sections, read back through the repository (the expected side)."""
    docs = [demo_store.load_document(r["id"]) for r in demo_store.list_documents()]
    return [d for d in docs if d is not None]


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    return tmp_path
