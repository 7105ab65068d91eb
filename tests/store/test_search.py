"""Accent folding in keyword search (``wirescope.store.search``, migration 0005) on SQLite and PostgreSQL: accented
and unaccented spellings find the same documents, an upgrade from 0004 folds existing rows, and PostgreSQL without
the unaccent extension still works (without folding) and says so."""

from __future__ import annotations

import logging
import unicodedata

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, make_url, text

from wirescope.model import Document
from wirescope.store import MIGRATIONS, Store, open_store
from wirescope.store import schema as t
from wirescope.store.search import fold_accents

ARTICLES = {
    "saopaulo": ("Chuva em São Paulo", "A prefeitura de São Paulo abriu abrigos depois da chuva forte."),
    "muller": ("Müller bleibt", "Trainer Müller bleibt bis zum Sommer in der Hauptstraße des Vereins."),
    "lodz": ("Tramwaje w Łodzi", "W Łódź tramwaje wróciły na trasy po awarii sieci."),
    "hanoi": ("Mưa ở Hà Nội", "Hà Nội ghi nhận lượng mưa kỷ lục trong tuần."),
    "athens": ("Καύσωνας στην Αθήνα", "Η Αθήνα κλείνει σχολεία λόγω καύσωνα."),
    "plain": ("Sao Paulo traffic", "Traffic in Sao Paulo and Lodz was slow, said Muller of the transport office."),
}
#: (accented, unaccented) spellings of one query: both must find the same documents, the folded ones included
QUERIES = [
    ("São Paulo", "Sao Paulo", {"saopaulo", "plain"}),
    ("Müller", "Muller", {"muller", "plain"}),
    ("Łódź", "Lodz", {"lodz", "plain"}),
    ("Hauptstraße", "Hauptstrasse", {"muller"}),
    ("Hà Nội", "Ha Noi", {"hanoi"}),
    ("Αθήνα", "Αθηνα", {"athens"}),
]
LOGGER = "wirescope.store.migrations"


def _save_all(store: Store) -> dict[str, str]:
    ids = {}
    for key, (title, body) in ARTICLES.items():
        doc = Document(text=body, title=title)
        store.save(doc, f"{key}.txt", "test@1")
        ids[key] = doc.id
    return ids


def _expect(store: Store, ids: dict[str, str]) -> None:
    for accented, plain, keys in QUERIES:
        wanted = {ids[k] for k in keys}
        assert set(store.search(accented)) == wanted, accented
        assert set(store.search(plain)) == wanted, plain


def test_accented_and_unaccented_queries_find_the_same_documents(db_url: str) -> None:
    store = open_store(db_url)
    ids = _save_all(store)
    _expect(store, ids)
    assert store.search("Киев") == []  # folding is not transliteration: Cyrillic stays Cyrillic


def test_upgrade_from_0004_folds_existing_rows(db_url: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(db_url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
    old = Store(engine)
    ids = _save_all(old)
    if old.has_fts:  # the rows as 0004 wrote them: title and text as they are
        with engine.begin() as conn:
            for key, (title, body) in ARTICLES.items():
                conn.execute(
                    text(f"UPDATE {t.FTS_TABLE} SET title = :title, text = :text WHERE document_id = :id"),
                    {"title": title, "text": body, "id": ids[key]},
                )
    assert _unfolded_hits(old, "lodz") == {ids["plain"]}  # 0004: no folding on either backend
    engine.dispose()
    store = open_store(db_url)
    _expect(store, ids)
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
    assert _unfolded_hits(store, "lodz") == {ids["plain"]}
    _expect(open_store(db_url), ids)


def _unfolded_hits(store: Store, word: str) -> set[str]:
    """Documents matching ``word`` at revision 0004 (FTS5 as is, or the 'simple' configuration)."""
    if store.has_fts:
        query = f"SELECT document_id FROM {t.FTS_TABLE} WHERE {t.FTS_TABLE} MATCH :q"
    else:
        query = f"SELECT id FROM documents WHERE {t.PG_SEARCH_COLUMN} @@ plainto_tsquery('simple', :q)"
    with store.engine.connect() as conn:
        return {r[0] for r in conn.execute(text(query), {"q": word})}


def test_fold_follows_postgresql_unaccent(postgres_db_url: str) -> None:
    store = open_store(postgres_db_url)
    latin = [chr(c) for c in range(0x00C0, 0x0180)] + [chr(c) for c in range(0x1EA0, 0x1EFA)]
    decomposable = [chr(c) for c in range(0x0180, 0x0250) if unicodedata.normalize("NFD", chr(c)) != chr(c)]
    greek_cyrillic = [chr(c) for c in range(0x0370, 0x0460)]
    letters = [c for c in latin + decomposable + greek_cyrillic if unicodedata.category(c).startswith("L")]
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT x, unaccent(x) FROM unnest(CAST(:xs AS text[])) AS x"), {"xs": letters})
        differ = {x: (folded, fold_accents(x)) for x, folded in rows if folded != fold_accents(x)}
    assert differ == {}
    assert fold_accents("й ї ё") == "й ї е"  # letters of their own stay


def test_postgresql_without_unaccent_searches_unfolded_and_warns(
    postgres_db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    role = "wirescope_plain"
    admin = create_engine(postgres_db_url)
    with admin.begin() as conn:
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is None:
            conn.execute(text(f"CREATE ROLE {role} LOGIN"))  # no CREATE on the database: no extensions
        conn.execute(text(f"GRANT CREATE, USAGE ON SCHEMA public TO {role}"))
        assert conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")).first() is None
    admin.dispose()
    logger = logging.getLogger(LOGGER)
    logger.addHandler(caplog.handler)  # the CLI, run in-process by other tests, may stop propagation to the root
    try:
        with caplog.at_level(logging.WARNING, logger=LOGGER):
            store = open_store(make_url(postgres_db_url).set(username=role).render_as_string(hide_password=False))
    finally:
        logger.removeHandler(caplog.handler)
    assert any("unaccent could not be created" in r.getMessage() for r in caplog.records)
    ids = _save_all(store)
    assert set(store.search("Müller")) == {ids["muller"]}
    assert set(store.search("Muller")) == {ids["plain"]}
    store.engine.dispose()
