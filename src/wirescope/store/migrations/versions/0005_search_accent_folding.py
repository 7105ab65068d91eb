"""Keyword search folds accents on both backends ("Sao Paulo" finds "São Paulo"; see ``wirescope.store.search``).

- PostgreSQL: the ``unaccent`` extension (trusted since PostgreSQL 13: the database owner may create it) and a text
  search configuration ``wirescope_search``, a copy of 'simple' whose word tokens go through ``unaccent`` first;
  ``documents.search_vector`` is rebuilt with it (and its GIN index). When the extension cannot be created (not
  installed, no CREATE privilege on the database) the configuration stays a plain copy of 'simple' and a warning
  says how to enable folding later.
- SQLite: the FTS5 rows of documents with non-ASCII title or text are rewritten folded (the store folds the query
  the same way); unicode61 alone drops single diacritics of Latin letters only.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 14:30:00
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op
from sqlalchemy.exc import DBAPIError

from wirescope.store.search import PG_SEARCH_CONFIG, fold_accents

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

log = logging.getLogger("wirescope.store.migrations")

#: token types of PostgreSQL's default parser that can hold non-ASCII letters
WORD_TOKENS = "word, numword, hword, numhword, hword_part, hword_numpart"
SEARCH_CHARS = 500_000
#: FTS5 rows rewritten per statement batch on SQLite
BATCH = 500


def _search_vector(config: str) -> str:
    """The generated column of migration 0003 with another text search configuration."""
    return (
        "CASE WHEN duplicate_of IS NULL THEN "
        f"to_tsvector('{config}'::regconfig, left(coalesce(title, '') || ' ' || coalesce(text, ''), {SEARCH_CHARS})) "
        "END"
    )


def _rebuild_search_vector(config: str) -> None:
    op.execute("DROP INDEX ix_documents_search_vector")
    op.execute("ALTER TABLE documents DROP COLUMN search_vector")
    op.execute(
        f"ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({_search_vector(config)}) STORED"
    )
    op.execute("CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)")


def _unaccent_schema(bind: sa.Connection) -> str | None:
    """Create the unaccent extension if needed; the schema holding it, or None (with a warning) when impossible."""
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS unaccent"))
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0]
        log.warning(
            "PostgreSQL extension unaccent could not be created (%s): keyword search will not fold accents "
            "('Sao Paulo' will not find 'São Paulo'). To enable it: CREATE EXTENSION unaccent (as a superuser or "
            "the database owner); ALTER TEXT SEARCH CONFIGURATION %s ALTER MAPPING FOR %s WITH unaccent, simple; "
            "UPDATE documents SET title = title (recomputes the search column).",
            reason,
            PG_SEARCH_CONFIG,
            WORD_TOKENS,
        )
        return None
    query = sa.text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'unaccent'"
    )
    return str(bind.execute(query).scalar_one())


def _refold_fts(bind: sa.Connection, fold: Callable[[str], str]) -> None:
    """Rewrite the FTS5 rows of documents with non-ASCII title or text from ``documents``, through ``fold``."""
    last = 0
    page = sa.text(
        "SELECT f.rowid AS rowid, d.title AS title, d.text AS text FROM documents_fts AS f "
        "JOIN documents AS d ON d.id = f.document_id WHERE f.rowid > :last ORDER BY f.rowid LIMIT :n"
    )
    while rows := bind.execute(page, {"last": last, "n": BATCH}).all():
        last = rows[-1].rowid
        changed = [
            {"rowid": r.rowid, "title": fold(r.title or ""), "text": fold(r.text or "")}
            for r in rows
            if not ((r.title or "").isascii() and (r.text or "").isascii())
        ]
        if changed:
            bind.execute(sa.text("UPDATE documents_fts SET title = :title, text = :text WHERE rowid = :rowid"), changed)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = _unaccent_schema(bind)
        op.execute(f"CREATE TEXT SEARCH CONFIGURATION {PG_SEARCH_CONFIG} (COPY = pg_catalog.simple)")
        if schema is not None:
            unaccent = f"{bind.dialect.identifier_preparer.quote_schema(schema)}.unaccent"
            op.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {PG_SEARCH_CONFIG} "
                f"ALTER MAPPING FOR {WORD_TOKENS} WITH {unaccent}, pg_catalog.simple"
            )
        _rebuild_search_vector(PG_SEARCH_CONFIG)
    elif bind.dialect.name == "sqlite":
        _refold_fts(bind, fold_accents)


def downgrade() -> None:
    """Back to 'simple' without folding (the unaccent extension is left installed: other code may use it)."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _rebuild_search_vector("simple")
        op.execute(f"DROP TEXT SEARCH CONFIGURATION {PG_SEARCH_CONFIG}")
    elif bind.dialect.name == "sqlite":
        _refold_fts(bind, lambda value: value)
