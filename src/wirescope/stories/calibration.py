"""Calibration of embedding cosines per language pair, and the weights that combine the clustering signals.

multilingual-e5 cosines are compressed (unrelated texts often score 0.75-0.8) and shifted by language pair (two
unrelated Swedish texts score higher than an unrelated Swedish-Korean pair). A raw threshold therefore fails; we
standardise each cosine against a background distribution of that language pair, estimated online from comparisons
of each new document with a few earlier ones (a deterministic sample) that are in other stories, shrunk towards a
prior while data is scarce. Cosines far above the current mean are clipped before they enter the estimate, so that
a few pairs of related stories (the same actors a year apart) do not widen the background.
"""

from __future__ import annotations

import math
import zlib
from collections import deque
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

#: prior mean and standard deviation of the cosine of two unrelated title+lead vectors (same / other language),
#: measured on the evaluation corpus' training stories; PRIOR_WEIGHT pseudo-observations back them.
PRIOR_SAME = (0.80, 0.035)
PRIOR_CROSS = (0.775, 0.035)
PRIOR_WEIGHT = 30.0
SAMPLE_SIZE = 6
RESERVOIR = 512
CLIP_SD = 2.5


def pair_key(a: str, b: str) -> str:
    return "|".join(sorted((a, b)))


@dataclass
class PairStats:
    """Welford running mean/variance of one language pair's background cosines."""

    n: int = 0
    mean: float = 0.0
    m2: float = 0.0

    def add(self, x: float) -> None:
        self.n += 1
        delta = x - self.mean
        self.mean += delta / self.n
        self.m2 += delta * (x - self.mean)


@dataclass
class Background:
    """Per-language-pair background of cosines; ``z`` turns a raw cosine into a standardised score."""

    pairs: dict[str, PairStats] = field(default_factory=dict)
    #: (story id, language, vector) of the last documents
    recent: deque[tuple[str, str, NDArray[np.float32]]] = field(default_factory=lambda: deque(maxlen=RESERVOIR))
    _cache: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict, repr=False)

    def mean_sd(self, a: str, b: str) -> tuple[float, float]:
        cached = self._cache.get((a, b))
        if cached is None:
            cached = self._cache[(a, b)] = self._mean_sd(a, b)
        return cached

    def _mean_sd(self, a: str, b: str) -> tuple[float, float]:
        mu0, sd0 = PRIOR_SAME if a == b else PRIOR_CROSS
        stats = self.pairs.get(pair_key(a, b))
        if stats is None or stats.n < 2:
            return mu0, sd0
        w = PRIOR_WEIGHT
        mean = (w * mu0 + stats.n * stats.mean) / (w + stats.n)
        var = (w * sd0**2 + stats.m2) / (w + stats.n - 1)
        return mean, max(math.sqrt(var), 0.01)

    def z(self, cosine: float, a: str, b: str) -> float:
        mean, sd = self.mean_sd(a, b)
        return (cosine - mean) / sd

    def observe(self, doc_id: str, language: str, vector: NDArray[np.float32], story_id: str) -> None:
        """Compare the new vector with a deterministic sample of earlier ones of other stories, then remember it."""
        self._cache.clear()
        if self.recent:
            rng = np.random.default_rng(zlib.crc32(doc_id.encode()))
            k = min(SAMPLE_SIZE, len(self.recent))
            for i in sorted(rng.choice(len(self.recent), size=k, replace=False)):
                other_story, other_lang, other = self.recent[int(i)]
                if other_story == story_id:
                    continue
                mean, sd = self._mean_sd(language, other_lang)
                stats = self.pairs.setdefault(pair_key(language, other_lang), PairStats())
                stats.add(min(float(vector @ other), mean + CLIP_SD * sd))
        self.recent.append((story_id, language, vector))


@dataclass
class Weights:
    """Linear score for "document joins story": join the best candidate when the score is above zero.

    The defaults are what ``evaluation/stories.py`` (``tune``: grid search, smoothed over neighbouring grid points)
    selects on the whole evaluation corpus; its cross-validated figures show how they fare on unseen stories.
    """

    bias: float = -4.5
    embedding: float = 1.0  # per standardised cosine (best member)
    entities: float = 4.0  # specificity-weighted share of the document's entity keys found in the story
    events: float = 2.0  # share of the document's event signatures found in the story (not tuned: too few events)
    time: float = 0.25  # per window of distance from the story's date range


@dataclass
class Config:
    weights: Weights = field(default_factory=Weights)
    base_window_days: float = 3.0  # time window of a one-day story
    spread_factor: float = 0.5  # the window grows with the story's spread ...
    max_window_days: float = 14.0  # ... up to this
    vector_candidates: int = 8  # nearest active stories by centroid
    recent_members: int = 12  # members a document is compared with
    copy_cosine_cross: float = 0.9  # a sentence pair aligned as translation (two languages) ...
    copy_cosine_same: float = 0.95  # ... or as reprint (one language: unrelated cosines run higher)
    copy_share: float = 0.6  # share of sentences with a mutual best match above the cosine
    copy_count_ratio: float = 0.6  # min/max sentence count
    copy_prefilter_z: float = 3.0  # only members this close (title+lead) are aligned sentence by sentence
    copy_window_days: int = 7
