"""The store: SQLAlchemy Core schema (``schema.py``), Alembic migrations (``migrations/``), repository
(``repository.py``). ``open_store(url)`` connects and upgrades the database to the newest schema.

Any SQLAlchemy URL works (``--db`` / ``WIRESCOPE_DB``); a bare path means an SQLite file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, create_engine, event, text

from wirescope.store.repository import Outcome, RunCounts, Store, WriteResult
from wirescope.store.stories import StoryBook  # also registers the story tables on schema.metadata

DEFAULT_URL = "sqlite:///wirescope.db"
MIGRATIONS = Path(__file__).parent / "migrations"
_MIGRATION_LOCK = 0x77697265  # "wire": the PostgreSQL advisory lock key held while migrating

__all__ = ["DEFAULT_URL", "Outcome", "RunCounts", "Store", "StoryBook", "WriteResult", "database_url", "open_store"]


def database_url(value: str | None = None) -> str:
    """The database URL from ``--db``, else ``WIRESCOPE_DB``, else the default; a bare path becomes SQLite."""
    raw = value or os.environ.get("WIRESCOPE_DB") or DEFAULT_URL
    if "://" in raw:
        return raw
    return f"sqlite:///{Path(raw).expanduser()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _lock_for_migration(conn: Connection) -> None:
    """Several processes opening a new database at once migrate it one after the other (the others then find it
    at the head revision): an advisory lock on PostgreSQL, an immediate write transaction on SQLite."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    elif conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def open_store(url: str | None = None) -> Store:
    """Connect to the database at ``url`` (see :func:`database_url`) and migrate it to the newest revision."""
    resolved = database_url(url)
    if resolved.startswith(("postgresql://", "postgres://")):
        # SQLAlchemy's default PostgreSQL driver is psycopg2; the [postgres] extra installs psycopg 3
        resolved = "postgresql+psycopg://" + resolved.split("://", 1)[1]
    engine = create_engine(resolved)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        database = engine.url.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        _lock_for_migration(conn)
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return Store(engine)
