"""Throughput, per-stage time, peak memory, 1 -> 2 worker scaling and the embedding floor of the full pipeline.

    .venv/bin/python benchmarks/pipeline.py                 # 200 InsightCrime articles + the multilingual corpus
    .venv/bin/python benchmarks/pipeline.py -n 50 --corpus multilingual

Corpora: ``insightcrime`` (../shared/data/bench/insightcrime.tsv, first column the text, a seeded sample of N
articles) and ``multilingual`` (the bundled demo corpus plus the articles under evaluation/data/ that the ingest
readers accept). Figures are printed as JSON; nothing here is asserted (see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import random
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from wirescope.ingest import read_inputs
from wirescope.model import Document
from wirescope.pipeline import Pipeline

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


def run_timed(pipeline: Pipeline, docs: list[Document]) -> tuple[float, dict[str, float]]:
    """Wall time of the whole pipeline over ``docs`` and the seconds spent in each stage."""
    per_stage: dict[str, float] = defaultdict(float)
    start = time.perf_counter()
    for doc in docs:
        for stage in pipeline.stages:
            t0 = time.perf_counter()
            doc = stage.run(doc)
            per_stage[stage.name] += time.perf_counter() - t0
    return time.perf_counter() - start, dict(per_stage)


def embedding_floor(docs: list[Document]) -> float:
    """Seconds the embedding model alone takes on every sentence of the processed documents."""
    from wirescope.nlp.embed import embed_passages

    sentences = [d.sentence_text(s.index) for d in docs for s in d.sentences]
    start = time.perf_counter()
    for i in range(0, len(sentences), 64):
        embed_passages(sentences[i : i + 64])
    return time.perf_counter() - start


def _worker(texts: list[str]) -> float:
    pipeline = Pipeline()
    pipeline(Document(text=texts[0]))  # warm-up: models and lexicons load outside the timed part
    start = time.perf_counter()
    for text in texts:
        pipeline(Document(text=text))
    return time.perf_counter() - start


def scaling(docs: list[Document]) -> dict[str, float]:
    """Documents/s with 1 and with 2 worker processes (each warmed up first) on the same documents."""
    texts = [d.text for d in docs]
    ctx = multiprocessing.get_context("spawn")
    result: dict[str, float] = {}
    for workers in (1, 2):
        shards = [texts[i::workers] for i in range(workers)]
        with ctx.Pool(workers) as pool:
            seconds = max(pool.map(_worker, shards))
        result[f"docs_per_s_{workers}_workers"] = round(len(texts) / seconds, 2)
    result["speedup"] = round(result["docs_per_s_2_workers"] / result["docs_per_s_1_workers"], 2)
    return result


def bench(name: str, docs: list[Document], workers: bool) -> dict[str, Any]:
    pipeline = Pipeline()
    warm = time.perf_counter()
    pipeline(Document(text=docs[0].text))  # loads the knowledge base, lexicons and the embedding model
    load_seconds = time.perf_counter() - warm
    seconds, per_stage = run_timed(pipeline, docs)
    sentences = sum(len(d.sentences) for d in docs)
    floor = embedding_floor(docs)
    report: dict[str, Any] = {
        "corpus": name,
        "documents": len(docs),
        "sentences": sentences,
        "model_load_s": round(load_seconds, 2),
        "pipeline_s": round(seconds, 2),
        "docs_per_s": round(len(docs) / seconds, 2),
        "sentences_per_s": round(sentences / seconds, 1),
        "stage_s": {k: round(v, 2) for k, v in per_stage.items()},
        "stage_share": {k: round(v / seconds, 3) for k, v in per_stage.items()},
        "embedding_floor_s": round(floor, 2),
        "pipeline_over_floor": round(seconds / floor, 2) if floor else None,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if workers:
        report["scaling"] = scaling(docs)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=200, help="InsightCrime articles to sample (default 200)")
    parser.add_argument("--corpus", choices=["insightcrime", "multilingual", "both"], default="both")
    parser.add_argument("--no-scaling", action="store_true", help="skip the 1 vs 2 worker processes measurement")
    args = parser.parse_args()
    if args.corpus in ("insightcrime", "both"):
        print(json.dumps(bench("insightcrime", insightcrime(args.n), not args.no_scaling), indent=2), flush=True)
    if args.corpus in ("multilingual", "both"):
        print(json.dumps(bench("multilingual", multilingual(), False), indent=2), flush=True)


if __name__ == "__main__":
    main()
