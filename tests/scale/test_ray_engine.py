"""The Ray engine gives the same results as a local run; the Parquet round trip loses nothing the store keeps."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wirescope.ingest import IngestItem, IngestOptions, read_inputs
from wirescope.model import Document
from wirescope.pipeline import Pipeline
from wirescope.scale.codec import decode, encode
from wirescope.scale.parquet import read_parquet, write_parquet

CORPUS = Path(__file__).resolve().parents[2] / "src" / "wirescope" / "demo" / "corpus"
FILES = ["en-finland-nato.md", "de-putin-kim-vostochny.md", "sv-finland-nato.md"]


def comparable(doc: Document) -> dict[str, Any]:
    """Everything a run produces except the moment the input was read."""
    data = doc.to_dict()
    data["document"].pop("fetched_at")
    data["entity_aliases"] = {e.id: sorted(e.aliases) for e in doc.entities}
    return data


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name in FILES:
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    return folder


@pytest.fixture(scope="module")
def local_docs(inputs: Path) -> list[Document]:
    pipeline = Pipeline()
    return [pipeline(item.document) for item in read_inputs([str(inputs)]) if item.document is not None]


@pytest.fixture(scope="module")
def ray_session() -> Iterator[None]:
    """A local Ray instance on 2 CPUs; Ray is installed by ``make test`` (a missing Ray fails under CI=true)."""
    ray = importlib.import_module("ray") if os.environ.get("CI", "").lower() == "true" else pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_codec_round_trip_is_lossless(local_docs: list[Document]) -> None:
    for doc in local_docs:
        again = decode(encode(doc))
        assert comparable(again) == comparable(doc)
        assert again.fetched_at == doc.fetched_at and again.provenance == doc.provenance


def test_parquet_round_trip_keeps_order_and_documents(local_docs: list[Document], tmp_path: Path) -> None:
    items = [IngestItem(f"doc-{i}", document=d) for i, d in enumerate(local_docs)] + [IngestItem("bad", error="x")]
    assert write_parquet(items, tmp_path, "segment@1") == (len(local_docs), 1)
    loaded = list(read_parquet(tmp_path))
    assert [i.origin for i in loaded] == [i.origin for i in items]
    assert loaded[-1].error == "x" and loaded[-1].document is None
    assert [comparable(i.document) for i in loaded[:-1] if i.document] == [comparable(d) for d in local_docs]


def test_ray_engine_matches_local_run(ray_session: None, inputs: Path, local_docs: list[Document]) -> None:
    from wirescope.scale.ray_engine import RayOptions, processed_items

    stages = [s.name for s in Pipeline().stages]
    items = list(processed_items([str(inputs)], stages, IngestOptions(), RayOptions(workers=2)))
    assert all(i.error is None for i in items)
    ray_docs = [i.document for i in items if i.document is not None]
    assert [d.id for d in ray_docs] == [d.id for d in local_docs]
    assert [comparable(d) for d in ray_docs] == [comparable(d) for d in local_docs]
    assert sum(len(d.events) + len(d.entities) + len(d.times) for d in ray_docs) > 0
