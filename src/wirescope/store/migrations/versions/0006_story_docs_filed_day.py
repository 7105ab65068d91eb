"""``story_index_docs.filed_day``: the day an undated document was filed under (the clusterer's clock when it
arrived, the latest day of the documents before it; NULL for dated documents), so that a store can load the story
index around some dates only (``StoryBook.open(store, lazy=True)``) and still place undated documents where a full
replay of every document would. Existing rows get it from one pass over the days in arrival order.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_DOCS = sa.table(
    "story_index_docs",
    sa.column("doc_id", sa.String()),
    sa.column("seq", sa.Integer()),
    sa.column("day", sa.Integer()),
    sa.column("filed_day", sa.Integer()),
)


def upgrade() -> None:
    with op.batch_alter_table("story_index_docs") as batch:
        batch.add_column(sa.Column("filed_day", sa.Integer(), nullable=True))
    bind = op.get_bind()
    clock: int | None = None
    filed = []
    for row in bind.execute(sa.select(_DOCS.c.doc_id, _DOCS.c.day).order_by(_DOCS.c.seq)):
        if row.day is not None:
            clock = row.day if clock is None else max(clock, row.day)
        elif clock is not None:
            filed.append({"key": row.doc_id, "filed_day": clock})
    if filed:
        bind.execute(
            sa.update(_DOCS).where(_DOCS.c.doc_id == sa.bindparam("key")).values(filed_day=sa.bindparam("filed_day")),
            filed,
        )


def downgrade() -> None:
    with op.batch_alter_table("story_index_docs") as batch:
        batch.drop_column("filed_day")
