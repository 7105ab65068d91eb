"""The story index in the store (``wirescope.store.stories``, migration 0003), on SQLite and on PostgreSQL: saving
writes only what changed, a store clustered over several runs holds what one run writes, and an 0002-era store
(one JSON blob) is converted to rows that resume clustering exactly where the blob left off, and back on downgrade."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import JSON, Engine, column, create_engine, event, func, insert, select, table
from tests.stories.conftest import make_features

from wirescope.store import MIGRATIONS, Store, StoryBook, open_store
from wirescope.store import schema as t
from wirescope.store.stories import stories, story_documents, story_index_docs, story_index_stories
from wirescope.stories import DocFeatures, StoryIndex, from_state, to_state

D0 = date(2024, 3, 1)


FIRST_RUN = 32


def stream() -> list[DocFeatures]:
    """Three topics over five weeks (so that the clusterer prunes early sentence vectors as its clock advances), and
    last a reprint of d30 published the day before it (so that d30, saved by an earlier run, becomes its copy)."""
    docs = [
        make_features(f"d{i:02d}", i % 3, D0 + timedelta(days=i), ("en", "sv", "de")[i % 3], [f"k{i % 3}"], i)
        for i in range(36)
    ]
    earlier_copy = make_features("c30", 30 % 3, D0 + timedelta(days=29), docs[30].language, ["k0"], 30)
    return [*docs, earlier_copy]


def add_documents(store: Store, ids: list[str]) -> None:
    """Minimal ``documents`` rows for synthetic features (``story_documents`` refers to them)."""
    now = datetime.now(UTC)
    rows = [
        {"id": i, "content_hash": i, "languages": [], "provenance": [], "fetched_at": now, "stored_at": now}
        for i in ids
    ]
    with store.engine.begin() as conn:
        conn.execute(insert(t.documents), rows)


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    tables = (story_index_docs, story_index_stories, story_documents)
    with store.engine.connect() as conn:
        dumped = {tb.name: sorted(tuple(r) for r in conn.execute(select(tb))) for tb in tables}
        dumped["stories"] = sorted(tuple(r)[:-1] for r in conn.execute(select(stories)))  # without updated_at
    return dumped


def ingest(url: str, features: list[DocFeatures]) -> list[tuple[str, str | None, float | None]]:
    """One run: open the store's book, assign, save."""
    book = StoryBook.open(open_store(url))
    results = [book.assign_features(f) for f in features]
    book.save()
    book.store.engine.dispose()
    return [(r.story_id, r.copy_of, r.score) for r in results]


def fresh(url: str, features: list[DocFeatures]) -> Store:
    store = open_store(url)
    add_documents(store, [f.doc_id for f in features])
    return store


def test_two_runs_give_the_same_stories_as_one(db_url: str, tmp_path: Path) -> None:
    features = stream()
    one_run_url = f"sqlite:///{tmp_path / 'one.db'}"
    fresh(one_run_url, features)
    one_run = ingest(one_run_url, features)
    reference = dump(open_store(one_run_url))

    store = fresh(db_url, features)
    two_runs = ingest(db_url, features[:FIRST_RUN]) + ingest(db_url, features[FIRST_RUN:])
    assert two_runs == one_run
    assert dump(store) == reference
    rows = {r[0]: r for r in reference["story_index_docs"]}
    assert rows["d30"][3:5] == ("c30", "duplicate")  # re-marked by the second run
    assert rows["d18"][7] is None and rows["d30"][7] is not None  # d18's sentence vectors pruned by the second run


def record_statements(engine: Engine) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []
    event.listen(
        engine, "before_cursor_execute", lambda c, cur, statement, params, *a: seen.append((statement, params))
    )
    return seen


def test_saving_one_more_document_writes_its_rows_only(db_url: str) -> None:
    features = stream()
    store = fresh(db_url, features)
    ingest(db_url, features[:30])
    book = StoryBook.open(store)
    book.assign_features(features[30])
    seen = record_statements(store.engine)
    book.save()
    inserted = [p for statement, p in seen if statement.startswith("INSERT INTO story_index_docs")]
    assert len(inserted) == 1 and "'d30'" in repr(inserted[0])  # one statement, one row: the new document
    assert max(len(p) if isinstance(p, list) else 1 for _, p in seen) <= 2  # no statement writes many rows
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(story_index_docs)).scalar_one() == 31
    assert not book.dirty
    seen.clear()
    book.save()  # nothing changed: nothing written
    assert seen == []


BLOB = table("story_state", column("id"), column("state", JSON), column("updated_at"))


def migrate(url: str, revision: str, downgrade: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if downgrade else command.upgrade)(config, revision)
    engine.dispose()


def test_migration_converts_a_0002_store(db_url: str) -> None:
    features = stream()
    original = StoryIndex()
    for f in features[:24]:
        original.assign_features(f)
    migrate(db_url, "0002")
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(insert(BLOB).values(id=1, state=to_state(original), updated_at=datetime.now(UTC)))
    engine.dispose()

    book = StoryBook.open(fresh(db_url, features))  # open_store migrates to the head revision
    assert book.index.order == original.order
    assert {s: st.members for s, st in book.index.stories.items()} == {
        s: st.members for s, st in original.stories.items()
    }
    assert [(s, lang) for s, lang, _ in book.index.background.recent] == [
        (s, lang) for s, lang, _ in original.background.recent
    ]
    assert book.index.background.pairs == original.background.pairs
    resumed = [book.assign_features(f) for f in features[24:]]
    expected = [original.assign_features(f) for f in features[24:]]
    assert [(r.story_id, r.copy_of, r.score) for r in resumed] == [(r.story_id, r.copy_of, r.score) for r in expected]


def test_a_book_that_another_process_overtook_does_not_save(db_url: str) -> None:
    features = stream()
    store = fresh(db_url, features)
    ingest(db_url, features[:10])
    first, second = StoryBook.open(store), StoryBook.open(store)
    for f in features[10:14]:
        first.assign_features(f)
    for f in features[14:18]:
        second.assign_features(f)
    assert first.save() is True
    assert second.save() is False  # it would have written over the rows of the first
    reopened = StoryBook.open(store)
    assert reopened.index.order == [f.doc_id for f in features[:14]]
    assert [d for d in reopened.unassigned() if d in {f.doc_id for f in features[:18]}] == [
        f.doc_id for f in features[14:18]
    ]


def test_downgrade_puts_the_rows_back_into_one_blob(db_url: str) -> None:
    features = stream()
    store = fresh(db_url, features)
    ingest(db_url, features[:24])
    stored = StoryBook.open(store).index
    store.engine.dispose()
    migrate(db_url, "0002", downgrade=True)
    with create_engine(db_url).connect() as conn:
        state = conn.execute(select(BLOB.c.state)).scalar_one()
    restored = from_state(state)
    assert restored.order == stored.order
    assert [(s, lang) for s, lang, _ in restored.background.recent] == [
        (s, lang) for s, lang, _ in stored.background.recent
    ]
    resumed = [restored.assign_features(f) for f in features[24:]]
    expected = [stored.assign_features(f) for f in features[24:]]
    assert [(r.story_id, r.copy_of, r.score) for r in resumed] == [(r.story_id, r.copy_of, r.score) for r in expected]
