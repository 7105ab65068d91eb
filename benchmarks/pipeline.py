"""Throughput, per-stage CPU time, peak memory, 1 -> 2 worker scaling and the embedding floor of what ingest does:
the NLP pipeline, then story assignment (``StoryIndex.assign``: story features, clustering, copy detection).

    .venv/bin/python benchmarks/pipeline.py                 # 200 InsightCrime articles + the multilingual corpus
    .venv/bin/python benchmarks/pipeline.py -n 50 --corpus multilingual
    .venv/bin/python benchmarks/pipeline.py -n 50 --corpus insightcrime --no-scaling --no-stories   # NLP alone

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

Story assignment is timed as the stage ``stories`` (one index per run, documents in input order, as ``wirescope
ingest`` clusters them; the store's writes are measured by ``benchmarks/store.py``). The scaling runs do what the
two engines do: ``1_workers`` is ``--engine local`` (one process runs the pipeline and assigns stories), ``2_workers``
is ``--engine processes --workers 2`` (two worker processes run the pipeline, the driver assigns stories in input
order as the documents come back, with the sentence vectors they computed).
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
from wirescope.stories import StoryIndex
from wirescope.stories.features import embed_ahead

STORIES = "stories"

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
    """Wall and CPU seconds of a run, per stage, and what the embedding model took of them (texts embedded and CPU
    seconds, per stage: ``current`` is the stage running)."""

    wall: float = 0.0
    cpu: float = 0.0
    stage_cpu: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    stage_embedded: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    stage_embed_cpu: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    current: str = ""

    @property
    def embedded(self) -> int:
        return sum(self.stage_embedded.values())

    @property
    def embed_cpu(self) -> float:
        return sum(self.stage_embed_cpu.values())


class _CountingEmbedder:
    """Wraps ``embed.embed_passages`` to count the texts each stage embeds and the CPU time it takes."""

    def __init__(self, timing: Timing) -> None:
        self.timing = timing
        self.inner = embed.embed_passages

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        start = time.process_time()
        try:
            return self.inner(texts)
        finally:
            self.timing.stage_embed_cpu[self.timing.current] += time.process_time() - start
            self.timing.stage_embedded[self.timing.current] += len(texts)


def run_timed(pipeline: Pipeline, docs: list[Document], index: StoryIndex | None) -> tuple[Timing, list[Document]]:
    """Run every stage on (copies of) ``docs``, then assign each to a story in ``index`` (unless None), timing each
    stage in CPU seconds."""
    timing = Timing()
    embedder = _CountingEmbedder(timing)
    embed.embed_passages = embedder
    out: list[Document] = []
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        for doc in docs:
            doc = copy.deepcopy(doc)
            for stage in pipeline.stages:
                timing.current = stage.name
                t0 = time.process_time()
                doc = stage.run(doc)
                timing.stage_cpu[stage.name] += time.process_time() - t0
            if index is not None:
                _assign_timed(index, doc, timing)
            out.append(doc)
        timing.wall, timing.cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        embed.embed_passages = embedder.inner
    return timing, out


def _assign_timed(index: StoryIndex, doc: Document, timing: Timing) -> None:
    timing.current = STORIES
    t0 = time.process_time()
    index.assign(doc)
    timing.stage_cpu[STORIES] += time.process_time() - t0


def warm_up(pipeline: Pipeline, docs: list[Document], stories: bool = True) -> tuple[float, float]:
    """Wall and CPU seconds of the first documents, which load the knowledge base, lexicons and models (story
    assignment warmed on an index of their own)."""
    wall, cpu = time.perf_counter(), time.process_time()
    index = StoryIndex()
    for doc in docs:
        processed = pipeline(copy.deepcopy(doc))
        if stories:
            index.assign(processed)
    return time.perf_counter() - wall, time.process_time() - cpu


def embedding_floor(docs: list[Document]) -> tuple[float, float]:
    """Wall and CPU seconds the embedding model alone takes on every sentence of the processed documents."""
    sentences = [d.sentence_text(s.index) for d in docs for s in d.sentences]
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(sentences), 64):
        embed.embed_passages(sentences[i : i + 64])
    return time.perf_counter() - wall, time.process_time() - cpu


def _local(args: tuple[list[Document], list[Document], bool]) -> dict[str, float]:
    """``--engine local`` in a fresh process: warm up, then run the pipeline and assign stories in one process."""
    warm, docs, stories = args
    pipeline = Pipeline()
    warm_up(pipeline, warm, stories)
    timing, _ = run_timed(pipeline, docs, StoryIndex() if stories else None)
    return {"wall": timing.wall, "cpu": timing.cpu, "peak_rss_mib": peak_rss_mib()}


_pipeline: Pipeline | None = None
_embed_ahead = False


def _start_worker(warm: list[Document], ready: Any, stories: bool) -> None:
    """A pipeline worker of ``--engine processes``: one compute thread, warmed up; waits until all are ready."""
    global _pipeline, _embed_ahead
    one_thread_per_worker()
    _pipeline, _embed_ahead = Pipeline(), stories
    warm_up(_pipeline, warm, stories=False)
    ready.wait()


def _process(doc: Document) -> tuple[Document, float, float]:
    """One document through the worker's pipeline; with the worker's CPU seconds for it and its peak memory."""
    assert _pipeline is not None
    start = time.process_time()
    out = _pipeline(doc)
    if _embed_ahead:
        embed_ahead(out)  # as the workers of --engine processes do (wirescope.scale.processes)
    return out, time.process_time() - start, peak_rss_mib()


def _processes(docs: list[Document], warm: list[Document], workers: int, stories: bool) -> dict[str, Any]:
    """``--engine processes``: ``workers`` pipeline processes, stories assigned by this process (the driver) in
    input order as documents come back."""
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Barrier(workers)
    index, timing = StoryIndex(), Timing()
    worker_cpu, worker_rss = 0.0, 0.0
    with ctx.Pool(workers, initializer=_start_worker, initargs=(warm, ready, stories)) as pool:
        warmed = [d for d, _, _ in pool.map(_process, warm, chunksize=1)]
        if stories:
            warm_index = StoryIndex()
            for doc in warmed:
                warm_index.assign(doc)
        wall = time.perf_counter()
        embedder = _CountingEmbedder(timing)
        embed.embed_passages = embedder
        try:
            for doc, cpu, rss in pool.imap(_process, docs, chunksize=1):
                worker_cpu, worker_rss = worker_cpu + cpu, max(worker_rss, rss)
                if stories:
                    _assign_timed(index, doc, timing)
        finally:
            embed.embed_passages = embedder.inner
        wall = time.perf_counter() - wall
    return {
        "docs_per_s": round(len(docs) / wall, 2),
        "cpu_docs_per_s_per_worker": round(len(docs) / worker_cpu, 2),
        "driver_story_cpu_s": round(timing.stage_cpu[STORIES], 2),
        "driver_embedded": timing.embedded,
        "peak_rss_mib_per_worker": worker_rss,
        "peak_rss_mib_driver": peak_rss_mib(),
    }


def scaling(docs: list[Document], warm: list[Document], stories: bool) -> dict[str, Any]:
    """Documents/s of ``--engine local`` (one process) and of ``--engine processes --workers 2`` on the same
    documents, each in fresh processes with one compute thread each."""
    ctx = multiprocessing.get_context("spawn")
    result: dict[str, Any] = {"load_average_before": [round(x, 1) for x in os.getloadavg()]}
    with ctx.Pool(1, initializer=one_thread_per_worker) as pool:
        local = pool.apply(_local, ((warm, docs, stories),))
    result["1_workers"] = {
        "engine": "local",
        "docs_per_s": round(len(docs) / local["wall"], 2),
        "cpu_docs_per_s": round(len(docs) / local["cpu"], 2),
        "peak_rss_mib": local["peak_rss_mib"],
    }
    result["2_workers"] = {"engine": "processes"} | _processes(docs, warm, 2, stories)
    one, two = result["1_workers"]["docs_per_s"], result["2_workers"]["docs_per_s"]
    result["speedup"] = round(two / one, 2) if one else None
    result["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
    return result


def _per_doc(values: dict[str, float] | dict[str, int], n: int, digits: int) -> dict[str, float]:
    return {k: round(v / n, digits) for k, v in values.items()}


def bench(name: str, docs: list[Document], workers: bool, warm_docs: int, stories: bool) -> dict[str, Any]:
    warm = docs[:warm_docs]
    pipeline = Pipeline()
    load_wall, load_cpu = warm_up(pipeline, warm, stories)
    timing, processed = run_timed(pipeline, docs, StoryIndex() if stories else None)
    sentences = sum(len(d.sentences) for d in processed)
    floor_wall, floor_cpu = embedding_floor(processed)
    n = len(docs)
    report: dict[str, Any] = {
        "corpus": name,
        "documents": n,
        "sentences": sentences,
        "stages": [s.name for s in pipeline.stages] + ([STORIES] if stories else []),
        "warm_up": {"documents": len(warm), "wall_s": round(load_wall, 2), "cpu_s": round(load_cpu, 2)},
        "wall_s": round(timing.wall, 2),
        "cpu_s": round(timing.cpu, 2),
        "docs_per_s": round(n / timing.wall, 2),
        "sentences_per_s": round(sentences / timing.wall, 1),
        "cpu_docs_per_s": round(n / timing.cpu, 2),
        "cpu_sentences_per_s": round(sentences / timing.cpu, 1),
        "cpu_s_per_doc": round(timing.cpu / n, 3),
        "stage_cpu_s": {k: round(v, 2) for k, v in timing.stage_cpu.items()},
        "stage_cpu_s_per_doc": _per_doc(timing.stage_cpu, n, 3),
        "stage_cpu_share": {k: round(v / timing.cpu, 3) for k, v in timing.stage_cpu.items()},
        "embedded_sentences": timing.embedded,
        "stage_embedded": dict(timing.stage_embedded),
        "stage_embedded_per_doc": _per_doc(timing.stage_embedded, n, 2),
        "embedding_cpu_s": round(timing.embed_cpu, 2),
        "stage_embedding_cpu_s": {k: round(v, 2) for k, v in timing.stage_embed_cpu.items()},
        "embedding_floor_wall_s": round(floor_wall, 2),
        "embedding_floor_cpu_s": round(floor_cpu, 2),
        "pipeline_over_floor_cpu": round(timing.cpu / floor_cpu, 2) if floor_cpu else None,
        "peak_rss_mib": peak_rss_mib(),
    }
    if workers:
        report["scaling"] = scaling(docs, warm, stories)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=200, help="InsightCrime articles to sample (default 200)")
    parser.add_argument("--corpus", choices=["insightcrime", "multilingual", "both"], default="both")
    parser.add_argument("--no-scaling", action="store_true", help="skip the 1 vs 2 worker processes measurement")
    parser.add_argument("--no-stories", action="store_true", help="the NLP pipeline alone, no story assignment")
    parser.add_argument("--warm-up", type=int, default=3, help="documents run before timing (default 3)")
    args = parser.parse_args()
    one_thread_per_worker()
    corpora = {"insightcrime": lambda: insightcrime(args.n), "multilingual": multilingual}
    for name, load in corpora.items():
        if args.corpus in (name, "both"):
            report = bench(name, load(), not args.no_scaling, args.warm_up, not args.no_stories)
            print(json.dumps(report, indent=2), flush=True)


if __name__ == "__main__":
    main()
