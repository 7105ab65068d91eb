"""Concurrent ingest from several processes: on SQLite and on PostgreSQL (see ``conftest.py``), N processes that store
the same documents at the same moment end with exactly one copy of each document and of each entity, and with the
aliases of every writer merged into the shared entity rows."""

from __future__ import annotations

import multiprocessing
import random
from typing import Any

from sqlalchemy import func, select

from wirescope.model import Document, Entity, Mention, Provenance, Sentence
from wirescope.store import Outcome, open_store
from wirescope.store import schema as t

PROCESSES = 4
CITIES = ["Lisbon", "Porto", "Braga", "Faro", "Coimbra", "Aveiro"]


def article(i: int) -> Document:
    """A short made-up article; articles share cities, so different documents write the same entity rows."""
    a, b = CITIES[i % len(CITIES)], CITIES[(i + 1) % len(CITIES)]
    text = f"Report {i}: trains between {a} and {b} ran late on day {i}. The operator blamed a signal fault near {b}."
    doc = Document(text=text, language="en", source="made-up wire")
    first_end = text.index(".") + 1
    doc.sentences = [Sentence(0, 0, first_end, "en"), Sentence(1, first_end + 1, len(text), "en")]
    doc.entities = [
        Entity(
            f"place:{name.lower()}",
            "PLACE",
            name,
            country="PRT",
            aliases=[f"{name} ({i})"],  # every document brings its own alias: none may be lost under the race
            mentions=[Mention(name, text.index(name), text.index(name) + len(name), 0)],
            provenance=Provenance("entities", "1"),
        )
        for name in (a, b)
    ]
    return doc


def ingest_all(url: str, barrier: Any, seed: int, count: int) -> list[str]:
    """One writer process: open (and migrate) the store, wait for the others, store every article in its own order."""
    barrier.wait()
    store = open_store(url)
    order = list(range(count))
    random.Random(seed).shuffle(order)
    outcomes = [store.save(article(i), f"worker-{seed}/{i}.txt", "entities@1").outcome.value for i in order]
    store.engine.dispose()
    return outcomes


def test_concurrent_ingest_stores_each_document_and_entity_once(db_url: str) -> None:
    count = 24
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(PROCESSES)
        with ctx.Pool(PROCESSES) as pool:
            results = pool.starmap(ingest_all, [(db_url, barrier, seed, count) for seed in range(PROCESSES)])
    outcomes = [o for worker in results for o in worker]
    assert outcomes.count(Outcome.STORED.value) == count
    assert outcomes.count(Outcome.DUPLICATE.value) == count * (PROCESSES - 1)

    store = open_store(db_url)
    docs = [article(i) for i in range(count)]
    with store.engine.connect() as conn:
        ids = sorted(conn.execute(select(t.documents.c.id)).scalars())
        assert ids == sorted(d.id for d in docs)
        assert conn.execute(select(func.count()).select_from(t.origins)).scalar_one() == count * PROCESSES
        assert conn.execute(select(func.count()).select_from(t.mentions)).scalar_one() == 2 * count
        entities = {r.id: r for r in conn.execute(select(t.entities))}
    assert sorted(entities) == sorted(f"place:{c.lower()}" for c in CITIES)
    for doc in docs:
        for ent in doc.entities:
            assert ent.aliases[0] in entities[ent.id].aliases
