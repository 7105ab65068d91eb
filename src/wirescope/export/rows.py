"""Streaming reads of the store for the exporters: events with their document's metadata, and whole tables.

Every query runs with ``stream_results``/``yield_per`` (a server-side cursor where the backend has one; SQLite's
cursor is lazy anyway), so memory stays bounded by one chunk whatever the store's size. Events come ordered by
their primary key (document id, event id), which every backend can walk without a sort.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Executable, select

from wirescope.model import ActorRef, Document, Event, Sentence
from wirescope.store import Store
from wirescope.store import schema as t
from wirescope.store.filters import EventFilter, apply_event_filter, event_date, matches_refs

#: rows fetched per round trip
CHUNK = 5000


@dataclass(frozen=True)
class DocMeta:
    """The metadata of an event's document that the event views need."""

    id: str
    url: str | None
    source: str | None
    title: str | None
    published: str | None
    language: str | None


@dataclass(frozen=True)
class EventRow:
    """One stored event: its JSON (``Event.to_dict()``), its filter date and its document."""

    document: DocMeta
    data: dict[str, Any]
    date: str | None

    @property
    def uid(self) -> str:
        """Unique across the store (event ids are per document)."""
        return f"{self.document.id}-{self.data['id']}"

    def event(self) -> Event:
        data = dict(self.data)
        data["actor"] = [ActorRef(**a) for a in data.get("actor", [])]
        data["recipient"] = [ActorRef(**a) for a in data.get("recipient", [])]
        return Event(**data)


def stream(conn: Connection, query: Executable) -> Iterator[Any]:
    """The rows of ``query`` fetched in chunks."""
    yield from conn.execution_options(stream_results=True, yield_per=CHUNK).execute(query)


def iter_events(store: Store, f: EventFilter) -> Iterator[EventRow]:
    """The events matching ``f`` in primary-key order, each with its document's metadata."""
    ev, d = t.events, t.documents
    query = select(
        ev.c.document_id, ev.c.data, event_date().label("date"), d.c.url, d.c.source, d.c.title, d.c.published,
        d.c.language,
    ).join(d, d.c.id == ev.c.document_id)
    query = apply_event_filter(query, f).order_by(ev.c.document_id, ev.c.id)
    meta: DocMeta | None = None
    with store.engine.connect() as conn:
        for r in stream(conn, query):
            data = dict(r.data)
            if f.needs_python and not matches_refs(data, f):
                continue
            if meta is None or meta.id != r.document_id:
                meta = DocMeta(r.document_id, r.url, r.source, r.title, r.published, r.language)
            yield EventRow(meta, data, r.date)


class DocumentCache:
    """The Document (text, sentences, metadata) of the current event; events come grouped by document, so one
    document is held at a time."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._doc: Document | None = None

    def get(self, doc_id: str) -> Document:
        if self._doc is None or self._doc.id != doc_id:
            self._doc = self._load(doc_id)
        return self._doc

    def _load(self, doc_id: str) -> Document:
        d = t.documents
        with self.store.engine.connect() as conn:
            row = conn.execute(
                select(d.c.id, d.c.text, d.c.content_hash, d.c.url, d.c.source, d.c.title, d.c.published,
                       d.c.language).where(d.c.id == doc_id)
            ).one()
            sentences = [
                Sentence(s.idx, s.start, s.end, s.language)
                for s in conn.execute(
                    select(t.sentences).where(t.sentences.c.document_id == doc_id).order_by(t.sentences.c.idx)
                )
            ]
        return Document(
            text=row.text or "",
            id=row.id,
            content_hash=row.content_hash,
            url=row.url,
            source=row.source,
            title=row.title,
            published=datetime.fromisoformat(row.published) if row.published else None,
            language=row.language,
            sentences=sentences,
        )


def actor_label(ref: dict[str, Any]) -> str:
    """A readable name for an actor item: its text, else its code."""
    return str(ref.get("entity_text") or ref.get("code") or ref.get("entity_id") or "")


def actor_key(ref: dict[str, Any]) -> str:
    """A stable node key for an actor item: the entity id, else the PLOVER code, else the folded text."""
    return str(ref.get("entity_id") or ref.get("code") or f"text:{actor_label(ref).casefold()}")
