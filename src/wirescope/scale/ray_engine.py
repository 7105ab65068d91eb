"""``wirescope ingest --engine ray``: the same pipeline on a Ray cluster (or a local Ray instance).

Ray Data reads the input files in parallel (one task per file; a WARC collection or a JSONL dump yields many
documents per file), runs the pipeline in a pool of worker actors (``map_batches`` with a callable class, so each
worker loads the stages, the knowledge base and the embedding model once), and hands the processed documents back
in input order. The driver then writes them to the database (SQLite or PostgreSQL) exactly as a local run does, or
Ray writes them to Parquet files that ``wirescope load-parquet`` loads later.

URLs and stdin are read on the driver (they are not files a worker can open).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from wirescope.ingest import IngestItem, IngestOptions, read_inputs
from wirescope.ingest.base import iter_directory
from wirescope.pipeline import Pipeline
from wirescope.scale.codec import decode, encode
from wirescope.scale.threads import one_thread_per_worker

#: documents per batch sent to a worker: small, so that batches spread evenly over the workers
BATCH_SIZE = 4
#: CPUs reserved per file-reading task (and left free by each pipeline actor)
READ_CPUS = 0.1


@dataclass(frozen=True)
class RayOptions:
    address: str | None = None  # None: a local Ray instance; "auto" or ray://host:10001 for a cluster
    workers: int = 2  # pipeline worker actors (one CPU each)
    num_cpus: int | None = None  # CPUs of the local instance (ignored with an address)


def split_inputs(inputs: list[str]) -> tuple[list[str], list[str]]:
    """Files the workers read (directories expanded, in the local engine's order) and specs the driver reads."""
    files: list[str] = []
    on_driver: list[str] = []
    for spec in inputs:
        path = Path(spec)
        if spec == "-" or spec.lower().startswith(("http://", "https://")) or not path.exists():
            on_driver.append(spec)
        elif path.is_dir():
            found = [str(p) for p in iter_directory(path)]
            files.extend(found)
            if not found:
                on_driver.append(spec)  # read_inputs reports the empty directory
        else:
            files.append(spec)
    return files, on_driver


def _row(seq: int, record: int, item: IngestItem) -> dict[str, Any]:
    return {
        "seq": seq,
        "record": record,
        "origin": item.origin,
        "payload": encode(item.document) if item.document is not None and item.error is None else None,
        "error": item.error if item.error is not None or item.document is None else None,
    }


def read_file_rows(row: dict[str, Any], options: IngestOptions) -> list[dict[str, Any]]:
    """Ray task: the documents (or failures) of one input file, as rows."""
    return [_row(int(row["seq"]), i, item) for i, item in enumerate(read_inputs([str(row["path"])], options))]


class PipelineWorker:
    """A Ray actor running the pipeline; built once per worker, so models load once per worker."""

    def __init__(self, stages: list[str]) -> None:
        one_thread_per_worker()  # one actor per CPU: the embedding engine must not start a thread per core
        self.pipeline = Pipeline(stages)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        payloads: list[str | None] = []
        errors: list[str | None] = []
        for payload, error in zip(batch["payload"], batch["error"], strict=True):
            # an all-null column arrives as NaN floats, hence the str checks
            if isinstance(error, str) or not isinstance(payload, str):
                payloads.append(None)
                errors.append(error if isinstance(error, str) else "no document")
                continue
            try:
                payloads.append(encode(self.pipeline(decode(payload))))
                errors.append(None)
            except Exception as exc:  # a stage failure fails this document only, as in a local run
                payloads.append(None)
                errors.append(f"{type(exc).__name__}: {exc}")
        return {
            "seq": list(batch["seq"]),
            "record": list(batch["record"]),
            "origin": list(batch["origin"]),
            "payload": payloads,
            "error": errors,
        }


def _init_ray(options: RayOptions) -> None:
    import ray

    if ray.is_initialized():
        return
    if options.address:
        ray.init(address=options.address, log_to_driver=False)
    else:
        ray.init(num_cpus=options.num_cpus or options.workers, include_dashboard=False, log_to_driver=False)


def processed_dataset(files: list[str], stages: list[str], ingest: IngestOptions, options: RayOptions) -> Any:
    """The Ray dataset of processed documents (columns seq, record, origin, payload, error), in input order."""
    import ray.data

    _init_ray(options)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    items = [{"seq": i, "path": p} for i, p in enumerate(files)]
    files_dataset = ray.data.from_items(items, override_num_blocks=max(1, min(len(items), 4 * options.workers)))
    # reading is light and must not wait for CPUs the pipeline actors hold: a tenth of a CPU per read task
    documents = files_dataset.flat_map(partial(read_file_rows, options=ingest), num_cpus=READ_CPUS)
    return documents.map_batches(
        PipelineWorker,
        fn_constructor_kwargs={"stages": stages},
        batch_size=BATCH_SIZE,
        concurrency=options.workers,
        num_cpus=1 - READ_CPUS,
        batch_format="default",
    )


def driver_items(specs: list[str], pipeline: Pipeline, ingest: IngestOptions) -> Iterator[IngestItem]:
    """Inputs only the driver can read (URLs, stdin), processed on the driver."""
    for item in read_inputs(specs, ingest):
        if item.document is None or item.error is not None:
            yield item
            continue
        try:
            yield IngestItem(item.origin, document=pipeline(item.document))
        except Exception as exc:
            yield IngestItem(item.origin, error=f"{type(exc).__name__}: {exc}")


def processed_items(
    inputs: list[str], stages: list[str], ingest: IngestOptions, options: RayOptions
) -> Iterator[IngestItem]:
    """Every input as a processed item: files through Ray, the rest on the driver."""
    files, on_driver = split_inputs(inputs)
    if files:
        for row in processed_dataset(files, stages, ingest, options).iter_rows():
            yield row_item(row)
    if on_driver:
        yield from driver_items(on_driver, Pipeline(stages), ingest)


def row_item(row: dict[str, Any]) -> IngestItem:
    """A dataset (or Parquet) row back as an ingest item carrying the processed document."""
    error, payload = row.get("error"), row.get("payload")
    if isinstance(error, str) or not isinstance(payload, str):
        return IngestItem(str(row["origin"]), error=error if isinstance(error, str) else "no document")
    return IngestItem(str(row["origin"]), document=decode(payload))
