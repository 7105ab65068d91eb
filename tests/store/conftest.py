"""A scratch PostgreSQL for the store tests: ``WIRESCOPE_TEST_POSTGRES`` if set, else a throw-away cluster started
from the local PostgreSQL binaries (CI installs them), else the PostgreSQL cases are skipped."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text


def _free_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return str(sock.getsockname()[1])


def _unavailable(reason: str) -> None:
    """Skip locally; in CI (where .ci/run installs PostgreSQL) a missing server is a failure."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required under CI=true: {reason}")


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def _as_postgres_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run as the ``postgres`` system user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    if os.environ.get("WIRESCOPE_TEST_POSTGRES"):
        yield os.environ["WIRESCOPE_TEST_POSTGRES"]
        return
    bin_dir = _binaries()
    if bin_dir is None or (os.geteuid() == 0 and shutil.which("runuser") is None):
        _unavailable("no server binaries under /usr/lib/postgresql/*/bin (or no runuser as root)")
        yield None
        return
    root = Path(tempfile.mkdtemp(prefix="wirescope-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    data, log = root / "data", root / "server.log"
    port = _free_port()
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1"
    try:
        subprocess.run(
            _as_postgres_user([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]),
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            _as_postgres_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start"]),
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (subprocess.SubprocessError, OSError) as error:
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"the throw-away cluster did not start: {error}")
        yield None
        return
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_postgres_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
            capture_output=True,
            timeout=120,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend: an SQLite file, or the scratch PostgreSQL with a fresh public schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("postgres_db_url")


@pytest.fixture
def postgres_db_url(postgres_url: str | None) -> str:
    """The scratch PostgreSQL with a fresh public schema (its extensions dropped with it); skipped without one."""
    if postgres_url is None:
        pytest.skip("no PostgreSQL: set WIRESCOPE_TEST_POSTGRES or install the server binaries")
    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return postgres_url
