"""Repository functions over the schema: write a Document with all its sections in one transaction, read it back.

Write semantics (what ``wirescope ingest`` reports):

- ``stored``: a new document, written with its sections, its MinHash signature and its FTS row;
- ``unchanged``: the same content from the same origin is already stored (nothing is written);
- ``duplicate``: the same content from another origin (exact duplicate: only the origin is recorded), or a
  near-duplicate of a stored document in the same language (a metadata row pointing to the first copy via
  ``duplicate_of``, without text or sections);
- ``reprocessed``: ``--reprocess`` re-ran the stages and replaced the document's sections.

Every write happens inside ``engine.begin()``: an exception (or Ctrl-C) rolls the whole document back.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from wirescope import __version__
from wirescope.ingest.dedup import THRESHOLD, Signature, signature
from wirescope.model import (
    ActorRef,
    Claim,
    Document,
    Entity,
    Event,
    Mention,
    Provenance,
    Sentence,
    Speaker,
    TimeExpression,
    utcnow,
)
from wirescope.nlp.nil import NilEntity, block_keys, entity_names, is_nil, resolve_document
from wirescope.store import schema as t
from wirescope.store.search import PG_SEARCH_CONFIG, fold_accents

#: documents columns that --reprocess rewrites: the stage results always, the metadata when the new reading has it
_ALWAYS_REFRESHED = frozenset({"language", "languages", "pipeline", "provenance", "processed_at"})
_REFRESHED = _ALWAYS_REFRESHED | {"url", "source", "title", "author", "published", "published_utc", "translation_of"}


#: a NIL blocking key shared by more stored names than this (a frequent given name) is not used for lookups
_MAX_BLOCK_ROWS = 500

#: a write that lost a race on a shared row (entity, origin) is retried this many times in all
_SAVE_ATTEMPTS = 5


def _chunks(values: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


class Outcome(enum.StrEnum):
    STORED = "stored"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    REPROCESSED = "reprocessed"


@dataclass(frozen=True)
class WriteResult:
    outcome: Outcome
    document_id: str
    duplicate_of: str | None = None
    similarity: float | None = None


@dataclass
class RunCounts:
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    reprocessed: int = 0
    failed: int = 0

    def add(self, outcome: Outcome) -> None:
        field = {Outcome.DUPLICATE: "duplicates"}.get(outcome, outcome.value)
        setattr(self, field, getattr(self, field) + 1)


def _stage_of(provenance: Provenance | None) -> dict[str, str | None]:
    return {"stage": provenance.stage if provenance else None, "version": provenance.version if provenance else None}


def _provenance(row: Any) -> Provenance | None:
    return Provenance(row.stage, row.version) if row.stage else None


def _codes(refs: list[ActorRef]) -> str | None:
    codes = [r.code for r in refs if r.code]
    return " ".join(codes) if codes else None


class Store:
    """A wirescope database. Create it with :func:`wirescope.store.open_store`, which migrates it to head."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.has_fts = engine.dialect.name == "sqlite"

    # ------------------------------------------------------------------ runs (provenance of each invocation)

    def start_run(self, command: str, arguments: dict[str, Any], pipeline: str | None) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(t.runs).values(
                    command=command,
                    arguments=arguments,
                    pipeline=pipeline,
                    wirescope_version=__version__,
                    started_at=utcnow(),
                    status="running",
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def finish_run(self, run_id: int, counts: RunCounts, status: str = "done") -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(t.runs)
                .where(t.runs.c.id == run_id)
                .values(
                    finished_at=utcnow(),
                    status=status,
                    stored=counts.stored,
                    unchanged=counts.unchanged,
                    duplicates=counts.duplicates,
                    reprocessed=counts.reprocessed,
                    failed=counts.failed,
                )
            )

    # ------------------------------------------------------------------ writing

    @staticmethod
    def _lookup(conn: Connection, content_hash: str) -> Any:
        """The (id, duplicate_of) row of the document with this content hash, or None."""
        query = select(t.documents.c.id, t.documents.c.duplicate_of).where(t.documents.c.content_hash == content_hash)
        return conn.execute(query).first()

    def record_known(self, doc: Document, origin: str, run_id: int | None = None) -> WriteResult | None:
        """If ``doc``'s content is already stored, record the origin and say so; None when the content is new.

        Called before running the pipeline, so that unchanged input costs one lookup.
        """
        with self.engine.begin() as conn:
            row = self._lookup(conn, doc.content_hash)
            if row is None:
                return None
            return self._record_origin(conn, row.id, row.duplicate_of, doc, origin, run_id)

    def save(
        self, doc: Document, origin: str, pipeline: str | None, run_id: int | None = None, reprocess: bool = False
    ) -> WriteResult:
        """Write ``doc`` (already run through the pipeline) and all its sections in one transaction."""
        sig = signature(doc.text, doc.language)
        for attempt in range(_SAVE_ATTEMPTS):
            try:
                with self.engine.begin() as conn:
                    return self._save(conn, doc, sig, origin, pipeline, run_id, reprocess)
            except IntegrityError:
                # another process stored the same content between our lookup and our insert: report it as such
                known = self.record_known(doc, origin, run_id)
                if known is not None:
                    return known
                # else it inserted a shared row (an entity, an origin) first: the retry sees that row and updates it
                if attempt == _SAVE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _save(
        self,
        conn: Connection,
        doc: Document,
        sig: Signature,
        origin: str,
        pipeline: str | None,
        run_id: int | None,
        reprocess: bool,
    ) -> WriteResult:
        row = self._lookup(conn, doc.content_hash)
        if row is not None:
            if reprocess and row.duplicate_of is None:
                self._replace_sections(conn, row.id, doc, sig, pipeline)
                self._add_origin(conn, row.id, doc, origin, run_id)
                return WriteResult(Outcome.REPROCESSED, row.id)
            return self._record_origin(conn, row.id, row.duplicate_of, doc, origin, run_id)
        near = self._near_duplicate(conn, sig)
        if near is not None:
            first_id, similarity = near
            values = self._document_values(doc, pipeline, run_id, text=None)
            conn.execute(insert(t.documents).values(values | {"duplicate_of": first_id, "similarity": similarity}))
            self._add_origin(conn, doc.id, doc, origin, run_id)
            return WriteResult(Outcome.DUPLICATE, doc.id, first_id, similarity)
        conn.execute(insert(t.documents).values(self._document_values(doc, pipeline, run_id, text=doc.text)))
        self._write_sections(conn, doc, sig)
        self._add_origin(conn, doc.id, doc, origin, run_id)
        return WriteResult(Outcome.STORED, doc.id)

    def _record_origin(
        self, conn: Connection, doc_id: str, duplicate_of: str | None, doc: Document, origin: str, run_id: int | None
    ) -> WriteResult:
        seen = conn.execute(
            select(t.origins.c.id).where(t.origins.c.document_id == doc_id, t.origins.c.origin == origin)
        ).first()
        if seen is not None:
            return WriteResult(Outcome.UNCHANGED, doc_id, duplicate_of)
        self._add_origin(conn, doc_id, doc, origin, run_id)
        return WriteResult(Outcome.DUPLICATE, doc_id, duplicate_of or doc_id, 1.0)

    @staticmethod
    def _add_origin(conn: Connection, doc_id: str, doc: Document, origin: str, run_id: int | None) -> None:
        exists = conn.execute(
            select(t.origins.c.id).where(t.origins.c.document_id == doc_id, t.origins.c.origin == origin)
        ).first()
        if exists is None:
            conn.execute(
                insert(t.origins).values(
                    document_id=doc_id, origin=origin, url=doc.url, source=doc.source, run_id=run_id, seen_at=utcnow()
                )
            )

    @staticmethod
    def _document_values(doc: Document, pipeline: str | None, run_id: int | None, text: str | None) -> dict[str, Any]:
        now = utcnow()
        return {
            "id": doc.id,
            "content_hash": doc.content_hash,
            "url": doc.url,
            "source": doc.source,
            "title": doc.title,
            "author": doc.author,
            "published": doc.published.isoformat() if doc.published else None,
            "published_utc": doc.published.astimezone(UTC) if doc.published else None,
            "language": doc.language,
            "languages": doc.languages,
            "text": text,
            "fetched_at": doc.fetched_at,
            "duplicate_of": doc.duplicate_of,
            "translation_of": doc.translation_of,
            "pipeline": pipeline,
            "provenance": [{"stage": p.stage, "version": p.version} for p in doc.provenance],
            "run_id": run_id,
            "stored_at": now,
            "processed_at": now,
        }

    def _near_duplicate(self, conn: Connection, sig: Signature) -> tuple[str, float] | None:
        """The most similar stored document in the same language above ``THRESHOLD`` (LSH candidates only)."""
        if sig.language is None:
            return None
        candidates: set[str] = set()
        for band, bucket in enumerate(sig.bands()):
            rows = conn.execute(
                select(t.signature_bands.c.document_id).where(
                    t.signature_bands.c.language == sig.language,
                    t.signature_bands.c.band == band,
                    t.signature_bands.c.bucket == bucket,
                )
            )
            candidates.update(r.document_id for r in rows)
        best: tuple[str, float] | None = None
        for cand in sorted(candidates):
            data = conn.execute(select(t.signatures.c.signature).where(t.signatures.c.document_id == cand)).scalar()
            if data is None:
                continue
            similarity = sig.similarity(Signature.from_bytes(sig.language, data))
            if similarity >= THRESHOLD and (best is None or similarity > best[1]):
                best = (cand, similarity)
        return best

    def _replace_sections(
        self, conn: Connection, doc_id: str, doc: Document, sig: Signature, pipeline: str | None
    ) -> None:
        for table in (*t.SECTION_TABLES, t.signature_bands, t.signatures):
            conn.execute(delete(table).where(table.c.document_id == doc_id))
        if self.has_fts:
            conn.execute(text(f"DELETE FROM {t.FTS_TABLE} WHERE document_id = :id"), {"id": doc_id})
        # metadata the new reading knows (e.g. an explicit --published) replaces the stored one; the text is the same
        known = {k: v for k, v in self._document_values(doc, pipeline, None, doc.text).items() if k in _REFRESHED}
        conn.execute(
            update(t.documents)
            .where(t.documents.c.id == doc_id)
            .values({k: v for k, v in known.items() if v is not None or k in _ALWAYS_REFRESHED})
        )
        self._write_sections(conn, doc, sig)

    def _write_sections(self, conn: Connection, doc: Document, sig: Signature) -> None:
        resolve_document(doc, lambda keys: self._nil_candidates(conn, keys))
        if doc.sentences:
            conn.execute(
                insert(t.sentences),
                [
                    {"document_id": doc.id, "idx": s.index, "start": s.start, "end": s.end, "language": s.language}
                    for s in doc.sentences
                ],
            )
        self._write_entities(conn, doc)
        self._write_nil_names(conn, doc)
        if doc.times:
            conn.execute(insert(t.times), [self._time_values(doc.id, x) for x in doc.times])
        if doc.events:
            conn.execute(insert(t.events), [self._event_values(doc.id, e) for e in doc.events])
        if doc.claims:
            conn.execute(insert(t.claims), [self._claim_values(doc.id, c) for c in doc.claims])
        conn.execute(
            insert(t.signatures).values(
                document_id=doc.id, language=sig.language, num_perm=len(sig.hashvalues), signature=sig.to_bytes()
            )
        )
        conn.execute(
            insert(t.signature_bands),
            [
                {"document_id": doc.id, "band": i, "language": sig.language, "bucket": b}
                for i, b in enumerate(sig.bands())
            ],
        )
        if self.has_fts:
            conn.execute(
                text(f"INSERT INTO {t.FTS_TABLE} (document_id, title, text) VALUES (:id, :title, :text)"),
                {"id": doc.id, "title": fold_accents(doc.title or ""), "text": fold_accents(doc.text)},
            )

    @staticmethod
    def _write_entities(conn: Connection, doc: Document) -> None:
        """Upsert the global entity rows (portable: select, then insert or update) and insert the mentions."""
        now = utcnow()
        for ent in doc.entities:
            # FOR UPDATE (PostgreSQL): concurrent writers merge aliases one after the other, none is lost
            row = conn.execute(select(t.entities).where(t.entities.c.id == ent.id).with_for_update()).first()
            values = {
                "type": ent.type,
                "name": ent.name,
                "country": ent.country,
                "wikidata": ent.wikidata,
                "role": ent.role,
                "sector": ent.sector,
            }
            if row is None:
                conn.execute(
                    insert(t.entities).values(id=ent.id, aliases=sorted(set(ent.aliases)), updated_at=now, **values)
                )
            else:
                known = {k: v for k, v in values.items() if v is not None}
                aliases = sorted(set(row.aliases or []) | set(ent.aliases))
                conn.execute(
                    update(t.entities).where(t.entities.c.id == ent.id).values(aliases=aliases, updated_at=now, **known)
                )
            if ent.mentions:
                conn.execute(
                    insert(t.mentions),
                    [
                        {
                            "document_id": doc.id,
                            "entity_id": ent.id,
                            "text": m.text,
                            "start": m.start,
                            "end": m.end,
                            "sentence": m.sentence,
                            **_stage_of(ent.provenance),
                        }
                        for m in ent.mentions
                    ],
                )

    @staticmethod
    def _nil_candidates(conn: Connection, keys: set[str]) -> list[NilEntity]:
        """Stored NIL entities with a name sharing one of the blocking ``keys`` (only those names are compared)."""
        if not keys:
            return []
        names: dict[str, list[tuple[str, str | None]]] = {}
        table = t.nil_names
        counts = select(table.c.key, func.count()).where(table.c.key.in_(sorted(keys))).group_by(table.c.key)
        common = {k for k, n in conn.execute(counts) if n > _MAX_BLOCK_ROWS}
        for chunk in _chunks(sorted(keys - common), 500):
            rows = conn.execute(select(table.c.entity_id, table.c.name, table.c.lang).where(table.c.key.in_(chunk)))
            for r in rows:
                pairs = names.setdefault(r.entity_id, [])
                if (r.name, r.lang) not in pairs:
                    pairs.append((r.name, r.lang))
        found = []
        for chunk in _chunks(sorted(names), 500):
            for r in conn.execute(select(t.entities).where(t.entities.c.id.in_(chunk))):
                found.append(NilEntity(r.id, r.type, r.name, country=r.country, role=r.role, names=names[r.id]))
        return found

    @staticmethod
    def _write_nil_names(conn: Connection, doc: Document) -> None:
        """Index the names of the document's NIL entities by blocking key (each (entity, name, language) once)."""
        for ent in doc.entities:
            if not is_nil(ent.id):
                continue
            stored = {
                (r.name, r.lang)
                for r in conn.execute(
                    select(t.nil_names.c.name, t.nil_names.c.lang).where(t.nil_names.c.entity_id == ent.id)
                )
            }
            rows = [
                {"key": key, "entity_id": ent.id, "name": name, "lang": lang}
                for name, lang in entity_names(doc, ent)
                if (name, lang) not in stored
                for key in sorted(block_keys(name, lang))
            ]
            if rows:
                conn.execute(insert(t.nil_names), rows)

    @staticmethod
    def _time_values(doc_id: str, x: TimeExpression) -> dict[str, Any]:
        return {
            "document_id": doc_id,
            "text": x.text,
            "start": x.start,
            "end": x.end,
            "value": x.value,
            "interval_start": x.interval_start,
            "interval_end": x.interval_end,
            "precision": x.precision,
            "anchor": x.anchor,
            "sentence": x.sentence,
            "kind": x.kind,
            **_stage_of(x.provenance),
        }

    @staticmethod
    def _event_values(doc_id: str, e: Event) -> dict[str, Any]:
        return {
            "document_id": doc_id,
            "id": e.id,
            "category": e.event,
            "actor_codes": _codes(e.actor),
            "recipient_codes": _codes(e.recipient),
            "date": e.date,
            "mode": e.mode,
            "confidence": e.confidence,
            "sentence": e.sentence,
            "start": e.event_start,
            "end": e.event_end,
            "data": e.to_dict(),
            **_stage_of(e.provenance),
        }

    @staticmethod
    def _claim_values(doc_id: str, c: Claim) -> dict[str, Any]:
        return {
            "document_id": doc_id,
            "id": c.id,
            "speaker": c.speaker.name or c.speaker.text,
            "speaker_entity_id": c.speaker.entity_id,
            "speaker_country": c.speaker.country,
            "stance": c.stance,
            "quote": c.quote,
            "hedged": c.hedged,
            "date": c.date,
            "sentence": c.sentence,
            "start": c.start,
            "end": c.end,
            "data": c.to_dict(),
            **_stage_of(c.provenance),
        }

    # ------------------------------------------------------------------ reading

    def list_documents(self) -> list[dict[str, Any]]:
        """One summary row per document (stored copies and near-duplicate links), oldest first."""
        sentence_counts = (
            select(t.sentences.c.document_id, func.count().label("n")).group_by(t.sentences.c.document_id).subquery()
        )
        query = (
            select(
                t.documents.c.id,
                t.documents.c.language,
                t.documents.c.published,
                t.documents.c.title,
                t.documents.c.source,
                t.documents.c.url,
                t.documents.c.duplicate_of,
                t.documents.c.translation_of,
                func.coalesce(sentence_counts.c.n, 0).label("sentences"),
            )
            .select_from(t.documents.outerjoin(sentence_counts, sentence_counts.c.document_id == t.documents.c.id))
            .order_by(t.documents.c.stored_at, t.documents.c.id)
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def load_document(self, doc_id: str) -> Document | None:
        """The stored Document with all its sections; a near-duplicate link comes back without text."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.documents).where(t.documents.c.id == doc_id)).first()
            if row is None:
                return None
            doc = Document(
                text=row.text or "",
                id=row.id,
                url=row.url,
                source=row.source,
                title=row.title,
                author=row.author,
                published=datetime.fromisoformat(row.published) if row.published else None,
                language=row.language,
                content_hash=row.content_hash,
                fetched_at=row.fetched_at.replace(tzinfo=row.fetched_at.tzinfo or UTC),
                languages=row.languages or {},
                duplicate_of=row.duplicate_of,
                translation_of=row.translation_of,
                provenance=[Provenance(p["stage"], p["version"]) for p in row.provenance or []],
            )
            doc.sentences = [
                Sentence(r.idx, r.start, r.end, r.language)
                for r in conn.execute(
                    select(t.sentences).where(t.sentences.c.document_id == doc_id).order_by(t.sentences.c.idx)
                )
            ]
            doc.entities = list(self._load_entities(conn, doc_id))
            doc.times = [self._load_time(r) for r in conn.execute(self._section(t.times, doc_id))]
            doc.events = [self._load_event(r) for r in conn.execute(self._section(t.events, doc_id))]
            doc.claims = [self._load_claim(r) for r in conn.execute(self._section(t.claims, doc_id))]
            return doc

    @staticmethod
    def _section(table: Any, doc_id: str) -> Any:
        return select(table).where(table.c.document_id == doc_id).order_by(table.c.start, table.c.end)

    @staticmethod
    def _load_entities(conn: Connection, doc_id: str) -> Iterator[Entity]:
        query = (
            select(
                t.mentions,
                t.entities.c.type,
                t.entities.c.name,
                t.entities.c.country,
                t.entities.c.wikidata,
                t.entities.c.role,
                t.entities.c.sector,
                t.entities.c.aliases,
            )
            .join(t.entities, t.entities.c.id == t.mentions.c.entity_id)
            .where(t.mentions.c.document_id == doc_id)
            .order_by(t.mentions.c.id)
        )
        by_id: dict[str, Entity] = {}
        for r in conn.execute(query):
            ent = by_id.get(r.entity_id)
            if ent is None:
                ent = Entity(
                    r.entity_id,
                    r.type,
                    r.name,
                    r.country,
                    r.wikidata,
                    r.role,
                    r.sector,
                    aliases=list(r.aliases or []),
                    provenance=_provenance(r),
                )
                by_id[r.entity_id] = ent
            ent.mentions.append(Mention(r.text, r.start, r.end, r.sentence))
        yield from by_id.values()

    @staticmethod
    def _load_time(r: Any) -> TimeExpression:
        return TimeExpression(
            r.text,
            r.start,
            r.end,
            r.value,
            r.interval_start,
            r.interval_end,
            r.precision,
            r.anchor,
            r.sentence,
            r.kind,
            _provenance(r),
        )

    @staticmethod
    def _load_event(r: Any) -> Event:
        data = dict(r.data)
        data["actor"] = [ActorRef(**a) for a in data.get("actor", [])]
        data["recipient"] = [ActorRef(**a) for a in data.get("recipient", [])]
        return Event(**data, provenance=_provenance(r))

    @staticmethod
    def _load_claim(r: Any) -> Claim:
        data = dict(r.data)
        data["speaker"] = Speaker(**data["speaker"])
        return Claim(**data, provenance=_provenance(r))

    def list_runs(self) -> list[dict[str, Any]]:
        """Every recorded invocation (ingest, demo), oldest first."""
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(t.runs).order_by(t.runs.c.id))]

    def origins_of(self, doc_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.origins.c.origin, t.origins.c.url, t.origins.c.seen_at)
                .where(t.origins.c.document_id == doc_id)
                .order_by(t.origins.c.id)
            )
            return [{"origin": r.origin, "url": r.url, "seen_at": r.seen_at.isoformat()} for r in rows]

    def search(self, query: str, limit: int = 20, rank_pool: int = 2_000) -> list[str]:
        """Ids of documents matching a full-text query, best first, accents folded on both sides
        (``wirescope.store.search``): FTS5 on SQLite (its query syntax); on PostgreSQL the GIN-indexed
        ``documents.search_vector`` (migrations 0003, 0005) with web-search syntax (words,
        "phrases", ``or``, ``-word``; never a syntax error), ranked by ``ts_rank`` among the first ``rank_pool``
        matches (ranking reads each match's vector: a word found in every document would read them all); a LIKE
        scan elsewhere."""
        with self.engine.connect() as conn:
            if self.has_fts:
                rows = conn.execute(
                    text(f"SELECT document_id FROM {t.FTS_TABLE} WHERE {t.FTS_TABLE} MATCH :q ORDER BY rank LIMIT :n"),
                    {"q": fold_accents(query), "n": limit},
                )
            elif self.engine.dialect.name == "postgresql":
                rows = conn.execute(
                    text(
                        f"SELECT id FROM (SELECT id, {t.PG_SEARCH_COLUMN} AS vector, query "
                        f"FROM documents, websearch_to_tsquery('{PG_SEARCH_CONFIG}', :q) AS query "
                        f"WHERE {t.PG_SEARCH_COLUMN} @@ query LIMIT :pool) AS hits "
                        f"ORDER BY ts_rank(vector, query) DESC, id LIMIT :n"
                    ),
                    {"q": query, "n": limit, "pool": max(limit, rank_pool)},
                )
            else:
                rows = conn.execute(select(t.documents.c.id).where(t.documents.c.text.icontains(query)).limit(limit))
            return [r[0] for r in rows]

    def counts(self) -> dict[str, int]:
        """Rows per table (documents split into stored copies and duplicate links)."""
        with self.engine.connect() as conn:
            result = {
                "documents": conn.execute(
                    select(func.count()).select_from(t.documents).where(t.documents.c.duplicate_of.is_(None))
                ).scalar_one(),
                "duplicates": conn.execute(
                    select(func.count()).select_from(t.documents).where(t.documents.c.duplicate_of.is_not(None))
                ).scalar_one(),
            }
            for table in (t.sentences, t.entities, t.mentions, t.times, t.events, t.claims):
                result[table.name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
            return result
