"""Cost of persisting the story index after one new document, as the store grows.

    .venv/bin/python benchmarks/store.py [--docs 1000 10000 50000] [--db URL]

For each size N: cluster N synthetic documents (the stream of ``benchmarks/stories.py``; minimal ``documents`` rows
stand for them), persist the index into a fresh store (untimed), then assign one more document through the store's
``StoryBook`` and time ``StoryBook.save()``: CPU seconds of this process
(the machine is shared, wall time is not trusted), the bytes of the bound SQL parameters sent to the database (any
backend), and for SQLite the bytes the process wrote to files (``wchar`` of /proc/self/io: pages and journal).
Also the CPU time of ``StoryBook.open`` (loading the index back). Prints one JSON line per size.

The default database is a new SQLite file per size in a temporary directory; ``--db`` takes a PostgreSQL URL
(its public schema is dropped and recreated per size).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

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


def measure(n_docs: int, url: str, per_day: int) -> dict[str, Any]:
    stream = list(synthetic_stream(n_docs + 1, per_day))
    index = StoryIndex()
    for f in stream[:n_docs]:
        index.assign_features(f)
    store = open_store(url)
    add_documents(store, [f.doc_id for f in stream])
    book = StoryBook(store, index)
    book.save()
    meter = Meter()
    event.listen(store.engine, "before_cursor_execute", meter)
    book.assign_features(stream[n_docs])
    meter.active = True
    wrote, cpu = written_bytes(), time.process_time()
    book.save()
    cpu, wrote = time.process_time() - cpu, written_bytes() - wrote
    meter.active = False
    load_cpu = time.process_time()
    reopened = StoryBook.open(store)
    load_cpu = time.process_time() - load_cpu
    assert len(reopened.index.order) == n_docs + 1
    store.engine.dispose()
    return {
        "documents": n_docs,
        "stories": len(index.stories),
        "save_cpu_s": round(cpu, 4),
        "save_parameter_bytes": meter.bytes,
        "save_statements": meter.statements,
        "save_file_bytes_written": wrote if store.engine.dialect.name == "sqlite" else None,
        "open_cpu_s": round(load_cpu, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--per-day", type=int, default=500)
    parser.add_argument("--db", help="a PostgreSQL URL (default: a temporary SQLite file per size)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wirescope-bench-") as tmp:
        for n in args.docs:
            print(json.dumps(measure(n, fresh_url(args.db, Path(tmp), n), args.per_day)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
