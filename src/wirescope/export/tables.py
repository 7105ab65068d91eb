"""``csv`` and ``parquet``: one file per table (events, documents, mentions, claims, entities, and stories and
story_documents when the store has them) in the output folder, flat columns for pandas, R and DuckDB. Lists (aliases,
context, claim links) are Parquet lists and ``|``-joined strings in CSV. Document text is left out (metadata only).

A filtered export keeps the matching events, their documents, the mentions and claims of those documents and the
entities mentioned there or taking part in the events; the ids seen are held in sets (bounded by the number of
documents and entities, never by rows). Rows are written in chunks (``CHUNK``) as they stream from the store.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import MetaData, Table, inspect, select

from wirescope.export.rows import CHUNK, EventRow, actor_label, iter_events, stream
from wirescope.store import Store
from wirescope.store import schema as t
from wirescope.store.filters import EventFilter

Column = tuple[str, pa.DataType]
STR, INT, FLOAT, BOOL, STRS = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.list_(pa.string())

EVENT_COLUMNS: list[Column] = [
    ("document_id", STR), ("event_id", STR), ("date", STR), ("date_precision", STR), ("category", STR),
    ("mode", STR), ("context", STRS), ("actor_codes", STRS), ("actor_entity_ids", STRS), ("actor_names", STRS),
    ("recipient_codes", STRS), ("recipient_entity_ids", STRS), ("recipient_names", STRS), ("quadclass", INT),
    ("intensity", FLOAT), ("confidence", FLOAT), ("negated", BOOL), ("hypothetical", BOOL), ("future", BOOL),
    ("historical", BOOL), ("reported", BOOL), ("claim_id", STR), ("event_text", STR), ("sentence", INT),
    ("start", INT), ("end", INT), ("location", STR), ("latitude", FLOAT), ("longitude", FLOAT), ("language", STR),
]
DOCUMENT_COLUMNS: list[Column] = [
    ("id", STR), ("url", STR), ("source", STR), ("title", STR), ("author", STR), ("published", STR),
    ("language", STR), ("content_hash", STR), ("duplicate_of", STR), ("translation_of", STR), ("pipeline", STR),
]
MENTION_COLUMNS: list[Column] = [
    ("document_id", STR), ("entity_id", STR), ("text", STR), ("start", INT), ("end", INT), ("sentence", INT),
]
CLAIM_COLUMNS: list[Column] = [
    ("document_id", STR), ("claim_id", STR), ("speaker", STR), ("speaker_entity_id", STR),
    ("speaker_country", STR), ("stance", STR), ("quote", STR), ("hedged", BOOL), ("date", STR), ("text", STR),
    ("sentence", INT), ("start", INT), ("end", INT), ("event_ids", STRS), ("denies", STRS),
]
ENTITY_COLUMNS: list[Column] = [
    ("id", STR), ("type", STR), ("name", STR), ("country", STR), ("wikidata", STR), ("role", STR),
    ("sector", STR), ("aliases", STRS),
]


@dataclass
class Scope:
    """What a filtered export keeps beyond the events: None means everything."""

    documents: set[str] | None = None
    entities: set[str] | None = None

    @classmethod
    def for_filter(cls, f: EventFilter) -> Scope:
        return cls() if f.is_empty else cls(set(), set())


def _refs(refs: list[dict[str, Any]], key: str) -> list[str]:
    return [str(r[key]) for r in refs if r.get(key)]


def event_values(row: EventRow) -> list[Any]:
    d = row.data
    actor, recipient = d.get("actor", []), d.get("recipient", [])
    loc = d.get("event_loc") or {}
    return [
        row.document.id, d["id"], row.date, d.get("date_precision"), d["event"], d.get("mode"), d.get("context", []),
        _refs(actor, "code"), _refs(actor, "entity_id"), [actor_label(r) for r in actor],
        _refs(recipient, "code"), _refs(recipient, "entity_id"), [actor_label(r) for r in recipient],
        d.get("quadclass"), d.get("intensity"), d.get("confidence"), d.get("negated"), d.get("hypothetical"),
        d.get("future"), d.get("historical"), d.get("reported"), d.get("claim_id"), d.get("event_text"),
        d.get("sentence"), d.get("event_start"), d.get("event_end"), loc.get("name"), loc.get("lat"),
        loc.get("lon"), row.document.language,
    ]


def _events(store: Store, f: EventFilter, scope: Scope) -> Iterator[list[Any]]:
    for row in iter_events(store, f):
        if scope.documents is not None and scope.entities is not None:
            scope.documents.add(row.document.id)
            for ref in row.data.get("actor", []) + row.data.get("recipient", []):
                if ref.get("entity_id"):
                    scope.entities.add(ref["entity_id"])
        yield event_values(row)


def _table_rows(store: Store, table: Table, order: list[Any]) -> Iterator[Any]:
    with store.engine.connect() as conn:
        yield from stream(conn, select(table).order_by(*order))


def _documents(store: Store, scope: Scope) -> Iterator[list[Any]]:
    d = t.documents
    for r in _table_rows(store, d, [d.c.id]):
        if scope.documents is None or r.id in scope.documents:
            yield [r.id, r.url, r.source, r.title, r.author, r.published, r.language, r.content_hash,
                   r.duplicate_of, r.translation_of, r.pipeline]


def _mentions(store: Store, scope: Scope) -> Iterator[list[Any]]:
    m = t.mentions
    for r in _table_rows(store, m, [m.c.document_id, m.c.id]):
        if scope.documents is None or r.document_id in scope.documents:
            if scope.entities is not None:
                scope.entities.add(r.entity_id)
            yield [r.document_id, r.entity_id, r.text, r.start, r.end, r.sentence]


def _claims(store: Store, scope: Scope) -> Iterator[list[Any]]:
    c = t.claims
    for r in _table_rows(store, c, [c.c.document_id, c.c.id]):
        if scope.documents is None or r.document_id in scope.documents:
            data = r.data or {}
            yield [r.document_id, r.id, r.speaker, r.speaker_entity_id, r.speaker_country, r.stance, r.quote,
                   r.hedged, r.date, data.get("text"), r.sentence, r.start, r.end, data.get("event_ids", []),
                   data.get("denies", [])]


def _entities(store: Store, scope: Scope) -> Iterator[list[Any]]:
    e = t.entities
    for r in _table_rows(store, e, [e.c.id]):
        if scope.entities is None or r.id in scope.entities:
            yield [r.id, r.type, r.name, r.country, r.wikidata, r.role, r.sector, list(r.aliases or [])]


#: tables of the story index that a store may have (migration 0002): name -> column tying a row to a document
STORY_TABLES: dict[str, str | None] = {"stories": None, "story_documents": "document_id"}


def _reflected(name: str) -> Callable[[Store, Scope], Iterator[list[Any]]]:
    """Rows of an optional table, every value as text (JSON for lists and objects)."""

    def rows(store: Store, scope: Scope) -> Iterator[list[Any]]:
        table = Table(name, MetaData(), autoload_with=store.engine)
        key = STORY_TABLES[name]
        with store.engine.connect() as conn:
            for r in stream(conn, select(table)):
                if key is None or scope.documents is None or r._mapping[key] in scope.documents:
                    yield [_text(v) for v in r]

    return rows


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, default=str) if isinstance(value, (dict, list)) else str(value)


@dataclass
class TableSpec:
    name: str
    columns: list[Column]
    rows: Callable[[Store, Scope], Iterator[list[Any]]]


def table_specs(store: Store) -> list[TableSpec]:
    """The tables in write order: events first, so that a filtered export knows its documents and entities."""
    specs = [
        TableSpec("documents", DOCUMENT_COLUMNS, _documents),
        TableSpec("mentions", MENTION_COLUMNS, _mentions),
        TableSpec("claims", CLAIM_COLUMNS, _claims),
        TableSpec("entities", ENTITY_COLUMNS, _entities),
    ]
    inspector = inspect(store.engine)
    for name in STORY_TABLES:
        if inspector.has_table(name):
            columns = [(c["name"], STR) for c in inspector.get_columns(name)]
            specs.append(TableSpec(name, columns, _reflected(name)))
    return specs


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return "" if value is None else value


def _write_csv(path: Path, columns: list[Column], rows: Iterator[list[Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([name for name, _ in columns])
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])
            count += 1
    return count


def _write_parquet(path: Path, columns: list[Column], rows: Iterator[list[Any]]) -> int:
    schema = pa.schema(columns)
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[list[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= CHUNK:
                writer.write_table(_arrow(batch, schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(_arrow(batch, schema))
            count += len(batch)
    return count


def _arrow(batch: list[list[Any]], schema: pa.Schema) -> pa.Table:
    columns: list[list[Any]] = [list(c) for c in zip(*batch, strict=True)] if batch else [[] for _ in schema]
    arrays = [pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


TableWriter = Callable[[Path, list[Column], Iterator[list[Any]]], int]


def _write_tables(store: Store, f: EventFilter, out: Path, suffix: str, writer: TableWriter) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    scope = Scope.for_filter(f)
    counts = {"events": writer(out / f"events.{suffix}", EVENT_COLUMNS, _events(store, f, scope))}
    for spec in table_specs(store):
        counts[spec.name] = writer(out / f"{spec.name}.{suffix}", spec.columns, spec.rows(store, scope))
    return counts


def write_csv(store: Store, f: EventFilter, out: Path) -> dict[str, int]:
    return _write_tables(store, f, out, "csv", _write_csv)


def write_parquet(store: Store, f: EventFilter, out: Path) -> dict[str, int]:
    return _write_tables(store, f, out, "parquet", _write_parquet)
