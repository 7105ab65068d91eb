"""Local worker processes give the same results as a run in this process, in input order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wirescope.ingest import IngestItem, read_inputs
from wirescope.model import Document
from wirescope.pipeline import Pipeline
from wirescope.scale.processes import processed_items

CORPUS = Path(__file__).resolve().parents[2] / "src" / "wirescope" / "demo" / "corpus"
FILES = ["en-finland-nato.md", "de-putin-kim-vostochny.md", "sv-finland-nato.md"]


def comparable(doc: Document) -> dict[str, Any]:
    data = doc.to_dict()
    data["document"].pop("fetched_at")
    data["entity_aliases"] = {e.id: sorted(e.aliases) for e in doc.entities}
    return data


def test_two_worker_processes_match_a_local_run_and_keep_the_input_order_and_failures() -> None:
    specs = [str(CORPUS / name) for name in FILES]
    failed = IngestItem("missing.txt", error="unreadable")
    pipeline = Pipeline()
    local = [pipeline(item.document) for item in read_inputs(specs) if item.document is not None]
    items = list(read_inputs(specs))  # the stages fill the documents in place: fresh ones for the workers
    stages = [s.name for s in pipeline.stages]

    out = list(processed_items([items[0], failed, *items[1:]], stages, workers=2))

    assert [item.origin for item in out] == [items[0].origin, "missing.txt", *(i.origin for i in items[1:])]
    assert out[1].error == "unreadable" and out[1].document is None
    docs = [item.document for item in out if item.document is not None]
    assert [comparable(d) for d in docs] == [comparable(d) for d in local]
    assert all(d.provenance == ref.provenance for d, ref in zip(docs, local, strict=True))
