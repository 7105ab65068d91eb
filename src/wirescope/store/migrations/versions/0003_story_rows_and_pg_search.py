"""Story index as rows instead of one JSON blob; a full-text index on PostgreSQL.

- ``story_state`` (one JSON row rewritten whole on every save, so persisting after one new document cost O(corpus))
  becomes ``story_index_meta`` (config, pair statistics), ``story_index_stories`` (one row per story) and
  ``story_index_docs`` (one row per document, vectors as raw bytes). An existing state is converted row by row; the
  background's recent vectors are dropped, as they are the last documents' vectors (rebuilt on load).
- PostgreSQL only: ``documents.search_vector``, a stored generated ``tsvector`` ('simple' configuration: lower-cased
  words, no stemming, so that no language is favoured) over title and text of stored copies (NULL for
  near-duplicates), with a GIN index; SQLite keeps FTS5.

The conversion is self-contained (it reads the version-1 JSON state, whose format is frozen), so that it does not
depend on how later code lays out the rows.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 11:40:00
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

META_ROW = 1
#: characters of title + text indexed on PostgreSQL (a tsvector is limited to 1 MB)
SEARCH_CHARS = 500_000
#: NULL for near-duplicates (as FTS5 on SQLite, which indexes only the stored copy)
SEARCH_VECTOR = (
    "CASE WHEN duplicate_of IS NULL THEN "
    f"to_tsvector('simple'::regconfig, left(coalesce(title, '') || ' ' || coalesce(text, ''), {SEARCH_CHARS})) END"
)

_STATE = sa.table(
    "story_state",
    sa.column("id", sa.Integer()),
    sa.column("state", sa.JSON()),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
_META = sa.table(
    "story_index_meta",
    sa.column("id", sa.Integer()),
    sa.column("version", sa.Integer()),
    sa.column("config", sa.JSON()),
    sa.column("pairs", sa.JSON()),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
_STORIES = sa.table(
    "story_index_stories",
    sa.column("id", sa.String()),
    sa.column("slot", sa.Integer()),
    sa.column("first_day", sa.Integer()),
    sa.column("last_day", sa.Integer()),
)
_DOCS = sa.table(
    "story_index_docs",
    sa.column("doc_id", sa.String()),
    sa.column("seq", sa.Integer()),
    sa.column("story_id", sa.String()),
    sa.column("copy_of", sa.String()),
    sa.column("copy_kind", sa.String()),
    sa.column("day", sa.Integer()),
    sa.column("vector", sa.LargeBinary()),
    sa.column("sentence_vectors", sa.LargeBinary()),
    sa.column("features", sa.JSON()),
)
_DOC_KEYS = ("story_id", "copy_of", "copy_kind")


def upgrade() -> None:
    _create_story_tables()
    bind = op.get_bind()
    row = bind.execute(sa.select(_STATE.c.state).where(_STATE.c.id == META_ROW)).first()
    if row is not None:
        _convert(bind, row.state if isinstance(row.state, dict) else json.loads(row.state))
    op.drop_table("story_state")
    if bind.dialect.name == "postgresql":
        op.execute(
            f"ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({SEARCH_VECTOR}) STORED"
        )
        op.execute("CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)")


def _create_story_tables() -> None:
    op.create_table(
        "story_index_meta",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("config", sa.JSON(), nullable=False),
        sa.Column("pairs", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_index_meta")),
    )
    op.create_table(
        "story_index_stories",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Integer(), nullable=True),
        sa.Column("last_day", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_index_stories")),
        sa.UniqueConstraint("slot", name=op.f("uq_story_index_stories_slot")),
    )
    op.create_index(op.f("ix_story_index_stories_last_day"), "story_index_stories", ["last_day"], unique=False)
    op.create_table(
        "story_index_docs",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.String(length=64), nullable=False),
        sa.Column("copy_of", sa.String(length=64), nullable=True),
        sa.Column("copy_kind", sa.String(length=20), nullable=True),
        sa.Column("day", sa.Integer(), nullable=True),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.Column("sentence_vectors", sa.LargeBinary(), nullable=True),
        sa.Column("features", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("doc_id", name=op.f("pk_story_index_docs")),
        sa.UniqueConstraint("seq", name=op.f("uq_story_index_docs_seq")),
    )
    op.create_index(op.f("ix_story_index_docs_story_id"), "story_index_docs", ["story_id"], unique=False)
    op.create_index(op.f("ix_story_index_docs_day"), "story_index_docs", ["day"], unique=False)


def _unpack(blob: dict[str, Any] | None) -> tuple[bytes | None, list[Any] | None]:
    if blob is None:
        return None, None
    return base64.b64decode(blob["data"]), [blob["dtype"], blob["shape"]]


def _convert(bind: sa.Connection, state: dict[str, Any]) -> None:
    """Version-1 JSON state -> rows."""
    if state.get("version") != 1:
        raise ValueError(f"cannot convert story state version {state.get('version')!r}")
    pairs = state["background"]["pairs"]
    meta = {"id": META_ROW, "version": 1, "config": state["config"], "pairs": pairs, "updated_at": datetime.now(UTC)}
    bind.execute(sa.insert(_META), [meta])
    stories = [
        {"id": s["id"], "slot": slot, "first_day": s["first"], "last_day": s["last"]}
        for slot, s in enumerate(state["stories"])
    ]
    if stories:
        bind.execute(sa.insert(_STORIES), stories)
    rows = []
    for seq, entry in enumerate(state["docs"]):
        features = {k: v for k, v in entry.items() if k not in _DOC_KEYS}
        vector, features["vector"] = _unpack(entry["vector"])
        sentences, features["sentence_vectors"] = _unpack(entry["sentence_vectors"])
        row = {k: entry[k] for k in _DOC_KEYS}
        row.update(doc_id=entry["doc_id"], seq=seq, day=entry["day"], vector=vector, sentence_vectors=sentences)
        rows.append(row | {"features": features})
    if rows:
        bind.execute(sa.insert(_DOCS), rows)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX ix_documents_search_vector")
        op.execute("ALTER TABLE documents DROP COLUMN search_vector")
    op.create_table(
        "story_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_state")),
    )
    state = _state(bind)
    if state is not None:
        bind.execute(sa.insert(_STATE), [{"id": META_ROW, "state": state, "updated_at": datetime.now(UTC)}])
    op.drop_index(op.f("ix_story_index_docs_day"), table_name="story_index_docs")
    op.drop_index(op.f("ix_story_index_docs_story_id"), table_name="story_index_docs")
    op.drop_table("story_index_docs")
    op.drop_index(op.f("ix_story_index_stories_last_day"), table_name="story_index_stories")
    op.drop_table("story_index_stories")
    op.drop_table("story_index_meta")


def _pack(raw: bytes | None, layout: list[Any] | None) -> dict[str, Any] | None:
    if raw is None or layout is None:
        return None
    return {"dtype": layout[0], "shape": layout[1], "data": base64.b64encode(bytes(raw)).decode()}


def _state(bind: sa.Connection) -> dict[str, Any] | None:
    """Rows -> version-1 JSON state (the recent vectors of the background: the last 512 documents')."""
    meta = bind.execute(sa.select(_META).where(_META.c.id == META_ROW)).first()
    if meta is None:
        return None
    stories = bind.execute(sa.select(_STORIES).order_by(_STORIES.c.slot))
    docs = []
    for r in bind.execute(sa.select(_DOCS).order_by(_DOCS.c.seq)):
        entry = dict(r.features)
        entry.update(
            vector=_pack(r.vector, entry["vector"]),
            sentence_vectors=_pack(r.sentence_vectors, entry["sentence_vectors"]),
        )
        docs.append(entry | {"story_id": r.story_id, "copy_of": r.copy_of, "copy_kind": r.copy_kind})
    recent = [[d["story_id"], d["language"], d["vector"]] for d in docs[-512:]]
    return {
        "version": 1,
        "config": meta.config,
        "stories": [{"id": s.id, "first": s.first_day, "last": s.last_day} for s in stories],
        "docs": docs,
        "background": {"pairs": meta.pairs, "recent": recent},
    }
