"""Throughput, per-stage CPU time, peak memory, 1 -> 2 worker scaling and the embedding floor of the full pipeline.

    .venv/bin/python benchmarks/pipeline.py                 # 200 InsightCrime articles + the multilingual corpus
    .venv/bin/python benchmarks/pipeline.py -n 50 --corpus multilingual

Corpora: ``insightcrime`` (../shared/data/bench/insightcrime.tsv, first column the text, a seeded sample of N
articles) and ``multilingual`` (the bundled demo corpus plus the articles under evaluation/data/ that the ingest
readers accept). Figures are printed as JSON; nothing here is asserted (see benchmarks/README.md).

Every figure is given in wall-clock time and in CPU time (``time.process_time``, all threads of the process): on a
shared machine the wall clock measures the other jobs too, the CPU time does not. ``cpu_docs_per_s`` is what one
core sustains; with one compute thread per worker, N idle cores sustain about N times that.

Every process runs one compute thread (``wirescope.scale.threads``; the embedding engine would otherwise use every
core, which makes the CPU figures include its threads' spinning and two workers slower than one): the main run is
one core's throughput, the scaling runs start 1 and then 2 worker processes, each warmed up on ``--warm-up``
documents before its share is timed.
"""

from __future__ import annotations

import argparse
import copy
import csv
import json
import multiprocessing
import os
import random
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from wirescope.ingest import read_inputs
from wirescope.model import Document
from wirescope.nlp import embed
from wirescope.pipeline import Pipeline
from wirescope.scale.threads import one_thread_per_worker

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIRESCOPE_SHARED", ROOT.parent / "shared"))


def insightcrime(n: int, seed: int = 0) -> list[Document]:
    csv.field_size_limit(sys.maxsize)
    with (SHARED / "data" / "bench" / "insightcrime.tsv").open(encoding="utf-8", newline="") as handle:
        texts = [row[0] for row in csv.reader(handle, delimiter="\t") if row and len(row[0]) > 200]
    sample = random.Random(seed).sample(texts, min(n, len(texts)))
    return [Document(text=text, source="insightcrime") for text in sample]


def multilingual() -> list[Document]:
    folders = [ROOT / "src" / "wirescope" / "demo" / "corpus", ROOT / "evaluation" / "data"]
    specs = [str(f) for f in folders if f.is_dir()]
    return [item.document for item in read_inputs(specs) if item.document is not None and item.error is None]


def peak_rss_mib() -> float:
    """This process's peak resident memory: ``VmHWM``, since ``ru_maxrss`` of a spawned worker starts at its
    parent's (Linux keeps it across fork and exec); ``ru_maxrss`` elsewhere."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


@dataclass
class Timing:
    """Wall and CPU seconds of a pipeline run, per stage, and what the embedding model took of them."""

    wall: float = 0.0
    cpu: float = 0.0
    stage_cpu: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    embed_cpu: float = 0.0
    embedded: int = 0


class _CountingEmbedder:
    """Wraps ``embed.embed_passages`` to count the sentences the pipeline embeds and the CPU time it takes."""

    def __init__(self, timing: Timing) -> None:
        self.timing = timing
        self.inner = embed.embed_passages

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        start = time.process_time()
        try:
            return self.inner(texts)
        finally:
            self.timing.embed_cpu += time.process_time() - start
            self.timing.embedded += len(texts)


def run_timed(pipeline: Pipeline, docs: list[Document]) -> tuple[Timing, list[Document]]:
    """Run every stage on (copies of) ``docs``, timing each stage in CPU seconds."""
    timing = Timing()
    embedder = _CountingEmbedder(timing)
    embed.embed_passages = embedder
    out: list[Document] = []
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        for doc in docs:
            doc = copy.deepcopy(doc)
            for stage in pipeline.stages:
                t0 = time.process_time()
                doc = stage.run(doc)
                timing.stage_cpu[stage.name] += time.process_time() - t0
            out.append(doc)
        timing.wall, timing.cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        embed.embed_passages = embedder.inner
    return timing, out


def warm_up(pipeline: Pipeline, docs: list[Document]) -> tuple[float, float]:
    """Wall and CPU seconds of the first documents, which load the knowledge base, lexicons and models."""
    wall, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        pipeline(copy.deepcopy(doc))
    return time.perf_counter() - wall, time.process_time() - cpu


def embedding_floor(docs: list[Document]) -> tuple[float, float]:
    """Wall and CPU seconds the embedding model alone takes on every sentence of the processed documents."""
    sentences = [d.sentence_text(s.index) for d in docs for s in d.sentences]
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(sentences), 64):
        embed.embed_passages(sentences[i : i + 64])
    return time.perf_counter() - wall, time.process_time() - cpu


def _worker(args: tuple[list[Document], list[Document]]) -> dict[str, float]:
    """A worker process: warm up, then process its share; its wall and CPU seconds and peak memory."""
    warm, share = args
    pipeline = Pipeline()
    warm_up(pipeline, warm)
    timing, _ = run_timed(pipeline, share)
    return {"wall": timing.wall, "cpu": timing.cpu, "docs": len(share), "peak_rss_mib": peak_rss_mib()}


def scaling(docs: list[Document], warm: list[Document]) -> dict[str, Any]:
    """Documents/s with 1 and with 2 worker processes (one compute thread each) on the same documents."""
    ctx = multiprocessing.get_context("spawn")
    result: dict[str, Any] = {"load_average_before": [round(x, 1) for x in os.getloadavg()]}
    for workers in (1, 2):
        shards = [docs[i::workers] for i in range(workers)]
        with ctx.Pool(workers, initializer=one_thread_per_worker) as pool:
            runs = pool.map(_worker, [(warm, shard) for shard in shards])
        result[f"{workers}_workers"] = {
            "docs_per_s": round(len(docs) / max(r["wall"] for r in runs), 2),
            "cpu_docs_per_s_per_worker": round(len(docs) / sum(r["cpu"] for r in runs), 2),
            "peak_rss_mib_per_worker": max(r["peak_rss_mib"] for r in runs),
        }
    one, two = result["1_workers"]["docs_per_s"], result["2_workers"]["docs_per_s"]
    result["speedup"] = round(two / one, 2) if one else None
    result["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
    return result


def bench(name: str, docs: list[Document], workers: bool, warm_docs: int) -> dict[str, Any]:
    warm = docs[:warm_docs]
    pipeline = Pipeline()
    load_wall, load_cpu = warm_up(pipeline, warm)
    timing, processed = run_timed(pipeline, docs)
    sentences = sum(len(d.sentences) for d in processed)
    floor_wall, floor_cpu = embedding_floor(processed)
    report: dict[str, Any] = {
        "corpus": name,
        "documents": len(docs),
        "sentences": sentences,
        "warm_up": {"documents": len(warm), "wall_s": round(load_wall, 2), "cpu_s": round(load_cpu, 2)},
        "pipeline_wall_s": round(timing.wall, 2),
        "pipeline_cpu_s": round(timing.cpu, 2),
        "docs_per_s": round(len(docs) / timing.wall, 2),
        "sentences_per_s": round(sentences / timing.wall, 1),
        "cpu_docs_per_s": round(len(docs) / timing.cpu, 2),
        "cpu_sentences_per_s": round(sentences / timing.cpu, 1),
        "stage_cpu_s": {k: round(v, 2) for k, v in timing.stage_cpu.items()},
        "stage_cpu_share": {k: round(v / timing.cpu, 3) for k, v in timing.stage_cpu.items()},
        "embedded_sentences": timing.embedded,
        "embedding_cpu_s": round(timing.embed_cpu, 2),
        "embedding_floor_wall_s": round(floor_wall, 2),
        "embedding_floor_cpu_s": round(floor_cpu, 2),
        "pipeline_over_floor_cpu": round(timing.cpu / floor_cpu, 2) if floor_cpu else None,
        "peak_rss_mib": peak_rss_mib(),
    }
    if workers:
        report["scaling"] = scaling(docs, warm)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=200, help="InsightCrime articles to sample (default 200)")
    parser.add_argument("--corpus", choices=["insightcrime", "multilingual", "both"], default="both")
    parser.add_argument("--no-scaling", action="store_true", help="skip the 1 vs 2 worker processes measurement")
    parser.add_argument("--warm-up", type=int, default=3, help="documents run before timing (default 3)")
    args = parser.parse_args()
    one_thread_per_worker()
    corpora = {"insightcrime": lambda: insightcrime(args.n), "multilingual": multilingual}
    for name, load in corpora.items():
        if args.corpus in (name, "both"):
            print(json.dumps(bench(name, load(), not args.no_scaling, args.warm_up), indent=2), flush=True)


if __name__ == "__main__":
    main()
