"""Translation and reprint detection by sentence alignment on cross-lingual embeddings.

Two documents are copies (a translation when the languages differ, a reprint when they are the same) when most of
their sentences have a mutual best match above a cosine threshold and their sentence counts are similar. Independent
reports of the same event share topic and a few facts, but rarely sentence after sentence.

A document from an earlier run of the clusterer may hold the vectors of a few of its sentences only (its lead and
the sentences other stages embedded): :func:`align_partial` then asks each of those few for a mutual best match among
all the other document's sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Alignment:
    share: float  # mutual best matches above the threshold / max(sentence counts)
    count_ratio: float  # min / max sentence count
    matched: int


def _mutual(a: NDArray[np.floating], b: NDArray[np.floating], threshold: float) -> int:
    """How many rows of ``a`` and of ``b`` are each other's best match with a cosine of at least ``threshold``."""
    sims = a.astype(np.float32) @ b.astype(np.float32).T
    best_b = sims.argmax(axis=1)
    best_a = sims.argmax(axis=0)
    rows = np.arange(len(a))
    return int(((best_a[best_b] == rows) & (sims[rows, best_b] >= threshold)).sum())


def align(a: NDArray[np.floating], b: NDArray[np.floating], threshold: float) -> Alignment:
    """Mutual best matches between two documents' sentence vectors (rows L2-normalised)."""
    if len(a) == 0 or len(b) == 0:
        return Alignment(0.0, 0.0, 0)
    matched = _mutual(a, b, threshold)
    longest = max(len(a), len(b))
    return Alignment(matched / longest, min(len(a), len(b)) / longest, matched)


def align_partial(
    some: NDArray[np.floating], every: NDArray[np.floating], threshold: float, counts: tuple[int, int]
) -> Alignment:
    """Mutual best matches between some sentences of one document and every sentence of the other; the share is
    over the few, the count ratio over the two documents' sentence counts."""
    if len(some) == 0 or len(every) == 0:
        return Alignment(0.0, 0.0, 0)
    matched = _mutual(some, every, threshold)
    return Alignment(matched / len(some), min(counts) / max(counts), matched)


def is_copy(alignment: Alignment, min_share: float, min_count_ratio: float) -> bool:
    return alignment.share >= min_share and alignment.count_ratio >= min_count_ratio
