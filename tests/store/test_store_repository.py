"""The store: idempotency, reprocess, exact and near duplicates, atomic writes, schema = migration.

Runs on SQLite and on PostgreSQL (see ``conftest.py``: a scratch database whose public schema is dropped and
recreated for every test).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.exc import IntegrityError

from wirescope.model import ActorRef, Document, Entity, Event, Mention, Provenance, Sentence, TimeExpression
from wirescope.store import Outcome, Store, database_url, open_store
from wirescope.store.schema import FTS_TABLE, PG_SEARCH_COLUMN, PG_SEARCH_INDEX, metadata

ARTICLE = (
    "The harbour authority of Rotterdam said on Monday that container traffic fell by four percent in the third "
    "quarter. Shipping lines blamed weaker demand from Germany and a strike by lock operators in Antwerp. The "
    "authority expects volumes to recover next spring once two new quay walls open on the Maasvlakte."
)


BACKENDS = ["sqlite", "postgresql"]


def dump(store: Store) -> list[str]:
    """Every row of every table except the run log (and the FTS index on SQLite): equal dumps, unchanged data."""
    rows: list[str] = []
    with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            if table.name != "runs":
                rows.extend(sorted(f"{table.name} {tuple(r)!r}" for r in conn.execute(select(table))))
        if store.has_fts:
            rows.extend(sorted(repr(tuple(r)) for r in conn.execute(text(f"SELECT * FROM {FTS_TABLE}"))))
    return rows


def make_doc(text: str = ARTICLE, language: str = "en", **kwargs: object) -> Document:
    doc = Document(text=text, language=language, **kwargs)  # type: ignore[arg-type]
    end = text.index(".") + 1
    doc.sentences = [Sentence(0, 0, end, language), Sentence(1, end + 1, len(text), language)]
    doc.entities = [
        Entity(
            "Q34370",
            "PLACE",
            "Rotterdam",
            country="NLD",
            mentions=[Mention("Rotterdam", 25, 34, 0)],
            provenance=Provenance("entities", "1"),
        ),
    ]
    doc.times = [TimeExpression("on Monday", 40, 49, "2024-10-21", None, None, "day", "2024-10-22", 0)]
    doc.events = [Event("e1", "COOPERATE", actor=[ActorRef("Rotterdam", "NLD")], sentence=0, confidence=0.5)]
    doc.provenance = [Provenance("segment", "1")]
    return doc


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    postgres_url: str | None = request.getfixturevalue("postgres_url")  # started only when a PostgreSQL case runs
    if postgres_url is None:
        pytest.skip("no PostgreSQL: set WIRESCOPE_TEST_POSTGRES or install the server binaries")
    with create_engine(postgres_url).begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    return postgres_url


@pytest.fixture
def store(url: str) -> Store:
    return open_store(url)


def test_database_url_accepts_bare_paths_and_urls(tmp_path: Path) -> None:
    assert database_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    assert database_url("postgresql://u@h/db") == "postgresql://u@h/db"


def _outside_metadata(diff: Any) -> bool:
    """The full-text indexes live outside the SQLAlchemy metadata on purpose: the FTS5 virtual table and its shadow
    tables (SQLite), the generated tsvector column and its GIN index (PostgreSQL)."""
    kind = diff[0]
    if kind == "remove_table":
        return bool(diff[1].name.startswith(FTS_TABLE))
    if kind == "remove_index":
        return bool(diff[1].name == PG_SEARCH_INDEX)
    return kind == "remove_column" and diff[2] == "documents" and diff[3].name == PG_SEARCH_COLUMN


def test_migration_matches_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diffs if not _outside_metadata(d)] == []


def test_open_twice_is_idempotent(url: str) -> None:
    open_store(url).save(make_doc(), "a.txt", "segment@1")
    assert open_store(url).counts()["documents"] == 1


def test_round_trip_of_every_section(store: Store) -> None:
    doc = make_doc(title="Rotterdam traffic")
    assert store.save(doc, "a.txt", "segment@1").outcome is Outcome.STORED
    loaded = store.load_document(doc.id)
    assert loaded is not None
    assert loaded.to_dict() | {"document": None} == doc.to_dict() | {"document": None}
    assert loaded.metadata_dict() == doc.metadata_dict()
    assert loaded.entities[0].provenance == Provenance("entities", "1")


def test_reingest_is_a_noop(store: Store) -> None:
    doc = make_doc()
    store.save(doc, "a.txt", "segment@1")
    before = dump(store)
    result = store.record_known(make_doc(), "a.txt")
    assert result is not None and result.outcome is Outcome.UNCHANGED
    assert dump(store) == before


def test_same_content_from_another_origin_is_an_exact_duplicate(store: Store) -> None:
    doc = make_doc()
    store.save(doc, "a.txt", "segment@1")
    # whitespace differences do not change the content hash
    result = store.record_known(make_doc(ARTICLE.replace(". ", ".\n\n")), "b.txt")
    assert result is not None and result.outcome is Outcome.DUPLICATE
    assert store.counts()["documents"] == 1
    assert [o["origin"] for o in store.origins_of(doc.id)] == ["a.txt", "b.txt"]


def test_reprocess_replaces_sections(store: Store) -> None:
    doc = make_doc(title="Rotterdam traffic")
    store.save(doc, "a.txt", "segment@1")
    again = make_doc()
    again.events = []
    again.times = [TimeExpression("next spring", 250, 261, "2025-SP", None, None, "season", None, 1)]
    again.published = datetime(2024, 10, 22, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    result = store.save(again, "a.txt", "segment@2", reprocess=True)
    assert result.outcome is Outcome.REPROCESSED
    loaded = store.load_document(doc.id)
    assert loaded is not None
    assert loaded.published == again.published and loaded.published.utcoffset() == timedelta(hours=2)
    assert loaded.title == doc.title  # not known to the new reading: kept
    assert loaded.events == [] and [x.text for x in loaded.times] == ["next spring"]
    assert store.counts()["times"] == 1 and store.counts()["mentions"] == 1


def test_near_duplicate_in_same_language_is_linked(store: Store) -> None:
    first = make_doc()
    store.save(first, "a.txt", "segment@1")
    edited = make_doc(ARTICLE.replace("on Monday", "on Monday evening"))
    result = store.save(edited, "b.txt", "segment@1")
    assert result.outcome is Outcome.DUPLICATE and result.duplicate_of == first.id
    assert result.similarity is not None and result.similarity >= 0.8
    counts = store.counts()
    assert counts["documents"] == 1 and counts["duplicates"] == 1 and counts["sentences"] == 2
    link = store.load_document(edited.id)
    assert link is not None and link.duplicate_of == first.id and link.text == ""


def test_near_duplicate_in_another_language_is_not_linked(store: Store) -> None:
    store.save(make_doc(), "a.txt", "segment@1")
    other = make_doc(ARTICLE.replace("on Monday", "on Monday evening"), language="nl")
    assert store.save(other, "b.txt", "segment@1").outcome is Outcome.STORED


def test_unrelated_document_is_stored(store: Store) -> None:
    store.save(make_doc(), "a.txt", "segment@1")
    text = (
        "Heavy snow closed the mountain pass between Bolzano and Innsbruck for a second day. Road crews said the "
        "avalanche risk stayed high, and trains were running with long delays across the region. Schools stayed shut."
    )
    assert store.save(make_doc(text), "c.txt", "segment@1").outcome is Outcome.STORED


def test_failed_write_leaves_database_unchanged(store: Store) -> None:
    store.save(make_doc(), "a.txt", "segment@1")
    before = dump(store)
    text = "Ice on the river Main stopped all barge traffic near Frankfurt. Skippers waited for the thaw. "
    broken = make_doc(text * 3, title="broken")
    # two events with one id violate the events primary key after the document row and sentences were written
    broken.events = [Event("e1", "AID"), Event("e1", "AID")]
    with pytest.raises(IntegrityError):
        store.save(broken, "broken.txt", "segment@1")
    assert dump(store) == before


def test_full_text_search(store: Store) -> None:
    doc = make_doc()
    store.save(doc, "a.txt", "segment@1")
    assert store.search("Maasvlakte") == [doc.id]
    assert store.search("Innsbruck") == []


def test_concurrent_writer_of_the_same_content(url: str) -> None:
    """Another process stores the same article between this writer's lookup and its insert."""
    ours, theirs = open_store(url), open_store(url)
    raced: list[str] = []

    def other_process_wins(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().startswith("INSERT INTO documents") and not raced:
            raced.append(theirs.save(make_doc(), "theirs.txt", "segment@1").outcome.value)

    event.listen(ours.engine, "before_cursor_execute", other_process_wins)
    result = ours.save(make_doc(), "ours.txt", "segment@1")
    assert raced == ["stored"]
    assert result.outcome is Outcome.DUPLICATE
    assert ours.counts()["documents"] == 1 and ours.counts()["sentences"] == 2
