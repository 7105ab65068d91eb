"""Processed documents in Parquet files, to be loaded into a database later (``wirescope load-parquet DIR``).

One row per input item: ``origin``, ``pipeline`` (the stage signature), ``id``, ``language``, ``payload`` (the
document in the lossless JSON of :mod:`wirescope.scale.codec`, NULL for a failure) and ``error``. Files are named
``part-00000.parquet``, ``part-00001.parquet``, ... in input order, and loading keeps that order (so the first of
two near-duplicates is the same as in a local run).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from wirescope.ingest import IngestItem
from wirescope.pipeline import Pipeline
from wirescope.scale.codec import decode, encode

#: rows per Parquet file
ROWS_PER_FILE = 1000
SCHEMA = pa.schema(
    [
        ("origin", pa.string()),
        ("pipeline", pa.string()),
        ("id", pa.string()),
        ("language", pa.string()),
        ("payload", pa.large_string()),
        ("error", pa.string()),
    ]
)


class AlreadyProcessed(Pipeline):
    """Stands in for the pipeline when the documents were processed elsewhere (Ray workers, a Parquet file):
    passes documents through and reports the signature of the stages that did run."""

    def __init__(self, signature: str) -> None:
        super().__init__([])
        self._signature = signature

    def __call__(self, doc: Any) -> Any:
        return doc

    @property
    def signature(self) -> str:
        return self._signature


def _row(item: IngestItem, pipeline: str) -> dict[str, Any]:
    doc = item.document if item.error is None else None
    return {
        "origin": item.origin,
        "pipeline": pipeline,
        "id": doc.id if doc else None,
        "language": doc.language if doc else None,
        "payload": encode(doc) if doc else None,
        "error": None if doc else (item.error or "no document"),
    }


def write_parquet(items: Iterable[IngestItem], directory: Path, pipeline: str) -> tuple[int, int]:
    """Write processed items to ``directory``; returns (documents, failures)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = failed = part = 0
    rows: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal part, rows
        if rows:
            pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), directory / f"part-{part:05d}.parquet")
            part, rows = part + 1, []

    for item in items:
        row = _row(item, pipeline)
        written, failed = (written + 1, failed) if row["payload"] else (written, failed + 1)
        rows.append(row)
        if len(rows) >= ROWS_PER_FILE:
            flush()
    flush()
    return written, failed


def parquet_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("part-*.parquet"))


def pipeline_signature(directory: Path) -> str | None:
    """The stage signature the files were produced with (of the first row), or None for an empty directory."""
    for path in parquet_files(directory):
        column = pq.read_table(path, columns=["pipeline"]).column("pipeline")
        if len(column):
            return str(column[0].as_py())
    return None


def read_parquet(directory: Path) -> Iterator[IngestItem]:
    """The items of ``directory`` in the order they were written."""
    for path in parquet_files(directory):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
            for row in batch.to_pylist():
                if row["payload"] is None:
                    yield IngestItem(row["origin"], error=row["error"] or "no document")
                else:
                    yield IngestItem(row["origin"], document=decode(row["payload"]))
