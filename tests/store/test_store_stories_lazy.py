"""A story book opened lazily (``StoryBook.open(store, lazy=True)``: only the stories around the latest stored day,
more when an older document arrives) clusters exactly as one that loads every story: same assignments, scores and
copy marks, same rows; and it still refuses to save over another process's save. Migration 0006 (``filed_day``)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select, update
from tests.store.test_store_stories import add_documents, dump, migrate
from tests.stories.conftest import make_features

from wirescope.store import StoryBook, open_store
from wirescope.store.stories import story_index_docs
from wirescope.stories import Assignment, DocFeatures, StoryIndex

D0 = date(2024, 1, 1)
LANGUAGES = ("en", "sv", "de", "fr")


def doc(i: int, day: date | None, topic: int | None = None, noise: int | None = None) -> DocFeatures:
    """Topics recur every few months, so that an entity key also names stories outside the time window."""
    topic = i // 6 % 14 if topic is None else topic
    keys = [f"k{topic}", f"k{i % 5}"]
    return hashed(make_features(f"d{i:03d}", topic, day, LANGUAGES[i % 4], keys, i if noise is None else noise))


def hashed(f: DocFeatures) -> DocFeatures:
    """The content hash that ``add_documents`` stores (the id): the lazy book looks persisted copies up by it."""
    f.content_hash = f.doc_id
    return f


def first_run() -> list[DocFeatures]:
    """Half a year, one or two documents a day, a few undated ones (filed under the clock when they arrive), and
    last two documents from months back, whose sentence vectors the clusterer has not pruned yet when it saves."""
    docs = [doc(i, None if i % 41 == 7 else D0 + timedelta(days=i * 2 // 3)) for i in range(270)]
    return [*docs, doc(280, D0 + timedelta(days=30), topic=45 // 6 % 14), doc(281, D0 + timedelta(days=110))]


def second_run(first: list[DocFeatures]) -> list[DocFeatures]:
    """New documents, late ones from months back, a reprint of a stored document published a day before it (which
    becomes its copy), a reprint of a late document of the first run (too old to compare sentences with by now),
    an undated one, and a document that was already clustered."""
    last = D0 + timedelta(days=180)
    late = [doc(300 + k, D0 + timedelta(days=20 + 9 * k), topic=(20 + 9 * k) * 3 // 2 // 6 % 14) for k in range(6)]
    original = first[260]
    assert original.day is not None
    reprint = hashed(make_features("r260", 260 // 6 % 14, date.fromordinal(original.day - 1), "sv", [], 260))
    reprint.entity_keys = dict(original.entity_keys)
    fresh = [doc(400 + k, last + timedelta(days=k // 2)) for k in range(12)]
    stale = first[-2]
    assert stale.day is not None
    late_reprint = hashed(make_features("r280", 45 // 6 % 14, date.fromordinal(stale.day - 1), "de", [], 280))
    late_reprint.entity_keys = dict(stale.entity_keys)
    return [
        fresh[0],
        late_reprint,
        late[0],
        fresh[1],
        reprint,
        *late[1:3],
        doc(500, None),
        *fresh[2:6],
        *late[3:],
        first[12],
        *fresh[6:],
    ]


def ingest(url: str, features: list[DocFeatures], lazy: bool) -> tuple[list[Assignment], StoryBook]:
    book = StoryBook.open(open_store(url), lazy=lazy)
    results = [book.assign_features(f) for f in features]
    assert book.save() is True
    book.store.engine.dispose()
    return results, book


def prepared(url: str) -> tuple[list[DocFeatures], list[DocFeatures]]:
    first = first_run()
    second = second_run(first)
    store = open_store(url)
    add_documents(store, sorted({f.doc_id for f in first + second}))
    index = StoryIndex()
    for f in first:
        index.assign_features(f)
    assert StoryBook(store, index).save() is True  # the rows of one earlier run, written at once
    store.engine.dispose()
    return first, second


def test_a_lazy_book_clusters_as_a_full_one(db_url: str, tmp_path: Path) -> None:
    reference_url = f"sqlite:///{tmp_path / 'full.db'}"
    _, second = prepared(reference_url)
    expected, _ = ingest(reference_url, second, lazy=False)
    _, second = prepared(db_url)  # new features: clustering prunes the sentence vectors of those it was given
    lazy_book = StoryBook.open(open_store(db_url), lazy=True)
    loaded_at_open = len(lazy_book.index.docs)
    assert 0 < loaded_at_open < 150  # the last weeks only, of 270 documents
    results, lazy_book = ingest(db_url, second, lazy=True)
    assert results == expected
    assert any(r.updates for r in results)  # the reprint re-marked the stored document as its copy
    assert len(lazy_book.index.docs) < 270  # older windows were loaded as late documents came, not all
    assert dump(open_store(db_url)) == dump(open_store(reference_url))
    reopened = StoryBook.open(open_store(db_url))
    assert [f.doc_id for f in second if f.doc_id not in reopened.index.docs] == []


def test_a_lazy_book_that_another_process_overtook_does_not_save(db_url: str) -> None:
    first, second = prepared(db_url)
    store = open_store(db_url)
    one, other = StoryBook.open(store, lazy=True), StoryBook.open(store, lazy=True)
    one.assign_features(second[0])
    other.assign_features(second[2])
    assert one.save() is True
    assert other.save() is False
    assert second[2].doc_id in StoryBook.open(store).unassigned()


def test_migration_0006_files_undated_documents_under_the_clock(db_url: str) -> None:
    prepared(db_url)
    store = open_store(db_url)
    before = dump(store)
    with store.engine.connect() as conn:
        filed = dict(conn.execute(select(story_index_docs.c.doc_id, story_index_docs.c.filed_day)).all())
    assert {k for k, v in filed.items() if v is not None} == {f"d{i:03d}" for i in range(270) if i % 41 == 7}
    with store.engine.begin() as conn:
        conn.execute(update(story_index_docs).values(filed_day=None))
    store.engine.dispose()
    migrate(db_url, "0005", downgrade=True)
    assert dump(open_store(db_url)) == before  # open_store upgrades: 0006 fills the column again


def test_a_near_duplicate_of_an_unloaded_document_joins_its_story(db_url: str) -> None:
    prepared(db_url)
    store = open_store(db_url)
    add_documents(store, ["dup005"])
    book = StoryBook.open(store, lazy=True)
    assert "d005" not in book.index.docs
    book.record_duplicate("dup005", "d005")
    story = StoryBook.open(store).index.story_of("d005")
    assert story is not None
    assert [(m["document_id"], m["copy_of"]) for m in book.members(story)] == [("dup005", "d005")]
