"""Read-side queries behind ``wirescope events``, ``claims``, ``ledger``, ``stories`` and ``story``.

Events and claims are read from their tables (key columns filter in SQL, see ``store/filters.py``) and turned back
into model objects through their documents, which are loaded once each: the PLOVER record and the sentence excerpt
both need the document. Stories come from the persisted story index (``store/stories.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from wirescope.model import Claim, Document, Event
from wirescope.store import Store, StoryBook
from wirescope.store import schema as t
from wirescope.store.filters import EventFilter, apply_event_filter, event_date, matches_refs
from wirescope.stories import aggregate, get_story, list_stories

EXCERPT = 90


@dataclass
class DocumentCache:
    """Documents loaded from the store at most once per command."""

    store: Store
    docs: dict[str, Document | None] = field(default_factory=dict)

    def get(self, doc_id: str) -> Document | None:
        if doc_id not in self.docs:
            self.docs[doc_id] = self.store.load_document(doc_id)
        return self.docs[doc_id]


def excerpt(text: str, width: int = EXCERPT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def modality_flags(event: Event) -> list[str]:
    names = ("negated", "hypothetical", "future", "historical", "reported")
    return [name for name in names if getattr(event, name)]


def find_events(store: Store, f: EventFilter, limit: int | None = None) -> Iterator[tuple[Document, Event]]:
    """Stored events passing ``f``, by date then document order, with their documents."""
    date = event_date()
    query = (
        select(t.events.c.document_id, t.events.c.id, t.events.c.data)
        .select_from(t.events.join(t.documents, t.documents.c.id == t.events.c.document_id))
        .order_by(date.is_(None), date, t.events.c.document_id, t.events.c.sentence, t.events.c.id)
    )
    query = apply_event_filter(query, f)
    cache = DocumentCache(store)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    found = 0
    for r in rows:
        if f.needs_python and not matches_refs(r.data, f):
            continue
        doc = cache.get(r.document_id)
        event = next((e for e in doc.events if e.id == r.id), None) if doc is not None else None
        if doc is None or event is None:
            continue
        yield doc, event
        found += 1
        if limit is not None and found >= limit:
            return


def event_row(doc: Document, event: Event) -> dict[str, Any]:
    """One event for listing: the event's own fields plus where it comes from."""
    date = event.date or (doc.published.date().isoformat() if doc.published else None)
    return {
        **event.to_dict(),
        "document_id": doc.id,
        "document_title": doc.title,
        "language": doc.language,
        "listed_date": date,
        "flags": modality_flags(event),
        "sentence_text": doc.sentence_text(event.sentence) if event.sentence < len(doc.sentences) else None,
    }


def find_claims(
    store: Store, stance: str | None = None, speaker: str | None = None
) -> Iterator[tuple[Document, Claim]]:
    """Stored claims, optionally of one stance and by a speaker (case-insensitive part of the speaker's text or
    name, or the speaker's entity id), in document order."""
    c = t.claims
    query = (
        select(c.c.document_id, c.c.id)
        .select_from(c.join(t.documents, t.documents.c.id == c.c.document_id))
        .order_by(t.documents.c.published_utc.is_(None), t.documents.c.published_utc, c.c.document_id, c.c.sentence)
    )
    if stance:
        query = query.where(c.c.stance == stance.lower())
    cache = DocumentCache(store)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    for r in rows:
        doc = cache.get(r.document_id)
        claim = next((x for x in doc.claims if x.id == r.id), None) if doc is not None else None
        if doc is None or claim is None:
            continue
        if speaker and not speaker_matches(claim, speaker):
            continue
        yield doc, claim


def speaker_matches(claim: Claim, wanted: str) -> bool:
    s = claim.speaker
    if wanted == s.entity_id:
        return True
    folded = wanted.casefold()
    return any(folded in (value or "").casefold() for value in (s.text, s.name))


def claim_row(doc: Document, claim: Claim) -> dict[str, Any]:
    return {
        **claim.to_dict(),
        "document_id": doc.id,
        "document_title": doc.title,
        "listed_date": claim.date or (doc.published.date().isoformat() if doc.published else None),
    }


def build_claim_ledger(store: Store) -> list[dict[str, Any]]:
    """Propositions across the stored documents (``ledger.build_ledger``), largest first, as JSON-able dicts."""
    from wirescope.ledger import build_ledger

    docs = [d for d in (store.load_document(i["id"]) for i in store.list_documents()) if d is not None]
    items = [(d.id, claim, d.entities) for d in docs if d.duplicate_of is None for claim in d.claims]
    published = {d.id: d.published.date().isoformat() if d.published else None for d in docs}
    return [_with_document_dates(p.to_dict(), published) for p in build_ledger(items)] if items else []


def _with_document_dates(proposition: dict[str, Any], published: dict[str, str | None]) -> dict[str, Any]:
    """Each entry gets its document's publication day (``document_date``): most statements carry no date of their
    own, and when a source said something is what a reader of the ledger asks first."""
    days = []
    for key in ("asserted_by", "denied_by", "other"):
        for entry in proposition[key]:
            entry["document_date"] = published.get(entry["doc_id"])
            days.append(entry["date"] or entry["document_date"])
    known = sorted(d for d in days if d)
    proposition["first_seen"] = known[0] if known else None
    proposition["last_seen"] = known[-1] if known else None
    return proposition


def story_book(store: Store) -> StoryBook:
    """The persisted story index, with any stored document it has not seen yet clustered first."""
    book = StoryBook.open(store)
    book.catch_up()
    return book


def story_list(store: Store) -> list[dict[str, Any]]:
    return [s.to_dict() for s in list_stories(story_book(store).index)]


def story_detail(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story's summary, its documents (copy marks from the story index and the documents' own marks) and its
    events and claims counted once across translations and reprints."""
    book = story_book(store)
    detail = get_story(book.index, story_id)
    if detail is None:
        return None
    reprints = [m for m in book.members(story_id) if m["document_id"] not in book.index.docs]
    cache = DocumentCache(store)
    docs = [d for d in map(cache.get, (m.doc_id for m in detail.members)) if d is not None]
    marks = {m.doc_id: m for m in detail.members}
    for doc in docs:  # the index's copy marks count for aggregation even when the input gave none
        member = marks[doc.id]
        if member.copy_kind == "translation" and doc.translation_of is None:
            doc.translation_of = member.copy_of
        elif member.copy_kind == "duplicate" and doc.duplicate_of is None:
            doc.duplicate_of = member.copy_of
    counted = aggregate(docs)
    data = detail.to_dict()
    by_id = {d.id: d for d in docs}
    for member in data["members"]:
        stored = by_id.get(member["id"])
        member["translation_of"] = stored.translation_of if stored else None
        member["duplicate_of"] = stored.duplicate_of if stored else None
        member["events"] = len(stored.events) if stored else 0
        member["claims"] = len(stored.claims) if stored else 0
    for m in reprints:
        stored = cache.get(m["document_id"])
        if stored is not None:
            published = stored.published.date().isoformat() if stored.published else None
            data["members"].append(
                {
                    "id": stored.id,
                    "language": stored.language,
                    "published": published,
                    "title": stored.title,
                    "source": stored.source,
                    "copy_of": m["copy_of"],
                    "copy_kind": m["copy_kind"],
                    "translation_of": stored.translation_of,
                    "duplicate_of": stored.duplicate_of,
                    "events": len(stored.events),
                    "claims": len(stored.claims),
                }
            )
    data["events"] = [event_row(by_id[doc_id], e) for doc_id, e in counted.events]
    data["claims"] = [claim_row(by_id[doc_id], c) for doc_id, c in counted.claims]
    data["events_total"] = sum(len(d.events) for d in docs)
    data["claims_total"] = sum(len(d.claims) for d in docs)
    return data
