"""Story assignments kept in the store, so that ingestion clusters online and ``wirescope stories`` reads them back.

The :class:`~wirescope.stories.StoryIndex` state, the truth the clusterer resumes from, is kept in three tables
(migration ``0003``, which converted the single JSON row of ``0002``), written incrementally so that persisting after
a new document costs the same whatever the size of the corpus (see ``wirescope.stories.state`` for the row format):

- ``story_index_docs``: one row per clustered document, in arrival order (``seq``): story, copy mark, vectors (raw
  bytes; the sentence vectors are set to NULL once the clusterer prunes them), other features as JSON, and for an
  undated document the day it was filed under (``filed_day``, migration ``0006``). Written once, then updated only
  when the document is re-marked as a copy or its sentence vectors are pruned.
- ``story_index_stories``: one row per story (creation slot, first and last day), rewritten when a member joins.
- ``story_index_meta``: one small row (state version, configuration, per-language-pair cosine statistics).

Derived from the state and written on every assignment:

- ``story_documents``: each clustered document's story and copy mark (``translation``/``duplicate`` of another).
  Detected marks stay here; ``documents.translation_of`` keeps what the input declared.
- ``stories``: one summary row per story (label, languages, sources, first/last seen), refreshed on each change.

The last two are derived from the state and rewritten on every assignment, so an interrupted run that saved
assignments but not the state is repaired by :meth:`StoryBook.catch_up`, which clusters every stored document the
index has not seen, oldest first.

Loading the index back is what grows with the corpus: ``StoryBook.open(store)`` reads every row (the API lists every
story), ``StoryBook.open(store, lazy=True)`` (ingest) only the stories a new document can join (see
:class:`StoryBook`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
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
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from wirescope.model import Document
from wirescope.store import schema as t
from wirescope.store.repository import Store
from wirescope.stories import Assignment, StoryIndex, summarise
from wirescope.stories.calibration import RESERVOIR
from wirescope.stories.features import DocFeatures, day_of
from wirescope.stories.index import DocRecord
from wirescope.stories.state import (
    doc_row,
    extend_index,
    from_rows,
    index_shell,
    meta_row,
    pruned_before,
    record_from_row,
    story_row,
)

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
    # the day an undated document was filed under (migration 0006)
    Column("filed_day", Integer, nullable=True),
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


#: no stored day is later (the upper end of the day range a lazily opened book covers from the start)
_LAST_DAY = date.max.toordinal()


@dataclass
class StoryBook:
    """The story index of one store: load it, assign documents online, persist assignments and summaries.

    ``open(store)`` loads every story (what the API lists). ``open(store, lazy=True)`` (ingest) loads only the
    stories a new document could join: those with a member within the clusterer's reach of the latest stored day
    (``max_window_days`` + 1, widened to whole weeks as the entity postings are kept by week), then, when an older
    document arrives, the stories within reach of its day (each story with all its members, so that its centroid,
    recent members and entity counts are exact), and the story of a persisted document that comes again. The
    clusterer then sees the same candidates, scores and copies as with a full load."""

    store: Store
    index: StoryIndex = field(default_factory=StoryIndex)
    #: how many document rows the index accounts for (the ``seq`` of the next new row)
    saved: int = 0
    #: documents clustered since the last save, in arrival order (their rows are written by the next ``save``)
    _pending: list[str] = field(default_factory=list, init=False, repr=False)
    #: persisted documents re-marked as copies since the last save
    _remarked: set[str] = field(default_factory=set, init=False, repr=False)
    #: persisted documents whose row still holds sentence vectors (the clusterer prunes them as its clock advances)
    _with_sentences: set[str] = field(default_factory=set, init=False, repr=False)
    #: the latest day of the saved documents: an undated new document is filed under the clock when it arrives
    _clock: int | None = field(default=None, init=False, repr=False)
    #: lazy books: the day ranges whose stories are loaded (None: all are) ...
    _covered: list[tuple[int, int]] | None = field(default=None, init=False, repr=False)
    #: ... the stories that existed at open (later slots are this book's or another process's) ...
    _stories_at_open: int = field(default=0, init=False, repr=False)
    #: ... and the day below which the rows' sentence vectors are already cleared (the index prunes them in memory)
    _cleared_before: int | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.index.load_document = self.store.load_document  # copy detection reads back texts the index lacks
        docs = self.index.docs
        persisted = [docs[d].features for d in self.index.order[: self.saved]]
        self._pending = list(self.index.order[self.saved :])
        self._with_sentences = {f.doc_id for f in persisted if f.sentence_vectors is not None}
        self._clock = max((f.day for f in persisted if f.day is not None), default=None)

    @classmethod
    def open(cls, store: Store, lazy: bool = False) -> StoryBook:
        """The persisted index: every story, or (``lazy``) only those around the latest stored day."""
        with store.engine.connect() as conn:
            meta = conn.execute(select(story_index_meta).where(story_index_meta.c.id == META_ROW)).first()
            if meta is None:
                return cls(store)
            clock = conn.execute(select(func.max(story_index_docs.c.day))).scalar()
            if lazy and clock is not None:  # with nothing dated, every story is a candidate: load them all
                return cls._open_lazy(store, conn, meta, int(clock))
            stories_rows = conn.execute(select(story_index_stories).order_by(story_index_stories.c.slot))
            docs = conn.execute(select(story_index_docs).order_by(story_index_docs.c.seq))
            index = from_rows(meta, stories_rows, docs)
        return cls(store, index, saved=len(index.order))

    @classmethod
    def _open_lazy(cls, store: Store, conn: Connection, meta: Any, clock: int) -> StoryBook:
        d = story_index_docs
        slots = list(conn.execute(select(story_index_stories.c.id).order_by(story_index_stories.c.slot)).scalars())
        last = select(d.c.seq, d.c.story_id, d.c.vector, d.c.features).order_by(d.c.seq.desc()).limit(RESERVOIR)
        recent = reversed(conn.execute(last).all())
        book = cls(store, index_shell(meta, slots, recent, clock), saved=_stored_documents(conn))
        book._clock, book._covered, book._stories_at_open = clock, [], len(slots)
        low, _high = book._reach(clock)
        book._load_days(conn, low, _LAST_DAY)
        return book

    def _reach(self, day: int) -> tuple[int, int]:
        """The days whose stories can receive a document of ``day``: the whole weeks ``StoryIndex`` looks up."""
        weeks = self.index.candidate_weeks(day)
        return 7 * weeks.start, 7 * weeks.stop - 1

    def _load_days(self, conn: Connection, low: int, high: int) -> None:
        """Load the stories with a member between ``low`` and ``high`` that are not loaded yet."""
        assert self._covered is not None
        s = story_index_stories
        for a, b in _missing(self._covered, low, high):
            query = select(s.c.id).where(s.c.first_day <= b, s.c.last_day >= a, s.c.slot < self._stories_at_open)
            self._load_stories(conn, [i for i in conn.execute(query).scalars() if i not in self.index.stories])
            self._covered = _merge([*self._covered, (a, b)])

    def _load_stories(self, conn: Connection, story_ids: list[str]) -> None:
        s, d = story_index_stories, story_index_docs
        stories_rows: list[Any] = []
        docs: list[tuple[int, DocRecord, int | None]] = []
        for chunk in _chunks(sorted(story_ids)):
            stories_rows += conn.execute(select(s.c.id, s.c.slot, s.c.first_day, s.c.last_day).where(s.c.id.in_(chunk)))
            for r in conn.execute(select(d).where(d.c.story_id.in_(chunk), d.c.seq < self.saved)):
                docs.append((r.seq, record_from_row(r), r.filed_day))  # decoded as read: rows hold every vector
                if r.sentence_vectors is not None:
                    self._with_sentences.add(r.doc_id)
        docs.sort(key=lambda x: x[0])
        extend_index(self.index, [tuple(r) for r in stories_rows], [(record, filed) for _, record, filed in docs])

    def _prepare(self, doc_id: str, day: int | None, content_hash: str) -> None:
        """Lazy books: load what clustering a document of ``day`` can touch (see the class docstring)."""
        if self._covered is None or doc_id in self.index.docs:
            return
        d = story_index_docs
        with self.store.engine.connect() as conn:
            known = select(d.c.story_id).where(d.c.seq < self.saved)
            found = set(conn.execute(known.where(d.c.doc_id == doc_id)).scalars())
            if content_hash:  # an exact copy of a persisted document joins its story (documents: one row per hash)
                same = known.join_from(d, t.documents, t.documents.c.id == d.c.doc_id)
                found.update(conn.execute(same.where(t.documents.c.content_hash == content_hash)).scalars())
            self._load_stories(conn, [s for s in found if s not in self.index.stories])
            if day is not None:
                self._load_days(conn, *self._reach(day))

    @property
    def dirty(self) -> bool:
        """Whether ``save`` has something to write."""
        return bool(self._pending) or bool(self._remarked) or bool(self._pruned())

    def assign(self, doc: Document) -> Assignment:
        """Cluster a stored, pipeline-processed document and write its assignment (and any copy marks it caused)."""
        self._prepare(doc.id, day_of(doc.published), doc.content_hash)
        return self._record(lambda: self.index.assign(doc))

    def assign_features(self, features: DocFeatures) -> Assignment:
        """:meth:`assign` for a document whose features are already extracted (``documents`` must hold it)."""
        self._prepare(features.doc_id, features.day, features.content_hash)
        return self._record(lambda: self.index.assign_features(features))

    def _record(self, assign: Callable[[], Assignment]) -> Assignment:
        known = len(self.index.docs)
        result = assign()
        if len(self.index.docs) > known:
            self._pending.append(result.doc_id)
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
        with self.store.engine.begin() as conn:
            story_id = (
                self.index.story_of(original_id)
                or conn.execute(
                    select(story_index_docs.c.story_id).where(story_index_docs.c.doc_id == original_id)
                ).scalar()
            )
            if story_id is not None:
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
        new = list(self._pending)
        try:
            with self.store.engine.begin() as conn:
                if self.saved == 0:
                    clear_index(conn)
                elif _stored_documents(conn) != self.saved:
                    raise _StaleIndexError
                clock = self._write_docs(conn, new)
                self._update_docs(conn, set(new))
                self._clear_unloaded_sentences(conn)
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
        self.saved += len(new)
        self._pending.clear()
        self._remarked.clear()
        self._clock = clock
        return True

    def _pruned(self) -> list[str]:
        docs = self.index.docs
        return sorted(d for d in self._with_sentences if docs[d].features.sentence_vectors is None)

    def _write_docs(self, conn: Connection, new: list[str]) -> int | None:
        """Insert the new documents' rows; returns the clock after them."""
        clock, rows = self._clock, []
        for seq, doc_id in enumerate(new, start=self.saved):
            day = self.index.docs[doc_id].features.day
            rows.append(doc_row(self.index.docs[doc_id], seq) | {"filed_day": clock if day is None else None})
            if day is not None:
                clock = day if clock is None else max(clock, day)
        if rows:
            conn.execute(insert(story_index_docs), rows)
        self._with_sentences.update(r["doc_id"] for r in rows if r["sentence_vectors"] is not None)
        return clock

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

    def _clear_unloaded_sentences(self, conn: Connection) -> None:
        """Lazy books: the sentence vectors the index has pruned by now are cleared in the rows it did not load too
        (as a full load prunes every document), so that the next run starts from the same rows."""
        before = pruned_before(self.index)
        if self._covered is None or before is None or before == self._cleared_before:
            return
        d = story_index_docs
        since = self._cleared_before
        dated = d.c.day < before if since is None else d.c.day.between(since, before - 1)
        filed = d.c.filed_day < before if since is None else d.c.filed_day.between(since, before - 1)
        old = or_(dated, and_(d.c.day.is_(None), filed))
        conn.execute(
            update(d).where(old, d.c.sentence_vectors.is_not(None), d.c.seq < self.saved).values(sentence_vectors=None)
        )
        self._cleared_before = before

    def unassigned(self) -> list[str]:
        """Stored documents (not near-duplicates, whose text lives in their first copy) the index has not seen,
        in publication order."""
        d, s = t.documents, story_index_docs
        query = (
            select(d.c.id)
            .outerjoin(s, s.c.doc_id == d.c.id)
            .where(d.c.duplicate_of.is_(None), s.c.doc_id.is_(None))
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


def _missing(covered: list[tuple[int, int]], low: int, high: int) -> list[tuple[int, int]]:
    """The parts of the day range ``low``..``high`` outside the (sorted, disjoint) ``covered`` ranges."""
    parts = []
    for a, b in covered:
        if b < low or a > high:
            continue
        if a > low:
            parts.append((low, a - 1))
        low = max(low, b + 1)
    if low <= high:
        parts.append((low, high))
    return parts


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
