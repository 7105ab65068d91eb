"""``ftm``: FollowTheMoney entities as JSON lines, for Aleph and OpenSanctions tooling (``ftm`` CLI, ``nomenklatura``).

- each document (of the exported events, or every one when unfiltered) is an ``Article`` (title, URL,
  language, publication date, publisher);
- each event is an ``Event`` (PLOVER category and mode as name, the sentence as summary, date, countries,
  ``involved`` people and organisations, ``addressEntity`` for its place) with a ``Documentation`` linking it to
  its article;
- each entity mention is a ``Mention`` (document, name, resolved entity, detected schema);
- each entity is a ``Person``, ``Organization``, ``LegalEntity`` or, for countries and places, an ``Address``
  (FollowTheMoney has no country schema; countries are a property type).

Every proxy is built with ``followthemoney.model.make_entity`` and validated against its schema before it is
written. Ids are ``make_id`` hashes of the wirescope ids, so re-exports produce the same ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from followthemoney import model, registry
from followthemoney.proxy import EntityProxy
from sqlalchemy import select

from wirescope.export.rows import DocMeta, DocumentCache, EventRow, iter_events, stream
from wirescope.export.tables import Scope
from wirescope.store import Store
from wirescope.store import schema as t
from wirescope.store.filters import EventFilter

SCHEMA_OF_TYPE = {
    "PERSON": "Person",
    "ORGANIZATION": "Organization",
    "COUNTRY": "Address",
    "PLACE": "Address",
    "OTHER": "LegalEntity",
}
#: schemata an event's ``involved`` may point to (places and countries go to addressEntity / country)
_INVOLVED = {"Person", "Organization", "LegalEntity"}


@lru_cache(maxsize=65536)
def entity_ftm_id(entity_id: str) -> str:
    return str(model.make_entity("Thing").make_id("wirescope-entity", entity_id))


@lru_cache(maxsize=4096)
def document_ftm_id(doc_id: str) -> str:
    return str(model.make_entity("Thing").make_id("wirescope-document", doc_id))


@lru_cache(maxsize=4096)
def _clean_url(url: str | None) -> str | None:
    """URL cleaning is the costliest step per event; events come grouped by document, so cache it."""
    return registry.url.clean(url) if url else None


def _make(schema: str, *key: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id(*key)
    return proxy


def article(doc: DocMeta) -> EntityProxy:
    proxy = model.make_entity("Article")
    proxy.id = document_ftm_id(doc.id)
    proxy.add("title", doc.title)
    proxy.add("name", doc.title or doc.id)
    proxy.add("sourceUrl", doc.url)
    proxy.add("language", doc.language)
    proxy.add("publishedAt", doc.published[:10] if doc.published else None)
    proxy.add("publisher", doc.source)
    return proxy


def event_proxy(row: EventRow, sentence: str | None, entity_types: dict[str, str]) -> EntityProxy:
    d = row.data
    proxy = _make("Event", "wirescope-event", row.uid)
    proxy.add("name", " ".join(filter(None, [d["event"], d.get("mode")])))
    proxy.add("summary", sentence)
    proxy.add("description", d.get("event_text") or None)
    proxy.add("date", row.date)
    proxy.add("endDate", d.get("enddate"))
    proxy.add("sourceUrl", _clean_url(row.document.url), cleaned=True)
    proxy.add("keywords", d.get("context", []))
    for ref in d.get("actor", []) + d.get("recipient", []):
        entity_id = ref.get("entity_id")
        schema = entity_types.get(entity_id or "")
        if entity_id and schema in _INVOLVED:
            proxy.add("involved", entity_ftm_id(entity_id))
        elif ref.get("code") and len(ref["code"]) == 3:
            proxy.add("country", ref["code"], quiet=True)
        proxy.add("namesMentioned", ref.get("entity_text"), quiet=True)
    loc = d.get("event_loc") or {}
    proxy.add("location", loc.get("name"))
    proxy.add("country", loc.get("country"), quiet=True)
    if loc.get("entity_id"):
        proxy.add("addressEntity", entity_ftm_id(loc["entity_id"]))
    return proxy


def documentation(row: EventRow, event: EntityProxy) -> EntityProxy:
    proxy = _make("Documentation", "wirescope-documentation", row.uid)
    proxy.add("document", document_ftm_id(row.document.id))
    proxy.add("entity", event.id)
    proxy.add("role", "reports")
    return proxy


def entity_proxy(r: Any) -> EntityProxy:
    schema = SCHEMA_OF_TYPE.get(r.type, "LegalEntity")
    proxy = model.make_entity(schema)
    proxy.id = entity_ftm_id(r.id)
    proxy.add("name", r.name)
    proxy.add("alias", [a for a in r.aliases or [] if a != r.name])
    proxy.add("country", r.country, quiet=True)
    if r.wikidata:
        proxy.add("wikidataId", r.wikidata, quiet=True)
    if schema == "Person":
        proxy.add("position", r.role)
    if schema == "Organization":
        proxy.add("classification", r.sector)
    return proxy


def mention_proxy(r: Any, schema: str | None) -> EntityProxy:
    proxy = _make("Mention", "wirescope-mention", str(r.id))
    proxy.add("name", r.text)
    proxy.add("document", document_ftm_id(r.document_id))
    proxy.add("resolved", entity_ftm_id(r.entity_id))
    proxy.add("detectedSchema", schema)
    return proxy


def _entity_types(store: Store) -> dict[str, str]:
    """entity id -> FtM schema name (one short string per entity: needed to tell actors from places)."""
    e = t.entities
    with store.engine.connect() as conn:
        return {r.id: SCHEMA_OF_TYPE.get(r.type, "LegalEntity") for r in stream(conn, select(e.c.id, e.c.type))}


def _proxies(store: Store, f: EventFilter, counts: dict[str, int]) -> Iterator[EntityProxy]:
    scope = Scope.for_filter(f)
    types = _entity_types(store)
    docs = DocumentCache(store)
    for row in iter_events(store, f):
        if scope.documents is not None:
            scope.documents.add(row.document.id)
        doc = docs.get(row.document.id)
        index = row.data.get("sentence", 0)
        sentence = doc.sentence_text(index) if index < len(doc.sentences) else None
        event = event_proxy(row, sentence, types)
        if scope.entities is not None:
            scope.entities.update(r["entity_id"] for r in row.data.get("actor", []) + row.data.get("recipient", [])
                                  if r.get("entity_id"))
        counts["events"] += 1
        yield event
        yield documentation(row, event)
    m, d = t.mentions, t.documents
    with store.engine.connect() as conn:
        query = select(d.c.id, d.c.url, d.c.source, d.c.title, d.c.published, d.c.language).order_by(d.c.id)
        for r in stream(conn, query):
            if scope.documents is None or r.id in scope.documents:
                yield article(DocMeta(r.id, r.url, r.source, r.title, r.published, r.language))
        for r in stream(conn, select(m).order_by(m.c.document_id, m.c.id)):
            if scope.documents is None or r.document_id in scope.documents:
                if scope.entities is not None:
                    scope.entities.add(r.entity_id)
                yield mention_proxy(r, types.get(r.entity_id))
        for r in stream(conn, select(t.entities).order_by(t.entities.c.id)):
            if scope.entities is None or r.id in scope.entities:
                yield entity_proxy(r)


def write_proxy(fh: IO[str], proxy: EntityProxy) -> None:
    """Validate ``proxy`` against its schema (raises followthemoney.exc.InvalidData) and write it as a line."""
    data = proxy.to_dict()
    proxy.schema.validate(data)  # type: ignore[arg-type]
    fh.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")


def write(store: Store, f: EventFilter, out: Path) -> dict[str, int]:
    counts: dict[str, int] = {"events": 0, "entities": 0}
    with out.open("w", encoding="utf-8") as fh:
        for proxy in _proxies(store, f, counts):
            write_proxy(fh, proxy)
            counts["entities"] += 1
    return counts
