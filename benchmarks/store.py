"""Cost of persisting the story index after one new document, as the store grows.

    .venv/bin/python benchmarks/store.py [--docs 1000 10000 50000] [--db URL]
    .venv/bin/python benchmarks/store.py --search 100000 --db postgresql+psycopg://...

For each size N: cluster N synthetic documents (the stream of ``benchmarks/stories.py``; minimal ``documents`` rows
stand for them), persist the index into a fresh store (untimed), then ``--repeat`` times assign one more document
through the store's ``StoryBook`` and time ``StoryBook.save()`` (mean and max: a save that follows a new day also
clears the pruned sentence vectors of a day's documents): CPU seconds of this process
(the machine is shared, wall time is not trusted), the bytes of the bound SQL parameters sent to the database (any
backend), and for SQLite the bytes the process wrote to files (``wchar`` of /proc/self/io: pages and journal).
Also the CPU time of ``StoryBook.open`` (loading the whole index back, as the API does) and of
``StoryBook.open(store, lazy=True)`` (ingest: only the stories within reach of the latest day; the documents it
loaded), then the CPU time of assigning a document dated ``--late-days`` before the latest day through the lazy book
(it loads the stories around that day first). Prints one JSON line per size.

Before migration 0003 (one JSON blob rewritten whole) every save cost the same, so ``--repeat 1`` measured it.

The default database is a new SQLite file per size in a temporary directory; ``--db`` takes a PostgreSQL URL
(its public schema is dropped and recreated per size).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass, replace  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
from sqlalchemy import create_engine, event, insert, text  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories import synthetic_stream  # noqa: E402
from wirescope.store import Store, StoryBook, open_store  # noqa: E402
from wirescope.store import schema as t  # noqa: E402
from wirescope.stories import StoryIndex  # noqa: E402


@dataclass
class Meter:
    """Bytes of bound parameters of every statement executed on an engine while active."""

    bytes: int = 0
    statements: int = 0
    active: bool = False

    def __call__(self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if not self.active:
            return
        self.statements += 1
        rows = parameters if many else [parameters]
        for row in rows:
            values = row.values() if isinstance(row, dict) else row
            self.bytes += sum(len(v) if isinstance(v, (bytes, str)) else 8 for v in values if v is not None)


def written_bytes() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("wchar:"):
            return int(line.split()[1])
    return 0


def fresh_url(base: str | None, workdir: Path, n: int) -> str:
    if base is None:
        return f"sqlite:///{workdir / f'store-{n}.db'}"
    with create_engine(base).begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    return base


def add_documents(store: Store, ids: list[str]) -> None:
    now = datetime.now(UTC)
    rows = [
        {"id": i, "content_hash": i, "languages": [], "provenance": [], "fetched_at": now, "stored_at": now}
        for i in ids
    ]
    with store.engine.begin() as conn:
        conn.execute(insert(t.documents), rows)


def measure(n_docs: int, url: str, per_day: int, repeat: int, late_days: int) -> dict[str, Any]:
    stream = list(synthetic_stream(n_docs + repeat, per_day))
    index = StoryIndex()
    for f in stream[:n_docs]:
        index.assign_features(f)
    store = open_store(url)
    add_documents(store, [f.doc_id for f in stream])
    book = StoryBook(store, index)
    book.save()
    meter = Meter()
    event.listen(store.engine, "before_cursor_execute", meter)
    cpu, params, wrote = [], [], []
    for f in stream[n_docs:]:
        book.assign_features(f)
        meter.bytes, meter.active = 0, True
        started_bytes, started = written_bytes(), time.process_time()
        book.save()
        cpu.append(time.process_time() - started)
        wrote.append(written_bytes() - started_bytes)
        params.append(meter.bytes)
        meter.active = False
    load_cpu = time.process_time()
    reopened = StoryBook.open(store)
    load_cpu = time.process_time() - load_cpu
    assert len(reopened.index.order) == n_docs + repeat
    del reopened  # the lazy book below allocates without the full one held
    lazy_cpu = time.process_time()
    lazy = StoryBook.open(store, lazy=True)
    lazy_cpu = time.process_time() - lazy_cpu
    lazy_docs = len(lazy.index.docs)
    late = late_document(stream, late_days)
    add_documents(store, [late.doc_id])
    late_cpu = time.process_time()
    lazy.assign_features(late)
    late_cpu = time.process_time() - late_cpu
    sqlite = store.engine.dialect.name == "sqlite"
    store.engine.dispose()
    return {
        "documents": n_docs,
        "stories": len(index.stories),
        "saves": repeat,
        "save_cpu_s_mean": round(sum(cpu) / repeat, 4),
        "save_cpu_s_max": round(max(cpu), 4),
        "save_parameter_bytes_mean": round(sum(params) / repeat),
        "save_parameter_bytes_max": max(params),
        "save_file_bytes_written_mean": round(sum(wrote) / repeat) if sqlite else None,
        "save_file_bytes_written_max": max(wrote) if sqlite else None,
        "open_cpu_s": round(load_cpu, 3),
        "open_lazy_cpu_s": round(lazy_cpu, 3),
        "open_lazy_documents": lazy_docs,
        "late_document_days": late_days,
        "late_document_cpu_s": round(late_cpu, 3),
        "late_documents_loaded": len(lazy.index.docs) - lazy_docs - 1,
    }


def late_document(stream: list[Any], days: int) -> Any:
    """A copy of the features of a document published ``days`` before the latest one (or as close as the stream
    goes back), under a new id."""
    latest = max(f.day for f in stream)
    model = min(stream, key=lambda f: abs(f.day - (latest - days)))
    return replace(model, doc_id=f"late-{model.doc_id}")


SCAN = re.compile(r"(Seq Scan|Bitmap Heap Scan|Bitmap Index Scan|Index Scan|Index Only Scan) on \S+")


def bench_search(url: str, n_docs: int, seed: int = 3) -> list[dict[str, Any]]:
    """PostgreSQL keyword search over ``n_docs`` synthetic documents (200 words each from a Zipf vocabulary): the
    tsvector + GIN query that ``Store.search`` issues against the ILIKE scan it used before migration 0003, as
    PostgreSQL's own plan, execution time and shared buffers touched (``EXPLAIN (ANALYZE, BUFFERS)``)."""
    rng = np.random.default_rng(seed)
    vocabulary = [f"w{i}x" for i in range(50_000)]
    cdf = np.cumsum(1.0 / np.arange(1, len(vocabulary) + 1))
    cdf /= cdf[-1]
    store = open_store(url)
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        for start in range(0, n_docs, 5_000):
            rows = []
            for i in range(start, min(start + 5_000, n_docs)):
                words = " ".join(vocabulary[k] for k in np.searchsorted(cdf, rng.random(200)))
                doc_id = f"s{i}"
                rows.append(
                    {"id": doc_id, "content_hash": doc_id, "languages": [], "provenance": [], "text": words}
                    | {"title": f"title {i}", "fetched_at": now, "stored_at": now}
                )
            conn.execute(insert(t.documents), rows)
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE documents"))  # as autovacuum would: merges the GIN pending list
    issued: list[tuple[str, Any]] = []
    event.listen(store.engine, "before_cursor_execute", lambda c, cur, sql, params, *a: issued.append((sql, params)))
    results = []
    for word in ("w3x", "w300x", "w30000x"):  # frequent, middling, rare
        issued.clear()
        hits = len(store.search(word, limit=20))
        queries = {
            "tsvector_gin": issued[0],
            "ilike_scan": ("SELECT id FROM documents WHERE text ILIKE %(q)s LIMIT 20", {"q": f"%{word}%"}),
        }
        for name, (sql, params) in queries.items():
            with store.engine.connect() as conn:
                plan = [r[0] for r in conn.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)]
            buffers = [line for line in plan if "Buffers:" in line]
            results.append(
                {
                    "documents": n_docs,
                    "query": word,
                    "hits": hits,
                    "plan": name,
                    "scans": " / ".join(m.group(0) for x in plan if (m := SCAN.search(x))),
                    "buffers": buffers[0].split("Buffers:")[1].strip() if buffers else "",
                    "execution_ms": float(plan[-1].split(":")[1].split()[0]),
                }
            )
    store.engine.dispose()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--per-day", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=20, help="new documents, each assigned then saved")
    parser.add_argument("--late-days", type=int, default=60, help="age of the late document (lazy loading)")
    parser.add_argument("--db", help="a PostgreSQL URL (default: a temporary SQLite file per size)")
    parser.add_argument("--search", type=int, metavar="N", help="instead: keyword search over N documents (--db)")
    args = parser.parse_args()
    if args.search:
        if not args.db:
            parser.error("--search needs a PostgreSQL --db")
        for row in bench_search(fresh_url(args.db, Path("."), 0), args.search):
            print(json.dumps(row), flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="wirescope-bench-") as tmp:
        for n in args.docs:
            row = measure(n, fresh_url(args.db, Path(tmp), n), args.per_day, args.repeat, args.late_days)
            print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
