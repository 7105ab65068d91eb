"""Translation and reprint detection by sentence alignment on cross-lingual embeddings.

Two documents are copies (a translation when the languages differ, a reprint when they are the same) when most of
their sentences have a mutual best match above a cosine threshold and their sentence counts are similar. Independent
reports of the same event share topic and a few facts, but rarely sentence after sentence.
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


def is_copy(alignment: Alignment, min_share: float, min_count_ratio: float) -> bool:
    return alignment.share >= min_share and alignment.count_ratio >= min_count_ratio
