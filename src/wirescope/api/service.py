"""The read and write side shared by the REST API and the web dashboard: queries over the store with filters,
pagination and sorting, cross-lingual semantic search, aggregates, stories and ingestion.

Listings filter in SQL on indexed columns (category, language, date) and in Python on what lives in event JSON
(actor and recipient entity ids and names) and on story membership. Stories are the ones persisted in the store
(``store/stories.py``, the same as ``wirescope stories``); documents stored before stories existed are clustered on
first use. Aggregates count an event of a translation or reprint once (``wirescope.stories.aggregate``).

Caches (document embeddings for semantic search, the opened story book, claims ledgers per story) live in memory for
the life of the process and are refreshed or dropped when ``ingest`` stores a document.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import func, or_, select
from sqlalchemy.exc import OperationalError

from wirescope.ingest import IngestItem, IngestOptions, read_inputs
from wirescope.model import Document
from wirescope.plover import to_plover_record
from wirescope.store import Store, StoryBook
from wirescope.store import schema as t
from wirescope.store.filters import EventFilter, apply_event_filter, event_date, matches_refs, refs_match
from wirescope.store.stories import story_documents
from wirescope.stories import aggregate

MAX_LIMIT = 500
PERIODS = {"day": 10, "month": 7}
AGGREGATE_BY = ("dyad", "category", "day", "week", "month")
#: characters of title + lead embedded for semantic search
LEAD_CHARS = 600


class NotFoundError(LookupError):
    pass


class BadRequestError(ValueError):
    pass


#: Every listing takes the same filters as ``wirescope export`` and ``wirescope events`` (one definition).
Filters = EventFilter


@dataclass(frozen=True)
class Page:
    limit: int = 50
    offset: int = 0
    sort: str | None = None

    def slice(self, rows: Sequence[Any]) -> list[Any]:
        return list(rows[self.offset : self.offset + self.limit])


def paged(rows: Sequence[dict[str, Any]], page: Page) -> dict[str, Any]:
    return {"total": len(rows), "limit": page.limit, "offset": page.offset, "items": page.slice(rows)}


def sort_rows(rows: list[dict[str, Any]], sort: str | None, allowed: Iterable[str]) -> list[dict[str, Any]]:
    """Sort by ``key`` or ``-key`` (descending); None values last either way."""
    if not sort:
        return rows
    key = sort.lstrip("-")
    if key not in allowed:
        raise BadRequestError(f"cannot sort by {key!r}; use one of {', '.join(allowed)}")
    present = [r for r in rows if r.get(key) is not None]
    missing = [r for r in rows if r.get(key) is None]
    return sorted(present, key=lambda r: r[key], reverse=sort.startswith("-")) + missing


def _iso(value: datetime | None) -> str | None:
    return value.replace(tzinfo=value.tzinfo or UTC).isoformat() if value else None


def actor_key(refs: list[dict[str, Any]]) -> str:
    """One label per side of a dyad: the PLOVER codes, else the entity ids, else the text."""
    labels = [r.get("code") or r.get("entity_id") or r.get("entity_text") or "?" for r in refs]
    return "+".join(sorted(set(labels))) if labels else "—"


def period_of(date: str | None, by: str) -> str | None:
    """The day (YYYY-MM-DD), ISO week (YYYY-Www) or month (YYYY-MM) of an ISO date; None when too coarse."""
    if not date:
        return None
    if by == "week":
        if len(date) < 10:
            return None
        try:
            year, week, _ = datetime.fromisoformat(date[:10]).isocalendar()
        except ValueError:
            return None
        return f"{year}-W{week:02d}"
    width = PERIODS[by]
    return date[:width] if len(date) >= width and date[4:5] == "-" else None


@dataclass
class EventRow:
    """An event with the metadata of its document, as the listings need it."""

    document_id: str
    data: dict[str, Any]
    date: str | None
    language: str | None
    title: str | None

    @property
    def key(self) -> str:
        return f"{self.document_id}-{self.data['id']}"

    @property
    def category(self) -> str:
        return str(self.data["event"])

    @property
    def intensity(self) -> float:
        return float(self.data.get("intensity") or 0.0)

    def summary(self) -> dict[str, Any]:
        d = self.data
        return {
            "id": self.key,
            "document_id": self.document_id,
            "event_id": d["id"],
            "category": d["event"],
            "mode": d.get("mode"),
            "date": self.date,
            "actor": d.get("actor", []),
            "recipient": d.get("recipient", []),
            "dyad": f"{actor_key(d.get('actor', []))}->{actor_key(d.get('recipient', []))}",
            "intensity": self.intensity,
            "confidence": d.get("confidence"),
            "text": d.get("event_text"),
            "sentence": d.get("sentence"),
            "negated": d.get("negated", False),
            "hypothetical": d.get("hypothetical", False),
            "event_loc": d.get("event_loc"),
            "language": self.language,
            "title": self.title,
        }


@dataclass
class Service:
    """Everything the API and the pages ask of the store, with the process's caches."""

    store: Store
    embed_passages: Callable[[Sequence[str]], NDArray[np.float32]] | None = None
    embed_queries: Callable[[Sequence[str]], NDArray[np.float32]] | None = None
    _doc_vectors: dict[str, NDArray[np.float32]] = field(default_factory=dict)
    _book: StoryBook | None = None
    _ledgers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _pipeline: Any = None
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _state_lock: threading.Lock = field(default_factory=threading.Lock)
    _warming: threading.Thread | None = None
    #: documents assigned to stories so far while the index is being built (shown by the overview)
    progress: dict[str, int] = field(default_factory=lambda: {"done": 0, "total": 0})

    def __post_init__(self) -> None:
        if self.embed_passages is None or self.embed_queries is None:
            from wirescope.nlp import embed

            self.embed_passages = self.embed_passages or embed.embed_passages
            self.embed_queries = self.embed_queries or embed.embed_queries

    # ------------------------------------------------------------------ documents

    def documents(self, filters: Filters, page: Page, include_duplicates: bool = False) -> dict[str, Any]:
        d = t.documents
        query = select(
            d.c.id, d.c.title, d.c.language, d.c.published, d.c.published_utc, d.c.source, d.c.url,
            d.c.duplicate_of, d.c.translation_of,
        )
        if not include_duplicates:
            query = query.where(d.c.duplicate_of.is_(None))
        if filters.language:
            query = query.where(d.c.language == filters.language)
        if filters.date_from:
            query = query.where(d.c.published >= filters.date_from)
        if filters.date_to:
            query = query.where(func.substr(d.c.published, 1, len(filters.date_to)) <= filters.date_to)
        query = query.order_by(d.c.published_utc.desc(), d.c.id)
        with self.store.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
        for r in rows:
            r["published_utc"] = _iso(r["published_utc"])
        if filters.story:
            members = set(self.story_members(filters.story))
            rows = [r for r in rows if r["id"] in members]
        if filters.actor or filters.category:
            wanted = {e.document_id for e in self._event_rows(filters)}
            rows = [r for r in rows if r["id"] in wanted]
        rows = sort_rows(rows, page.sort, ("published", "title", "language", "source"))
        return paged(rows, page)

    def document(self, doc_id: str) -> Document:
        doc = self.store.load_document(doc_id)
        if doc is None:
            raise NotFoundError(f"no document {doc_id!r}")
        return doc

    def document_detail(self, doc_id: str) -> dict[str, Any]:
        doc = self.document(doc_id)
        data = doc.to_dict()
        data["text"] = doc.text
        data["origins"] = self.store.origins_of(doc_id)
        data["story"] = self.story_of(doc_id)
        data["plover"] = [to_plover_record(e, doc) for e in doc.events]
        return data

    # ------------------------------------------------------------------ entities

    def entities(self, filters: Filters, page: Page, type_: str | None = None, q: str | None = None) -> dict[str, Any]:
        e, m = t.entities, t.mentions
        query = (
            select(
                e.c.id, e.c.type, e.c.name, e.c.country, e.c.role, e.c.wikidata,
                func.count(m.c.id).label("mentions"),
                func.count(func.distinct(m.c.document_id)).label("documents"),
            )
            .join(m, m.c.entity_id == e.c.id)
            .join(t.documents, t.documents.c.id == m.c.document_id)
            .group_by(e.c.id, e.c.type, e.c.name, e.c.country, e.c.role, e.c.wikidata)
        )
        if type_:
            query = query.where(e.c.type == type_.upper())
        if q:
            query = query.where(e.c.name.ilike(f"%{q}%"))
        if filters.language:
            query = query.where(t.documents.c.language == filters.language)
        if filters.story:
            query = query.where(m.c.document_id.in_(self.story_members(filters.story)))
        with self.store.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
        rows.sort(key=lambda r: (-r["mentions"], r["name"]))
        rows = sort_rows(rows, page.sort, ("name", "type", "country", "mentions", "documents"))
        return paged(rows, page)

    def entity(self, entity_id: str) -> dict[str, Any]:
        e, m = t.entities, t.mentions
        with self.store.engine.connect() as conn:
            row = conn.execute(select(e).where(e.c.id == entity_id)).first()
            if row is None:
                raise NotFoundError(f"no entity {entity_id!r}")
            seen = conn.execute(
                select(m.c.text, func.count().label("n")).where(m.c.entity_id == entity_id).group_by(m.c.text)
            ).all()
            docs = conn.execute(
                select(t.documents.c.id, t.documents.c.title, t.documents.c.language, t.documents.c.published)
                .join(m, m.c.document_id == t.documents.c.id)
                .where(m.c.entity_id == entity_id)
                .group_by(t.documents.c.id, t.documents.c.title, t.documents.c.language, t.documents.c.published)
                .order_by(t.documents.c.published)
            ).all()
        data = dict(row._mapping)
        data.pop("updated_at", None)
        data["aliases_seen"] = [{"text": s.text, "count": s.n} for s in sorted(seen, key=lambda s: (-s.n, s.text))]
        data["documents"] = [dict(d._mapping) for d in docs]
        codes = {entity_id} | ({data["country"]} if data["type"] == "COUNTRY" and data["country"] else set())
        events = [r for r in self._event_rows(Filters()) if self._involves(r, codes)]
        data["events"] = [r.summary() for r in sorted(events, key=lambda r: r.date or "")]
        data["relations"] = self._relations(events, codes)
        names = self._entity_names([r["entity_id"] for r in data["relations"] if r["entity_id"]])
        for rel in data["relations"]:  # the canonical name, not the surface form of the first event
            rel["name"] = names.get(rel["entity_id"], rel["name"])
        data["timeline"] = self._timeline(events, "month")
        return data

    def _entity_names(self, ids: list[str]) -> dict[str, str]:
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(t.entities.c.id, t.entities.c.name).where(t.entities.c.id.in_(ids)))
            return {r.id: r.name for r in rows}

    @staticmethod
    def _involves(row: EventRow, codes: set[str]) -> bool:
        refs = row.data.get("actor", []) + row.data.get("recipient", [])
        return any(r.get("entity_id") in codes or r.get("code") in codes for r in refs)

    @staticmethod
    def _relations(events: list[EventRow], codes: set[str]) -> list[dict[str, Any]]:
        """Counterparts of an actor: how often, and how cooperative (mean intensity) the events were."""
        by_other: dict[str, dict[str, Any]] = {}
        for row in events:
            actor, recipient = row.data.get("actor", []), row.data.get("recipient", [])
            ours = any(r.get("entity_id") in codes or r.get("code") in codes for r in actor)
            for ref in recipient if ours else actor:
                if ref.get("entity_id") in codes or ref.get("code") in codes:
                    continue
                key = ref.get("entity_id") or ref.get("code") or ref.get("entity_text")
                rel = by_other.setdefault(
                    key, {"id": key, "name": ref.get("entity_text") or key, "code": ref.get("code"),
                          "entity_id": ref.get("entity_id"), "count": 0, "intensity_sum": 0.0},
                )
                rel["count"] += 1
                rel["intensity_sum"] += row.intensity
        rels = list(by_other.values())
        for rel in rels:
            rel["intensity"] = round(rel.pop("intensity_sum") / rel["count"], 2)
        return sorted(rels, key=lambda r: (-r["count"], r["name"]))

    @staticmethod
    def _timeline(events: list[EventRow], by: str) -> list[dict[str, Any]]:
        counts: Counter[str] = Counter(p for r in events if (p := period_of(r.date, by)))
        return [{"period": p, "count": n} for p, n in sorted(counts.items())]

    # ------------------------------------------------------------------ events

    def _event_rows(self, filters: Filters) -> list[EventRow]:
        ev, d = t.events, t.documents
        date = event_date()
        if filters.story and filters.document_ids is None:
            filters = replace(filters, document_ids=frozenset(self.story_members(filters.story)))
        query = select(ev.c.document_id, ev.c.data, date.label("date"), d.c.language, d.c.title).join(
            d, d.c.id == ev.c.document_id
        )
        query = apply_event_filter(query, filters).order_by(date, ev.c.document_id, ev.c.start)
        with self.store.engine.connect() as conn:
            rows = [EventRow(r.document_id, dict(r.data), r.date, r.language, r.title) for r in conn.execute(query)]
        if filters.needs_python:
            rows = [r for r in rows if matches_refs(r.data, filters)]
        return rows

    def events(self, filters: Filters, page: Page, plover: bool = True) -> dict[str, Any]:
        rows = [r.summary() | {"_row": r} for r in self._event_rows(filters)]
        rows = sort_rows(rows, page.sort, ("date", "category", "intensity", "confidence", "language"))
        result = paged(rows, page)
        docs: dict[str, Document] = {}
        items = []
        for item in result["items"]:
            row: EventRow = item.pop("_row")
            if plover:
                if row.document_id not in docs:
                    docs[row.document_id] = self.document(row.document_id)
                doc = docs[row.document_id]
                event = next(e for e in doc.events if e.id == row.data["id"])
                item = {**item, "plover": to_plover_record(event, doc)}
            items.append(item)
        result["items"] = items
        return result

    def aggregates(self, by: str, filters: Filters) -> dict[str, Any]:
        """Counts and intensity (mean, and the counts of cooperative and conflictual events) per group."""
        if by not in AGGREGATE_BY:
            raise BadRequestError(f"by must be one of {', '.join(AGGREGATE_BY)}")
        groups: dict[str, list[EventRow]] = defaultdict(list)
        listed = self._event_rows(filters)
        counted = self._counted_once(listed)
        for row in counted:
            if by == "dyad":
                key = f"{actor_key(row.data.get('actor', []))}->{actor_key(row.data.get('recipient', []))}"
            elif by == "category":
                key = row.category
            else:
                period = period_of(row.date, by)
                if period is None:
                    continue
                key = period
            groups[key].append(row)
        items = []
        for key, rows in groups.items():
            values = [r.intensity for r in rows]
            item: dict[str, Any] = {
                "key": key,
                "count": len(rows),
                "intensity_mean": round(sum(values) / len(values), 2),
                "intensity_sum": round(sum(values), 2),
                "cooperation": sum(1 for v in values if v > 0),
                "conflict": sum(1 for v in values if v < 0),
                "events": [r.key for r in rows],
            }
            if by == "dyad":
                item["actor"], item["recipient"] = key.split("->", 1)
            items.append(item)
        items.sort(key=lambda i: i["key"] if by in ("day", "week", "month") else (-i["count"], i["key"]))
        return {
            "by": by,
            "total": len(items),
            "items": items,
            "events_listed": len(listed),
            "events_counted": len(counted),
        }

    def _counted_once(self, rows: list[EventRow]) -> list[EventRow]:
        """The rows left when an event of a translation or reprint that its original (or another copy of it) also
        reports is dropped; copy marks come from the input (``documents``) and from the story index."""
        ids = sorted({r.document_id for r in rows})
        wanted: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            wanted[r.document_id].add(str(r.data["id"]))
        with self.store.engine.connect() as conn:
            marks = {
                m.document_id: (m.copy_of, m.copy_kind)
                for m in conn.execute(
                    select(story_documents.c.document_id, story_documents.c.copy_of, story_documents.c.copy_kind)
                    .where(story_documents.c.document_id.in_(ids), story_documents.c.copy_of.is_not(None))
                )
            }
        docs = []
        for doc_id in ids:
            doc = self.store.load_document(doc_id)
            if doc is None:
                continue
            doc.events = [e for e in doc.events if e.id in wanted[doc_id]]  # only what the filters let through
            copy_of, kind = marks.get(doc_id, (None, None))
            if doc.translation_of is None and doc.duplicate_of is None:
                if kind == "translation":
                    doc.translation_of = copy_of
                elif kind == "duplicate":
                    doc.duplicate_of = copy_of
            docs.append(doc)
        copies = {d.id for d in docs if d.translation_of or d.duplicate_of}
        kept = {(doc_id, event.id) for doc_id, event in aggregate(docs).events}
        return [r for r in rows if r.document_id not in copies or (r.document_id, r.data["id"]) in kept]

    # ------------------------------------------------------------------ claims

    def claims(self, filters: Filters, page: Page, stance: str | None = None) -> dict[str, Any]:
        c, d = t.claims, t.documents
        query = select(c.c.document_id, c.c.data, d.c.language, d.c.title, d.c.published).join(
            d, d.c.id == c.c.document_id
        )
        if stance:
            query = query.where(c.c.stance == stance)
        if filters.language:
            query = query.where(d.c.language == filters.language)
        if filters.date_from:
            query = query.where(func.coalesce(c.c.date, d.c.published) >= filters.date_from)
        if filters.date_to:
            query = query.where(func.substr(func.coalesce(c.c.date, d.c.published), 1, 10) <= filters.date_to)
        if filters.actor:
            query = query.where(
                or_(c.c.speaker_entity_id == filters.actor, c.c.speaker_country == filters.actor,
                    func.lower(c.c.speaker) == filters.actor.lower())
            )
        query = query.order_by(d.c.published, c.c.document_id, c.c.start)
        with self.store.engine.connect() as conn:
            rows = [
                {**dict(r.data), "id": f"{r.document_id}-{r.data['id']}", "claim_id": r.data["id"],
                 "document_id": r.document_id, "document_language": r.language, "title": r.title,
                 "published": r.published}
                for r in conn.execute(query)
            ]
        if filters.story:
            members = set(self.story_members(filters.story))
            rows = [r for r in rows if r["document_id"] in members]
        rows = sort_rows(rows, page.sort, ("date", "stance", "published", "language"))
        return paged(rows, page)

    # ------------------------------------------------------------------ search

    def keyword_search(self, q: str, limit: int) -> list[str]:
        """FTS5 over title and text; a query FTS5 cannot parse is retried with each word quoted."""
        try:
            return self.store.search(q, limit)
        except OperationalError:
            words = [w.replace('"', "") for w in q.split()]
            quoted = " ".join(f'"{w}"' for w in words if w)
            return self.store.search(quoted, limit) if quoted else []

    def _lead(self, doc_id: str) -> str:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(t.documents.c.title, t.documents.c.text).where(t.documents.c.id == doc_id)).one()
        return f"{row.title or ''}\n{(row.text or '')[:LEAD_CHARS]}".strip()

    def document_vectors(self) -> tuple[list[str], NDArray[np.float32]]:
        """Embeddings of every stored document's title and lead, computed once and cached."""
        with self.store.engine.connect() as conn:
            ids = [r.id for r in conn.execute(select(t.documents.c.id).where(t.documents.c.duplicate_of.is_(None)))]
        with self._lock:
            missing = [i for i in ids if i not in self._doc_vectors]
            if missing:
                assert self.embed_passages is not None
                vectors = self.embed_passages([self._lead(i) for i in missing])
                self._doc_vectors.update(zip(missing, vectors, strict=True))
            matrix = np.stack([self._doc_vectors[i] for i in ids]) if ids else np.zeros((0, 384), np.float32)
        return ids, matrix

    def semantic_search(self, q: str, limit: int) -> list[tuple[str, float]]:
        ids, matrix = self.document_vectors()
        if not ids:
            return []
        assert self.embed_queries is not None
        scores = matrix @ self.embed_queries([q])[0]
        order = np.argsort(-scores)[:limit]
        return [(ids[i], round(float(scores[i]), 4)) for i in order]

    def search(self, q: str, mode: str, filters: Filters, limit: int) -> dict[str, Any]:
        if not q.strip():
            raise BadRequestError("q must not be empty")
        if mode == "keyword":
            hits: list[tuple[str, float | None]] = [(i, None) for i in self.keyword_search(q, MAX_LIMIT)]
        elif mode == "semantic":
            hits = list(self.semantic_search(q, MAX_LIMIT))
        else:
            raise BadRequestError("mode must be keyword or semantic")
        meta = {r["id"]: r for r in self.documents(filters, Page(limit=MAX_LIMIT * 10))["items"]}
        items = [meta[i] | {"score": s} for i, s in hits if i in meta][:limit]
        return {"q": q, "mode": mode, "total": len(items), "items": items}

    # ------------------------------------------------------------------ stories

    def story_book(self) -> StoryBook:
        """The story index persisted in the store; stored documents it has not seen are clustered (and saved) first."""
        with self._lock:
            if self._book is None:
                book = StoryBook.open(self.store)
                ids = book.unassigned()
                self.progress = {"done": 0, "total": len(ids)}
                for done, doc_id in enumerate(ids, start=1):
                    doc = self.store.load_document(doc_id)
                    if doc is not None:
                        book.assign(doc)
                    self.progress = {"done": done, "total": len(ids)}
                book.save()
                self._book = book
            return self._book

    @property
    def stories_ready(self) -> bool:
        return self._book is not None

    def build_in_background(self) -> None:
        """Start opening the story book and building the search embeddings unless that is done or under way."""
        with self._state_lock:
            if self._warming is None or not (self._warming.is_alive() or self.stories_ready):
                self._warming = threading.Thread(target=self.warm_up, daemon=True)
                self._warming.start()

    def status(self) -> dict[str, Any]:
        return {"stories_ready": self.stories_ready, "progress": self.progress}

    def stories(self, page: Page) -> dict[str, Any]:
        from wirescope.stories import list_stories

        rows = [s.to_dict() for s in list_stories(self.story_book().index)]
        rows = sort_rows(rows, page.sort, ("first_seen", "last_seen", "documents", "sources", "label"))
        return paged(rows, page)

    def story_members(self, story_id: str) -> list[str]:
        index = self.story_book().index
        if story_id not in index.stories:
            raise NotFoundError(f"no story {story_id!r}")
        return list(index.stories[story_id].members)

    def story_of(self, doc_id: str) -> str | None:
        return self.story_book().index.story_of(doc_id)

    def story(self, story_id: str) -> dict[str, Any]:
        from wirescope.stories import get_story

        detail = get_story(self.story_book().index, story_id)
        if detail is None:
            raise NotFoundError(f"no story {story_id!r}")
        data = detail.to_dict()
        with self.store.engine.connect() as conn:  # a translation the ingester recognised, besides the index's copies
            marked = dict(conn.execute(
                select(t.documents.c.id, t.documents.c.translation_of).where(
                    t.documents.c.id.in_([m["id"] for m in data["members"]])
                )
            ).all())
        for member in data["members"]:
            member["translation_of"] = marked.get(member["id"])
        events = self._event_rows(Filters(story=story_id))
        data["timeline"] = [r.summary() for r in events]
        data["ledger"] = self.ledger(story_id)
        return data

    def ledger(self, story_id: str) -> list[dict[str, Any]]:
        """The claims ledger of a story (who asserts and who denies each proposition), cached per story."""
        with self._lock:
            if story_id not in self._ledgers:
                from wirescope.ledger import build_ledger

                docs = [self.document(i) for i in self.story_members(story_id)]
                items = [(doc.id, claim, doc.entities) for doc in docs for claim in doc.claims]
                self._ledgers[story_id] = [p.to_dict() for p in build_ledger(items)]
            return self._ledgers[story_id]

    def warm_up(self) -> None:
        """Open the story book and build the document embeddings ahead of the first request."""
        self.story_book()
        self.document_vectors()

    # ------------------------------------------------------------------ overview and map

    def overview(self) -> dict[str, Any]:
        """Counts, latest stories (None while the story index is being built: the page shows progress), actors."""
        counts = self.store.counts()
        if not self.stories_ready:
            self.build_in_background()
        stories = self.stories(Page(limit=10))["items"] if self.stories_ready else None
        actors = self.entities(Filters(), Page(limit=12), type_=None)["items"]
        top = [a for a in actors if a["type"] in ("PERSON", "COUNTRY", "ORGANIZATION")][:10]
        return {"counts": counts, "stories": stories, "actors": top, "status": self.status()}

    def geolocated(self, filters: Filters) -> list[dict[str, Any]]:
        """Events whose location has coordinates (from the event, else from the knowledge-base entry of the place)."""
        from wirescope.kb import load_kb

        kb = load_kb()
        located = []
        for row in self._event_rows(filters):
            loc = dict(row.data.get("event_loc") or {})
            if (loc.get("lat") is None or loc.get("lon") is None) and loc.get("entity_id"):
                entry = kb.get(loc["entity_id"])  # the event coder names the place; the KB knows where it is
                if entry is not None and entry.lat is not None and entry.lon is not None:
                    loc.update(lat=entry.lat, lon=entry.lon)
            if loc.get("lat") is not None and loc.get("lon") is not None:
                located.append(row.summary() | {"event_loc": loc})
        return located

    def dyad(self, a: str, b: str) -> dict[str, Any]:
        """Events between two actors in both directions, by day, with cooperation and conflict per point."""
        rows = [
            r for r in self._event_rows(Filters())
            if (refs_match(r.data.get("actor", []), a) and refs_match(r.data.get("recipient", []), b))
            or (refs_match(r.data.get("actor", []), b) and refs_match(r.data.get("recipient", []), a))
        ]
        points: dict[str, list[EventRow]] = defaultdict(list)
        for r in rows:
            points[(r.date or "")[:10] or "undated"].append(r)
        series = []
        for day, events in sorted(points.items()):
            values = [e.intensity for e in events]
            series.append({
                "day": day,
                "count": len(events),
                "intensity_mean": round(sum(values) / len(values), 2),
                "events": [e.summary() for e in events],
            })
        return {"a": a, "b": b, "total": len(rows), "points": series}

    # ------------------------------------------------------------------ ingestion

    def ingest_documents(self, docs: list[Document]) -> dict[str, Any]:
        items = [IngestItem(origin=f"api:{doc.content_hash[:16]}", document=doc) for doc in docs]
        return self._ingest(items, {"documents": len(docs)})

    def ingest_urls(self, urls: list[str]) -> dict[str, Any]:
        return self._ingest(list(read_inputs(urls, IngestOptions())), {"urls": urls})

    def _ingest(self, items: list[IngestItem], arguments: dict[str, Any]) -> dict[str, Any]:
        from wirescope.cli import build_pipeline, run_ingest

        with self._lock:
            if self._pipeline is None:
                self._pipeline = build_pipeline(None)
            session = run_ingest(self.store, self._pipeline, items, "api-ingest", arguments, total=len(items))
            stored = [i["document_id"] for i in session.items if i.get("outcome") in ("stored", "reprocessed")]
            self._after_ingest(stored)
        from dataclasses import asdict

        return {"summary": asdict(session.counts), "items": session.items}

    def _after_ingest(self, stored: list[str]) -> None:
        """``run_ingest`` assigned the new documents to stories and saved the index: reopen it (when it was open);
        ledgers are recomputed on demand."""
        if not stored:
            return
        self._ledgers.clear()
        if self._book is not None:
            book = StoryBook.open(self.store)
            book.catch_up()  # a document whose clustering failed during the run
            self._book = book


def parse_published(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise BadRequestError(f"published: {value!r} is not an ISO 8601 date") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
