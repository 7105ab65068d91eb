"""Alembic environment: run programmatically by ``wirescope.store.open_store`` (no alembic.ini needed).

The caller passes an open connection in ``config.attributes["connection"]``; offline (SQL script) mode is not
used.
"""

from __future__ import annotations

from alembic import context

from wirescope.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
