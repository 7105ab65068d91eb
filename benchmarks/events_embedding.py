"""What the events stage costs on InsightCrime articles: sentences embedded for the event classifier and CPU time.

    .venv/bin/python benchmarks/events_embedding.py [-n 40]

The articles (``benchmarks.pipeline.insightcrime``, the same seeded sample) first go through the stages before
events; then the events stage runs alone, one compute thread, with a counting wrapper around
``wirescope.nlp.embed.embed_passages``. Prints JSON: embedded sentences per article, events per article and the
stage's CPU seconds per article (``time.process_time``, so other jobs on the machine do not count). Nothing is
asserted (see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.pipeline import insightcrime  # noqa: E402

from wirescope.nlp import embed, event_classifier, events  # noqa: E402
from wirescope.pipeline import Pipeline  # noqa: E402
from wirescope.scale.threads import one_thread_per_worker  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=40, help="number of InsightCrime articles")
    args = parser.parse_args()
    one_thread_per_worker()
    docs = [Pipeline(["language", "segment", "entities", "times"])(d) for d in insightcrime(args.n)]
    real = embed.embed_passages
    embedded: list[int] = []

    def counting(texts: Sequence[str]) -> NDArray[np.float32]:
        embedded.append(len(texts))
        return real(texts)

    real(["warm-up"])  # model load is not the stage's cost
    event_classifier.load()
    embed.embed_passages = counting
    try:
        started = time.process_time()
        n_events = sum(len(events.extract_events(d)) for d in docs)
        cpu = time.process_time() - started
    finally:
        embed.embed_passages = real
    print(json.dumps({
        "articles": len(docs),
        "embedded_sentences_per_article": round(sum(embedded) / len(docs), 2),
        "events_per_article": round(n_events / len(docs), 2),
        "events_stage_cpu_s_per_article": round(cpu / len(docs), 3),
    }))


if __name__ == "__main__":
    main()
