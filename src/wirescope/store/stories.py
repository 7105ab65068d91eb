"""Story assignments kept in the store, so that ingestion clusters online and ``wirescope stories`` reads them back.

The :class:`~wirescope.stories.StoryIndex` state, the truth the clusterer resumes from, is kept in three tables
(migration ``0003``, which converted the single JSON row of ``0002``), written incrementally so that persisting after
a new document costs the same whatever the size of the corpus (see ``wirescope.stories.state`` for the row format):

- ``story_index_docs``: one row per clustered document, in arrival order (``seq``): story, copy mark, vectors (raw
  bytes; the sentence vectors are set to NULL once the clusterer prunes them), other features as JSON. Written
  once, then updated only when the document is re-marked as a copy or its sentence vectors are pruned.
- ``story_index_stories``: one row per story (creation slot, first and last day), rewritten when a member joins.
- ``story_index_meta``: one small row (state version, configuration, per-language-pair cosine statistics).

Derived from the state and written on every assignment:

- ``story_documents``: each clustered document's story and copy mark (``translation``/``duplicate`` of another).
  Detected marks stay here; ``documents.translation_of`` keeps what the input declared.
- ``stories``: one summary row per story (label, languages, sources, first/last seen), refreshed on each change.

The last two are derived from the state and rewritten on every assignment, so an interrupted run that saved
assignments but not the state is repaired by :meth:`StoryBook.catch_up`, which clusters every stored document the
index has not seen, oldest first.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from wirescope.model import Document
from wirescope.store import schema as t
from wirescope.store.repository import Store
from wirescope.stories import Assignment, StoryIndex, summarise
from wirescope.stories.features import DocFeatures
from wirescope.stories.state import doc_row, from_rows, meta_row, story_row

log = logging.getLogger(__name__)

META_ROW = 1
#: rows per DELETE ... IN (...) statement (below every backend's limit on bound parameters)
CHUNK = 500

story_index_meta = Table(
    "story_index_meta",
    t.metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    Column("config", JSON, nullable=False),
    Column("pairs", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

story_index_stories = Table(
    "story_index_stories",
    t.metadata,
    Column("id", String(64), primary_key=True),
    Column("slot", Integer, nullable=False, unique=True),
    Column("first_day", Integer, nullable=True),
    Column("last_day", Integer, nullable=True, index=True),
)

story_index_docs = Table(
    "story_index_docs",
    t.metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),
    Column("story_id", String(64), nullable=False, index=True),
    Column("copy_of", String(64), nullable=True),
    Column("copy_kind", String(20), nullable=True),
    Column("day", Integer, nullable=True, index=True),
    Column("vector", LargeBinary, nullable=False),
    Column("sentence_vectors", LargeBinary, nullable=True),
    Column("features", JSON, nullable=False),
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
    #: how many documents of ``index.order`` have their row (the rest are written by the next ``save``)
    saved: int = 0
    #: persisted documents re-marked as copies since the last save
    _remarked: set[str] = field(default_factory=set, init=False, repr=False)
    #: persisted documents whose row still holds sentence vectors (the clusterer prunes them as its clock advances)
    _with_sentences: set[str] = field(default_factory=set, init=False, repr=False)

    def __post_init__(self) -> None:
        docs = self.index.docs
        self._with_sentences = {
            d for d in self.index.order[: self.saved] if docs[d].features.sentence_vectors is not None
        }

    @classmethod
    def open(cls, store: Store) -> StoryBook:
        with store.engine.connect() as conn:
            meta = conn.execute(select(story_index_meta).where(story_index_meta.c.id == META_ROW)).first()
            if meta is None:
                return cls(store)
            stories_rows = conn.execute(select(story_index_stories).order_by(story_index_stories.c.slot))
            docs = conn.execute(select(story_index_docs).order_by(story_index_docs.c.seq))
            index = from_rows(meta, stories_rows, docs)
        return cls(store, index, saved=len(index.order))

    @property
    def dirty(self) -> bool:
        """Whether ``save`` has something to write."""
        return len(self.index.order) > self.saved or bool(self._remarked) or bool(self._pruned())

    def assign(self, doc: Document) -> Assignment:
        """Cluster a stored, pipeline-processed document and write its assignment (and any copy marks it caused)."""
        return self._record(self.index.assign(doc))

    def assign_features(self, features: DocFeatures) -> Assignment:
        """:meth:`assign` for a document whose features are already extracted (``documents`` must hold it)."""
        return self._record(self.index.assign_features(features))

    def _record(self, result: Assignment) -> Assignment:
        self._remarked.update(u.doc_id for u in result.updates)
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

    def save(self) -> bool:
        """Persist what changed in the index since the last save (once per run, or after each batch): the new
        documents' rows, their stories' rows, the copy marks and pruned sentence vectors of earlier documents, and
        the meta row. A book that did not load a persisted index (``saved == 0``) replaces whatever is stored.

        Returns False, writing nothing, when another process saved the index since this book loaded it (two
        ingests into one store at once): the documents this book clustered are then clustered again, after the
        other process's, by the next book that catches up (:meth:`unassigned`)."""
        if not self.dirty:
            return True
        new = self.index.order[self.saved :]
        try:
            with self.store.engine.begin() as conn:
                if self.saved == 0:
                    clear_index(conn)
                elif _stored_documents(conn) != self.saved:
                    raise _StaleIndexError
                self._write_docs(conn, new)
                self._update_docs(conn, set(new))
                touched = sorted({self.index.docs[d].story_id for d in new})
                for chunk in _chunks(touched):
                    conn.execute(delete(story_index_stories).where(story_index_stories.c.id.in_(chunk)))
                if touched:
                    conn.execute(insert(story_index_stories), [story_row(self.index, s) for s in touched])
                conn.execute(delete(story_index_meta).where(story_index_meta.c.id == META_ROW))
                conn.execute(insert(story_index_meta).values(id=META_ROW, updated_at=_now(), **meta_row(self.index)))
        except (_StaleIndexError, IntegrityError):
            log.warning("story index not saved: another process saved it first; its documents are re-clustered later")
            return False
        self.saved = len(self.index.order)
        self._remarked.clear()
        return True

    def _pruned(self) -> list[str]:
        docs = self.index.docs
        return sorted(d for d in self._with_sentences if docs[d].features.sentence_vectors is None)

    def _write_docs(self, conn: Connection, new: list[str]) -> None:
        rows = [doc_row(self.index.docs[d], seq) for seq, d in enumerate(new, start=self.saved)]
        if rows:
            conn.execute(insert(story_index_docs), rows)
        self._with_sentences.update(r["doc_id"] for r in rows if r["sentence_vectors"] is not None)

    def _update_docs(self, conn: Connection, new: set[str]) -> None:
        """Copy marks and pruned sentence vectors of documents written by an earlier save."""
        where = story_index_docs.c.doc_id == bindparam("key")
        marks = [
            {"key": d, "copy_of": self.index.docs[d].copy_of, "copy_kind": self.index.docs[d].copy_kind}
            for d in sorted(self._remarked - new)
        ]
        if marks:
            conn.execute(
                update(story_index_docs)
                .where(where)
                .values(copy_of=bindparam("copy_of"), copy_kind=bindparam("copy_kind")),
                marks,
            )
        pruned = self._pruned()
        if pruned:
            conn.execute(
                update(story_index_docs).where(where).values(sentence_vectors=None), [{"key": d} for d in pruned]
            )
        self._with_sentences.difference_update(pruned)

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


class _StaleIndexError(Exception):
    """The stored index moved on since this book loaded it."""


def _stored_documents(conn: Connection) -> int:
    last = conn.execute(select(func.max(story_index_docs.c.seq))).scalar_one()
    return 0 if last is None else int(last) + 1


def clear_index(conn: Connection) -> None:
    """Forget the persisted story index (the next ``StoryBook.open`` starts empty and re-clusters every document)."""
    for table in (story_index_docs, story_index_stories, story_index_meta):
        conn.execute(delete(table))


def _chunks(items: list[str]) -> Iterable[list[str]]:
    return (items[i : i + CHUNK] for i in range(0, len(items), CHUNK))
