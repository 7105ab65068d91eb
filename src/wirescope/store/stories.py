"""Story assignments kept in the store, so that ingestion clusters online and ``wirescope stories`` reads them back.

Three tables (migration ``0002``):

- ``story_state``: one row holding the whole :class:`~wirescope.stories.StoryIndex` as its JSON state
  (``wirescope.stories.to_state``); it is the truth the clusterer resumes from.
- ``story_documents``: each clustered document's story and copy mark (``translation``/``duplicate`` of another).
  Detected marks stay here; ``documents.translation_of`` keeps what the input declared.
- ``stories``: one summary row per story (label, languages, sources, first/last seen), refreshed on each change.

The last two are derived from the state and rewritten on every assignment, so an interrupted run that saved
assignments but not the state is repaired by :meth:`StoryBook.catch_up`, which clusters every stored document the
index has not seen, oldest first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Integer, String, Table, Text, delete, insert, select

from wirescope.model import Document
from wirescope.store import schema as t
from wirescope.store.repository import Store
from wirescope.stories import Assignment, StoryIndex, from_state, summarise, to_state

STATE_ROW = 1

story_state = Table(
    "story_state",
    t.metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("state", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

story_documents = Table(
    "story_documents",
    t.metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(64), nullable=False, index=True),
    Column("copy_of", String(64), nullable=True),
    Column("copy_kind", String(20), nullable=True),
)

stories = Table(
    "stories",
    t.metadata,
    Column("id", String(64), primary_key=True),
    Column("label", Text, nullable=False),
    Column("headline", Text, nullable=True),
    Column("languages", JSON, nullable=False),
    Column("documents", Integer, nullable=False),
    Column("sources", Integer, nullable=False),
    Column("originals", Integer, nullable=False),
    Column("first_seen", String(10), nullable=True),
    Column("last_seen", String(10), nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class StoryBook:
    """The story index of one store: load it, assign documents online, persist assignments and summaries."""

    store: Store
    index: StoryIndex = field(default_factory=StoryIndex)
    dirty: bool = False

    @classmethod
    def open(cls, store: Store) -> StoryBook:
        with store.engine.connect() as conn:
            row = conn.execute(select(story_state.c.state).where(story_state.c.id == STATE_ROW)).first()
        return cls(store, from_state(row.state) if row is not None else StoryIndex())

    def assign(self, doc: Document) -> Assignment:
        """Cluster a stored, pipeline-processed document and write its assignment (and any copy marks it caused)."""
        result = self.index.assign(doc)
        self.dirty = True
        with self.store.engine.begin() as conn:
            self._write_member(conn, result.doc_id, result.story_id, result.copy_of, result.copy_kind)
            touched = {result.story_id}
            for u in result.updates:
                story_id = self.index.story_of(u.doc_id) or result.story_id
                self._write_member(conn, u.doc_id, story_id, u.copy_of, u.kind)
                touched.add(story_id)
            for story_id in touched:
                self._write_summary(conn, story_id)
        return result

    def record_duplicate(self, doc_id: str, original_id: str) -> None:
        """A near-duplicate the store kept without text (``documents.duplicate_of``) joins its original's story as
        a visible source; the index never sees it, so its events and claims are not counted twice."""
        story_id = self.index.story_of(original_id)
        if story_id is None:
            return
        with self.store.engine.begin() as conn:
            self._write_member(conn, doc_id, story_id, original_id, "duplicate")

    def members(self, story_id: str) -> list[dict[str, Any]]:
        """The persisted members of a story (index members and the near-duplicates recorded with them)."""
        query = select(story_documents).where(story_documents.c.story_id == story_id)
        with self.store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def _write_member(self, conn: Any, doc_id: str, story_id: str, copy_of: str | None, kind: str | None) -> None:
        conn.execute(delete(story_documents).where(story_documents.c.document_id == doc_id))
        conn.execute(
            insert(story_documents).values(document_id=doc_id, story_id=story_id, copy_of=copy_of, copy_kind=kind)
        )

    def _write_summary(self, conn: Any, story_id: str) -> None:
        s = summarise(self.index, story_id, with_related=False)
        values = {
            "label": s.label,
            "headline": s.headline,
            "languages": s.languages,
            "documents": s.documents,
            "sources": s.sources,
            "originals": s.originals,
            "first_seen": s.first_seen.isoformat() if s.first_seen else None,
            "last_seen": s.last_seen.isoformat() if s.last_seen else None,
            "updated_at": _now(),
        }
        conn.execute(delete(stories).where(stories.c.id == story_id))
        conn.execute(insert(stories).values(id=story_id, **values))

    def save(self) -> None:
        """Persist the index state (once per run: the state holds every document's vectors)."""
        if not self.dirty:
            return
        state = to_state(self.index)
        with self.store.engine.begin() as conn:
            conn.execute(delete(story_state).where(story_state.c.id == STATE_ROW))
            conn.execute(insert(story_state).values(id=STATE_ROW, state=state, updated_at=_now()))
        self.dirty = False

    def unassigned(self) -> list[str]:
        """Stored documents (not near-duplicates, whose text lives in their first copy) the index has not seen,
        in publication order."""
        d = t.documents
        query = (
            select(d.c.id)
            .where(d.c.duplicate_of.is_(None))
            .order_by(d.c.published_utc.is_(None), d.c.published_utc, d.c.stored_at, d.c.id)
        )
        with self.store.engine.connect() as conn:
            return [r.id for r in conn.execute(query) if r.id not in self.index.docs]

    def catch_up(self, doc_ids: Iterable[str] | None = None) -> int:
        """Cluster the stored documents the index has not seen yet; returns how many were assigned."""
        done = 0
        for doc_id in self.unassigned() if doc_ids is None else doc_ids:
            doc = self.store.load_document(doc_id)
            if doc is not None:
                self.assign(doc)
                done += 1
        self.save()
        return done
