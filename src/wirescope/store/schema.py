"""The store's schema (SQLAlchemy Core). Portable SQL: nothing here is backend-specific except the full-text
indexes, which live outside the metadata: the FTS5 table the migration creates only on SQLite (see
``migrations/versions/0001_initial_schema.py``) and the tsvector column it adds only on PostgreSQL (``0003``).

Every section of a Document has its own table keyed by the document id; events and claims keep a few key
columns for querying plus the full ``to_dict()`` JSON, so that a later change of the dataclasses does not need a
migration to round-trip. Entities are global (keyed by the entity id); mentions link them to documents.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

#: the SQLite FTS5 table over documents (title + text); absent on other backends
FTS_TABLE = "documents_fts"
#: PostgreSQL only (migrations 0003, 0005): a generated tsvector column over title and text (accents folded),
#: GIN-indexed, outside the metadata
PG_SEARCH_COLUMN = "search_vector"
PG_SEARCH_INDEX = "ix_documents_search_vector"

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(40), nullable=False),
    Column("arguments", JSON, nullable=False),
    Column("pipeline", String(400), nullable=True),
    Column("wirescope_version", String(40), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("stored", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("reprocessed", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
    Column("status", String(20), nullable=False, default="running"),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text, nullable=True),
    Column("source", String(400), nullable=True),
    Column("title", Text, nullable=True),
    Column("author", String(400), nullable=True),
    # ISO 8601 with the source's own offset (round-trips the local date), plus UTC for sorting and range queries
    Column("published", String(40), nullable=True),
    Column("published_utc", DateTime(timezone=True), nullable=True, index=True),
    Column("language", String(16), nullable=True, index=True),
    Column("languages", JSON, nullable=False),
    # NULL for near-duplicates: their text lives in the first copy (duplicate_of)
    Column("text", Text, nullable=True),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("duplicate_of", String(64), ForeignKey("documents.id"), nullable=True, index=True),
    Column("similarity", Float, nullable=True),
    Column("translation_of", String(64), nullable=True, index=True),
    Column("pipeline", String(400), nullable=True),
    Column("provenance", JSON, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=True),
    Column("stored_at", DateTime(timezone=True), nullable=False),
    Column("processed_at", DateTime(timezone=True), nullable=True),
)

#: every place a document was read from; a second origin of the same content is an exact duplicate
origins = Table(
    "origins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("origin", Text, nullable=False),
    Column("url", Text, nullable=True),
    Column("source", String(400), nullable=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=True),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("document_id", "origin"),
)

sentences = Table(
    "sentences",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("language", String(16), nullable=True),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("type", String(20), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("country", String(16), nullable=True, index=True),
    Column("wikidata", String(32), nullable=True),
    Column("role", Text, nullable=True),
    Column("sector", String(100), nullable=True),
    Column("aliases", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("entity_id", String(200), ForeignKey("entities.id"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("stage", String(40), nullable=True),
    Column("version", String(40), nullable=True),
)

#: blocking keys of NIL entities' names (``nlp.nil.block_keys``): a new document's unknown names are compared
#: only with the stored NIL entities that share a key, so that cross-document clustering scales
nil_names = Table(
    "nil_names",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False, index=True),
    Column("entity_id", String(200), ForeignKey("entities.id"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("lang", String(16), nullable=True),
)

times = Table(
    "times",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", String(40), nullable=True, index=True),
    Column("interval_start", String(40), nullable=True),
    Column("interval_end", String(40), nullable=True),
    Column("precision", String(20), nullable=True),
    Column("anchor", String(40), nullable=True),
    Column("sentence", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("stage", String(40), nullable=True),
    Column("version", String(40), nullable=True),
)

events = Table(
    "events",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(100), primary_key=True),
    Column("category", String(40), nullable=False, index=True),
    # space-separated codes of the actor and recipient items, e.g. "RUS PRK"
    Column("actor_codes", Text, nullable=True),
    Column("recipient_codes", Text, nullable=True),
    Column("date", String(40), nullable=True, index=True),
    Column("mode", String(40), nullable=True),
    Column("confidence", Float, nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("data", JSON, nullable=False),
    Column("stage", String(40), nullable=True),
    Column("version", String(40), nullable=True),
)

claims = Table(
    "claims",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(100), primary_key=True),
    Column("speaker", Text, nullable=True),
    Column("speaker_entity_id", String(200), nullable=True, index=True),
    Column("speaker_country", String(16), nullable=True),
    Column("stance", String(20), nullable=False),
    Column("quote", String(20), nullable=False),
    Column("hedged", Boolean, nullable=False),
    Column("date", String(40), nullable=True),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("data", JSON, nullable=False),
    Column("stage", String(40), nullable=True),
    Column("version", String(40), nullable=True),
)

#: MinHash signatures of stored documents (near-duplicate detection), one row per document
signatures = Table(
    "signatures",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("language", String(16), nullable=True),
    Column("num_perm", Integer, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)

#: LSH band keys of the signatures: candidates share (language, band, bucket) with the new document
signature_bands = Table(
    "signature_bands",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("band", Integer, primary_key=True),
    Column("language", String(16), nullable=True),
    Column("bucket", String(40), nullable=False),
    Index("ix_signature_bands_lookup", "language", "band", "bucket"),
)

#: section tables that belong to one document and are replaced together on --reprocess
SECTION_TABLES: tuple[Table, ...] = (sentences, mentions, times, events, claims)
