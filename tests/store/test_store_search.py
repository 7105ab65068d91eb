"""Keyword search (``Store.search``) on both backends: FTS5 on SQLite, the GIN-indexed tsvector column of migration
0003 on PostgreSQL (no sequential LIKE scan)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from wirescope.model import Document
from wirescope.store import Store, open_store
from wirescope.store.schema import PG_SEARCH_INDEX

ARTICLES = {
    "harbour": ("Harbour strike", "Dock workers in Gdansk stopped the cranes on Friday. Ferries kept sailing."),
    "rail": ("Rail timetable", "The new rail timetable adds night trains from Gdansk; dock staff get cheaper tickets."),
    "swedish": ("Hamnen växer", "Hamnen i Göteborg tog emot fler fartyg än någonsin under våren."),
    "cranes": ("Cranes, cranes", "Cranes everywhere: new cranes for the cranes yard, said the crane maker."),
}


@pytest.fixture
def store(db_url: str) -> tuple[Store, dict[str, str]]:
    opened = open_store(db_url)
    ids = {}
    for key, (title, body) in ARTICLES.items():
        doc = Document(text=body, title=title, language="sv" if key == "swedish" else "en")
        opened.save(doc, f"{key}.txt", "test@1")
        ids[key] = doc.id
    return opened, ids


def test_every_word_must_match_in_any_case(store: tuple[Store, dict[str, str]]) -> None:
    s, ids = store
    assert set(s.search("gdansk")) == {ids["harbour"], ids["rail"]}
    assert s.search("Gdansk ferries") == [ids["harbour"]]
    assert s.search("Gdansk helicopters") == []


def test_title_and_non_latin_words_are_indexed(store: tuple[Store, dict[str, str]]) -> None:
    s, ids = store
    assert s.search("timetable") == [ids["rail"]]
    assert s.search("göteborg") == [ids["swedish"]]
    assert s.search("växer") == [ids["swedish"]]


def test_postgresql_ranks_by_relevance_with_the_gin_index(store: tuple[Store, dict[str, str]]) -> None:
    s, ids = store
    if s.engine.dialect.name != "postgresql":
        pytest.skip("the tsvector index exists on PostgreSQL only")
    assert s.search("cranes")[0] == ids["cranes"]
    assert s.search("dock -ferries") == [ids["rail"]]  # web-search syntax: a minus excludes
    assert s.search('"new rail"') == [ids["rail"]]
    assert s.search("(((") == []  # never a syntax error
    issued: list[tuple[str, Any]] = []
    event.listen(s.engine, "before_cursor_execute", lambda c, cur, sql, params, *a: issued.append((sql, params)))
    s.search("gdansk")
    (sql, params), *_ = issued
    with s.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")  # the table is tiny: make the planner show it can use it
        plan = "\n".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {sql}", params))
    assert PG_SEARCH_INDEX in plan and "Seq Scan" not in plan
