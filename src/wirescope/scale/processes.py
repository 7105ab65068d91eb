"""Local worker processes: ``wirescope ingest --engine processes --workers N`` (no Ray needed).

Each worker process is started once (``spawn``), limited to one compute thread and builds the pipeline once, so
the knowledge base, lexicons and the embedding model load once per worker. Items come back in input order and the
driver stores them through the same code as a local run, so the results are those of a local run.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice

from wirescope.ingest import IngestItem
from wirescope.pipeline import Pipeline
from wirescope.scale.threads import one_thread_per_worker
from wirescope.stories.features import embed_ahead

#: items handed to the pool at a time, per worker: bounds the documents held in memory on a large input
WINDOW_PER_WORKER = 8

_pipeline: Pipeline | None = None


def process_item(pipeline: Pipeline, item: IngestItem) -> IngestItem:
    """``item`` run through the pipeline (a stage failure fails the item, not the run)."""
    if item.document is None or item.error is not None:
        return item
    try:
        return IngestItem(item.origin, document=pipeline(item.document))
    except Exception as exc:
        return IngestItem(item.origin, error=f"{type(exc).__name__}: {exc}")


def _start(stages: list[str]) -> None:
    global _pipeline
    one_thread_per_worker()
    _pipeline = Pipeline(stages)


def _run(item: IngestItem) -> IngestItem:
    """An item processed in a worker, with the sentences story clustering reads already embedded (the driver
    clusters in input order, one document at a time: its embedding would not run in parallel)."""
    if _pipeline is None:
        raise RuntimeError("worker process not started")
    out = process_item(_pipeline, item)
    if out.document is not None and out.error is None:
        embed_ahead(out.document)
    return out


def processed_items(items: Iterable[IngestItem], stages: list[str], workers: int) -> Iterator[IngestItem]:
    """Every item processed by ``workers`` processes, in input order."""
    source = iter(items)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_start, initargs=(stages,)) as pool:
        while window := list(islice(source, workers * WINDOW_PER_WORKER)):
            yield from pool.imap(_run, window)
