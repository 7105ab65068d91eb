"""NIL entity names by blocking key, for cross-document clustering of entities outside the knowledge base.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 11:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "nil_names",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_nil_names_entity_id_entities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nil_names")),
    )
    op.create_index(op.f("ix_nil_names_key"), "nil_names", ["key"], unique=False)
    op.create_index(op.f("ix_nil_names_entity_id"), "nil_names", ["entity_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_nil_names_entity_id"), table_name="nil_names")
    op.drop_index(op.f("ix_nil_names_key"), table_name="nil_names")
    op.drop_table("nil_names")
